using ClosedXML.Excel;
using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using EduGov.Tests;

namespace EduGov.Infrastructure.Tests.Designations;

public sealed class DesignationWorkflowTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _schools, _districts;
    private ApplicationService Applications => _db.Get<ApplicationService>();
    private DesignationService Designations => _db.Get<DesignationService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Open();
        _schools = await db.Programmes.Where(p => p.Target == DesignationTarget.Schools).Select(p => p.Id).SingleAsync();
        _districts = await db.Programmes.Where(p => p.Target == DesignationTarget.Districts).Select(p => p.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>CQ5-23 (市级智慧校园建设示范学校) this year, for 重庆市 and 渝中区.</summary>
    private async Task<(decimal City, decimal District)> CountsAsync()
    {
        await using var db = _db.Open();
        var values = await db.IndicatorValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "CQ5-23") && v.Year == DateTime.Now.Year)
            .Select(v => new { v.OrgUnit.Code, v.Value }).ToDictionaryAsync(v => v.Code, v => v.Value);
        return (values["500000"], values["500103"]);
    }

    private async Task<int> SubmittedAsync()
    {
        var id = await Applications.StartAsync(Scopes.Principal, _schools);
        await Applications.SaveDraftAsync(Scopes.Principal, id, [18, 26, 17, 13, 12], ["千兆到校", "全学科常态化应用", "一网通办", "等保二级", "AI 课堂"]);
        await Applications.SubmitAsync(Scopes.Principal, id);
        return id;
    }

    [Fact]
    public async Task School_FromApplicationToDesignation_RaisesTheIndicatorCount()
    {
        var before = await CountsAsync();
        var id = await SubmittedAsync();

        await Applications.RecommendAsync(Scopes.District, id, 1, "区内排名第一");
        await Applications.AssignAsync(Scopes.Commission, id, ["inspector", "expert"]);
        await Applications.ScoreAsync(Scopes.Inspector, id, [18, 27, 18, 13, 13], null);
        await Applications.ScoreAsync(Scopes.Expert, id, [16, 25, 16, 12, 11], "特色鲜明");
        await Applications.DesignateAsync(Scopes.Commission, id, "渝教信〔2026〕31号");

        var view = await Applications.GetAsync(Scopes.Commission, id);
        (view.Status, view.MeanScore).ShouldBe((ApplicationStatus.Designated, 84.5m));
        view.History.Select(h => (h.Action, h.By)).ShouldContain((ApplicationAction.Recommended, "渝中区教委"));
        view.History.Single(h => h.Action == ApplicationAction.ReviewersAssigned).Comment.ShouldBe("市级督学（重庆市）、评审专家（市级督学）（重庆市）");
        view.History.Last().Comment.ShouldBe("渝教信〔2026〕31号");
        (await CountsAsync()).ShouldBe((before.City + 1, before.District + 1));
        (await Designations.ListAsync(Scopes.Principal, _schools, new DesignationFilter(Batch: DateTime.Now.Year))).Single().DocumentNumber.ShouldBe("渝教信〔2026〕31号");
    }

    [Fact]
    public async Task Export_DocumentNumberLikeAFormula_IsText()
    {
        const string number = "+cmd|' /C calc'!A0";
        var id = await SubmittedAsync();
        await Applications.RecommendAsync(Scopes.District, id, 1, "区内排名第一");
        await Applications.AssignAsync(Scopes.Commission, id, ["inspector"]);
        await Applications.ScoreAsync(Scopes.Inspector, id, [18, 27, 18, 13, 13], null);
        await Applications.DesignateAsync(Scopes.Commission, id, number);

        using var workbook = new XLWorkbook(new MemoryStream(await Designations.ExportAsync(Scopes.Inspector, _schools, new DesignationFilter())));

        workbook.Worksheet(1).CellWith(number).ShouldBeTextNotFormula(number);
    }

    [Fact]
    public async Task School_CannotApplyTwiceToTheSameBatch()
    {
        await SubmittedAsync();
        (await Should.ThrowAsync<DomainException>(() => Applications.StartAsync(Scopes.Principal, _schools))).Code.ShouldBe(ErrorCodes.AlreadyApplied);
    }

    [Fact]
    public async Task Steps_CannotBeSkippedOrTakenByTheWrongRole()
    {
        var id = await SubmittedAsync();

        (await Should.ThrowAsync<DomainException>(() => Applications.DesignateAsync(Scopes.Commission, id, "文号"))).Code.ShouldBe(ErrorCodes.ApplicationWrongState);
        (await Should.ThrowAsync<DomainException>(() => Applications.AssignAsync(Scopes.Commission, id, ["inspector"]))).Code.ShouldBe(ErrorCodes.ApplicationWrongState);
        await Should.ThrowAsync<ForbiddenException>(() => Applications.RecommendAsync(Scopes.Principal, id, 1, null));
        await Should.ThrowAsync<NotFoundException>(() => Applications.RecommendAsync(Scopes.OtherDistrict, id, 1, null));
        await Should.ThrowAsync<ForbiddenException>(() => Applications.RecommendAsync(Scopes.Commission, id, 1, null));

        await Applications.RecommendAsync(Scopes.District, id, null, null);
        (await Should.ThrowAsync<DomainException>(() => Applications.AssignAsync(Scopes.Commission, id, ["district"]))).Code.ShouldBe(ErrorCodes.NotAReviewer);
        await Applications.AssignAsync(Scopes.Commission, id, ["inspector"]);
        (await Should.ThrowAsync<DomainException>(() => Applications.ScoreAsync(Scopes.Expert, id, [10, 10, 10, 10, 10], null))).Code.ShouldBe(ErrorCodes.NotAReviewer);
        await Should.ThrowAsync<ForbiddenException>(() => Applications.ScoreAsync(Scopes.Commission, id, [10, 10, 10, 10, 10], null));
        (await Should.ThrowAsync<DomainException>(() => Applications.DesignateAsync(Scopes.Commission, id, "文号"))).Code.ShouldBe(ErrorCodes.ReviewIncomplete);
        (await Applications.GetAsync(Scopes.Commission, id)).Status.ShouldBe(ApplicationStatus.InReview);
    }

    [Fact]
    public async Task AUnitOfTheWrongKind_CannotApply()
    {
        (await Should.ThrowAsync<DomainException>(() => Applications.StartAsync(Scopes.District, _schools))).Code.ShouldBe(ErrorCodes.WrongApplicant);
        await Should.ThrowAsync<ForbiddenException>(() => Applications.StartAsync(Scopes.Commission, _districts));
        var id = await Applications.StartAsync(Scopes.District, _districts);
        (await Applications.GetAsync(Scopes.District, id)).CanEdit.ShouldBeTrue();
    }

    [Fact]
    public async Task Revoked_IsNotCounted_AndKeepsItsHistory()
    {
        var before = await CountsAsync();
        var designation = (await Designations.ListAsync(Scopes.Commission, _schools, new DesignationFilter(Batch: 2024))).First();
        var principal = new Domain.Organisation.AccessScope("p", Domain.Organisation.Role.Principal, await PathAsync(designation.UnitId));

        await Designations.FileReportAsync(principal, designation.Id, DateTime.Now.Year, [5, 5, 5, 5, 5], "未开展应用");
        await Should.ThrowAsync<ForbiddenException>(() => Designations.DecideAsync(Scopes.Inspector, designation.Id, DateTime.Now.Year, ReevaluationDecision.Revoked, "x"));
        await Designations.DecideAsync(Scopes.Commission, designation.Id, DateTime.Now.Year, ReevaluationDecision.Revoked, "连续整改不到位");

        (await CountsAsync()).City.ShouldBe(before.City - 1);
        var revoked = (await Designations.ListAsync(Scopes.Commission, _schools, new DesignationFilter(Status: DesignationStatus.Revoked))).Single();
        revoked.Reports.Select(r => r.Decision).ShouldContain(ReevaluationDecision.Revoked);
        var decided = revoked.Reports.Single(r => r.Year == DateTime.Now.Year);
        (decided.FiledBy, decided.DecidedBy).ShouldBe(("p", "重庆市教委信息化处"), "an account is named as people see it; a name no account has stays");
    }

    [Fact]
    public async Task PublicList_IsExportedToExcel_AndTheExportIsAudited()
    {
        var bytes = await Designations.ExportAsync(Scopes.Inspector, _schools, new DesignationFilter());

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet(1);
        sheet.Cell(1, 1).GetString().ShouldBe("批次");
        await using var db = _db.Open();
        var designated = await db.Designations.CountAsync(d => d.ProgrammeId == _schools);
        sheet.RowsUsed().Count().ShouldBe(designated + 1);   // the title and every batch's designations, the latest batch first
        Enumerable.Range(2, designated).Select(row => sheet.Cell(row, 1).GetValue<int>()).Distinct().ShouldBe(Enumerable.Range(2019, 7).Reverse());
        (await db.AuditEntries.AnyAsync(a => a.Action == "Export" && a.Entity == "Designation" && a.Actor == "inspector")).ShouldBeTrue();
    }

    [Fact]
    public async Task Evidence_IsAttachedToTheDraft_SeenWithinScope_AndFixedOnceSubmitted()
    {
        var store = _db.Get<Infrastructure.Filing.EvidenceStore>();
        var pdf = SampleFiles.Pdf;
        var id = await Applications.StartAsync(Scopes.Principal, _schools);
        var html = SampleFiles.HtmlBehindPdfHeader;

        (await Should.ThrowAsync<DomainException>(() => store.AddAsync(Scopes.Principal, Domain.Filing.EvidenceOwner.Application(id), "建设方案.pdf", new MemoryStream(html), html.Length)))
            .Code.ShouldBe(ErrorCodes.FileDamaged);
        var file = await store.AddAsync(Scopes.Principal, Domain.Filing.EvidenceOwner.Application(id), "建设方案.pdf", new MemoryStream(pdf), pdf.Length);
        await Applications.SaveDraftAsync(Scopes.Principal, id, [18, 26, 17, 13, 12], ["a", "b", "c", "d", "e"]);
        await Applications.SubmitAsync(Scopes.Principal, id);

        (await Applications.GetAsync(Scopes.District, id)).Evidence.Single().FileName.ShouldBe("建设方案.pdf");
        var (_, content) = await store.OpenAsync(Scopes.Commission, file.Id);
        await using (content) content.Length.ShouldBe(pdf.Length);
        await Should.ThrowAsync<NotFoundException>(() => store.OpenAsync(Scopes.OtherDistrict, file.Id));
        (await Should.ThrowAsync<DomainException>(() => store.AddAsync(Scopes.Principal, Domain.Filing.EvidenceOwner.Application(id), "补充.pdf", new MemoryStream(pdf), pdf.Length)))
            .Code.ShouldBe(ErrorCodes.ApplicationWrongState);
        await Should.ThrowAsync<ForbiddenException>(() => store.DeleteAsync(Scopes.District, file.Id));
    }

    private async Task<string> PathAsync(int unitId)
    {
        await using var db = _db.Open();
        return await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).SingleAsync();
    }
}
