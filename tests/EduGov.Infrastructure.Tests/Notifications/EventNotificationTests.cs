using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Supervision;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Notifications;

/// <summary>
/// Each event tells exactly the accounts it concerns, once each, and nobody else: besides the demo accounts, a second
/// account of 渝中区, the principal of another school of 渝中区 and an account of 江北区 are there to not be told.
/// </summary>
public sealed class EventNotificationTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);
    private static readonly AccessScope SecondDistrict = new("district-2", Role.District, "/500000/500103/");

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Open();
        var yuzhong = await _db.UnitIdAsync("500103");
        var sibling = await db.OrgUnits.Where(u => u.ParentId == yuzhong && u.Code != DemoUsers.PrincipalSchoolCode).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
        db.Users.AddRange(
            Account("district-2", "渝中区教委审核员", Role.District, yuzhong),
            Account("sibling-principal", "另一所学校校长", Role.Principal, sibling),
            Account("jiangbei", "江北区教委", Role.District, await _db.UnitIdAsync("500105")));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AppUser Account(string name, string display, Role role, int unit) =>
        new() { UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = display, Role = role, OrgUnitId = unit, SecurityStamp = Guid.NewGuid().ToString() };

    private sealed record Told(string User, string Title, string Body, string? Link);

    private async Task<List<Told>> ToldAsync(NotificationKind kind)
    {
        await using var db = _db.Open();
        return await (from n in db.Notifications
                      join u in db.Users on n.UserId equals u.Id
                      where n.Kind == kind
                      orderby u.UserName
                      select new Told(u.UserName!, n.Title, n.Body, n.Link)).ToListAsync();
    }

    private async Task<List<string>> UsersToldAsync(NotificationKind kind) => (await ToldAsync(kind)).Select(t => t.User).ToList();

    // ---- filings ----

    private async Task<(int Period, int School, int FilingId, Guid Version)> SubmittedFilingAsync(AccessScope? by = null)
    {
        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Principal))!.Id;
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var view = await filings.GetAsync(Scopes.Principal, period, school);
        var version = await filings.SubmitAsync(by ?? Scopes.Principal, period, school, null, view.Survey);
        return (period, school, (await filings.GetAsync(Scopes.District, period, school)).FilingId!.Value, version);
    }

    [Fact]
    public async Task FilingSubmitted_TellsEachOfTheDistrictsStaffOnce_AndNobodyElse()
    {
        var (period, school, _, _) = await SubmittedFilingAsync();

        var told = await ToldAsync(NotificationKind.FilingSubmitted);
        told.Select(t => t.User).ShouldBe(["district", "district-2"]);
        told[0].Title.ShouldEndWith("提交了2026年度填报");
        told[0].Body.ShouldStartWith("校长（渝中区）提交了");
        told[0].Link.ShouldBe($"/filing/{period}/schools/{school}");
    }

    [Fact]
    public async Task FilingSubmitted_ByTheDistrictForTheSchool_TellsTheDistrictsOtherStaffOnly()
    {
        await SubmittedFilingAsync(by: Scopes.District);
        (await UsersToldAsync(NotificationKind.FilingSubmitted)).ShouldBe(["district-2"]);
    }

    [Fact]
    public async Task FilingReturned_TellsTheSchoolWithTheDistrictsComment()
    {
        var (period, school, filing, version) = await SubmittedFilingAsync();

        await _db.Get<FilingService>().ReturnAsync(Scopes.District, filing, version, "请补充无线网络覆盖情况说明");

        var told = (await ToldAsync(NotificationKind.FilingReturned)).ShouldHaveSingleItem();
        told.User.ShouldBe("principal");
        told.Title.ShouldBe("2026年度填报被退回");
        told.Body.ShouldBe("渝中区教委退回了本校的2026年度填报：“请补充无线网络覆盖情况说明”。请修改后重新提交。");
        told.Link.ShouldBe($"/filing/{period}/schools/{school}");
    }

    [Fact]
    public async Task FilingApproved_ThenReopened_TellTheSchoolOnceEach()
    {
        var filings = _db.Get<FilingService>();
        var (period, school, filing, version) = await SubmittedFilingAsync();

        await filings.ApproveAsync(SecondDistrict, filing, version);
        var approved = await filings.GetAsync(Scopes.Commission, period, school);
        await filings.ReopenAsync(Scopes.Commission, filing, approved.Version!.Value, "教室数与上年差异过大，请核实");

        (await ToldAsync(NotificationKind.FilingApproved)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.User.ShouldBe("principal"), t => t.Body.ShouldBe("渝中区教委审核员审核通过了本校的2026年度填报。"));
        (await ToldAsync(NotificationKind.FilingReopened)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.User.ShouldBe("principal"), t => t.Body.ShouldContain("重庆市教委信息化处重新打开了本校已通过的2026年度填报：“教室数与上年差异过大，请核实”"));
    }

    [Fact]
    public async Task AStepRefused_TellsNobody()
    {
        var (_, _, filing, _) = await SubmittedFilingAsync();

        await Should.ThrowAsync<Domain.Common.DomainException>(() => _db.Get<FilingService>().ReturnAsync(Scopes.District, filing, Guid.NewGuid(), "旧版本"));

        (await ToldAsync(NotificationKind.FilingReturned)).ShouldBeEmpty();
    }

    // ---- rectification ----

    private async Task<int> RaisedAsync()
    {
        var inspections = _db.Get<InspectionService>();
        var id = await inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), Today);
        var checklist = (await inspections.ChecklistAsync(Scopes.Inspector)).Items.Where(i => !i.Retired).ToDictionary(i => i.Id, i => i.MaxScore);
        await inspections.RecordAsync(Scopes.Inspector, id, new InspectionRecord(Today, ["陈明", "expert"], [], checklist, "应急预案未更新"));
        return await inspections.RaiseAsync(Scopes.Inspector, id, new NewRectification(await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), "完善网络安全应急预案", Today.AddDays(30)));
    }

    private async Task AnsweredAsync(int item)
    {
        await _db.Get<EvidenceStore>().AddAsync(Scopes.Principal, EvidenceOwner.Rectification(item), "应急预案.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);
        await _db.Get<InspectionService>().AnswerAsync(Scopes.Principal, item, "已修订预案并组织演练");
    }

    [Fact]
    public async Task RectificationRaised_TellsTheResponsibleSchoolOnly()
    {
        await RaisedAsync();

        var told = (await ToldAsync(NotificationKind.RectificationRaised)).ShouldHaveSingleItem();
        told.User.ShouldBe("principal");
        told.Title.ShouldBe("收到新的整改事项");
        told.Body.ShouldStartWith("市级督学就");
        told.Body.ShouldContain("“完善网络安全应急预案”");
        told.Link.ShouldBe("/supervision/rectifications");
    }

    [Fact]
    public async Task RectificationAnswered_TellsTheInspectorWhoRaisedIt_AndTheInspectionsInspectorsWithAnAccount()
    {
        var item = await RaisedAsync();

        await AnsweredAsync(item);

        var told = await ToldAsync(NotificationKind.RectificationAnswered);
        told.Select(t => t.User).ShouldBe(["expert", "inspector"]);   // "陈明" has no account; the commission did not inspect
        told[0].Body.ShouldContain("“已修订预案并组织演练”");
        told[0].Link.ShouldStartWith("/supervision/inspections/");
    }

    [Fact]
    public async Task RectificationReopened_ThenAccepted_TellTheSchoolOnceEach()
    {
        var inspections = _db.Get<InspectionService>();
        var item = await RaisedAsync();
        await AnsweredAsync(item);

        await inspections.ReopenAsync(Scopes.Inspector, item, "演练记录缺少签到表");
        await AnsweredAsync(item);
        await inspections.AcceptAsync(Scopes.Expert, item);

        (await ToldAsync(NotificationKind.RectificationReopened)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.User.ShouldBe("principal"), t => t.Body.ShouldContain("“演练记录缺少签到表”"));
        (await ToldAsync(NotificationKind.RectificationAccepted)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.User.ShouldBe("principal"), t => t.Body.ShouldStartWith("评审专家（市级督学）核验通过了"));
        (await UsersToldAsync(NotificationKind.RectificationAnswered)).Count.ShouldBe(4);   // two answers, two inspectors each
    }

    // ---- remediation (security) ----

    [Fact]
    public async Task HighRiskFix_TellsTheDistrict_AndItsReturnAndConfirmationTellTheSchool()
    {
        var security = _db.Get<SecurityService>();
        int item;
        await using (var db = _db.Open())
        {
            var entity = RemediationItem.Raise(await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), null, FindingSource.Inspection, 1, SecurityLayer.Network,
                RiskSeverity.High, "边界防火墙策略未更新", "信息中心", Today.AddDays(10), Today);
            db.RemediationItems.Add(entity);
            await db.SaveChangesAsync();
            item = entity.Id;
        }

        await security.FixAsync(Scopes.Principal, item, "已更新策略");
        await security.ConfirmAsync(Scopes.District, item, accepted: false);
        await security.FixAsync(Scopes.Principal, item, "已更新策略并复测");
        await security.ConfirmAsync(SecondDistrict, item, accepted: true);

        (await UsersToldAsync(NotificationKind.RemediationFixed)).ShouldBe(["district", "district", "district-2", "district-2"]);   // twice each, by name
        (await UsersToldAsync(NotificationKind.RemediationReturned)).ShouldBe(["principal"]);
        (await ToldAsync(NotificationKind.RemediationConfirmed)).ShouldHaveSingleItem().Body.ShouldStartWith("渝中区教委审核员复核通过了");
    }

    // ---- programme applications ----

    private async Task<int> SubmittedApplicationAsync()
    {
        var applications = _db.Get<ApplicationService>();
        await using var db = _db.Open();
        var programme = await db.Programmes.Where(p => p.Target == DesignationTarget.Schools).Select(p => p.Id).SingleAsync();
        var id = await applications.StartAsync(Scopes.Principal, programme);
        await applications.SaveDraftAsync(Scopes.Principal, id, [18, 26, 17, 13, 12], ["千兆到校", "常态化应用", "一网通办", "等保二级", "AI 课堂"]);
        await applications.SubmitAsync(Scopes.Principal, id);
        return id;
    }

    [Fact]
    public async Task ApplicationRecommended_ThenDesignated_TellTheSchool_AndTheDesignationAlsoItsDistrict()
    {
        var applications = _db.Get<ApplicationService>();
        var id = await SubmittedApplicationAsync();

        await applications.RecommendAsync(Scopes.District, id, 1, "区内第一");
        await applications.AssignAsync(Scopes.Commission, id, ["inspector"]);
        await applications.ScoreAsync(Scopes.Inspector, id, [18, 27, 18, 13, 13], null);
        await applications.DesignateAsync(Scopes.Commission, id, "渝教信〔2026〕31号");

        var recommended = (await ToldAsync(NotificationKind.ApplicationRecommended)).ShouldHaveSingleItem();
        (recommended.User, recommended.Link).ShouldBe(("principal", $"/applications/{id}"));
        recommended.Body.ShouldContain("（排序第 1）");
        var designated = await ToldAsync(NotificationKind.ApplicationDesignated);
        designated.Select(t => t.User).ShouldBe(["district", "district-2", "principal"]);
        designated[0].Body.ShouldContain("（渝教信〔2026〕31号）");
    }

    [Fact]
    public async Task ApplicationDeclined_TellsTheSchoolOnly()
    {
        var id = await SubmittedApplicationAsync();

        await _db.Get<ApplicationService>().DeclineAsync(Scopes.District, id, "应用案例不足");

        (await ToldAsync(NotificationKind.ApplicationDeclined)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => t.User.ShouldBe("principal"), t => t.Body.ShouldContain("“应用案例不足”"));
    }

    [Fact]
    public async Task ApplicationRejected_TellsTheSchoolAndItsDistrict()
    {
        var applications = _db.Get<ApplicationService>();
        var id = await SubmittedApplicationAsync();
        await applications.RecommendAsync(Scopes.District, id, 1, null);
        await applications.AssignAsync(Scopes.Commission, id, ["inspector"]);
        await applications.ScoreAsync(Scopes.Inspector, id, [8, 10, 8, 5, 5], null);

        await applications.RejectAsync(Scopes.Commission, id, "总分未达认定线");

        (await UsersToldAsync(NotificationKind.ApplicationRejected)).ShouldBe(["district", "district-2", "principal"]);
    }
}
