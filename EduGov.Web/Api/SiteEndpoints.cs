using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Identity;
using EduGov.Web.Operations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;

namespace EduGov.Web.Api;

public static class SiteEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST with the anti-forgery token of the portal's own sign-out button: a form on another site signs no one out.
        app.MapPost("/account/logout", async (HttpContext http, AccountService accounts, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await accounts.SignOutAsync(http.User);
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();

        // The language switch: remembers the choice in the culture cookie and reloads the page the user was on.
        app.MapGet("/culture/{culture}", (HttpContext http, string culture, string? returnUrl) =>
        {
            if (!Cultures.Supported.Contains(culture)) return Results.BadRequest();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        });
    }

    /// <summary>
    /// For a load balancer, "ok" (200) or "unhealthy" (503) and nothing more; for an administrator or the monitoring token
    /// (<see cref="Monitoring.MayWatch"/>) the same status with what was checked, as JSON.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", async (HttpContext http, HealthService health, CancellationToken ct) =>
        {
            var details = Monitoring.MayWatch(http);
            var report = await health.CheckAsync(withJobs: details, ct);
            var status = report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            if (!details) return Results.Text(report.Healthy ? "ok" : "unhealthy", "text/plain", statusCode: status);
            return Results.Json(new
            {
                status = report.Healthy ? "healthy" : "unhealthy", database = report.Database, scheduler = report.Scheduler, audit = report.Audit,
                disk = report.Disk, jobs = report.Jobs,
            }, statusCode: status);
        }).AllowAnonymous();
}
