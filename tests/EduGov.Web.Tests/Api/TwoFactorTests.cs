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

namespace EduGov.Web.Tests.Api;

/// <summary>The second factor of admin and commission accounts, through the real sign-in pages and cookies.</summary>
public sealed partial class TwoFactorTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Commission_ThePasswordAlone_OpensNothing_ThenTheCodeSignsIn()
    {
        var client = portal.Anonymous();

        var password = await PortalFactory.PostLoginAsync(client, "commission", "Demo@12345");
        PortalFactory.RedirectPath(password).ShouldStartWith("/account/2fa");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var wrong = await PortalFactory.PostFormAsync(client, "/account/2fa", "two-factor", new() { ["Input.Code"] = "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("验证码不正确");

        var right = await PortalFactory.PostFormAsync(client, "/account/2fa", "two-factor", new() { ["Input.Code"] = await portal.Authenticator.NextCodeAsync("commission") });
        PortalFactory.RedirectPath(right).ShouldBe("/");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ACodeWithoutThePasswordStep_SignsNobodyIn()
    {
        var client = portal.Anonymous();
        var response = await PortalFactory.PostFormAsync(client, "/account/2fa", "two-factor", new() { ["Input.Code"] = await portal.Authenticator.NextCodeAsync("admin") });
        (await response.Content.ReadAsStringAsync()).ShouldContain("验证码不正确");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ANewCommissionAccount_SetsUpItsAuthenticator_BeforeAnythingElse()
    {
        await CreateCommissionAccountAsync("newcommission");
        var client = portal.Anonymous();
        (await PortalFactory.PostLoginAsync(client, "newcommission", "Strong@Pass1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        PortalFactory.RedirectPath(await client.GetAsync("/plans")).ShouldBe("/account/2fa/setup");
        var api = await client.GetAsync("/api/plans");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden, api.Headers.Location?.ToString());

        var setup = await client.GetStringAsync("/account/2fa/setup");
        setup.ShouldContain("data:image/png;base64,");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        var wrong = await PortalFactory.PostFormAsync(client, "/account/2fa/setup", "two-factor-setup", new() { ["Input.Code"] = "123456" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("验证码不正确");

        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        var enabled = await PortalFactory.PostFormAsync(client, "/account/2fa/setup", "two-factor-setup", new() { ["Input.Code"] = code });
        PortalFactory.RedirectPath(enabled).ShouldBe("/");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        (await users.FindByNameAsync("newcommission"))!.TwoFactorEnabled.ShouldBeTrue();
        var again = portal.Anonymous();
        PortalFactory.RedirectPath(await PortalFactory.PostLoginAsync(again, "newcommission", "Strong@Pass1")).ShouldStartWith("/account/2fa");
    }

    [Fact]
    public async Task District_SignsInWithThePassword_NoSecondFactorAsked()
    {
        var response = await PortalFactory.PostLoginAsync(portal.Anonymous(), "district", "Demo@12345");
        PortalFactory.RedirectPath(response).ShouldBe("/");
    }

    private async Task CreateCommissionAccountAsync(string userName)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduGovDbContext>();
        var city = await db.OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = "新市教委账号", Role = Role.Commission, OrgUnitId = city, LockoutEnabled = true },
            "Strong@Pass1");
        result.Succeeded.ShouldBeTrue();
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();
}
