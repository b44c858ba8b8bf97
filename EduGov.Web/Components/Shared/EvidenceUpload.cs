using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using Microsoft.AspNetCore.Components.Forms;

namespace EduGov.Web.Components.Shared;

public static class EvidenceUpload
{
    /// <summary>
    /// What the browser's file picker offers: the kinds of file the store accepts. <c>image/*</c> and <c>application/pdf</c>
    /// come first, so that a phone offers to take a photo as well as to choose a file (no <c>capture</c>: the camera is offered, never forced);
    /// the store still checks each file's extension and content.
    /// </summary>
    public static string Accept { get; } = string.Join(',', ["image/*", "application/pdf", .. EvidenceFile.Extensions]);

    /// <summary>
    /// Stores a file chosen in the browser as evidence. The store refuses a wrong name or size before it reads a byte and
    /// reads no more than it accepts, so the browser stream needs no limit of its own (one would throw instead of saying why).
    /// </summary>
    public static async Task<EvidenceFile> AddAsync(this EvidenceStore store, AccessScope scope, EvidenceOwner owner, IBrowserFile file)
    {
        await using var stream = file.OpenReadStream(maxAllowedSize: long.MaxValue);
        return await store.AddAsync(scope, owner, file.Name, stream, file.Size);
    }
}
