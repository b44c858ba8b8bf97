using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Security;
using EduGov.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Filing;

public sealed record PeriodRow(int Id, string Name, int Year, DateOnly OpensOn, DateOnly ClosesOn, bool IsOpen, string CityName, int CityId,
    QualityThresholds Quality);

/// <param name="Basis">What the figures are checked against as the user types and again when saved; <c>Basis.Previous</c> is last period's approved survey.</param>
/// <param name="Flags">The figures flagged when last saved, with the principal's explanations.</param>
/// <param name="ReturnedFields">The figures the district named when it returned the filing.</param>
/// <param name="PreviousSubmission">The figures as they were when last returned or reopened.</param>
public sealed record FilingView(
    int? FilingId, int PeriodId, string PeriodName, bool PeriodOpen, DateOnly ClosesOn, int SchoolId, string SchoolCode, string SchoolName,
    FilingStatus? Status, SchoolSurvey Survey, Guid? Version, string? ReturnComment, bool StartedFromLastPeriod,
    bool CanEdit, bool CanReview, bool CanReopen, IReadOnlyList<FilingEvent> History, IReadOnlyList<EvidenceFile> Evidence,
    SchoolProfile Profile, CheckBasis Basis, IReadOnlyList<FilingFlag> Flags, IReadOnlyList<ReturnedField> ReturnedFields, SchoolSurvey? PreviousSubmission)
{
    /// <summary>The people of the history and the evidence (by user name), each by display name and unit.</summary>
    public IReadOnlyDictionary<string, string> People { get; init; } = new Dictionary<string, string>();

    /// <summary>Who approved the filing and when, while it is approved.</summary>
    public FilingEvent? Approval { get; init; }

    /// <summary>Who took a step of the history or added a file, as people are shown.</summary>
    public string Person(string userName) => People.Person(userName);
}

/// <param name="Step">What the user does next with the filing (审核, 填报 or 查看): <see cref="SchoolFiling.StepFor"/>.</param>
public sealed record FilingRow(int? FilingId, int SchoolId, string SchoolCode, string SchoolName, string DistrictName, SchoolType? SchoolType,
    FilingStatus? Status, DateTime? UpdatedAtUtc, int Flags = 0, FilingStep Step = FilingStep.View);

public sealed record FilingQuery(FilingStatus? Status = null, bool NotStartedOnly = false, string? Search = null, int Page = 0, int PageSize = 20);

public sealed record Completeness(int UnitId, string UnitName, int Schools, int Draft, int Submitted, int Returned, int Approved)
{
    public int NotStarted => Schools - Draft - Submitted - Returned - Approved;
    /// <summary>The share of schools that have submitted (or been approved), in percent with one decimal.</summary>
    public decimal? SubmittedShare => Coverage.Share(Submitted + Approved, Schools);

    /// <summary>The 合计 of several units: their counts added up, so its share is a ratio of sums, never an average of shares.</summary>
    public static Completeness Total(IEnumerable<Completeness> rows, string name = "") =>
        rows.Aggregate(new Completeness(0, name, 0, 0, 0, 0, 0), (sum, r) => sum with
        {
            Schools = sum.Schools + r.Schools, Draft = sum.Draft + r.Draft, Submitted = sum.Submitted + r.Submitted,
            Returned = sum.Returned + r.Returned, Approved = sum.Approved + r.Approved,
        });
}

public sealed record DistrictScorecard(int UnitId, string UnitName, QualityScorecard Card);

