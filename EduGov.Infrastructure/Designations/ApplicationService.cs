using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Designations;

public sealed record ApplicationRow(int Id, string UnitName, string? DistrictName, int Batch, ApplicationStatus Status, int? Rank, decimal? MeanScore,
    int Reviews, int Scored, DateTime UpdatedAtUtc);

public sealed record ReviewRow(string Reviewer, IReadOnlyList<decimal> Scores, decimal? Total, string? Comment, bool IsOutlier)
{
    /// <summary>The reviewer as people are shown: display name and unit.</summary>
    public string ReviewerName { get; init; } = Reviewer;
}


public sealed record EventRow(ApplicationAction Action, string By, DateTime AtUtc, string? Comment);

/// <summary>One application as its user sees it: the rubric, the self-assessment, what this user may do next, and the history.</summary>
public sealed record ApplicationView(
    int Id, int ProgrammeId, string ProgrammeName, IReadOnlyList<Criterion> Criteria, string UnitName, int Batch, ApplicationStatus Status,
    IReadOnlyList<decimal?> SelfScores, IReadOnlyList<string> SelfNotes, int? Rank, decimal? MeanScore,
    IReadOnlyList<ReviewRow> Reviews, ReviewRow? MyReview, IReadOnlyList<EventRow> History, IReadOnlyList<EvidenceRow> Evidence,
    bool CanEdit, bool CanRecommend, bool CanManage, bool CanScore)
{
    public decimal RubricTotal => Criteria.Sum(c => c.MaxScore);
}

