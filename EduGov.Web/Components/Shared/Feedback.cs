using EduGov.Domain.Common;
using EduGov.Infrastructure.Common;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Shared;

public static class Feedback
{
    /// <summary>
    /// Runs a service call and turns a refusal into the message a user can act on; returns null when it succeeded.
    /// Nothing is saved when a call throws, so the form can stay open with what the user typed.
    /// </summary>
    public static async Task<string?> TryAsync(this IStringLocalizer localizer, Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (DomainException e)
        {
            return localizer.Error(e);
        }
        catch (ForbiddenException)
        {
            return localizer["Error.Forbidden"];
        }
        catch (NotFoundException)
        {
            return localizer["Error.NotFoundPage"];
        }
    }

    /// <summary>
    /// <see cref="TryAsync"/> for a file the user chose: a parser, the disk or the upload can fail in ways no rule
    /// foresaw. Such a failure is logged with the user and the file, told as 文件无法读取 with what can be said of it, and
    /// the page stays usable (nothing was written: every store and import writes only at its end).
    /// </summary>
    public static async Task<string?> TryUploadAsync(this IStringLocalizer localizer, ILogger log, string? user, IBrowserFile file, Func<Task> action)
    {
        try
        {
            return await localizer.TryAsync(action);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Upload of {FileName} ({Size} bytes) by {User} failed", file.Name, file.Size, user);
            return localizer["Upload.Unreadable", e is IOException ? localizer["Upload.Broken"] : localizer["Upload.CannotParse"]];
        }
    }
}
