using System.Security.Claims;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Identity;

/// <summary>
/// An open page's hold on its session. Every input from the browser counts as activity (written down once a minute);
/// once the session has ended (signed out, locked, changed, or idle for the timeout) the page's input is no longer
/// handled, so nothing is read or written any more, and the page is sent to sign in.
/// </summary>
public sealed class SessionCircuitHandler(
    AuthenticationStateProvider authentication, SessionService sessions, SessionEvents events, IOptions<EduGovOptions> options, TimeProvider clock)
    : CircuitHandler, IDisposable
{
    private string? _sessionId;
    private string? _userId;
    private DateTime _lastInput;
    private DateTime _lastWritten;
    private volatile bool _ended;

    public bool Ended => _ended;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        _sessionId = user.FindFirstValue(ScopeClaims.SessionId);
        _userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        _lastInput = _lastWritten = clock.GetUtcNow().UtcDateTime;
        events.Ended += OnEnded;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (await StandsAsync()) await next(context);
        };

    private async Task<bool> StandsAsync()
    {
        if (_ended) return false;
        if (_sessionId is null || _userId is null) return true; // a page open to anyone (not found, access denied)
        var now = clock.GetUtcNow().UtcDateTime;
        // Idle on this page: the session may still stand through another tab, so the server is asked.
        var mustAsk = now - _lastInput >= options.Value.Sessions.IdleTimeout || now - _lastWritten >= Domain.Identity.SessionRules.TouchEvery;
        _lastInput = now;
        if (!mustAsk) return true;
        _lastWritten = now;
        if (await sessions.StandsAsync(_sessionId, _userId, activity: true)) return true;
        End();
        return false;
    }

    private void OnEnded(IReadOnlyCollection<string> sessionIds)
    {
        if (_sessionId is not null && sessionIds.Contains(_sessionId)) End();
    }

    /// <summary>The page now belongs to no one: its authorised views give way to the sign-in redirect.</summary>
    public void End()
    {
        if (_ended) return;
        _ended = true;
        if (authentication is SessionAuthenticationStateProvider provider) provider.SignOut();
    }

    public void Dispose() => events.Ended -= OnEnded;
}
