using System.Net;
using EduGov.Domain.Organisation;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EduGov.Web.Tests.Security;

/// <summary>In Production the portal speaks only HTTPS: plain HTTP is redirected, HSTS is sent, every cookie is Secure.</summary>
public sealed class ProductionTransportTests(ProductionPortalFactory portal) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task PlainHttp_IsRedirectedToHttps()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login?returnUrl=%2Fplans");

        ((int)response.StatusCode).ShouldBeOneOf(307, 308);
        response.Headers.Location.ShouldBe(new Uri("https://localhost/account/login?returnUrl=%2Fplans"));
        SecurityHeadersTests.Missing(response).ShouldBeEmpty();
    }

    [Fact]
    public async Task OverHttps_HstsIsSent_ForAYear_WithSubdomains()
    {
        // ASP.NET never sends HSTS for localhost (so a developer's browser does not pin it): ask as the portal's own host.
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://edugov.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000; includeSubDomains");
        SecurityHeadersTests.Missing(response).ShouldBeEmpty();
    }

    [Fact]
    public async Task OverHttps_EveryCookie_IsSecure()
    {
        await portal.CreateAccountAsync("prodinspector", Role.Inspector);
        var client = portal.Anonymous();
        var cookies = new List<string>();

        var login = await client.GetAsync("/account/login"); // the anti-forgery cookie
        cookies.AddRange(login.Headers.GetValues("Set-Cookie"));
        var culture = await client.GetAsync("/culture/en-US?returnUrl=%2F"); // the culture cookie
        cookies.AddRange(culture.Headers.GetValues("Set-Cookie"));
        var signIn = await PortalFactory.PostLoginAsync(client, "prodinspector", "Strong@Pass1"); // the sign-in cookie
        PortalFactory.RedirectPath(signIn).ShouldBe("/");
        cookies.AddRange(signIn.Headers.GetValues("Set-Cookie"));

        cookies.ShouldContain(c => c.StartsWith(".AspNetCore.Antiforgery."));
        cookies.ShouldContain(c => c.StartsWith(".AspNetCore.Culture="));
        cookies.ShouldContain(c => c.StartsWith("EduGov.Auth="));
        cookies.ShouldAllBe(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }
}
