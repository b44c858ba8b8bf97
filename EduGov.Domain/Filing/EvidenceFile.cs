using EduGov.Domain.Common;

namespace EduGov.Domain.Filing;

/// <summary>A file attached as evidence to a school's filing, a programme application, the fix of a security finding or the answer to a rectification item; the bytes live outside the web root.</summary>
public sealed class EvidenceFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Allowed extensions and the bytes a real file of that kind starts with.</summary>
    public static readonly IReadOnlyDictionary<string, byte[][]> Signatures = new Dictionary<string, byte[][]>
    {
        [".pdf"] = [[0x25, 0x50, 0x44, 0x46]],
        [".png"] = [[0x89, 0x50, 0x4E, 0x47]],
        [".jpg"] = [[0xFF, 0xD8, 0xFF]],
        [".jpeg"] = [[0xFF, 0xD8, 0xFF]],
        [".docx"] = [[0x50, 0x4B, 0x03, 0x04]],
        [".xlsx"] = [[0x50, 0x4B, 0x03, 0x04]],
    };

    private EvidenceFile() { }

    public int Id { get; private set; }
    public int? FilingId { get; private set; }
    public int? ApplicationId { get; private set; }
    public int? RemediationItemId { get; private set; }
    public int? RectificationItemId { get; private set; }
    public string FileName { get; private set; } = "";
    public string StoredName { get; private set; } = "";
    public long Size { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>Checks name, size and the first bytes against the extension; the caller stores the bytes under <see cref="StoredName"/>.</summary>
    public static EvidenceFile Accept(EvidenceOwner owner, string fileName, ReadOnlySpan<byte> head, long size, string by, DateTime atUtc)
    {
        var name = Path.GetFileName(Guard.Required(fileName, 200, "FileName"));
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Signatures.TryGetValue(extension, out var signatures)) throw new DomainException(ErrorCodes.FileTypeNotAllowed, extension);
        if (size is <= 0 or > MaxBytes) throw new DomainException(ErrorCodes.FileTooLarge, MaxBytes / 1024 / 1024);
        var headBytes = head.ToArray();
        if (!signatures.Any(s => headBytes.AsSpan().StartsWith(s))) throw new DomainException(ErrorCodes.FileContentMismatch, extension);
        return new EvidenceFile
        {
            FilingId = owner.FilingId, ApplicationId = owner.ApplicationId, RemediationItemId = owner.RemediationItemId,
            RectificationItemId = owner.RectificationItemId, FileName = name, StoredName = $"{Guid.NewGuid():N}{extension}", Size = size, UploadedBy = by, UploadedAtUtc = atUtc,
        };
    }

    public EvidenceOwner Owner => new(FilingId, ApplicationId, RemediationItemId, RectificationItemId);
}

/// <summary>What a piece of evidence belongs to: a filing, an application, a remediation item or a rectification item, exactly one.</summary>
public sealed record EvidenceOwner(int? FilingId, int? ApplicationId, int? RemediationItemId, int? RectificationItemId)
{
    public static EvidenceOwner Filing(int id) => new(id, null, null, null);
    public static EvidenceOwner Application(int id) => new(null, id, null, null);
    public static EvidenceOwner Remediation(int id) => new(null, null, id, null);
    public static EvidenceOwner Rectification(int id) => new(null, null, null, id);
}
