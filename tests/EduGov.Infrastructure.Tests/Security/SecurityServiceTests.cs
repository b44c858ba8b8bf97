using ClosedXML.Excel;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Security;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using EduGov.Tests;

namespace EduGov.Infrastructure.Tests.Security;

public sealed class SecurityServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private SecurityService Security => _db.Get<SecurityService>();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static SystemDetails Level3 => new("智慧校园综合管理平台", "教务、学籍", "信息中心张工", 3, true, "50010313001-20001", new DateOnly(2025, 9, 1), Hosting.GovernmentCloud);

    /// <summary>CQ5-25 (三级以上信息系统按期完成等级测评比例) of 渝中区 this year, or null.</summary>
    private async Task<decimal?> DistrictAssessedRateAsync()
    {
        await using var db = _db.Open();
        return await db.IndicatorValues.Where(v => v.Year == Today.Year && v.OrgUnit.Code == "500103" && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "CQ5-25"))
            .Select(v => (decimal?)v.Value).SingleOrDefaultAsync();
    }

    private async Task<SecurityTotals> DistrictTotalsAsync() =>
        (await Security.DashboardAsync(Scopes.District, await _db.UnitIdAsync("500103"))).Unit.Totals;

    [Fact]
    public async Task Level3System_AssessedWithAFinding_ThatIsFixed_CountsAsAssessedOnTime()
    {
        var before = await DistrictTotalsAsync();
        var id = await Security.SaveSystemAsync(Scopes.Principal, null, Level3);
        var registered = await DistrictTotalsAsync();
        (registered.Level3Plus, registered.AssessedOnTime).ShouldBe((before.Level3Plus + 1, before.AssessedOnTime));   // never assessed yet
        (await DistrictAssessedRateAsync()).ShouldBe(registered.AssessedRate);

        await Security.RecordAssessmentAsync(Scopes.Principal, id, new AssessmentInput(Today, "重庆市信息安全测评中心", AssessmentResult.BasicallyConforming, 82,
            [new FindingInput(SecurityLayer.Network, RiskSeverity.High, "区域边界未部署入侵防范设备", "信息中心张工", Today.AddDays(30))]));
        var assessed = await DistrictTotalsAsync();
        (assessed.AssessedOnTime, assessed.OpenHigh).ShouldBe((before.AssessedOnTime + 1, before.OpenHigh + 1));
        (await DistrictAssessedRateAsync()).ShouldBe(assessed.AssessedRate);

        var item = (await Security.ItemsAsync(Scopes.District)).Single(i => i.Finding == "区域边界未部署入侵防范设备");
        (item.Severity, item.CanFix, item.CanConfirm).ShouldBe((RiskSeverity.High, false, false));
        await Security.FixAsync(Scopes.Principal, item.Id, "已部署 IPS 并开启策略");
        (await Should.ThrowAsync<DomainException>(() => Security.ConfirmAsync(Scopes.Principal, item.Id, true))).Code.ShouldBe(ErrorCodes.SameReviewer);
        await Security.ConfirmAsync(Scopes.District, item.Id, true);

        (await Security.ItemsAsync(Scopes.Principal)).ShouldBeEmpty();
        (await DistrictTotalsAsync()).OpenHigh.ShouldBe(before.OpenHigh);
        var (_, schools) = await Security.DashboardAsync(Scopes.District, await _db.UnitIdAsync("500103"));
        schools.Single(s => s.Code == DemoUsers.PrincipalSchoolCode).Totals.AssessedRate.ShouldBe(100m);
    }

    [Fact]
    public async Task FixEvidence_IsAttachedWhileTheItemIsOpen_SeenWithinScope_AndFrozenOnceFixed()
    {
        var id = await Security.SaveSystemAsync(Scopes.Principal, null, Level3);
        await Security.RecordAssessmentAsync(Scopes.Principal, id, new AssessmentInput(Today, "测评机构", AssessmentResult.BasicallyConforming, 85,
            [new FindingInput(SecurityLayer.Management, RiskSeverity.Medium, "安全管理制度未发布", "校办", Today.AddDays(30))]));
        var item = (await Security.ItemsAsync(Scopes.Principal)).Single(i => i.Finding == "安全管理制度未发布");
        var store = _db.Get<EvidenceStore>();
        var pdf = SampleFiles.Pdf;
        var html = SampleFiles.HtmlBehindPdfHeader;

        (await Should.ThrowAsync<DomainException>(() => store.AddAsync(Scopes.Principal, EvidenceOwner.Remediation(item.Id), "制度.pdf", new MemoryStream(html), html.Length)))
            .Code.ShouldBe(ErrorCodes.FileDamaged);
        await Should.ThrowAsync<ForbiddenException>(() => store.AddAsync(Scopes.District, EvidenceOwner.Remediation(item.Id), "制度.pdf", new MemoryStream(pdf), pdf.Length));
        var file = await store.AddAsync(Scopes.Principal, EvidenceOwner.Remediation(item.Id), "安全管理制度（印发稿）.pdf", new MemoryStream(pdf), pdf.Length);
        await Security.FixAsync(Scopes.Principal, item.Id, "已印发《网络安全管理制度》");

        var closed = (await Security.ItemsAsync(Scopes.District, openOnly: false)).Single(i => i.Id == item.Id);
        (closed.Status, closed.Files.Single().FileName).ShouldBe((RemediationStatus.Closed, "安全管理制度（印发稿）.pdf"));
        var (_, content) = await store.OpenAsync(Scopes.District, file.Id);
        await content.DisposeAsync();
        await Should.ThrowAsync<NotFoundException>(() => store.OpenAsync(Scopes.OtherDistrict, file.Id));
        (await Should.ThrowAsync<DomainException>(() => store.DeleteAsync(Scopes.Principal, file.Id))).Code.ShouldBe(ErrorCodes.RemediationWrongState);
    }

    [Fact]
    public async Task Register_IsKeptByTheUnitItself_AndSeenWithinScope()
    {
        await Security.SaveSystemAsync(Scopes.Principal, null, Level3);

        await Should.ThrowAsync<ForbiddenException>(() => Security.SaveSystemAsync(Scopes.Inspector, null, Level3 with { Name = "x" }));
        (await Should.ThrowAsync<DomainException>(() => Security.SaveSystemAsync(Scopes.Principal, null, Level3))).Code.ShouldBe(ErrorCodes.DuplicateCode);
        (await Security.SystemsAsync(Scopes.District)).Items.Single(s => s.Details.Name == Level3.Name).CanEdit.ShouldBeFalse();
        (await Security.SystemsAsync(Scopes.OtherDistrict)).Total.ShouldBe(0);
        var searched = await Security.SystemsAsync(Scopes.District, "综合管理");
        searched.Items.Select(s => s.Details.Name).ShouldBe([Level3.Name]);
        var all = await Security.SystemsAsync(Scopes.District, pageSize: 5);
        (all.Items.Count, all.Total > 5).ShouldBe((5, true));
        (await Security.SystemsAsync(Scopes.District, page: 1, pageSize: 5)).Items.Select(s => s.Id).ShouldNotContain(all.Items[0].Id);
        var id = (await Security.SystemsAsync(Scopes.Principal)).Items.Single(s => s.Details.Name == Level3.Name).Id;
        await Should.ThrowAsync<NotFoundException>(() => Security.RecordAssessmentAsync(Scopes.OtherDistrict, id,
            new AssessmentInput(Today, "测评机构", AssessmentResult.Conforming, 90, [])));
    }

    [Fact]
    public async Task Drill_WithAFinding_RaisesAnItem_AndCountsAsThisYearsDrill_IncidentsCloseOnce()
    {
        await Security.RecordCheckAsync(Scopes.District, new CheckDetails(CheckKind.Drill, "攻防对抗演练", Today, "区教育城域网", "区教委、学校", "发现弱口令 2 处"),
            [new FindingInput(SecurityLayer.Host, RiskSeverity.Medium, "服务器存在弱口令", "区电教馆", Today.AddDays(14))]);
        await Security.ReportIncidentAsync(Scopes.Principal, new IncidentDetails(DateTime.Now.AddHours(-3), IncidentCategory.Malware, RiskSeverity.Low, "办公终端", "杀毒软件告警"));

        (await Security.ChecksAsync(Scopes.Commission)).Single().Findings.ShouldBe(1);
        (await Security.ItemsAsync(Scopes.District)).ShouldContain(i => i.Finding == "服务器存在弱口令" && i.Severity == RiskSeverity.Medium);
        var (district, _) = await Security.DashboardAsync(Scopes.Commission, await _db.UnitIdAsync("500103"));
        (district.Totals.DrillsThisYear, district.Totals.OpenMedium).ShouldBe((1, 1));
        await Should.ThrowAsync<ForbiddenException>(() => Security.RecordCheckAsync(Scopes.Inspector,
            new CheckDetails(CheckKind.Inspection, "检查", Today, "x", "y", "z"), []));

        var incident = (await Security.IncidentsAsync(Scopes.District)).Single();
        incident.CanClose.ShouldBeFalse();
        await Should.ThrowAsync<ForbiddenException>(() => Security.CloseIncidentAsync(Scopes.District, incident.Id, "已处置"));
        await Security.CloseIncidentAsync(Scopes.Principal, incident.Id, "隔离终端并查杀");
        (await Security.IncidentsAsync(Scopes.Principal)).Single().ClosedOn.ShouldBe(Today);
    }

    [Fact]
    public async Task Export_ListsTheRegister_AndIsAudited()
    {
        await Security.SaveSystemAsync(Scopes.Principal, null, Level3);

        var bytes = await Security.ExportAsync(Scopes.District);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        workbook.Worksheet(1).Column(2).CellsUsed().Select(c => c.GetString()).ShouldContain("智慧校园综合管理平台");
        await using var db = _db.Open();
        (await db.AuditEntries.AnyAsync(a => a.Action == "Export" && a.Entity == "InformationSystem" && a.Actor == "district")).ShouldBeTrue();
    }

    [Fact]
    public async Task Export_SystemNamedLikeAFormula_IsText()
    {
        await Security.SaveSystemAsync(Scopes.Principal, null, Level3 with { Name = "=1+1", ResponsiblePerson = "@SUM(A1)" });

        using var workbook = new XLWorkbook(new MemoryStream(await Security.ExportAsync(Scopes.District)));

        workbook.Worksheet(1).CellWith("=1+1").ShouldBeTextNotFormula("=1+1");
        workbook.Worksheet(1).CellWith("@SUM(A1)").ShouldBeTextNotFormula("@SUM(A1)");
    }
}
