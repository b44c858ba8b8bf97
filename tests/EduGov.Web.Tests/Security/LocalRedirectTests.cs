using System.Net;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Security;

/// <summary>A return URL is followed only when it is a path of this site; anything else goes home, and nothing answers 500.</summary>
public sealed class LocalRedirectTests(KestrelPortalFactory portal) : IClassFixture<KestrelPortalFactory>
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/plans/3/progress?year=2026#top", "/plans/3/progress?year=2026#top")]
    [InlineData("~/plans", "/plans")]
    [InlineData("/计划", "/%E8%AE%A1%E5%88%92")] // Kestrel refuses a non-ASCII header: sent percent-encoded
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("~//evil.example", "/")]
    [InlineData("~/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData("plans", "/")]
    public void OrHome_FollowsOnlyAPathOfThisSite(string? url, string expected) => LocalUrl.OrHome(url).ShouldBe(expected);

    [Fact]
    public void OrHome_RefusesControlCharacters() =>
        new[] { "/plans\r\nSet-Cookie: x=1", "/plans\0", "/\tevil", "~/plans\u0085" }.Select(LocalUrl.OrHome).ShouldAllBe(url => url == "/");

    [Theory]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("/%0D%0ASet-Cookie:%20x=1", "/")]
    [InlineData("/%E8%AE%A1%E5%88%92", "/%E8%AE%A1%E5%88%92")]
    [InlineData("/plans%3Fyear%3D2026", "/plans?year=2026")]
    public async Task TheCultureSwitch_GoesBackOnlyToALocalPath(string returnUrl, string expected)
    {
        var response = await portal.Anonymous().GetAsync($"/culture/en-US?returnUrl={returnUrl}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(expected);
    }

    [Theory]
    [InlineData("%2F%5Cevil.example", "/")]
    [InlineData("%2F%2Fevil.example", "/")]
    [InlineData("%2Fplans", "/plans")]
    public async Task SignIn_GoesBackOnlyToALocalPath(string returnUrl, string expected)
    {
        var client = portal.Anonymous();

        var response = await PortalFactory.PostFormAsync(client, $"/account/login?ReturnUrl={returnUrl}", "login",
            new() { ["Input.UserName"] = "district", ["Input.Password"] = "Demo@12345" });

        Landing(response).ShouldBe(expected);
    }

    [Theory]
    [InlineData("%2F%5Cevil.example", "/")]
    [InlineData("%2Fplans", "/plans")]
    public async Task TheSecondFactor_GoesBackOnlyToALocalPath(string returnUrl, string expected)
    {
        var client = portal.Anonymous();
        (await PortalFactory.PostLoginAsync(client, "commission", "Demo@12345")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await PortalFactory.PostFormAsync(client, $"/account/2fa?ReturnUrl={returnUrl}", "two-factor",
            new() { ["Input.Code"] = await portal.Authenticator.NextCodeAsync("commission") });

        Landing(response).ShouldBe(expected);
    }

    /// <summary>Where a redirect sends the browser: its path when it stays on this site, the whole URL when it leaves.</summary>
    private string Landing(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var to = new Uri(portal.ClientOptions.BaseAddress, response.Headers.Location!);
        return to.Authority == portal.ClientOptions.BaseAddress.Authority ? to.PathAndQuery : to.ToString();
    }
}
