using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Identity;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace EduGov.Web.Tests.Identity;

/// <summary>Sessions on the server, through the real pipeline: a cookie opens nothing once its session has ended.</summary>
public sealed partial class SessionTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly AccessScope Admin = new("admin", Role.Admin, null);

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = portal.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<T> AsAdminAsync<T>(Func<UserAdminService, Task<T>> act)
    {
        using var scope = portal.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    private async Task AsAdminAsync(Func<UserAdminService, Task> act) => await AsAdminAsync(async users => { await act(users); return 0; });

    private async Task<string> NewAccountAsync(string userName, Role role, string unitCode)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduGovDbContext>();
        var unit = await db.OrgUnits.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(Admin, new CreateUser(userName, "测试账号", role, unit, "Strong@Pass1"));
        return await UserIdAsync(userName);
    }

    private async Task UpdateAccountAsync(string id, string displayName, string districtCode)
    {
        using var scope = portal.Services.CreateScope();
        var unit = await scope.ServiceProvider.GetRequiredService<EduGovDbContext>().OrgUnits.Where(u => u.Code == districtCode).Select(u => u.Id).SingleAsync();
        await scope.ServiceProvider.GetRequiredService<UserAdminService>().UpdateAsync(Admin, id, new UpdateUser(displayName, Role.District, unit));
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = portal.Anonymous();
        PortalFactory.RedirectPath(await PortalFactory.PostLoginAsync(client, userName, "Strong@Pass1")).ShouldBe("/");
        return client;
    }

    [Fact]
    public async Task SignOut_TheCookieCopiedBefore_OpensNothing()
    {
        var client = await portal.SignedInAsync("district");
        var cookie = await PortalFactory.CookieHeaderAsync(client);
        (await portal.WithCookieHeader(cookie).GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        PortalFactory.RedirectPath(await PortalFactory.SignOutAsync(client)).ShouldBe("/account/login");

        var replayed = portal.WithCookieHeader(cookie);
        (await replayed.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        PortalFactory.RedirectPath(await replayed.GetAsync("/plans")).ShouldStartWith("/account/login");
        (await replayed.GetAsync("/api/plans/export.csv")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignOut_WithoutTheAntiforgeryToken_IsRefusedAndSignsNobodyOut()
    {
        var client = await portal.SignedInAsync("principal");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lock_EndsTheAccountsSessionsAtOnce()
    {
        var id = await NewAccountAsync("lockme", Role.District, "500105");
        var client = await SignedInAsync("lockme");
        var cookie = await PortalFactory.CookieHeaderAsync(client);

        await AsAdminAsync(users => users.SetLockedAsync(Admin, id, locked: true));

        (await portal.WithCookieHeader(cookie).GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == "EndSessions" && a.EntityId == id && a.Actor == "admin")).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangingTheRoleOrUnit_EndsTheAccountsSessions()
    {
        var id = await NewAccountAsync("moveme", Role.District, "500105");
        var client = await SignedInAsync("moveme");
        await UpdateAccountAsync(id, "调走的账号", "500106");

        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ChangingOnlyTheDisplayName_KeepsTheSessions()
    {
        var id = await NewAccountAsync("renameme", Role.District, "500105");
        var client = await SignedInAsync("renameme");
        await UpdateAccountAsync(id, "改名的账号", "500105");

        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ANewPassword_EndsTheAccountsSessions()
    {
        var id = await NewAccountAsync("resetme", Role.Principal, "5001030001");
        var client = await SignedInAsync("resetme");

        await AsAdminAsync(users => users.ResetPasswordAsync(Admin, id, "Another@Pass2"));

        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownWrongAndLockedAccounts_AnswerAlike()
    {
        var id = await NewAccountAsync("lockedname", Role.District, "500105");
        await AsAdminAsync(users => users.SetLockedAsync(Admin, id, locked: true));

        var unknown = await ErrorOfAsync("nosuchname", "Demo@12345");
        var wrong = await ErrorOfAsync("district", "Wrong@12345");
        var locked = await ErrorOfAsync("lockedname", "Strong@Pass1");

        unknown.ShouldNotBeEmpty();
        wrong.ShouldBe(unknown);
        locked.ShouldBe(unknown);
    }

    private async Task<string> ErrorOfAsync(string userName, string password)
    {
        var response = await PortalFactory.PostLoginAsync(portal.Anonymous(), userName, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return LoginError().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    [Fact]
    public async Task AnAccountThatMustSetUpTwoFactor_ReachesOnlyTheSetUpPage_DownloadsIncluded()
    {
        await NewAccountAsync("pending2fa", Role.Commission, "500000");
        var client = await SignedInToSetUpAsync("pending2fa");

        foreach (var download in new[] { "/api/plans/export.csv", "/api/plans/export.xlsx" })
            (await client.GetAsync(download)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, download);
        foreach (var download in new[] { "/security/register.xlsx", "/programmes/1/designations.xlsx", "/documents/1.pdf", "/training/short/1.csv?unit=1", "/files/evidence/1", "/plans" })
            PortalFactory.RedirectPath(await client.GetAsync(download)).ShouldBe("/account/2fa/setup", download);
        (await client.GetAsync("/account/2fa/setup")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/app.css")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpClient> SignedInToSetUpAsync(string userName)
    {
        var client = portal.Anonymous();
        PortalFactory.RedirectPath(await PortalFactory.PostLoginAsync(client, userName, "Strong@Pass1")).ShouldBe("/");
        return client;
    }

    [Fact]
    public async Task AnEnabledAuthenticator_IsNeverShownAgain_AndChangingItNeedsACurrentCode()
    {
        await NewAccountAsync("changer", Role.Commission, "500000");
        var client = await SignedInToSetUpAsync("changer");
        var firstKey = Key(await client.GetStringAsync("/account/2fa/setup"));
        var first = new Totp(Base32Encoding.ToBytes(firstKey));
        var now = DateTime.UtcNow;
        var enabling = first.ComputeTotp(now);
        PortalFactory.RedirectPath(await PostSetUpAsync(client, enabling)).ShouldBe("/");

        var enabled = await client.GetStringAsync("/account/2fa/setup");
        enabled.ShouldContain("two-factor-on");
        enabled.ShouldNotContain("authenticator-key");
        enabled.ShouldNotContain("data:image/png");

        // The code just used to turn it on is spent: a change needs the next one.
        (await (await PostSetUpAsync(client, enabling)).Content.ReadAsStringAsync()).ShouldContain("code-error");
        var next = first.ComputeTotp(now.AddSeconds(30));
        var started = await (await PostSetUpAsync(client, next)).Content.ReadAsStringAsync();
        var secondKey = Key(started);
        secondKey.ShouldNotBe(firstKey);

        var confirmed = await (await PostSetUpAsync(client, new Totp(Base32Encoding.ToBytes(secondKey)).ComputeTotp())).Content.ReadAsStringAsync();
        confirmed.ShouldContain("setup-done");
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync("changer"))!)).ShouldBe(secondKey);
    }

    private static Task<HttpResponseMessage> PostSetUpAsync(HttpClient client, string code) =>
        PortalFactory.PostFormAsync(client, "/account/2fa/setup", "two-factor-setup", new() { ["Input.Code"] = code });

    private static string Key(string page) => KeyPattern().Match(page).Groups[1].Value.Replace(" ", "").ToUpperInvariant();

    [Fact]
    public async Task ACode_OpensOneSignInOnly()
    {
        var code = await portal.Authenticator.NextCodeAsync("commission");
        var first = portal.Anonymous();
        var second = portal.Anonymous();
        await PortalFactory.PostLoginAsync(first, "commission", "Demo@12345");
        await PortalFactory.PostLoginAsync(second, "commission", "Demo@12345");

        PortalFactory.RedirectPath(await PortalFactory.PostFormAsync(first, "/account/2fa", "two-factor", new() { ["Input.Code"] = code })).ShouldBe("/");
        var replay = await PortalFactory.PostFormAsync(second, "/account/2fa", "two-factor", new() { ["Input.Code"] = code });

        (await replay.Content.ReadAsStringAsync()).ShouldContain("验证码不正确");
        (await second.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("id=\"login-error\"[^>]*>(?:<[^>]+>)*([^<]+)<")]
    private static partial Regex LoginError();
}

/// <summary>A portal whose sessions run out after two seconds without activity.</summary>
public sealed class ShortSessionPortal : PortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["EduGov:Sessions:IdleTimeout"] = "00:00:02",
    };
}

public sealed class IdleSessionTests(ShortSessionPortal portal) : IClassFixture<ShortSessionPortal>
{
    [Fact]
    public async Task ASessionIdleForTheTimeout_OpensNothing()
    {
        var client = await portal.SignedInAsync("district");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
