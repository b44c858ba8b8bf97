using System.Security.Claims;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Identity;

/// <summary>
/// An open page asks every <see cref="SessionOptions.RevalidationInterval"/> whether its session still stands, so a
/// session ended on another instance, or run out while the page sat idle, closes the page too.
/// </summary>
public sealed class SessionAuthenticationStateProvider(ILoggerFactory logging, IServiceProvider services, IOptions<EduGovOptions> options)
    : RevalidatingServerAuthenticationStateProvider(logging)
{
    protected override TimeSpan RevalidationInterval => options.Value.Sessions.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (state.User.Identity?.IsAuthenticated != true) return true;
        if (services.GetRequiredService<SessionCircuitHandler>().Ended) return false;
        return state.User.FindFirstValue(ScopeClaims.SessionId) is { } session && state.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await services.GetRequiredService<SessionService>().StandsAsync(session, userId, activity: false, cancellationToken);
    }

    public void SignOut() => SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
}
