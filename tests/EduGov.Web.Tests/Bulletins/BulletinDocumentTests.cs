using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Bulletins;
using EduGov.Domain.Filing;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Domain.Urging;
using EduGov.Infrastructure.Bulletins;
using EduGov.Infrastructure.Data;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace EduGov.Web.Tests.Bulletins;

/// <summary>Bulletins printed by the system's Chromium through the portal's own services, read back with PdfPig and checked against the database.</summary>
public sealed partial class BulletinDocumentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly AccessScope Commission = new("commission", Role.Commission, "/500000/");

    /// <summary>Where the test leaves the PDF it read, for a person to look at (artifacts/bulletin/).</summary>
    private static readonly string Artifacts = Path.Combine(FindRoot(), "artifacts", "bulletin");

    private T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    private async Task<(Published Published, BulletinReport Preview, byte[] Pdf)> PublishAsync(IServiceScope scope)
    {
        var service = Get<BulletinService>(scope);
        var period = (await service.PeriodsAsync(Commission)).Single(p => p.City == "重庆市" && p.Year == 2026);
        var preview = await service.PreviewAsync(Commission, period.PeriodId);
        var published = await service.PublishAsync(Commission, period.PeriodId);
        var (_, _, content) = await service.OpenAsync(Commission, published.BulletinId, published.Version);
        using var buffer = new MemoryStream();
        await using (content) await content.CopyToAsync(buffer);
        Directory.CreateDirectory(Artifacts);
        await File.WriteAllBytesAsync(Path.Combine(Artifacts, $"bulletin-v{published.Version}.pdf"), buffer.ToArray());
        return (published, preview, buffer.ToArray());
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Whitespace().Replace(string.Concat(document.GetPages().Select(p => p.Text)), "");
    }

    private static string Pct(int part, int whole) => $"{Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero):0.#}%";

    [Fact]
    public async Task Published_PdfStatesTheFilingAndRectificationFigures_TheDatabaseHolds()
    {
        using var scope = portal.Services.CreateScope();
        var (published, preview, pdf) = await PublishAsync(scope);
        var text = Text(pdf);

        // The figures, counted here straight from the tables.
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var period = await db.ReportingPeriods.SingleAsync(p => p.Id == db.Bulletins.Where(b => b.Id == published.BulletinId).Select(b => b.PeriodId).Single());
        var schools = await (from s in db.OrgUnits
                             where s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/")
                             join f in db.Filings.Where(f => f.PeriodId == period.Id) on s.Id equals f.SchoolId into filed
                             from f in filed.DefaultIfEmpty()
                             select new { s.Id, s.ParentId, Status = f == null ? (FilingStatus?)null : f.Status }).ToListAsync();
        var submittedOn = (await (from e in db.FilingEvents join f in db.Filings on e.FilingId equals f.Id
                                  where f.PeriodId == period.Id && e.Action == FilingAction.Submitted select new { f.SchoolId, e.AtUtc }).ToListAsync())
            .GroupBy(e => e.SchoolId).ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Min(e => e.AtUtc).ToLocalTime()));
        var today = DateOnly.FromDateTime(DateTime.Now);
        var completed = schools.Count(s => s.Status is FilingStatus.Submitted or FilingStatus.Approved);
        var approved = schools.Count(s => s.Status == FilingStatus.Approved);
        var onTime = schools.Count(s => (s.Status is FilingStatus.Submitted or FilingStatus.Approved) && submittedOn.TryGetValue(s.Id, out var on) && on <= period.ClosesOn);
        var overdue = await (from r in db.RectificationItems join u in db.OrgUnits on r.UnitId equals u.Id
                             where u.Path.StartsWith("/500000/") && r.Status != RectificationStatus.Accepted && r.Deadline < today select r.Id).CountAsync();
        var outstanding = schools.Count - completed;

        text.ShouldContain("重庆市教育委员会");
        text.ShouldContain(published.Number);
        text.ShouldContain("关于2026年度教育信息化工作推进情况的通报各区县（自治县）教委：");
        text.ShouldContain($"全市38个区县应报学校{schools.Count}所，已报送{completed}所，完成率{Pct(completed, schools.Count)}，其中审核通过{approved}所；" +
                           $"按时报送{onTime}所，及时率{Pct(onTime, schools.Count)}");
        foreach (var district in await db.OrgUnits.Where(u => u.ParentId == period.CityId).ToListAsync())
        {
            var own = schools.Where(s => s.ParentId == district.Id).ToList();
            var done = own.Count(s => s.Status is FilingStatus.Submitted or FilingStatus.Approved);
            text.ShouldContain($"{district.Name}{own.Count}{done}{Pct(done, own.Count)}");   // its row of 表1
        }
        text.ShouldContain($"尚有{outstanding}所学校");
        if (outstanding > BulletinRules.SchoolsListed) text.ShouldContain($"等{outstanding}所。名单见表2");
        text.ShouldContain($"其中逾期{overdue}项");
        if (preview.Lagging.Count > 0)
            text.ShouldContain($"{string.Join("、", preview.Lagging.Select(l => l.Figures.Name))}等{preview.Lagging.Count}个区县填报进度滞后");
        text.ShouldContain("表1各区县填报完成率和及时率（按完成率排名）排名区县应报学校");   // the caption right above its table
        // The 督办 section, from the 督办 table: those not closed, and those past their deadline unanswered.
        var urgings = await db.Urgings.Where(u => u.Status != UrgingStatus.Closed).Select(u => new { u.Status, u.Deadline }).ToListAsync();
        var urgingsLate = urgings.Count(u => u.Status == UrgingStatus.Issued && today > u.Deadline);
        text.ShouldContain("四、督办事项办理情况");
        text.ShouldContain($"全市督办事项尚未办结{urgings.Count}项，其中超过办理期限{urgingsLate}项");
        text.ShouldContain($"{published.Number}（第{published.Version}版）·第1页/共");   // the foot of every page
        Regex.Matches(text, "、工作要求").Count.ShouldBe(1);
    }

    [Fact]
    public async Task PublishingAgain_PrintsTheNextVersion_UnderTheSameNumber()
    {
        using var scope = portal.Services.CreateScope();
        var (first, _, _) = await PublishAsync(scope);
        var (second, _, pdf) = await PublishAsync(scope);

        (second.BulletinId, second.Number, second.Version).ShouldBe((first.BulletinId, first.Number, first.Version + 1));
        Text(pdf).ShouldContain($"{second.Number}（第{second.Version}版）");
        var view = await Get<BulletinService>(scope).GetAsync(Commission, second.BulletinId);
        view.Versions.Select(v => v.Version).ShouldBe(Enumerable.Range(1, second.Version).Reverse());
        view.Versions.ShouldAllBe(v => v.PublishedBy == "重庆市教委信息化处" && v.Size > 10_000);
    }

    [Fact]
    public async Task Download_AnswersThePdf_ToTheCityAndItsDistricts_AndNotFound_ToBadIdsAndSchoolsNotNamed()
    {
        using var scope = portal.Services.CreateScope();
        var (published, preview, _) = await PublishAsync(scope);
        var url = $"/bulletins/{published.BulletinId}/{published.Version}.pdf";

        foreach (var user in new[] { "commission", "district", "inspector" })
        {
            var response = await (await portal.SignedInAsync(user)).GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, user);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            (await response.Content.ReadAsByteArrayAsync()).Take(5).ShouldBe("%PDF-"u8.ToArray());
        }
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var principalsSchool = await db.Users.Where(u => u.UserName == "principal").Select(u => u.OrgUnitId!.Value).SingleAsync();
        var principal = await portal.SignedInAsync("principal");
        (await principal.GetAsync(url)).StatusCode.ShouldBe(preview.Named.Any(n => n.UnitId == principalsSchool) ? HttpStatusCode.OK : HttpStatusCode.NotFound);

        var commission = await portal.SignedInAsync("commission");
        foreach (var bad in new[] { "/bulletins/999999/1.pdf", $"/bulletins/{published.BulletinId}/99.pdf", $"/bulletins/{published.BulletinId}/0.pdf", "/bulletins/-1/1.pdf" })
            (await commission.GetAsync(bad)).StatusCode.ShouldBe(HttpStatusCode.NotFound, bad);
        (await commission.GetStringAsync("/bulletins/999999")).ShouldContain("未找到");
        (await portal.Anonymous().GetAsync(url)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found);
    }

    [Fact]
    public async Task TheNotificationsLink_OpensTheBulletin_ForTheDistrictItTold()
    {
        using var scope = portal.Services.CreateScope();
        var (published, _, _) = await PublishAsync(scope);
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var told = await (from n in db.Notifications join u in db.Users on n.UserId equals u.Id
                          where n.Subject == $"bulletin:{published.BulletinId}:v{published.Version}" && n.Kind == NotificationKind.BulletinPublished
                          select new { u.UserName, n.Link }).ToListAsync();
        var named = await db.BulletinIssues.Where(i => i.BulletinId == published.BulletinId && i.Version == published.Version).SelectMany(i => i.Mentions)
            .Select(m => m.UnitId).ToListAsync();
        var district = await db.Users.Where(u => u.UserName == "district").Select(u => u.OrgUnitId!.Value).SingleAsync();

        told.Any(t => t.UserName == "district").ShouldBe(named.Contains(district));
        told.ShouldAllBe(t => t.Link == $"/bulletins/{published.BulletinId}");
        told.ShouldNotContain(t => t.UserName == "commission" || t.UserName == "inspector" || t.UserName == "admin");
        var page = await (await portal.SignedInAsync("district")).GetStringAsync($"/bulletins/{published.BulletinId}");
        page.ShouldContain(published.Number);
        page.ShouldContain(published.Title);
    }

    [Fact]
    public async Task Printed_AfterTheDeadline_WithAnUrgingSource_SaysLate_AndCarriesTheUrgingSection()
    {
        using var scope = portal.Services.CreateScope();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero));
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>(scope).CreateDbContextAsync();
        var school = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/500105/")).OrderBy(u => u.Code).FirstAsync();
        var urgings = new OneUrging(new UrgingSection(3, 1, [new UrgingLine(school.Id, school.Name, school.ParentId, "江北区", "2026年度学校填报逾期未报送", new DateOnly(2026, 12, 17), 3)]));
        var data = new BulletinData(Get<IDbContextFactory<EduGovDbContext>>(scope), Get<EduGov.Infrastructure.Supervision.DocumentData>(scope), urgings, clock);
        var period = (await Get<BulletinService>(scope).PeriodsAsync(Commission)).Single(p => p.City == "重庆市" && p.Year == 2026);

        var report = await data.BuildAsync(Commission, period.PeriodId, "渝教督〔2026〕9号", 1);
        var pdf = await Get<IBulletinPrinter>(scope).PrintAsync(report);
        Directory.CreateDirectory(Artifacts);
        await File.WriteAllBytesAsync(Path.Combine(Artifacts, "bulletin-after-deadline.pdf"), pdf);
        var text = Text(pdf);

        text.ShouldContain("（已截止5天）");
        text.ShouldContain("二、逾期未完成填报学校情况");
        text.ShouldContain($"填报已截止5天，全市尚有{report.OutstandingTotal}所学校逾期未完成填报");
        text.ShouldContain("四、督办事项办理情况");
        text.ShouldContain("全市督办事项尚未办结3项，其中超过办理期限1项");
        text.ShouldContain($"{school.Name}江北区2026年度学校填报逾期未报送2026-12-173");
        text.ShouldContain("五、规划指标进展情况");
        text.ShouldContain("六、工作要求");
        text.ShouldContain("逾期未完成填报的学校要立即补报");
    }

    private sealed class OneUrging(UrgingSection section) : IUrgingSource
    {
        public Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default) => Task.FromResult<UrgingSection?>(section);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EduGov.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("EduGov.sln not found above the test output.");
    }
}
