using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Jobs;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Supervision;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Urging;
using EduGov.Infrastructure.Workbench;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Workbench;

/// <summary>Each demo role's to-do list against the demo data, checked against the areas' own pages and queries.</summary>
public sealed class WorkbenchServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private WorkbenchService Workbench => _db.Get<WorkbenchService>();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<WorkTask>> TasksAsync(AccessScope scope) => (await Workbench.TasksAsync(scope)).Tasks.ToList();

    private static List<WorkTask> Of(IEnumerable<WorkTask> tasks, WorkKind kind) => tasks.Where(t => t.Item.Kind == kind).ToList();

    private async Task<PeriodRow> PeriodAsync(AccessScope scope) => (await _db.Get<FilingService>().CurrentPeriodAsync(scope))!;

    [Fact]
    public void EveryRole_HasSources_AndEveryoneIsToldOfUnreadMessages()
    {
        foreach (var role in Enum.GetValues<Role>())
            WorkbenchService.SourcesOf(role).ShouldContain("UnreadNotificationsAsync");
        WorkbenchService.SourcesOf(Role.Principal).Count.ShouldBeGreaterThanOrEqualTo(7);
        WorkbenchService.SourcesOf(Role.District).ShouldNotContain("SchoolFilingAsync");
    }

    [Fact]
    public async Task Principal_SeesItsFilingNotStarted_WithTheDeadline_AndALinkToItsForm()
    {
        var period = await PeriodAsync(Scopes.Principal);
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);

        var filing = Of(await TasksAsync(Scopes.Principal), WorkKind.FilingNotStarted).ShouldHaveSingleItem();

        filing.Item.Subject.ShouldBe(period.Name);
        filing.Item.Date.ShouldBe(period.ClosesOn);
        filing.Days.ShouldBe(period.ClosesOn.DayNumber - Today.DayNumber);
        filing.Item.Link.ShouldBe($"/filing/{period.Id}/schools/{school}");
    }

    [Fact]
    public async Task Principal_ReturnedFiling_CarriesTheDistrictsComment()
    {
        var period = await PeriodAsync(Scopes.Principal);
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var filings = _db.Get<FilingService>();
        var view = await filings.GetAsync(Scopes.Principal, period.Id, school);
        await filings.SubmitAsync(Scopes.Principal, period.Id, school, null, Complete(view.Survey));
        Of(await TasksAsync(Scopes.Principal), WorkKind.FilingSubmitted).ShouldHaveSingleItem().Item.Date.ShouldBeNull();
        var submitted = await filings.GetAsync(Scopes.District, period.Id, school);

        await filings.ReturnAsync(Scopes.District, submitted.FilingId!.Value, submitted.Version!.Value, "请补充无线网络覆盖情况");

        var tasks = await TasksAsync(Scopes.Principal);
        var returned = Of(tasks, WorkKind.FilingReturned).ShouldHaveSingleItem();
        returned.Item.Note.ShouldBe("请补充无线网络覆盖情况");
        returned.Item.Date.ShouldBe(period.ClosesOn);
        Of(tasks, WorkKind.FilingNotStarted).ShouldBeEmpty();
    }

    [Fact]
    public async Task Principal_SeesItsOverdueAssessment_ItsPlannedInspection_ItsTrainingShortfall_AndTheOpenProgramme()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);

        var tasks = await TasksAsync(Scopes.Principal);

        // The school's level-2 platform was registered in January 2024 and never assessed: due since then.
        var assessment = Of(tasks, WorkKind.AssessmentDue).ShouldHaveSingleItem();
        (assessment.Urgency, assessment.Item.Date).ShouldBe((Urgency.Overdue, new DateOnly(2024, 1, 10)));
        assessment.Item.Link.ShouldBe("/security");
        var inspection = Of(tasks, WorkKind.InspectionPlanned).ShouldHaveSingleItem();
        (inspection.Item.Date, inspection.Days, inspection.Item.DateMeaning).ShouldBe((Today.AddDays(14), 14, DateMeaning.Planned));
        inspection.Item.Link.ShouldStartWith("/supervision/inspections/");
        var shortfalls = Of(tasks, WorkKind.TeachersShort);
        shortfalls.ShouldNotBeEmpty();
        shortfalls.ShouldAllBe(t => t.Item.Link.StartsWith($"/training?unit={school}&indicator=") && t.Item.Count == t.Item.Total - t.Item.Done);
        var programme = Of(tasks, WorkKind.ProgrammeOpen).ShouldHaveSingleItem();
        programme.Item.Subject.ShouldBe("市级智慧校园建设示范学校");
        programme.Item.Date.ShouldBe(Today.AddDays(38));
        tasks.First().Urgency.ShouldBe(Urgency.Overdue);
    }

    [Fact]
    public async Task Principal_SeesNoOtherUnitsWork()
    {
        var tasks = await TasksAsync(Scopes.Principal);

        Of(tasks, WorkKind.RectificationToAnswer).ShouldBeEmpty(); // 渝中's items are the district's and another school's
        Of(tasks, WorkKind.RemediationToFix).ShouldBeEmpty();      // the district's data centre
        tasks.ShouldNotContain(t => t.Item.Kind == WorkKind.FilingsToReview || t.Item.Kind == WorkKind.DistrictFilingBehind);
    }

    [Fact]
    public async Task Principal_SeesEachItemOfItsSchool_WithItsOwnDeadline()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var inspections = _db.Get<InspectionService>();
        var id = await inspections.PlanAsync(Scopes.Inspector, school, Today.AddDays(-5));
        var scores = (await inspections.ChecklistAsync(Scopes.Inspector)).Items.Where(i => !i.Retired).ToDictionary(i => i.Id, i => i.MaxScore);
        await inspections.RecordAsync(Scopes.Inspector, id, new InspectionRecord(Today.AddDays(-5), ["陈明"], [], scores, "预案陈旧"));
        await inspections.RaiseAsync(Scopes.Inspector, id, new NewRectification(school, "修订网络安全应急预案", Today.AddDays(-1)));
        await inspections.RaiseAsync(Scopes.Inspector, id, new NewRectification(school, "开展一次应急演练", Today.AddDays(10)));

        var items = Of(await TasksAsync(Scopes.Principal), WorkKind.RectificationToAnswer);

        items.Select(t => (t.Item.Subject, t.Urgency, t.Days)).ShouldBe([("修订网络安全应急预案", Urgency.Overdue, (int?)-1), ("开展一次应急演练", Urgency.Normal, 10)]);
        items.ShouldAllBe(t => t.Item.Link == "/supervision/rectifications");
    }

    [Fact]
    public async Task District_SeesItsReviewQueue_AndTheSchoolsNotStarted_AsTheFilingListCountsThem()
    {
        var period = await PeriodAsync(Scopes.District);
        var district = await _db.UnitIdAsync("500103");
        var completeness = (await _db.Get<FilingService>().CompletenessAsync(Scopes.District, period.Id, district)).Single();

        var tasks = await TasksAsync(Scopes.District);

        var notStarted = Of(tasks, WorkKind.SchoolsNotStarted).ShouldHaveSingleItem().Item;
        (notStarted.Count, notStarted.Done, notStarted.Total, notStarted.Date)
            .ShouldBe((completeness.NotStarted, completeness.Submitted + completeness.Approved, completeness.Schools, (DateOnly?)period.ClosesOn));
        notStarted.Link.ShouldBe($"/filing/{period.Id}/districts/{district}");
        var review = Of(tasks, WorkKind.FilingsToReview);
        if (completeness.Submitted == 0) review.ShouldBeEmpty();
        else
        {
            var item = review.ShouldHaveSingleItem().Item;
            (item.Count, item.DateMeaning, item.Date).ShouldBe((completeness.Submitted, DateMeaning.Waiting, (DateOnly?)period.OpensOn.AddDays(8)));
        }
    }

    [Fact]
    public async Task District_ASubmission_JoinsTheReviewQueue_AsTheOldestWhenItIsSo()
    {
        var period = await PeriodAsync(Scopes.Principal);
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var before = Of(await TasksAsync(Scopes.District), WorkKind.FilingsToReview).SingleOrDefault()?.Item.Count ?? 0;
        var filings = _db.Get<FilingService>();
        await filings.SubmitAsync(Scopes.Principal, period.Id, school, null, Complete((await filings.GetAsync(Scopes.Principal, period.Id, school)).Survey));

        var review = Of(await TasksAsync(Scopes.District), WorkKind.FilingsToReview).ShouldHaveSingleItem().Item;

        review.Count.ShouldBe(before + 1);
        review.Date.ShouldBe(before == 0 ? Today : period.OpensOn.AddDays(8));
    }

    [Fact]
    public async Task District_SeesItsRectificationItemsSummed_WithTheOverdueOne()
    {
        var item = Of(await TasksAsync(Scopes.District), WorkKind.RectificationToAnswer).ShouldHaveSingleItem();

        // 渝中区's own item ten days overdue and its school's due in twenty days.
        (item.Item.Count, item.Item.Overdue, item.Item.Date, item.Urgency).ShouldBe((2, (int?)1, (DateOnly?)Today.AddDays(-10), Urgency.Overdue));
        item.Item.Subject.ShouldBe("渝中区");
    }

    [Fact]
    public async Task Principal_AndDistrict_SeeThe督办TheyAreToAnswer_AsTheUrgingListHasThem_EachLinkedToItsPage()
    {
        foreach (var scope in new[] { Scopes.Principal, Scopes.District })
        {
            var own = await _db.Get<UrgingService>().OpenForUnitAsync(scope);
            var tasks = Of(await TasksAsync(scope), WorkKind.UrgingToAnswer);

            own.Total.ShouldBeGreaterThan(0);
            tasks.Select(t => (t.Item.Link, t.Item.Date)).ShouldBe(own.Items.Select(u => ($"/urgings/{u.Id}", (DateOnly?)u.Deadline)), ignoreOrder: true);
            tasks.Count(t => t.Urgency == Urgency.Overdue).ShouldBe(own.Overdue);
        }
        // The demo: 渝中第1中学 has the district's 督办 on its filing; 渝中区 has three of the commission's, one of them two days late.
        Of(await TasksAsync(Scopes.Principal), WorkKind.UrgingToAnswer).ShouldHaveSingleItem().Item.Note.ShouldBe(DemoUrgings.PrincipalFiling);
        Of(await TasksAsync(Scopes.District), WorkKind.UrgingToAnswer).Where(t => t.IsLate).ShouldHaveSingleItem().Days.ShouldBe(-2);
    }

    [Fact]
    public async Task District_AndCommission_SeeThe督办TheyIssued_Open_Overdue_Answered_AndThoseEscalatedToThem()
    {
        var district = await TasksAsync(Scopes.District);
        var open = Of(district, WorkKind.UrgingsOpen).ShouldHaveSingleItem();
        (open.Item.Count, open.Item.Overdue, open.Item.Link).ShouldBe((1, (int?)0, "/urgings?filter=Issued"));
        var toClose = Of(district, WorkKind.UrgingsToClose).ShouldHaveSingleItem();
        (toClose.Item.Count, toClose.Days, toClose.Item.Link).ShouldBe((1, (int?)6, "/urgings?filter=Answered"));
        // The commission's 督办 to a 渝中区 school went up to the district when left unanswered.
        var escalated = Of(district, WorkKind.UrgingsEscalated).ShouldHaveSingleItem();
        (escalated.Urgency, escalated.Days).ShouldBe((Urgency.Overdue, -8));

        var commission = await TasksAsync(Scopes.Commission);
        var issued = await _db.Get<UrgingService>().IssuedOpenAsync(Scopes.Commission);
        var cityOpen = Of(commission, WorkKind.UrgingsOpen).ShouldHaveSingleItem();
        (cityOpen.Item.Count, cityOpen.Item.Overdue, cityOpen.Item.Date, cityOpen.Urgency, cityOpen.Item.Link)
            .ShouldBe((4, (int?)issued.Overdue, (DateOnly?)Today.AddDays(-8), Urgency.Overdue, "/urgings?filter=Overdue"));
        issued.Overdue.ShouldBe(2);
        Of(commission, WorkKind.UrgingsToClose).ShouldBeEmpty();
        Of(commission, WorkKind.UrgingToAnswer).ShouldBeEmpty();
    }

    [Fact]
    public async Task District_SeesItsSecurityWork_Summed()
    {
        var tasks = await TasksAsync(Scopes.District);
        await using var db = _db.Open();
        var schools = await db.OrgUnits.CountAsync(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/500103/"));

        var remediation = Of(tasks, WorkKind.RemediationToFix).ShouldHaveSingleItem().Item;
        (remediation.Count, remediation.Date).ShouldBe((1, (DateOnly?)Today.AddDays(45)));
        // Every school's level-2 platform is overdue; the data centre, assessed in March 2026, is current.
        var assessments = Of(tasks, WorkKind.AssessmentDue).ShouldHaveSingleItem().Item;
        (assessments.Count, assessments.Overdue).ShouldBe((schools, (int?)schools));
    }

    [Fact]
    public async Task District_AndCommission_SeeTheIndicatorsBehind_AsTheProgressPageJudgesThem()
    {
        foreach (var (scope, code) in new[] { (Scopes.District, "500103"), (Scopes.Commission, "500000") })
        {
            var behind = Of(await TasksAsync(scope), WorkKind.IndicatorsBehind);

            behind.ShouldNotBeEmpty();
            foreach (var task in behind)
            {
                var planId = int.Parse(task.Item.Link.Split('/')[2]);
                var progress = await _db.Get<ProgressService>().GetAsync(scope, planId, code, Today.Year);
                task.Item.Count.ShouldBe(progress.Rows.Count(r => r.Status == ProgressStatus.Lagging), progress.PlanTitle);
                task.Item.Link.ShouldBe($"/plans/{planId}/progress?orgUnit={code}");
            }
        }
    }

    [Fact]
    public async Task District_SeesTheDistrictProgrammeOpen_AndNoSchoolsProgramme()
    {
        var open = Of(await TasksAsync(Scopes.District), WorkKind.ProgrammeOpen).ShouldHaveSingleItem().Item;

        open.Subject.ShouldBe("市级智慧教育应用示范区县");
    }

    [Fact]
    public async Task OtherDistrict_SeesNoneOfYuzhongsItems()
    {
        var yuzhong = $"/districts/{await _db.UnitIdAsync("500103")}";

        var tasks = await TasksAsync(Scopes.OtherDistrict);

        Of(tasks, WorkKind.RectificationToAnswer).ShouldBeEmpty();
        Of(tasks, WorkKind.RemediationToFix).ShouldBeEmpty();
        Of(tasks, WorkKind.AssessmentDue).ShouldBeEmpty();
        tasks.ShouldAllBe(t => !t.Item.Link.Contains(yuzhong));
    }

    [Fact]
    public async Task Commission_SeesTheDistrictsBehind_LaggingFirst_AsTheCompletenessPageCountsThem()
    {
        var period = await PeriodAsync(Scopes.Commission);
        var city = await _db.UnitIdAsync("500000");
        var completeness = await _db.Get<FilingService>().CompletenessAsync(Scopes.Commission, period.Id, city);
        var behind = completeness.Where(d => d.Schools > 0 && d.Submitted + d.Approved < d.Schools).ToList();

        var tasks = Of(await TasksAsync(Scopes.Commission), WorkKind.DistrictFilingBehind);

        tasks.Select(t => t.Item.Subject).ShouldBe(behind.Select(d => d.UnitName), ignoreOrder: true);
        foreach (var d in behind)
        {
            var item = tasks.Single(t => t.Item.Subject == d.UnitName).Item;
            (item.Done, item.Total, item.Count).ShouldBe((d.Submitted + d.Approved, d.Schools, d.Schools - d.Submitted - d.Approved));
            item.DonePercent.ShouldBe(d.SubmittedShare);
            // Every demo submission was made a week into the window: each complete filing is on time, a returned one is not complete.
            item.OnTimePercent.ShouldBe(Math.Round(100m * (d.Submitted + d.Approved) / d.Schools, 1));
            item.Link.ShouldBe($"/filing/{period.Id}/districts/{d.UnitId}");
        }
        tasks.Select(t => t.Item.DonePercent!.Value).ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public async Task Commission_ScopedToItsCity_SeesOnlyItsDistricts()
    {
        var changsha = Of(await TasksAsync(Scopes.ChangshaCommission), WorkKind.DistrictFilingBehind);
        await using var db = _db.Open();
        var districts = await db.OrgUnits.Where(u => u.Path.StartsWith("/430100/") && u.Kind == OrgUnitKind.District).Select(u => u.Name).ToListAsync();

        changsha.ShouldNotBeEmpty();
        changsha.ShouldAllBe(t => districts.Contains(t.Item.Subject));
    }

    [Fact]
    public async Task Applications_FollowTheirWorkflow_FromOneDeskToTheNext()
    {
        await using (var db = _db.Open())
            _programme = await db.Programmes.Where(p => p.Target == DesignationTarget.Schools).Select(p => p.Id).SingleAsync();
        var applications = _db.Get<ApplicationService>();
        var id = await applications.StartAsync(Scopes.Principal, _programme);
        Of(await TasksAsync(Scopes.Principal), WorkKind.ApplicationDraft).ShouldHaveSingleItem().Item.Link.ShouldBe($"/applications/{id}");
        Of(await TasksAsync(Scopes.Principal), WorkKind.ProgrammeOpen).ShouldBeEmpty();
        await applications.SaveDraftAsync(Scopes.Principal, id, [18, 26, 17, 13, 12], ["千兆到校", "常态化应用", "一网通办", "等保二级", "AI 课堂"]);
        await applications.SubmitAsync(Scopes.Principal, id);

        var pending = Of(await TasksAsync(Scopes.Principal), WorkKind.ApplicationPending).ShouldHaveSingleItem().Item;
        pending.State.ShouldBe(ApplicationStatus.Submitted);
        var toRecommend = Of(await TasksAsync(Scopes.District), WorkKind.ApplicationsToRecommend).ShouldHaveSingleItem().Item;
        (toRecommend.Count, toRecommend.Link, toRecommend.Date).ShouldBe((1, $"/programmes/{_programme}", (DateOnly?)Today));
        Of(await TasksAsync(Scopes.OtherDistrict), WorkKind.ApplicationsToRecommend).ShouldBeEmpty();

        await applications.RecommendAsync(Scopes.District, id, 1, null);
        Of(await TasksAsync(Scopes.District), WorkKind.ApplicationsToRecommend).ShouldBeEmpty();
        Of(await TasksAsync(Scopes.Commission), WorkKind.ApplicationsToAssign).ShouldHaveSingleItem().Item.Count.ShouldBe(1);

        await applications.AssignAsync(Scopes.Commission, id, ["inspector", "expert"]);
        Of(await TasksAsync(Scopes.Commission), WorkKind.ApplicationsToAssign).ShouldBeEmpty();
        Of(await TasksAsync(Scopes.Inspector), WorkKind.ReviewToScore).ShouldHaveSingleItem().Item.Link.ShouldBe($"/applications/{id}");
        await applications.ScoreAsync(Scopes.Inspector, id, [18, 27, 18, 13, 13], null);
        Of(await TasksAsync(Scopes.Inspector), WorkKind.ReviewToScore).ShouldBeEmpty();
        Of(await TasksAsync(Scopes.Expert), WorkKind.ReviewToScore).ShouldHaveSingleItem();
        Of(await TasksAsync(Scopes.Commission), WorkKind.ApplicationsToDesignate).ShouldBeEmpty();

        await applications.ScoreAsync(Scopes.Expert, id, [16, 25, 16, 12, 11], null);
        Of(await TasksAsync(Scopes.Commission), WorkKind.ApplicationsToDesignate).ShouldHaveSingleItem().Item.Link.ShouldBe($"/programmes/{_programme}");
        Of(await TasksAsync(Scopes.ChangshaCommission), WorkKind.ApplicationsToDesignate).ShouldBeEmpty();
    }

    private int _programme;

    [Fact]
    public async Task Inspector_SeesThePlannedInspection_AndAnAnswerToVerify_SinceItWasAnswered()
    {
        var tasks = await TasksAsync(Scopes.Inspector);
        var planned = Of(tasks, WorkKind.InspectionPlanned).ShouldHaveSingleItem();
        planned.Item.Date.ShouldBe(Today.AddDays(14));
        Of(tasks, WorkKind.RectificationToVerify).ShouldBeEmpty();
        var item = (await _db.Get<InspectionService>().RectificationsAsync(Scopes.District, new RectificationQuery(Search: null), 0, 50))
            .Items.Single(i => i.Requirement == DemoInspections.SchoolRequirement);
        await _db.Get<EvidenceStore>().AddAsync(Scopes.District, EvidenceOwner.Rectification(item.Id), "提升计划.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);
        await _db.Get<InspectionService>().AnswerAsync(Scopes.District, item.Id, "已制定空间应用提升计划并完成全员培训");

        var verify = Of(await TasksAsync(Scopes.Inspector), WorkKind.RectificationToVerify).ShouldHaveSingleItem().Item;

        verify.Link.ShouldBe($"/supervision/inspections/{item.InspectionId}");
        (verify.Date, verify.DateMeaning).ShouldBe((Today, DateMeaning.Waiting));
        verify.Subject.ShouldStartWith(item.ResponsibleUnit + "：");
        Of(await TasksAsync(Scopes.ChangshaInspector), WorkKind.RectificationToVerify).ShouldBeEmpty();
        Of(await TasksAsync(Scopes.District), WorkKind.RectificationToAnswer).ShouldHaveSingleItem().Item.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Admin_SeesAccountsNeverSignedIn_AndTheAuditChainOnceChecked()
    {
        var tasks = await TasksAsync(Scopes.Admin);
        Of(tasks, WorkKind.UsersNeverSignedIn).ShouldHaveSingleItem().Item.Count.ShouldBe(DemoUsers.All.Count);
        Of(tasks, WorkKind.AuditChainUnchecked).ShouldHaveSingleItem();

        await _db.Get<AuditTrail>().VerifyAsync();

        var chain = Of(await TasksAsync(Scopes.Admin), WorkKind.AuditChainIntact).ShouldHaveSingleItem();
        chain.Item.Note.ShouldStartWith("审计链完整");
        chain.Item.Link.ShouldBe("/admin/audit");
    }

    [Fact]
    public async Task Admin_AndCommission_SeeAFailedJob_AsAnAlert_UntilALaterRunSucceeds()
    {
        var now = DateTime.UtcNow;
        await using (var db = _db.Open())
        {
            var run = JobRun.Start("SendReminders", "fire-1", RunCause.Scheduled, 1, "计划任务", now, now, TimeSpan.FromMinutes(1));
            run.Fail(TimeSpan.FromSeconds(2), "SMTP 服务器拒绝连接", null);
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
        }

        foreach (var scope in new[] { Scopes.Admin, Scopes.Commission })
        {
            var failed = (await TasksAsync(scope)).First();
            (failed.Item.Kind, failed.Urgency, failed.Item.SubjectKey, failed.Item.Note).ShouldBe((WorkKind.JobFailed, Urgency.Alert, "Job.SendReminders", "SMTP 服务器拒绝连接"));
        }
        Of(await TasksAsync(Scopes.District), WorkKind.JobFailed).ShouldBeEmpty();

        await using (var db = _db.Open())
        {
            var retry = JobRun.Start("SendReminders", "fire-2", RunCause.Retry, 2, "计划任务", now.AddMinutes(10), now.AddMinutes(10), TimeSpan.FromMinutes(1));
            retry.Succeed(TimeSpan.FromSeconds(1), "ok");
            db.JobRuns.Add(retry);
            await db.SaveChangesAsync();
        }
        Of(await TasksAsync(Scopes.Admin), WorkKind.JobFailed).ShouldBeEmpty();
    }

    [Fact]
    public async Task Admin_SeesALockedAccount()
    {
        await using (var db = _db.Open())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "district");
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            await db.SaveChangesAsync();
        }

        var locked = Of(await TasksAsync(Scopes.Admin), WorkKind.AccountsLocked).ShouldHaveSingleItem().Item;

        (locked.Count, locked.Subject, locked.Link).ShouldBe((1, "渝中区教委", "/admin/users"));
    }

    [Fact]
    public async Task UnreadNotifications_AreCounted_WithTheNewestTitle_AndOnlyTheUsersOwn()
    {
        var reminders = await _db.Get<EduGov.Infrastructure.Notifications.ReminderService>().SendAsync(Today);
        reminders.ShouldNotBeNull();

        var unread = Of(await TasksAsync(Scopes.District), WorkKind.UnreadNotifications).ShouldHaveSingleItem().Item;
        var own = await _db.Get<EduGov.Infrastructure.Notifications.NotificationService>().ListAsync(Scopes.District, unreadOnly: true, 0, 100);

        (unread.Count, unread.Subject, unread.Link).ShouldBe((own.Total, own.Items[0].Title, "/notifications"));
        await _db.Get<EduGov.Infrastructure.Notifications.NotificationService>().MarkReadAsync(Scopes.District, null);
        Of(await TasksAsync(Scopes.District), WorkKind.UnreadNotifications).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryRolesTasks_LinkToAPageOfThePortal_AndNameTheirSubject()
    {
        foreach (var scope in new[] { Scopes.Admin, Scopes.Commission, Scopes.District, Scopes.Principal, Scopes.Inspector, Scopes.Expert })
        {
            var tasks = await TasksAsync(scope);
            tasks.ShouldNotBeEmpty(scope.UserName);
            tasks.ShouldAllBe(t => t.Item.Link.StartsWith('/') && !t.Item.Link.StartsWith("//"));
            tasks.Where(t => t.Item.Kind is not (WorkKind.AuditChainIntact or WorkKind.AuditChainUnchecked or WorkKind.AuditChainBroken))
                .ShouldAllBe(t => t.Item.Subject.Length > 0);
        }
    }

    /// <summary>Last period's figures, as the form starts from them, with this year's narrative: complete enough to submit.</summary>
    private static SchoolSurvey Complete(SchoolSurvey survey) => survey with { Narrative = "本年度新增互动式教室" };
}

public sealed class WorkbenchTimelinessTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AfterTheDeadline_ASchoolFirstSubmittedLate_IsNotOnTime_AndTheDistrictIsOverdue()
    {
        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.ChangshaCommission))!;
        await using var db = _db.Open();
        var draft = await (from f in db.Filings
                           where f.PeriodId == period.Id && f.Status == FilingStatus.Draft
                           join s in db.OrgUnits on f.SchoolId equals s.Id
                           orderby s.Code
                           select new { s.Id, s.Path, DistrictId = s.ParentId!.Value }).FirstAsync();
        var district = new AccessScope("cs-district", Role.District, draft.Path[..draft.Path.TrimEnd('/').LastIndexOf('/')] + "/");
        var view = await filings.GetAsync(district, period.Id, draft.Id);
        await filings.SubmitAsync(district, period.Id, draft.Id, view.Version, view.Survey with { Narrative = "逾期补报" });
        // The deadline moves to yesterday: today's submission came after it.
        await filings.SavePeriodAsync(Scopes.ChangshaCommission, period.Id, period.CityId,
            new PeriodDetails(period.Name, period.Year, period.OpensOn, Today.AddDays(-1)));
        var completeness = (await filings.CompletenessAsync(Scopes.ChangshaCommission, period.Id, draft.DistrictId)).Single();

        var task = (await _db.Get<WorkbenchService>().TasksAsync(Scopes.ChangshaCommission)).Tasks
            .Single(t => t.Item.Kind == WorkKind.DistrictFilingBehind && t.Item.Link.EndsWith($"/districts/{draft.DistrictId}"));

        (task.Urgency, task.Days).ShouldBe((Urgency.Overdue, (int?)-1));
        // On time: complete and first submitted by the deadline. The late school is complete but not on time.
        var complete = completeness.Submitted + completeness.Approved;
        task.Item.OnTimePercent.ShouldBe(Math.Round(100m * (complete - 1) / completeness.Schools, 1));
        task.Item.DonePercent.ShouldBe(completeness.SubmittedShare);
    }
}
