using System.Security.Claims;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Identity;

/// <summary>
/// The sign-in cookie names a server-side session (<see cref="SessionService"/>): a session starts at each sign-in, every
/// request asks whether it still stands (and counts as activity), and every open page asks too (<see cref="SessionCircuitHandler"/>,
/// <see cref="SessionAuthenticationStateProvider"/>). Sign-out, a lock, a change to the account or 30 minutes without
/// activity end it, and the cookie then opens nothing.
/// </summary>
public static class ServerSessions
{
    public static IServiceCollection AddServerSessions(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<EduGovOptions>>((cookie, options) =>
        {
            // The session on the server decides when it is over (idle or absolute); the cookie only lives as long.
            cookie.ExpireTimeSpan = options.Value.Sessions.AbsoluteTimeout;
            cookie.SlidingExpiration = false;
            cookie.Events.OnSigningIn = StartAsync;
            cookie.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddScoped<SessionCircuitHandler>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<SessionCircuitHandler>());
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        return services;
    }

    private static async Task StartAsync(CookieSigningInContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        // A new cookie for the same browser (the second factor just turned on) replaces its session.
        if (context.HttpContext.User.FindFirstValue(ScopeClaims.SessionId) is { } replaced)
            await sessions.EndAsync(replaced, Domain.Identity.SessionEnd.Replaced);
        var userId = context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var request = context.HttpContext.Request;
        var session = await sessions.StartAsync(userId, request.Headers.UserAgent.ToString(), context.HttpContext.Connection.RemoteIpAddress?.ToString());
        ((ClaimsIdentity)context.Principal!.Identity!).AddClaim(new Claim(ScopeClaims.SessionId, session.Id));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        if (context.Principal?.FindFirstValue(ScopeClaims.SessionId) is { } session
            && context.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await sessions.StandsAsync(session, userId, activity: true, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
