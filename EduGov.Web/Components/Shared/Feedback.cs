using EduGov.Domain.Common;
using EduGov.Infrastructure.Common;
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
}