/// <summary>
/// Reporting periods and school filings: principals (or their district) fill and submit, districts review,
/// the commission reopens. Each step goes through <see cref="SchoolFiling"/>, and approval or reopening
/// recomputes the coverage values of the school, its district and its city.
/// </summary>
public sealed class FilingService(IDbContextFactory<EduGovDbContext> factory, CoverageService coverage, SecurityService security, EvidenceStore evidence,
    TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<PeriodRow>> PeriodsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var cities = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.City).VisibleOrAbove(scope).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ids = cities.Keys.ToList();
        var periods = await db.ReportingPeriods.Where(p => ids.Contains(p.CityId)).OrderByDescending(p => p.ClosesOn).ToListAsync(ct);
        return periods.Select(p => new PeriodRow(p.Id, p.Name, p.Year, p.OpensOn, p.ClosesOn, p.IsOpenOn(Today), cities[p.CityId], p.CityId, p.Quality)).ToList();
    }

    /// <summary>The period a user works in by default: the open one, else the latest.</summary>
    public async Task<PeriodRow?> CurrentPeriodAsync(AccessScope scope, CancellationToken ct = default)
    {
        var periods = await PeriodsAsync(scope, ct);
        return periods.FirstOrDefault(p => p.IsOpen) ?? periods.FirstOrDefault();
    }

    public async Task<int> SavePeriodAsync(AccessScope scope, int? periodId, int cityId, PeriodDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var cityPath = await db.OrgUnits.Where(u => u.Id == cityId && u.Kind == OrgUnitKind.City).Select(u => u.Path).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("City");
        if (!scope.CanManagePeriodsOf(cityPath)) throw new ForbiddenException("manage reporting periods");
        ReportingPeriod period;
        if (periodId is null) db.ReportingPeriods.Add(period = ReportingPeriod.Create(cityId, details));
        else
        {
            period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId && p.CityId == cityId, ct) ?? throw new NotFoundException("Period");
            period.Update(details);
        }
        await db.SaveChangesAsync(ct);
        return period.Id;
    }

    /// <summary>The filing of a school for a period, or a new draft started from last period's figures.</summary>
    public async Task<FilingView> GetAsync(AccessScope scope, int periodId, int schoolId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, school) = await LoadAsync(db, scope, periodId, schoolId, ct);
        var filing = await db.Filings.AsNoTracking().Include(f => f.History.OrderBy(x => x.Id)).SingleOrDefaultAsync(f => f.PeriodId == periodId && f.SchoolId == schoolId, ct);
        var previous = filing is null ? await PreviousSurveyAsync(db, period, schoolId, ct) : null;
        var evidence = filing is null ? [] : await db.EvidenceFiles.AsNoTracking().Where(e => e.FilingId == filing.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var basis = (await CheckBases.LoadAsync(db, period, [school], ct))(school);
        var open = period.IsOpenOn(Today);
        var status = filing?.Status;
        var people = await db.PeopleAsync((filing?.History.Select(h => h.By) ?? []).Concat(evidence.Select(e => e.UploadedBy)), ct);
        return new FilingView(filing?.Id, period.Id, period.Name, open, period.ClosesOn, school.Id, school.Code, school.Name, status,
            filing?.Survey ?? (previous is null ? new SchoolSurvey() : previous with { Narrative = null }), filing?.Version, filing?.ReturnComment,
            filing is null && previous is not null,
            CanEdit: open && scope.CanFileFor(school.Path) && (filing is null || filing.IsEditable),
            CanReview: scope.CanReviewFilingsOf(school.Path) && status == FilingStatus.Submitted,
            CanReopen: scope.CanReopenFilingsOf(school.Path) && status == FilingStatus.Approved,
            filing?.History.OrderBy(h => h.Id).ToList() ?? [], evidence,
            school.School!, basis, filing?.Flags ?? [], filing?.ReturnedFields ?? [], filing?.PreviousSubmission) { People = people, Approval = filing?.Approval };
    }

    /// <summary>
    /// Saves the figures as a draft, checked against the school's last approved filing, its peers and plausible bounds.
    /// <paramref name="version"/> is the one the user started from (null for a new filing); <paramref name="explanations"/>
    /// the principal's words on flagged figures (field → text), null to keep those already given.
    /// </summary>
    public Task<Guid> SaveDraftAsync(AccessScope scope, int periodId, int schoolId, Guid? version, SchoolSurvey survey,
        IReadOnlyDictionary<string, string?>? explanations = null, CancellationToken ct = default) =>
        EditAsync(scope, periodId, schoolId, version, (filing, check) => filing.SaveDraft(survey, Flags(filing, check(survey), explanations), scope.UserName, Now), ct);

    /// <summary>
    /// Attaches a file to a filing not saved yet: the figures as typed are saved as a draft first, and draft and file are
    /// committed together or not at all (a file refused leaves nothing saved, and the figures stay in the form).
    /// </summary>
    public Task<Guid> SaveDraftWithEvidenceAsync(AccessScope scope, int periodId, int schoolId, Guid? version, SchoolSurvey survey,
        IReadOnlyDictionary<string, string?>? explanations, string fileName, Stream content, long size, CancellationToken ct = default) =>
        EditAsync(scope, periodId, schoolId, version, (filing, check) => filing.SaveDraft(survey, Flags(filing, check(survey), explanations), scope.UserName, Now), ct,
            attach: (db, filing) => evidence.AddAsync(db, scope, EvidenceOwner.Filing(filing.Id), fileName, content, size, ct));

    /// <summary>Saves the figures and submits them for review in one step, refused while a flagged figure is unexplained; the district's staff are told.</summary>
    public Task<Guid> SubmitAsync(AccessScope scope, int periodId, int schoolId, Guid? version, SchoolSurvey survey,
        IReadOnlyDictionary<string, string?>? explanations = null, CancellationToken ct = default) =>
        EditAsync(scope, periodId, schoolId, version, (filing, check) =>
        {
            var flags = Flags(filing, check(survey), explanations);
            if (filing.Survey != survey || !flags.SequenceEqual(filing.Flags)) filing.SaveDraft(survey, flags, scope.UserName, Now);
            filing.Submit(scope.UserName, Now);
        }, ct, notify: async (db, period, school, actor) =>
        {
            if (school.ParentId is not { } district) return;
            await db.NotifyUnitAsync(NotificationKind.FilingSubmitted, new Reminder(district, Subject(period.Id, school.Id, "submitted"),
                $"{school.Name}提交了{period.Name}填报", $"{actor}提交了{school.Name}的{period.Name}填报，请审核。", Link(period.Id, school.Id)),
                Now, [Role.District], ct, except: scope.UserName);
        });

    /// <summary>The new flags with the explanations given now, or, where none are given, those given before for the same figure.</summary>
    internal static IReadOnlyList<FilingFlag> Flags(SchoolFiling filing, IReadOnlyList<FilingFlag> flags, IReadOnlyDictionary<string, string?>? explanations) =>
        FilingChecks.Explain(flags, explanations ?? filing.Flags.ToDictionary(f => f.Field, f => f.Explanation));

    /// <summary>Sends the filing back to the school, naming the figures to correct with a reason each and/or with a comment; the school's users are told.</summary>
    public Task ReturnAsync(AccessScope scope, int filingId, Guid version, string? comment, IReadOnlyList<ReturnedField>? fields = null, CancellationToken ct = default) =>
        ReviewAsync(scope, filingId, version, scope.CanReviewFilingsOf, (filing, _) => filing.Return(comment, fields ?? [], scope.UserName, Now), recompute: false, ct,
            (filing, period, school, actor) => (NotificationKind.FilingReturned, new Reminder(school.Id, Subject(period.Id, school.Id, "returned"),
                $"{period.Name}填报被退回",
                $"{actor}退回了本校的{period.Name}填报：“{Notifier.Quote(SchoolFiling.WhyReturned(filing.ReturnComment, filing.ReturnedFields) ?? "", 300)}”。请修改后重新提交。",
                Link(period.Id, school.Id))));

    public Task ApproveAsync(AccessScope scope, int filingId, Guid version, CancellationToken ct = default) =>
        ReviewAsync(scope, filingId, version, scope.CanReviewFilingsOf, (filing, school) => filing.Approve(school, scope.UserName, Now), recompute: true, ct,
            (filing, period, school, actor) => (NotificationKind.FilingApproved, new Reminder(school.Id, Subject(period.Id, school.Id, "approved"),
                $"{period.Name}填报已通过审核", $"{actor}审核通过了本校的{period.Name}填报。", Link(period.Id, school.Id))));

    /// <summary>The commission reopens an approved filing with a reason; the school's users are told.</summary>
    public Task ReopenAsync(AccessScope scope, int filingId, Guid version, string reason, CancellationToken ct = default) =>
        ReviewAsync(scope, filingId, version, scope.CanReopenFilingsOf, (filing, _) => filing.Reopen(reason, scope.UserName, Now), recompute: true, ct,
            (filing, period, school, actor) => (NotificationKind.FilingReopened, new Reminder(school.Id, Subject(period.Id, school.Id, "reopened"),
                $"{period.Name}填报被重新打开", $"{actor}重新打开了本校已通过的{period.Name}填报：“{Notifier.Quote(reason, 300)}”。请修改后重新提交。",
                Link(period.Id, school.Id))));

    private string Subject(int periodId, int schoolId, string step) => $"filing:{periodId}:{schoolId}:{step}:{Now.Ticks}";

    private static string Link(int periodId, int schoolId) => $"/filing/{periodId}/schools/{schoolId}";

    /// <summary>Schools of a region with their filing status for one period: the district's review list and the not-filed list.</summary>
    public async Task<Paged<FilingRow>> ListAsync(AccessScope scope, int periodId, int unitId, FilingQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unitPath = await db.OrgUnits.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("OrgUnit");
        var rows = from s in db.OrgUnits
                   where s.Kind == OrgUnitKind.School && s.Path.StartsWith(unitPath)
                   join d in db.OrgUnits on s.ParentId equals d.Id
                   from f in db.Filings.Where(f => f.PeriodId == periodId && f.SchoolId == s.Id).DefaultIfEmpty()
                   select new { School = s, District = d.Name, Filing = f };
        if (query.NotStartedOnly) rows = rows.Where(r => r.Filing == null || r.Filing.Status == FilingStatus.Draft || r.Filing.Status == FilingStatus.Returned);
        if (query.Status is { } status) rows = rows.Where(r => r.Filing != null && r.Filing.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            rows = rows.Where(r => r.School.Name.Contains(text) || r.School.Code.StartsWith(text));
        }
        var open = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, ct) is { } period && period.IsOpenOn(Today);
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderBy(r => r.Filing == null ? 9 : r.Filing.Status == FilingStatus.Submitted ? 0 : (int)r.Filing.Status)
            .ThenBy(r => r.School.Code)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(r => new
            {
                Row = new FilingRow(r.Filing == null ? null : r.Filing.Id, r.School.Id, r.School.Code, r.School.Name, r.District,
                    r.School.School!.Type, r.Filing == null ? null : r.Filing.Status, r.Filing == null ? null : r.Filing.UpdatedAtUtc, 0),
                Flags = r.Filing == null ? null : r.Filing.Flags,
                r.School.Path,
            })
            .ToListAsync(ct);
        return new Paged<FilingRow>(page.Select(p => p.Row with
        {
            Flags = p.Flags?.Count ?? 0, Step = SchoolFiling.StepFor(p.Row.Status, scope, p.Path, open),
        }).ToList(), total);
    }

    /// <summary>Filing completeness per child unit (district for a city, school count for a district), counted in the database.</summary>
    public async Task<IReadOnlyList<Completeness>> CompletenessAsync(AccessScope scope, int periodId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("OrgUnit");
        var districts = unit.Kind == OrgUnitKind.City
            ? await db.OrgUnits.Where(d => d.ParentId == unit.Id).OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct)
            : [new { unit.Id, unit.Name }];
        var ids = districts.Select(d => d.Id).ToList();
        var schools = await SchoolsPerDistrictAsync(db, ids, ct);
        var statuses = await (from f in db.Filings
                              where f.PeriodId == periodId
                              join s in db.OrgUnits on f.SchoolId equals s.Id
                              where s.ParentId != null && ids.Contains(s.ParentId.Value)
                              group f by new { District = s.ParentId!.Value, f.Status } into g
                              select new { g.Key.District, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(int district, FilingStatus status) => statuses.Where(s => s.District == district && s.Status == status).Sum(s => s.Count);
        return districts.Select(d => new Completeness(d.Id, d.Name, schools.GetValueOrDefault(d.Id),
            Count(d.Id, FilingStatus.Draft), Count(d.Id, FilingStatus.Submitted), Count(d.Id, FilingStatus.Returned), Count(d.Id, FilingStatus.Approved))).ToList();
    }

    /// <summary>
    /// The data-quality scorecard of each district of a city for one period (数据质量评分), counted from the filings and their
    /// history: completeness, timeliness, flagged figures, returns and the days to a decision.
    /// </summary>
    public async Task<IReadOnlyList<DistrictScorecard>> ScorecardsAsync(AccessScope scope, int periodId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException("Period");
        var districts = await db.OrgUnits.VisibleTo(scope).Where(d => d.ParentId == period.CityId).OrderBy(d => d.Code)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        if (districts.Count == 0) throw new NotFoundException("Period");
        var ids = districts.Select(d => d.Id).ToList();
        var schools = await SchoolsPerDistrictAsync(db, ids, ct);
        var filings = await (from f in db.Filings
                             where f.PeriodId == periodId
                             join s in db.OrgUnits on f.SchoolId equals s.Id
                             where s.ParentId != null && ids.Contains(s.ParentId.Value)
                             select new
                             {
                                 District = s.ParentId!.Value, f.Status, f.Flags,
                                 // The steps the scorecard counts: drafts, imports and reopenings are most of a history.
                                 History = f.History.Where(h => h.Action == FilingAction.Submitted || h.Action == FilingAction.Returned || h.Action == FilingAction.Approved)
                                     .OrderBy(h => h.Id).Select(h => new { h.Action, h.AtUtc }).ToList(),
                             })
            .AsNoTracking().AsSplitQuery().ToListAsync(ct);
        var deadline = TimeZoneInfo.ConvertTimeToUtc(period.ClosesOn.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.LocalTimeZone);
        var byDistrict = filings.ToLookup(f => f.District, f => new ScorecardCounts.Filing(f.Status, f.Flags.Count, f.History.Select(h => (h.Action, h.AtUtc)).ToList()));
        return districts.Select(d => new DistrictScorecard(d.Id, d.Name,
            new QualityScorecard(ScorecardCounts.Of(schools.GetValueOrDefault(d.Id), byDistrict[d.Id], deadline), ScorecardThresholds.Default,
                Closed: Today > period.ClosesOn))).ToList();
    }

    private static Task<Dictionary<int, int>> SchoolsPerDistrictAsync(EduGovDbContext db, List<int> districts, CancellationToken ct) =>
        db.OrgUnits.Where(s => s.ParentId != null && districts.Contains(s.ParentId.Value))
            .GroupBy(s => s.ParentId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private async Task<Guid> EditAsync(AccessScope scope, int periodId, int schoolId, Guid? version,
        Action<SchoolFiling, Func<SchoolSurvey, IReadOnlyList<FilingFlag>>> edit, CancellationToken ct,
        Func<EduGovDbContext, ReportingPeriod, OrgUnit, string, Task>? notify = null, Func<EduGovDbContext, SchoolFiling, Task>? attach = null)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        // What is attached after the save commits with it: the filing's id is known only once saved.
        await using var transaction = attach is null ? null : await db.Database.BeginTransactionAsync(ct);
        var (period, school) = await LoadAsync(db, scope, periodId, schoolId, ct);
        if (!scope.CanFileFor(school.Path)) throw new ForbiddenException("file for this school");
        if (!period.IsOpenOn(Today)) throw new DomainException(ErrorCodes.PeriodNotOpen, period.Name, period.ClosesOn);
        var filing = await db.Filings.Include(f => f.History.OrderBy(x => x.Id)).SingleOrDefaultAsync(f => f.PeriodId == periodId && f.SchoolId == schoolId, ct);
        if (filing is null)
        {
            // Someone else started the filing after this user opened the form: theirs wins, this save is refused.
            if (version is not null) throw new DomainException(ErrorCodes.ConcurrentEdit);
            filing = SchoolFiling.Start(periodId, schoolId, await PreviousSurveyAsync(db, period, schoolId, ct), Now);
            db.Filings.Add(filing);
        }
        else if (filing.Version != version) throw new DomainException(ErrorCodes.ConcurrentEdit);
        var basis = (await CheckBases.LoadAsync(db, period, [school], ct))(school);
        edit(filing, survey => basis.Check(survey, school.School!));
        if (notify is not null) await notify(db, period, school, await db.NameAsync(scope.UserName, ct));
        await SaveAsync(db, ct);
        if (attach is not null)
        {
            await attach(db, filing);
            await transaction!.CommitAsync(ct);
        }
        return filing.Version;
    }

    private async Task ReviewAsync(AccessScope scope, int filingId, Guid version, Func<string, bool> allowed,
        Action<SchoolFiling, SchoolProfile> step, bool recompute, CancellationToken ct,
        Func<SchoolFiling, ReportingPeriod, OrgUnit, string, (NotificationKind Kind, Reminder Message)> notify)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var filing = await db.Filings.Include(f => f.History.OrderBy(x => x.Id)).SingleOrDefaultAsync(f => f.Id == filingId, ct) ?? throw new NotFoundException("Filing");
        var school = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == filing.SchoolId, ct) ?? throw new NotFoundException("Filing");
        if (!allowed(school.Path)) throw new ForbiddenException("review this filing");
        if (filing.Version != version) throw new DomainException(ErrorCodes.ConcurrentEdit);
        step(filing, school.School!);
        var period = await db.ReportingPeriods.SingleAsync(p => p.Id == filing.PeriodId, ct);
        var (kind, message) = notify(filing, period, school, await db.NameAsync(scope.UserName, ct));
        await db.NotifyUnitAsync(kind, message, Now, roles: null, ct, except: scope.UserName);
        await SaveAsync(db, ct);
        if (!recompute) return;
        await coverage.RecomputeAsync(filing.PeriodId, school.Path, ct);
        await security.RecountAsync(school.Path, ct); // an approved filing's surveillance figures stand until the school's register is newer
    }

    private static async Task SaveAsync(EduGovDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
        {
            throw new DomainException(ErrorCodes.ConcurrentEdit);
        }
    }

    private static async Task<(ReportingPeriod Period, OrgUnit School)> LoadAsync(EduGovDbContext db, AccessScope scope, int periodId, int schoolId, CancellationToken ct)
    {
        var school = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == schoolId && u.Kind == OrgUnitKind.School, ct)
            ?? throw new NotFoundException("School");
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException("Period");
        var cityPath = OrgUnit.LineageOf(school.Path)[0];
        if (!await db.OrgUnits.AnyAsync(u => u.Id == period.CityId && u.Path == cityPath, ct)) throw new NotFoundException("Period");
        return (period, school);
    }

    /// <summary>The school's figures of the latest earlier period, to start a new filing from.</summary>
    private static async Task<SchoolSurvey?> PreviousSurveyAsync(EduGovDbContext db, ReportingPeriod period, int schoolId, CancellationToken ct) =>
        await (from f in db.Filings
               join p in db.ReportingPeriods on f.PeriodId equals p.Id
               where f.SchoolId == schoolId && p.CityId == period.CityId && p.ClosesOn < period.ClosesOn
               orderby p.ClosesOn descending
               select f.Survey).AsNoTracking().FirstOrDefaultAsync(ct);
}
