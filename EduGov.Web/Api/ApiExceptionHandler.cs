using EduGov.Domain.Common;
using EduGov.Infrastructure.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

/// <summary>
/// Turns the services' exceptions into HTTP answers: not found or out of scope 404, not allowed 403,
/// a broken rule 400 (409 for a concurrent edit) with the localised message.
/// </summary>
public sealed class ApiExceptionHandler(IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, message) = exception switch
        {
            NotFoundException => (StatusCodes.Status404NotFound, localizer["Error.NotFoundPage"].Value),
            ForbiddenException => (StatusCodes.Status403Forbidden, localizer["Error.Forbidden"].Value),
            UnauthorizedAccessException => (StatusCodes.Status401Unauthorized, localizer["Error.SignInRequired"].Value),
            DomainException { Code: ErrorCodes.ConcurrentEdit } d => (StatusCodes.Status409Conflict, localizer.Error(d)),
            DomainException d => (StatusCodes.Status400BadRequest, localizer.Error(d)),
            BadHttpRequestException bad => (bad.StatusCode, localizer["Error.BadRequest"].Value),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new { status, error = message, code = (exception as DomainException)?.Code }, ct);
        return true;
    }
}
