using System.Security.Claims;
using EduGov.Domain.Identity;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Identity;
using EduGov.Web.Identity;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EduGov.Web.Tests.Identity;

/// <summary>An open page (a Blazor circuit) and its session: input is handled only while the session stands.</summary>
public sealed class SessionCircuitTests : IAsyncLifetime
{
    private readonly PortalContext _portal = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SessionEvents _events = new();
    private readonly IOptions<EduGovOptions> _options = Options.Create(new EduGovOptions());
    private SessionService _sessions = default!;
    private SessionAuthenticationStateProvider _authentication = default!;
    private SessionCircuitHandler _circuit = default!;
    private Func<CircuitInboundActivityContext, Task> _input = default!;
    private int _handled;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        var factory = _portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>();
        await using (var db = await factory.CreateDbContextAsync()) _userId = await db.Users.Where(u => u.UserName == "district").Select(u => u.Id).SingleAsync();
        _sessions = new SessionService(factory, _events, _options, _clock);
        var session = await _sessions.StartAsync(_userId, "test", null);
        _authentication = new SessionAuthenticationStateProvider(NullLoggerFactory.Instance, _portal.Services, _options);
        _authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, _userId), new Claim(ClaimTypes.Name, "district"), new Claim(ScopeClaims.SessionId, session.Id)], "test")))));
        _circuit = new SessionCircuitHandler(_authentication, _sessions, _events, _options, _clock);
        await _circuit.OnCircuitOpenedAsync(null!, CancellationToken.None);
        _input = _circuit.CreateInboundActivityHandler(_ => { _handled++; return Task.CompletedTask; });
    }

    public async Task DisposeAsync()
    {
        _circuit.Dispose();
        ((IDisposable)_authentication).Dispose();
        await _portal.DisposeAsync();
    }

    private async Task<bool> SignedInAsync() => (await _authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true;

    [Fact]
    public async Task Input_WhileTheSessionStands_IsHandled()
    {
        await _input(null!);
        _clock.Advance(TimeSpan.FromMinutes(29));
        await _input(null!);

        _handled.ShouldBe(2);
        (await SignedInAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Input_AfterThirtyIdleMinutes_IsNotHandledAndThePageIsSignedOut()
    {
        await _input(null!);
        _clock.Advance(TimeSpan.FromMinutes(31));
        await _input(null!);
        await _input(null!);

        _handled.ShouldBe(1);
        (await SignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task Input_AfterTheAccountIsLocked_IsNotHandled()
    {
        await _input(null!);
        await _sessions.EndAllAsync(_userId, SessionEnd.Locked, "admin");
        await _input(null!);

        _handled.ShouldBe(1);
        _circuit.Ended.ShouldBeTrue();
        (await SignedInAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task WorkOnThePage_KeepsTheSessionStandingForOtherRequests()
    {
        for (var minute = 0; minute < 60; minute += 10)
        {
            _clock.Advance(TimeSpan.FromMinutes(10));
            await _input(null!);
        }
        var session = (await _authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ScopeClaims.SessionId)!;

        (await _sessions.StandsAsync(session, _userId, activity: false)).ShouldBeTrue();
        _handled.ShouldBe(6);
    }
}
