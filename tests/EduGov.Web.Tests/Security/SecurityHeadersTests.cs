using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Organisation;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Security;

/// <summary>The security baseline's headers on every kind of answer: pages, API, downloads, static files, 404, 401, 403.</summary>
public sealed partial class SecurityHeadersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>The policy in full: a change to it is deliberate and shows here.</summary>
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                 + "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>What an answer lacks of the baseline's headers, one line each; empty when it carries them all.</summary>
    public static List<string> Missing(HttpResponseMessage response)
    {
        var missing = new List<string>();
        void Expect(string header, string value)
        {
            var values = response.Headers.TryGetValues(header, out var v) ? v.ToList() : [];
            if (values is not [var only] || only != value) missing.Add($"{header}: [{string.Join(" | ", values)}]");
        }
        Expect("Content-Security-Policy", Policy);
        Expect("X-Content-Type-Options", "nosniff");
        Expect("Referrer-Policy", "strict-origin-when-cross-origin");
        Expect("X-Frame-Options", "DENY");
        if (!response.Headers.TryGetValues("Permissions-Policy", out var permissions) || !permissions.Single().Contains("camera=()"))
            missing.Add("Permissions-Policy");
        if (response.Headers.Server.Count > 0) missing.Add($"Server: {response.Headers.Server}");
        return missing;
    }

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)] // a page
    [InlineData("/app.css", HttpStatusCode.OK)] // a static file
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)] // the framework's script
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/api/plans", HttpStatusCode.Unauthorized)]
    [InlineData("/api/plans/export.csv", HttpStatusCode.Unauthorized)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task SignedOut_TheAnswer_CarriesTheHeaders(string url, HttpStatusCode status)
    {
        var response = await portal.Anonymous().GetAsync(url);

        response.StatusCode.ShouldBe(status);
        Missing(response).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/")] // a page with the dashboard
    [InlineData("/coverage")] // a dashboard with charts
    [InlineData("/api/plans")]
    [InlineData("/api/plans/999999")] // the API's 404
    [InlineData("/api/plans/export.csv")] // a download
    [InlineData("/api/plans/export.xlsx")]
    [InlineData("/plans/999999")] // a page's not-found state
    public async Task SignedIn_TheAnswer_CarriesTheHeaders(string url)
    {
        var client = await portal.SignedInAsync("commission");

        var response = await client.GetAsync(url);

        ((int)response.StatusCode).ShouldBeLessThan(500);
        Missing(response).ShouldBeEmpty();
    }

    [Fact]
    public async Task Api403_ForAnAccountWithoutItsSecondFactor_CarriesTheHeaders()
    {
        var client = await NewCommissionAccountAsync();

        var response = await client.GetAsync("/api/plans");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Missing(response).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheTwoFactorSetupPage_ShowsItsQrCodeAsDataPng_WhichThePolicyAllows()
    {
        var client = await NewCommissionAccountAsync();

        var response = await client.GetAsync("/account/2fa/setup");

        (await response.Content.ReadAsStringAsync()).ShouldContain("src=\"data:image/png;base64,");
        Missing(response).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    public async Task APage_HasNoInlineScript_SoScriptSrcSelfIsEnough(string url)
    {
        var client = await portal.SignedInAsync("district");

        var html = await client.GetStringAsync(url);

        ScriptTag().Matches(html).Select(m => m.Value).Where(tag => !tag.Contains("src=")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Development_ServesPlainHttp_WithoutHstsOrSecureCookies()
    {
        var response = await portal.Anonymous().GetAsync("/account/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
        response.Headers.GetValues("Set-Cookie").ShouldAllBe(cookie => !cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<HttpClient> NewCommissionAccountAsync()
    {
        var userName = $"new{Guid.NewGuid():N}"[..12];
        await portal.CreateAccountAsync(userName, Role.Commission);
        var client = portal.Anonymous();
        (await PortalFactory.PostLoginAsync(client, userName, "Strong@Pass1")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