/// <summary>
/// The application workflow, each step checked twice: the user's role and scope here, the order of steps in the
/// domain. Nothing can be designated without a full review, scored by someone not assigned, or applied for twice.
/// </summary>
public sealed class ApplicationService(IDbContextFactory<EduGovDbContext> factory, DesignationService designations, TimeProvider clock)
{
    public async Task<int> StartAsync(AccessScope scope, int programmeId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Path == scope.OrgPath, ct);
        if (unit is null || !scope.CanApplyFor(unit.Path)) throw new ForbiddenException("apply");
        var programme = await db.Programmes.Where(p => p.Id == programmeId && db.OrgUnits.Any(o => o.Id == p.OwnerUnitId && unit.Path.StartsWith(o.Path)))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Programme");
        if (await db.Applications.AnyAsync(a => a.ProgrammeId == programmeId && a.Batch == programme.Batch && a.UnitId == unit.Id, ct))
            throw new DomainException(ErrorCodes.AlreadyApplied, programme.Batch);
        var application = Application.Start(programme, unit.Kind, unit.Id, Today, scope.UserName, Now);
        db.Applications.Add(application);
        await SaveAsync(db, new DomainException(ErrorCodes.AlreadyApplied, programme.Batch), ct);
        return application.Id;
    }

    public async Task<IReadOnlyList<ApplicationRow>> ListAsync(AccessScope scope, int programmeId, ApplicationStatus? status = null, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from a in db.Applications.Include(a => a.Reviews.OrderBy(x => x.Id))
                   join u in db.OrgUnits.VisibleTo(scope) on a.UnitId equals u.Id
                   where a.ProgrammeId == programmeId
                   from d in db.OrgUnits.Where(d => d.Id == u.ParentId && d.Kind == OrgUnitKind.District).DefaultIfEmpty()
                   select new { a, u.Name, u.Path, District = d == null ? null : d.Name };
        if (status is { } only) rows = rows.Where(r => r.a.Status == only);
        var found = await rows.OrderBy(r => r.a.Status).ThenBy(r => r.a.Rank ?? int.MaxValue).ThenBy(r => r.Path).AsNoTracking().ToListAsync(ct);
        return found.Select(r => new ApplicationRow(r.a.Id, r.Name, r.District, r.a.Batch, r.a.Status, r.a.Rank, r.a.MeanScore,
            r.a.Reviews.Count, r.a.Reviews.Count(x => x.Total is not null), r.a.UpdatedAtUtc)).ToList();
    }

    public async Task<ApplicationView> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (a, programme, unit, ownerPath) = await LoadAsync(db, scope, id, ct);
        var seesReviews = scope.CanManageProgrammesOf(ownerPath) || scope.Role == Role.Inspector;
        var totals = a.Reviews.Select(r => r.Total).ToList();
        // The reviewers an assignment names are people too: its comment lists their logins (inspector、expert).
        string[] Assigned(ApplicationEvent h) => h.Action == ApplicationAction.ReviewersAssigned && h.Comment is { } c ? c.Split('、') : [];
        var people = await db.PeopleAsync(a.History.Select(h => h.By).Concat(a.Reviews.Select(r => r.Reviewer)).Concat(a.History.SelectMany(Assigned)), ct);
        string? CommentOf(ApplicationEvent h) => Assigned(h) is { Length: > 0 } logins ? string.Join("、", logins.Select(people.Person)) : h.Comment;
        ReviewRow Row(Review r) => new(r.Reviewer, r.Scores, r.Total, r.Comment, r.Total is { } t && Scoring.IsOutlier(t, totals, programme.TotalScore))
        {
            ReviewerName = people.Person(r.Reviewer),
        };
        var mine = a.Reviews.SingleOrDefault(r => r.Reviewer == scope.UserName);
        var evidence = await db.EvidenceFiles.Where(e => e.ApplicationId == id).OrderBy(e => e.Id).Select(e => new EvidenceRow(e.Id, e.FileName, e.Size)).ToListAsync(ct);
        return new ApplicationView(a.Id, programme.Id, programme.Name, programme.Criteria, unit.Name, a.Batch, a.Status, a.SelfScores, a.SelfNotes, a.Rank,
            seesReviews ? a.MeanScore : null, seesReviews ? a.Reviews.Select(Row).ToList() : [], mine is null ? null : Row(mine),
            a.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => new EventRow(h.Action, people.Person(h.By), h.AtUtc, CommentOf(h))).ToList(), evidence,
            CanEdit: a.Status == ApplicationStatus.Draft && scope.CanApplyFor(unit.Path),
            CanRecommend: a.Status == ApplicationStatus.Submitted && scope.CanRecommendFor(unit.Path),
            CanManage: scope.CanManageProgrammesOf(ownerPath),
            CanScore: a.Status == ApplicationStatus.InReview && mine is not null);
    }

    public Task SaveDraftAsync(AccessScope scope, int id, IReadOnlyList<decimal?> scores, IReadOnlyList<string?> notes, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, p, unit, _) =>
        {
            if (!scope.CanApplyFor(unit.Path)) throw new ForbiddenException("edit this application");
            a.SaveDraft(p, scores, notes, scope.UserName, Now);
        }, ct);

    public Task SubmitAsync(AccessScope scope, int id, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, p, unit, _) =>
        {
            if (!scope.CanApplyFor(unit.Path)) throw new ForbiddenException("submit this application");
            a.Submit(p, Today, scope.UserName, Now);
        }, ct);

    public Task RecommendAsync(AccessScope scope, int id, int? rank, string? comment, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, _, unit, _) =>
        {
            if (!scope.CanRecommendFor(unit.Path)) throw new ForbiddenException("recommend");
            a.Recommend(rank, comment, scope.UserName, Now);
        }, ct, Tell(scope, NotificationKind.ApplicationRecommended, "recommended", district: false, (p, unit, actor) => ($"「{p.Name}」申报已获推荐",
            $"{actor}推荐了{unit.Name}的「{p.Name}」申报{(rank is { } r ? $"（排序第 {r}）" : "")}，已报送{OwnerTitle}评审。")));

    public Task DeclineAsync(AccessScope scope, int id, string reason, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, _, unit, _) =>
        {
            if (!scope.CanRecommendFor(unit.Path)) throw new ForbiddenException("decline");
            a.Decline(reason, scope.UserName, Now);
        }, ct, Tell(scope, NotificationKind.ApplicationDeclined, "declined", district: false, (p, unit, actor) => ($"「{p.Name}」申报未获推荐",
            $"{actor}未推荐{unit.Name}的「{p.Name}」申报：“{Notifier.Quote(reason, 300)}”。")));

    public async Task AssignAsync(AccessScope scope, int id, IReadOnlyCollection<string> reviewers, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (application, _, _, ownerPath) = await LoadAsync(db, scope, id, ct);
        if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("assign reviewers");
        var names = reviewers.ToList();
        if (await ProgrammeService.Reviewers(db, ownerPath).CountAsync(u => names.Contains(u.UserName!), ct) != names.Distinct().Count())
            throw new DomainException(ErrorCodes.NotAReviewer);
        application.AssignReviewers(names, scope.UserName, Now);
        await SaveAsync(db, new DomainException(ErrorCodes.ConcurrentEdit), ct);
    }

    public Task ScoreAsync(AccessScope scope, int id, IReadOnlyList<decimal> scores, string? comment, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, p, _, _) =>
        {
            if (scope.Role != Role.Inspector) throw new ForbiddenException("score");
            a.Score(p, scope.UserName, scores, comment, Now);
        }, ct);

    public async Task DesignateAsync(AccessScope scope, int id, string documentNumber, CancellationToken ct = default)
    {
        int? indicator = null;
        await ActAsync(scope, id, (a, p, _, ownerPath) =>
        {
            if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("designate");
            return a.Designate(p, documentNumber, Today, scope.UserName, Now);
        }, (db, designation) =>
        {
            db.Designations.Add(designation);
            indicator = db.Programmes.Local.Single(p => p.Id == designation.ProgrammeId).IndicatorId;
        }, ct, Tell(scope, NotificationKind.ApplicationDesignated, "designated", district: true, (p, unit, actor) => ($"{unit.Name}获认定为「{p.Name}」",
            $"{actor}认定{unit.Name}为「{p.Name}」（{documentNumber.Trim()}）。")));
        if (indicator is { } counted) await designations.RecountAsync(counted, ct);
    }

    public Task RejectAsync(AccessScope scope, int id, string reason, CancellationToken ct = default) =>
        ActAsync(scope, id, (a, _, _, ownerPath) =>
        {
            if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("reject");
            a.Reject(reason, scope.UserName, Now);
        }, ct, Tell(scope, NotificationKind.ApplicationRejected, "rejected", district: true, (p, unit, actor) => ($"「{p.Name}」申报未获认定",
            $"{actor}未认定{unit.Name}的「{p.Name}」申报：“{Notifier.Quote(reason, 300)}”。")));

    private const string OwnerTitle = "市教委";

    /// <summary>
    /// Tells the applicant unit's accounts of a decision on its application, and with <paramref name="district"/> also the
    /// staff of the school's district, which recommended it.
    /// </summary>
    private Func<EduGovDbContext, Application, Programme, OrgUnit, Task> Tell(AccessScope scope, NotificationKind kind, string step, bool district,
        Func<Programme, OrgUnit, string, (string Title, string Body)> text) => async (db, application, programme, unit) =>
    {
        var (title, body) = text(programme, unit, await db.NameAsync(scope.UserName));
        var subject = $"application:{application.Id}:{step}:{Now.Ticks}";
        var link = $"/applications/{application.Id}";
        await db.NotifyUnitAsync(kind, new Reminder(unit.Id, subject, title, body, link), Now, [Role.Principal, Role.District], except: scope.UserName);
        if (district && unit.Kind == OrgUnitKind.School && unit.ParentId is { } parent)
            await db.NotifyUnitAsync(kind, new Reminder(parent, subject, title, body, link), Now, [Role.District], except: scope.UserName);
    };

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private Task ActAsync(AccessScope scope, int id, Action<Application, Programme, OrgUnit, string> act, CancellationToken ct,
        Func<EduGovDbContext, Application, Programme, OrgUnit, Task>? notify = null) =>
        ActAsync<object?>(scope, id, (a, p, u, o) => { act(a, p, u, o); return null; }, null, ct, notify);

    /// <summary>Loads the application within the user's scope, takes one step, and saves it; a refused step saves nothing.</summary>
    private async Task ActAsync<T>(AccessScope scope, int id, Func<Application, Programme, OrgUnit, string, T> act, Action<EduGovDbContext, T>? then, CancellationToken ct,
        Func<EduGovDbContext, Application, Programme, OrgUnit, Task>? notify = null)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (application, programme, unit, ownerPath) = await LoadAsync(db, scope, id, ct);
        var result = act(application, programme, unit, ownerPath);
        then?.Invoke(db, result);
        if (notify is not null) await notify(db, application, programme, unit);
        await SaveAsync(db, new DomainException(ErrorCodes.ConcurrentEdit), ct);
    }

    private static async Task SaveAsync(EduGovDbContext db, DomainException onConflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two requests at once (two tabs, a replayed call): the unique indexes let only one apply or designate.
            throw onConflict;
        }
    }

    private static async Task<(Application Application, Programme Programme, OrgUnit Unit, string OwnerPath)> LoadAsync(
        EduGovDbContext db, AccessScope scope, int id, CancellationToken ct)
    {
        var found = await (from a in db.Applications.Include(a => a.Reviews.OrderBy(x => x.Id)).Include(a => a.History.OrderBy(x => x.Id))
                           join u in db.OrgUnits.VisibleTo(scope) on a.UnitId equals u.Id
                           join p in db.Programmes on a.ProgrammeId equals p.Id
                           join o in db.OrgUnits on p.OwnerUnitId equals o.Id
                           where a.Id == id
                           select new { a, p, u, OwnerPath = o.Path })
            .AsSingleQuery() // one application's few reviews and steps: one round trip, and no warning in the log
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Application");
        return (found.a, found.p, found.u, found.OwnerPath);
    }
}
