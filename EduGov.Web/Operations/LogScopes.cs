using System.Security.Claims;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace EduGov.Web.Operations;

/// <summary>
/// Who a log line was written for. A request's lines already carry its RequestId and TraceId (ASP.NET Core's own scope);
/// these scopes add the signed-in user and the code of their unit, and an open page's lines its circuit, so the JSON log
/// of one person's work can be followed. Names and codes only: never a cookie, token or claim value beyond them.
/// </summary>
public static class LogScopes
{
    public static IDisposable? ForUser(this ILogger logger, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? logger.BeginScope("{UserName} of {UnitCode}", user.Identity.Name, UnitCode(user)) : null;

    /// <summary>The last code of the unit's path ("/500000/500103/" → 500103); none for an account of no unit (the administrator).</summary>
    private static string? UnitCode(ClaimsPrincipal user) =>
        user.FindFirstValue(ScopeClaims.OrgPath)?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    /// <summary>Every request after sign-in is known, logged under its user.</summary>
    public static IApplicationBuilder UseUserLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("EduGov.Requests");
        return app.Use(async (http, next) =>
        {
            using var scope = logger.ForUser(http.User);
            await next(http);
        });
    }
}

/// <summary>
/// An open page's work (its events, the renders they cause) arrives over the circuit, not as requests: it is logged under
/// the circuit's id and the user the page was opened for.
/// </summary>
public sealed class CircuitLogScope(AuthenticationStateProvider authentication, ILogger<CircuitLogScope> logger) : CircuitHandler
{
    private ClaimsPrincipal _user = new();

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        _user = (await authentication.GetAuthenticationStateAsync()).User;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using var circuit = logger.BeginScope("Circuit {CircuitId}", context.Circuit.Id);
            using var user = logger.ForUser(_user);
            await next(context);
        };
}
