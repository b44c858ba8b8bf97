using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Exchange;

/// <summary>The exchange API through the real portal, called as other platforms call it: with an API client's bearer token.</summary>
public sealed class ExchangeApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>Each list, with the property of its rows that names their unit.</summary>
    public static readonly (string Path, string UnitProperty)[] Lists =
    [
        ("/api/exchange/org-units", "code"),
        ("/api/exchange/indicator-values", "orgUnitCode"),
        ("/api/exchange/filings", "schoolCode"),
        ("/api/exchange/training-compliance", "schoolCode"),
        ("/api/exchange/security/items", "unitCode"),
        ("/api/exchange/inspections", "unitCode"),
        ("/api/exchange/rectifications", "unitCode"),
    ];

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    [Theory]
    [InlineData("500000", null)]                              // 市教委 of 重庆市
    [InlineData(DemoUsers.DistrictCode, null)]                // 渝中区教委
    [InlineData(DemoUsers.PrincipalSchoolCode, null)]         // a school
    [InlineData(DemoUsers.DistrictCode, Role.Inspector)]      // an inspector's region
    public async Task EveryList_EachScope_IsPagedById_AndHoldsOnlyUnitsInScope(string unit, Role? role)
    {
        var (_, http) = await portal.CreateAsync(unit, role: role);
        var inScope = await portal.CodesUnderAsync(unit);

        foreach (var (path, unitProperty) in Lists)
        {
            var first = await OkJsonAsync(await http.GetAsync($"{path}?pageSize=2"));
            var all = await OkJsonAsync(await http.GetAsync($"{path}?pageSize=1000"));

            (first.GetProperty("page").GetInt32(), first.GetProperty("pageSize").GetInt32()).ShouldBe((1, 2));
            first.GetProperty("total").GetInt32().ShouldBe(all.GetProperty("total").GetInt32(), path);
            Items(first).Count().ShouldBe(Math.Min(2, all.GetProperty("total").GetInt32()), path);
            Items(all).Select(i => i.GetProperty("id").GetInt32()).ShouldBeInOrder(SortDirection.Ascending, path);
            Items(all).ShouldAllBe(i => inScope.Contains(i.GetProperty(unitProperty).GetString()!), path);
            if (all.GetProperty("total").GetInt32() > 2)
            {
                var second = await OkJsonAsync(await http.GetAsync($"{path}?page=2&pageSize=2"));
                Items(second).First().GetProperty("id").GetInt32().ShouldBeGreaterThan(Items(first).Last().GetProperty("id").GetInt32(), path);
            }
        }
        var summary = await OkJsonAsync(await http.GetAsync($"/api/exchange/security/summary?unit={unit}&pageSize=2"));
        summary.GetProperty("unit").GetProperty("code").GetString().ShouldBe(unit);
        Items(summary.GetProperty("children")).ShouldAllBe(c => inScope.Contains(c.GetProperty("code").GetString()!));
    }

    [Fact]
    public async Task OrgUnits_DistrictClient_SeesItsDistrictOnly_AndAnotherDistrictIsAnUnknownUnit()
    {
        var (_, http) = await portal.CreateAsync(DemoUsers.DistrictCode, ApiPermissions.OrgUnits);

        var units = await OkJsonAsync(await http.GetAsync("/api/exchange/org-units?pageSize=1000"));
        var other = await http.GetAsync("/api/exchange/org-units?unit=500105");

        units.GetProperty("total").GetInt32().ShouldBe((await portal.CodesUnderAsync(DemoUsers.DistrictCode)).Count);
        Items(units).ShouldNotContain(u => u.GetProperty("code").GetString() == "500000");
        (await ProblemAsync(other, HttpStatusCode.BadRequest)).GetProperty("title").GetString()!.ShouldContain("500105");
    }

    [Fact]
    public async Task IndicatorValues_UpdatedSince_AnswersOnlyTheValuesRecordedLater()
    {
        var (_, http) = await portal.CreateAsync(DemoUsers.DistrictCode, ApiPermissions.Values);
        var school = $"/api/exchange/indicator-values?unit={DemoUsers.PrincipalSchoolCode}&pageSize=1000";
        var all = Items(await OkJsonAsync(await http.GetAsync(school))).ToList();
        var times = all.Select(v => v.GetProperty("updatedAtUtc").GetDateTime()).Distinct().Order().ToList();
        times.ShouldAllBe(t => t.Kind == DateTimeKind.Utc);
        var since = times[times.Count / 2];

        var later = await OkJsonAsync(await http.GetAsync($"{school}&updatedSince={Uri.EscapeDataString(since.ToString("O"))}"));

        Items(later).Select(v => v.GetProperty("id").GetInt32())
            .ShouldBe(all.Where(v => v.GetProperty("updatedAtUtc").GetDateTime() > since).Select(v => v.GetProperty("id").GetInt32()));
        Items(later).Count().ShouldBeLessThan(all.Count);
    }

    [Fact]
    public async Task IndicatorValues_SourcesLink_OpensWhereTheValueCameFrom_WithTheSameToken()
    {
        var (_, http) = await portal.CreateAsync(DemoUsers.DistrictCode, ApiPermissions.Values);
        var value = Items(await OkJsonAsync(await http.GetAsync($"/api/exchange/indicator-values?unit={DemoUsers.DistrictCode}&pageSize=1"))).Single();

        var sources = await OkJsonAsync(await http.GetAsync(value.GetProperty("sources").GetString()));

        sources.GetProperty("value").GetDecimal().ShouldBe(value.GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("/api/exchange/org-units?pageSize=0", "pageSize")]
    [InlineData("/api/exchange/org-units?pageSize=1001", "pageSize")]
    [InlineData("/api/exchange/org-units?page=0", "page")]
    [InlineData("/api/exchange/org-units?unit=999999", "999999")]
    [InlineData("/api/exchange/org-units?updatedSince=2026-01-01T00:00:00Z", "updatedSince")]
    [InlineData("/api/exchange/indicator-values?updatedSince=yesterday", "yesterday")]
    [InlineData("/api/exchange/inspections?year=1900", "year")]
    public async Task List_BadInput_Is400_WithAProblemSayingWhat(string url, string named)
    {
        var (_, http) = await portal.CreateAsync("500000");

        var problem = await ProblemAsync(await http.GetAsync(url), HttpStatusCode.BadRequest);

        problem.GetProperty("title").GetString()!.ShouldContain(named);
    }

    [Fact]
    public async Task List_PageSizeNotANumber_Is400_Not500()
    {
        var (_, http) = await portal.CreateAsync("500000");

        (await http.GetAsync("/api/exchange/org-units?pageSize=ten")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Call_RevokedClient_Is401_SayingRevoked()
    {
        var (name, http) = await portal.CreateAsync("500000");
        await OkJsonAsync(await http.GetAsync("/api/exchange/org-units?pageSize=1"));

        await portal.RevokeAsync(name);
        var response = await http.GetAsync("/api/exchange/org-units?pageSize=1");

        (await ProblemAsync(response, HttpStatusCode.Unauthorized)).GetProperty("title").GetString()!.ShouldContain("revoked");
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        (await portal.LastAuditAsync($"api:{name}", "ApiRefused")).Details.ShouldBe("Revoked");
    }

    [Fact]
    public async Task Call_ExpiredClient_Is401_SayingExpired()
    {
        var (name, http) = await portal.CreateAsync("500000");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync())
            await db.ApiClients.Where(c => c.Name == name).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAtUtc, DateTime.UtcNow.AddSeconds(-1)));

        var response = await http.GetAsync("/api/exchange/org-units?pageSize=1");

        (await ProblemAsync(response, HttpStatusCode.Unauthorized)).GetProperty("title").GetString()!.ShouldContain("expired");
    }

    [Theory]
    [InlineData("egv_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task Call_TokenOfNoClient_Is401(string token)
    {
        var response = await portal.WithToken(token).GetAsync("/api/exchange/org-units");

        await ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Call_AreaNotPermitted_Is403()
    {
        var (_, http) = await portal.CreateAsync("500000", ApiPermissions.OrgUnits);

        (await http.GetAsync("/api/exchange/org-units")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ProblemAsync(await http.GetAsync("/api/exchange/filings"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/plans")]
    [InlineData("/api/me/tasks")]
    public async Task Call_APeoplesEndpoint_WithAClientsToken_Is403(string url)
    {
        var (_, http) = await portal.CreateAsync("500000");

        (await http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Call_WithTheSignInCookie_ReadsTheSameScope()
    {
        var browser = await portal.SignedInAsync("district");

        var units = await OkJsonAsync(await browser.GetAsync("/api/exchange/org-units?pageSize=1000"));

        Items(units).Select(u => u.GetProperty("code").GetString()!).ToHashSet().SetEquals(await portal.CodesUnderAsync(DemoUsers.DistrictCode)).ShouldBeTrue();
    }

    [Fact]
    public async Task Call_WithoutTokenOrCookie_Is401()
    {
        (await portal.Anonymous().GetAsync("/api/exchange/org-units")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Call_LeavesAnAuditRow_UnderTheClientsName_WithoutItsToken()
    {
        var (name, http) = await portal.CreateAsync(DemoUsers.DistrictCode);

        await OkJsonAsync(await http.GetAsync("/api/exchange/rectifications?page=1&pageSize=5"));
        await ProblemAsync(await http.GetAsync("/api/exchange/org-units?pageSize=0"), HttpStatusCode.BadRequest);

        var entries = await AuditOfAsync(name);
        entries.Select(e => e.Details).ShouldBe(["GET /api/exchange/rectifications?page=1&pageSize=5 → 200", "GET /api/exchange/org-units?pageSize=0 → 400"]);
        entries.ShouldAllBe(e => e.ActorUnit == "/500000/500103/" && !e.Details!.Contains("egv_"));
    }

    private async Task<List<Domain.Audit.AuditEntry>> AuditOfAsync(string name)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.Actor == $"api:{name}" && a.Action == "ApiRead").OrderBy(a => a.Id).ToListAsync();
    }
}
