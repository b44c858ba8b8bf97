using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using EduGov.Tests;

namespace EduGov.Web.Tests.Api;

public sealed class PlanApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<int> PlanIdAsync(HttpClient client, string titleFragment)
    {
        var plans = await JsonAsync(await client.GetAsync("/api/plans"));
        return plans.EnumerateArray().Single(p => p.GetProperty("title").GetString()!.Contains(titleFragment)).GetProperty("id").GetInt32();
    }

    [Theory]
    [InlineData("/api/plans")]
    [InlineData("/api/plans/1")]
    [InlineData("/api/plans/1/progress")]
    [InlineData("/api/plans/export.csv")]
    public async Task Api_WithoutSignIn_Is401(string url)
    {
        var response = await portal.Anonymous().GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pages_WithoutSignIn_RedirectToTheLoginPage()
    {
        var response = await portal.Anonymous().GetAsync("/plans");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Theory]
    [InlineData("admin", 5)]
    [InlineData("commission", 3)]
    [InlineData("principal", 3)]
    public async Task Plans_ListsThePlansInScope(string user, int count)
    {
        var client = await portal.SignedInAsync(user);
        var plans = await JsonAsync(await client.GetAsync("/api/plans"));
        plans.GetArrayLength().ShouldBe(count);
    }

    [Fact]
    public async Task PlanById_CarriesTasksIndicatorsTargetsAndMilestones()
    {
        var client = await portal.SignedInAsync("inspector");
        var id = await PlanIdAsync(client, "五年工作方案");

        var plan = await JsonAsync(await client.GetAsync($"/api/plans/{id}"));

        plan.GetProperty("documentNumber").GetString().ShouldBe("渝府办发〔2019〕27号");
        plan.GetProperty("tasks").GetArrayLength().ShouldBe(13);
        var interactive = plan.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "互动式多媒体教学设备占比");
        interactive.GetProperty("targets").EnumerateArray().Select(t => (t.GetProperty("year").GetInt32(), t.GetProperty("value").GetDecimal()))
            .ShouldBe([(2020, 40m), (2022, 60m)]);
        interactive.GetProperty("direction").GetString().ShouldBe("Increase");
    }

    [Fact]
    public async Task PlanById_OutOfScope_Is404_AndLeaksNothing()
    {
        var admin = await portal.SignedInAsync("admin");
        var changsha = await PlanIdAsync(admin, "长沙市");
        var principal = await portal.SignedInAsync("principal");

        var response = await principal.GetAsync($"/api/plans/{changsha}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("长沙");
    }

    [Theory]
    [InlineData("/api/plans/999999")]
    [InlineData("/api/plans/abc")]
    public async Task PlanById_Unknown_Is404(string url)
    {
        var client = await portal.SignedInAsync("admin");
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Progress_ReadsTheSameValuesAsThePage_WithStatusPerIndicator()
    {
        var client = await portal.SignedInAsync("commission");
        var id = await PlanIdAsync(client, "五年工作方案");

        var progress = await JsonAsync(await client.GetAsync($"/api/plans/{id}/progress?orgUnit=500000&year=2020"));

        progress.GetProperty("orgUnitName").GetString().ShouldBe("重庆市");
        var rows = progress.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(25);
        var courses = rows.Single(r => r.GetProperty("name").GetString() == "普通高中精品选修在线课程");
        courses.GetProperty("targetValue").GetDecimal().ShouldBe(160);
        courses.GetProperty("status").GetString().ShouldBeOneOf("Achieved", "OnTrack", "Lagging");
        // The milestone year has the interactive share computed from that year's approved filings, as the progress page shows it.
        using var services = portal.Services.CreateScope();
        var page = (await services.ServiceProvider.GetRequiredService<EduGov.Infrastructure.Planning.ProgressService>()
            .GetAsync(new EduGov.Domain.Organisation.AccessScope("commission", EduGov.Domain.Organisation.Role.Commission, "/500000/"), id, "500000", 2020)).Rows.Single(r => r.Code == "CQ5-03");
        var interactive = rows.Single(r => r.GetProperty("name").GetString() == "互动式多媒体教学设备占比");
        page.Status.ShouldNotBe(EduGov.Domain.Planning.ProgressStatus.NoData);
        (interactive.GetProperty("actual").GetDecimal(), interactive.GetProperty("status").GetString()).ShouldBe((page.Actual!.Value, page.Status.ToString()));
    }

    [Fact]
    public async Task Progress_Rows_SayWhereEachTargetIsHeading_AsThePageDoes()
    {
        var client = await portal.SignedInAsync("commission");
        var id = await PlanIdAsync(client, "五年工作方案");

        var progress = await JsonAsync(await client.GetAsync($"/api/plans/{id}/progress?orgUnit=500103&year=2021"));

        using var services = portal.Services.CreateScope();
        var page = (await services.ServiceProvider.GetRequiredService<EduGov.Infrastructure.Planning.ProgressService>()
            .GetAsync(new EduGov.Domain.Organisation.AccessScope("commission", EduGov.Domain.Organisation.Role.Commission, "/500000/"), id, "500103", 2021)).Rows.Single(r => r.Code == "CQ5-03");
        var interactive = progress.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "CQ5-03");
        page.Projection.ShouldNotBeNull();   // three years of approved filings, 2019–2021, toward 60% in 2022
        interactive.GetProperty("projection").GetDecimal().ShouldBe(page.Projection.Value);
        interactive.GetProperty("requiredAnnualGain").GetDecimal().ShouldBe(page.RequiredAnnualGain!.Value);
        interactive.GetProperty("observedAnnualGain").GetDecimal().ShouldBe(page.ObservedAnnualGain!.Value);
        interactive.GetProperty("outlook").GetString().ShouldBe(page.Outlook.ToString());
        interactive.GetProperty("history").EnumerateArray().Select(p => p.GetProperty("year").GetInt32()).ShouldBe([2019, 2020, 2021]);
        interactive.TryGetProperty("trajectory", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task ValueSources_AddUpToTheProgressValue_WithinScope()
    {
        var commission = await portal.SignedInAsync("commission");
        var id = await PlanIdAsync(commission, "五年工作方案");
        var progress = await JsonAsync(await commission.GetAsync($"/api/plans/{id}/progress?orgUnit=500103&year=2025"));
        var actual = progress.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "CQ5-03").GetProperty("actual").GetDecimal();

        var sources = await JsonAsync(await commission.GetAsync("/api/values/sources?indicator=CQ5-03&orgUnit=500103&year=2025"));

        sources.GetProperty("value").GetDecimal().ShouldBe(actual);
        sources.GetProperty("formula").GetString().ShouldBe("Share");
        var parts = sources.GetProperty("parts").EnumerateArray().ToList();
        parts.Sum(p => p.GetProperty("numerator").GetInt32()).ShouldBe(sources.GetProperty("numeratorTotal").GetInt32());
        parts.ShouldAllBe(p => p.GetProperty("filing").GetProperty("approvedBy").GetString() != null);

        var principal = await portal.SignedInAsync("principal");
        (await principal.GetAsync("/api/values/sources?indicator=CQ5-03&orgUnit=500103&year=2025")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await commission.GetAsync("/api/values/sources?indicator=CQ5-03&orgUnit=500103")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await commission.GetAsync("/api/values/sources?indicator=CQ5-03&orgUnit=500103&year=abc")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await commission.GetAsync("/api/values/sources?indicator=NOPE&orgUnit=500103&year=2025")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await portal.Anonymous().GetAsync("/api/values/sources?indicator=CQ5-03&orgUnit=500103&year=2025")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Progress_ShowsCoverageComputedFromApprovedFilings()
    {
        var client = await portal.SignedInAsync("commission");
        var id = await PlanIdAsync(client, "五年工作方案");

        var progress = await JsonAsync(await client.GetAsync($"/api/plans/{id}/progress?orgUnit=500103&year=2026"));

        var interactive = progress.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "CQ5-03");
        interactive.GetProperty("source").GetString().ShouldBe("Computed");
        interactive.GetProperty("actualYear").GetInt32().ShouldBe(2026);
        interactive.GetProperty("actual").GetDecimal().ShouldBeInRange(1m, 100m);
        interactive.GetProperty("status").GetString().ShouldNotBe("NoData");
    }

    [Fact]
    public async Task Evidence_IsServedWithinScope_AndNeverAnonymously()
    {
        using var services = portal.Services.CreateScope();
        var store = services.ServiceProvider.GetRequiredService<EduGov.Infrastructure.Filing.EvidenceStore>();
        var filings = services.ServiceProvider.GetRequiredService<EduGov.Infrastructure.Filing.FilingService>();
        var principal = new EduGov.Domain.Organisation.AccessScope("principal", EduGov.Domain.Organisation.Role.Principal, "/500000/500103/5001030001/");
        var period = (await filings.CurrentPeriodAsync(principal))!.Id;
        var school = (await services.ServiceProvider.GetRequiredService<EduGov.Infrastructure.Organisation.OrgUnitService>().RootsAsync(principal)).Single().Id;
        var view = await filings.GetAsync(principal, period, school);
        if (view.FilingId is null) await filings.SaveDraftAsync(principal, period, school, null, view.Survey);
        var pdf = SampleFiles.Pdf;
        var evidence = await store.AddAsync(principal, (await filings.GetAsync(principal, period, school)).FilingId!.Value, "验收单.pdf", new MemoryStream(pdf), pdf.Length);

        var district = await portal.SignedInAsync("district");
        var response = await district.GetAsync($"/files/evidence/{evidence.Id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(pdf);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var entry = await portal.LastAuditAsync("district", "Download");
        (entry.Entity, entry.EntityId, entry.Details).ShouldBe(("EvidenceFile", evidence.Id.ToString(), "验收单.pdf"));

        (await portal.Anonymous().GetAsync($"/files/evidence/{evidence.Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await district.GetAsync("/files/evidence/999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Progress_ForAnotherSchool_Is404ForAPrincipal()
    {
        var client = await portal.SignedInAsync("principal");
        var id = await PlanIdAsync(client, "渝中区");
        (await client.GetAsync($"/api/plans/{id}/progress?orgUnit=5001030002")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/api/plans/{id}/progress?orgUnit=5001030001")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Progress_WithAnImpossibleYear_Is400WithAMessage()
    {
        var client = await portal.SignedInAsync("commission");
        var id = await PlanIdAsync(client, "五年工作方案");
        var response = await client.GetAsync($"/api/plans/{id}/progress?year=1900");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("2000");
    }

    [Fact]
    public async Task Exports_AreFilesOfTheCatalog()
    {
        var client = await portal.SignedInAsync("commission");
        var xlsx = await client.GetAsync("/api/plans/export.xlsx");
        var csv = await client.GetAsync("/api/plans/export.csv");

        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        (await xlsx.Content.ReadAsByteArrayAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        (await csv.Content.ReadAsStringAsync()).ShouldContain("互动式多媒体教学设备占比");
    }

    [Fact]
    public async Task Healthz_ToAnAdministrator_ReportsDatabaseAndScheduler()
    {
        var health = await JsonAsync(await (await portal.SignedInAsync("admin")).GetAsync("/healthz"));
        health.GetProperty("status").GetString().ShouldBe("healthy");
        health.GetProperty("database").GetString().ShouldBe("ok");
        health.GetProperty("scheduler").GetString().ShouldBe("Running");
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        var client = portal.Anonymous();
        for (var i = 0; i < 5; i++)
            (await PortalFactory.PostLoginAsync(client, "district", "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PortalFactory.PostLoginAsync(client, "district", "Demo@12345");

        // The right password no longer opens it, and the answer is the one a wrong password gets (no account enumeration).
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var db = portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Infrastructure.Data.EduGovDbContext>>().CreateDbContext();
        db.AuditEntries.Any(a => a.Actor == "district" && a.Action == "LockedOut").ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAMessageAndNoCookie()
    {
        var client = portal.Anonymous();
        var response = await PortalFactory.PostLoginAsync(client, "inspector", "nope");
        (await response.Content.ReadAsStringAsync()).ShouldContain("用户名或密码错误");
        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
