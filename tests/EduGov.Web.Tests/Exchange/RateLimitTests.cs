using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Exchange;

/// <summary>A portal that lets each API client make three calls a minute.</summary>
public sealed class ThreeCallsAMinutePortal : PortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["EduGov:Api:RequestsPerMinute"] = "3" };
}

public sealed class RateLimitTests(ThreeCallsAMinutePortal portal) : IClassFixture<ThreeCallsAMinutePortal>
{
    [Fact]
    public async Task Call_BeyondTheClientsLimit_Is429_WithRetryAfter_AndOtherClientsGoOn()
    {
        var (name, busy) = await portal.CreateAsync("500000");
        var (_, other) = await portal.CreateAsync("500000");
        for (var i = 0; i < 3; i++)
            (await busy.GetAsync("/api/exchange/org-units?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await busy.GetAsync("/api/exchange/org-units?pageSize=1");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!.ShouldContain("Too many requests");
        (await other.GetAsync("/api/exchange/org-units?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.LastAuditAsync($"api:{name}", "ApiRead")).Details.ShouldEndWith("→ 200");
    }

    [Fact]
    public async Task Browser_WithTheCookie_IsNotLimited()
    {
        var browser = await portal.SignedInAsync("district");

        for (var i = 0; i < 5; i++)
            (await browser.GetAsync("/api/exchange/org-units?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
