using EduGov.Domain.Common;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Domain.Urging;
using EduGov.Infrastructure.Bulletins;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Organisation;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Urging;

/// <summary>Which 督办 a list shows: 待答复 includes the overdue ones; 逾期 and 已升级 cut across the states.</summary>
public enum UrgingFilter { All, Issued, Answered, Closed, Overdue, Escalated }

public sealed record UrgingQuery(UrgingFilter Filter = UrgingFilter.All, UrgingSubject? Subject = null, int? UnitId = null, string? Search = null);

public sealed record UrgingRow(int Id, UrgingSubject Subject, string SubjectLabel, int TargetUnitId, string TargetUnit, OrgUnitKind TargetKind,
    string IssuerUnit, string IssuedBy, DateTime IssuedAtUtc, string Requirement, DateOnly Deadline, UrgingStatus Status, int Round,
    int DaysOverdue, string? EscalatedTo)
{
    public bool Overdue => DaysOverdue > 0;
}

public sealed record UrgingStepRow(UrgingAction Action, string By, DateTime AtUtc, string? Text, DateOnly? Deadline);

/// <summary>One 督办 as its user sees it, with the steps the user may take.</summary>
public sealed record UrgingView(UrgingRow Row, string? Explanation, string? Plan, IReadOnlyList<EvidenceRow> Files, IReadOnlyList<UrgingStepRow> History,
    string? SubjectLink, bool CanAnswer, bool CanDecide);

public sealed record NewUrging(int TargetUnitId, UrgingSubject Subject, int ReferenceId, string Requirement, DateOnly Deadline);

/// <summary>A thing a 督办 can be about, for the issue dialog's choice.</summary>
public sealed record UrgingSubjectOption(int ReferenceId, string Label);

/// <summary>A unit's share of work for the workbench: the first rows (nearest deadline first), how many in all, how many overdue.</summary>
public sealed record UrgingTasks(IReadOnlyList<UrgingRow> Items, int Total, int Overdue, DateOnly? NearestDeadline);

/// <summary>
/// 督办 counts over the 督办 issued in a period to a unit and the units below it: issued, answered (at least once), closed
/// (办结), overdue (went past a deadline unanswered, or is past one now), escalated (went up to a superior), and still open.
/// </summary>
public sealed record UrgingCounts(int Issued, int Answered, int Closed, int Overdue, int Escalated, int Open)
{
    public static readonly UrgingCounts None = new(0, 0, 0, 0, 0, 0);
}

public sealed record ReportUrging(int Id, string TargetUnit, UrgingSubject Subject, string SubjectLabel, string IssuerUnit, DateOnly IssuedOn, DateOnly Deadline,
    UrgingStatus Status, bool Overdue, bool Escalated);

/// <summary>A period's 督办 to a unit (and its schools), as the 督导报告 and the 通报 print them: the counts and those not yet closed.</summary>
public sealed record UrgingSummary(UrgingCounts Counts, IReadOnlyList<ReportUrging> Outstanding)
{
    public static readonly UrgingSummary Empty = new(UrgingCounts.None, []);
}

/// <summary>One unit's counts among its peers (a city's districts, with their schools), for the 通报.</summary>
public sealed record UnitUrgingCounts(int UnitId, string Unit, UrgingCounts Counts);

/// <summary>
/// 督办: the commission and district staff issue them to the units below them; the target unit answers; the issuing unit closes
/// or presses again; the daily job marks the unanswered ones overdue and sends them up to the superior. Every step is in the
/// 督办's history, is audited, and tells the people it concerns in the same unit of work.
/// </summary>
public sealed class UrgingService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock) : IUrgingSource
{
    /// <summary>The roles told on the target's side: those who answer (a school's principal, a district's staff).</summary>
    private static readonly Role[] Answering = [Role.Principal, Role.District];

    /// <summary>The roles told at a superior unit when a 督办 goes up to it.</summary>
    private static readonly Role[] Superiors = [Role.District, Role.Commission];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The 督办 of the units in scope, a page at a time: unanswered first (the overdue among them by how late), then answered, then closed.</summary>
    public async Task<Paged<UrgingRow>> ListAsync(AccessScope scope, UrgingQuery query, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var today = Today;
        var rows = Joined(db, scope);
        rows = query.Filter switch
        {
            UrgingFilter.Issued => rows.Where(x => x.U.Status == UrgingStatus.Issued),
            UrgingFilter.Answered => rows.Where(x => x.U.Status == UrgingStatus.Answered),
            UrgingFilter.Closed => rows.Where(x => x.U.Status == UrgingStatus.Closed),
            UrgingFilter.Overdue => rows.Where(x => x.U.Status == UrgingStatus.Issued && today > x.U.Deadline),
            UrgingFilter.Escalated => rows.Where(x => x.U.EscalatedToUnitId != null),
            _ => rows,
        };
        if (query.Subject is { } subject) rows = rows.Where(x => x.U.Subject == subject);
        if (query.UnitId is { } unitId)
        {
            var path = await db.OrgUnits.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            if (path is null) return new Paged<UrgingRow>([], 0);
            rows = rows.Where(x => x.TargetPath.StartsWith(path));
        }
        if (query.Search?.Trim() is { Length: > 0 } term)
            rows = rows.Where(x => x.Target.Contains(term) || x.TargetCode.StartsWith(term) || x.U.SubjectLabel.Contains(term) || x.U.Requirement.Contains(term));
        var found = await rows.OrderBy(x => x.U.Status).ThenBy(x => x.U.Deadline).ThenBy(x => x.U.Id).Skip(page * pageSize).Take(pageSize).AsNoTracking().ToListAsync(ct);
        return new Paged<UrgingRow>(found.Select(x => RowOf(x, today)).ToList(), await rows.CountAsync(ct));
    }

    public async Task<UrgingView> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var x = await Joined(db, scope).Where(x => x.U.Id == id).AsNoTracking().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Urging");
        var owner = (int?)id;
        var files = await db.EvidenceFiles.Where(e => e.UrgingId == owner).OrderBy(e => e.Id).Select(e => new EvidenceRow(e.Id, e.FileName, e.Size)).ToListAsync(ct);
        var steps = await db.Set<UrgingStep>().Where(s => s.UrgingId == id).OrderBy(s => s.AtUtc).ThenBy(s => s.Id)
            .Select(s => new UrgingStepRow(s.Action, s.By, s.AtUtc, s.Text, s.Deadline)).ToListAsync(ct);
        var people = await db.PeopleAsync(steps.Select(s => s.By), ct);
        var history = steps.Select(s => s with { By = people.Person(s.By) }).ToList();
        var link = await SubjectLinkAsync(db, x.U, x.TargetKind, ct);
        return new UrgingView(RowOf(x, Today), x.U.Explanation, x.U.Plan, files, history, link,
            x.U.Status == UrgingStatus.Issued && UrgingRules.MayAnswer(scope, x.TargetPath, x.TargetKind),
            x.U.Status != UrgingStatus.Closed && UrgingRules.MayDecide(scope, x.IssuerPath, x.IssuerKind));
    }

    /// <summary>The units the user may issue to (the commission: its city's districts and schools; a district: its schools), searched by name or code.</summary>
    public async Task<IReadOnlyList<OrgUnitOption>> TargetOptionsAsync(AccessScope scope, string? search, CancellationToken ct = default)
    {
        if (!UrgingRules.Issues(scope)) return [];
        await using var db = await factory.OpenAsync(scope, ct);
        var own = scope.OrgPath!;
        var units = db.OrgUnits.Where(u => u.Path.StartsWith(own) && u.Path != own);
        if (scope.Role == Role.District) units = units.Where(u => u.Kind == OrgUnitKind.School);
        if (search?.Trim() is { Length: > 0 } term) units = units.Where(u => u.Name.Contains(term) || u.Code.StartsWith(term));
        return await units.OrderBy(u => u.Kind).ThenBy(u => u.Code).Take(20).Select(u => new OrgUnitOption(u.Id, u.Code, u.Name, u.Kind, u.Path)).ToListAsync(ct);
    }

    /// <summary>What a 督办 to the unit can be about, of one kind: the city's reporting periods, the unit's open items, the plans' indicators that bind it, its systems.</summary>
    public async Task<IReadOnlyList<UrgingSubjectOption>> SubjectOptionsAsync(AccessScope scope, int targetUnitId, UrgingSubject subject, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var target = await db.OrgUnits.VisibleTo(scope).AsNoTracking().SingleOrDefaultAsync(u => u.Id == targetUnitId, ct) ?? throw new NotFoundException("OrgUnit");
        return await SubjectsAsync(db, target, subject, null, ct);
    }

    public async Task<int> IssueAsync(AccessScope scope, NewUrging input, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var target = await db.OrgUnits.VisibleTo(scope).AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.TargetUnitId, ct) ?? throw new NotFoundException("OrgUnit");
        if (!UrgingRules.MayIssue(scope, target.Path, target.Kind)) throw new ForbiddenException("issue 督办");
        var issuer = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Path == scope.OrgPath, ct);
        var subject = (await SubjectsAsync(db, target, input.Subject, input.ReferenceId, ct)).SingleOrDefault()
                      ?? throw new DomainException(ErrorCodes.UrgingSubjectMismatch, target.Name);
        var now = Now;
        // Checked before anything is written: a refused 督办 opens no transaction.
        UrgingCase.Issue(scope.Role, issuer, target, input.Subject, subject.ReferenceId, subject.Label, input.Requirement, input.Deadline, Today, scope.UserName, now);
        // The message links to the 督办, so it is written once the 督办 has its id, in the same transaction; the whole of it is
        // retried together where the provider retries (SQL Server), each time in a context of its own.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var write = await factory.OpenAsync(scope, ct);
            var urging = UrgingCase.Issue(scope.Role, issuer, target, input.Subject, subject.ReferenceId, subject.Label, input.Requirement, input.Deadline, Today,
                scope.UserName, now);
            await using var transaction = await write.Database.BeginTransactionAsync(ct);
            write.Urgings.Add(urging);
            await write.SaveChangesAsync(ct);
            await write.NotifyUnitAsync(NotificationKind.UrgingIssued, new Reminder(target.Id, $"urging:{urging.Id}:issued", $"收到督办：{urging.SubjectLabel}",
                $"{issuer.Name}督办{target.Name}：{Sentence(urging.Requirement)}请于 {urging.Deadline:yyyy-MM-dd} 前答复。", Link(urging.Id)), now, Answering, ct);
            await write.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return urging.Id;
        });
    }

    /// <summary>The target unit's answer: 情况说明 and its plan; files are attached to the 督办 before (they stay if the answer is refused).</summary>
    public Task AnswerAsync(AccessScope scope, int id, string explanation, string plan, CancellationToken ct = default) =>
        StepAsync(scope, id, async (db, x, now) =>
        {
            if (!UrgingRules.MayAnswer(scope, x.TargetPath, x.TargetKind)) throw new ForbiddenException("answer 督办");
            x.U.Answer(explanation, plan, scope.UserName, now);
            await db.NotifyUsersAsync([x.U.IssuedBy], NotificationKind.UrgingAnswered, new Reminder(x.U.IssuerUnitId,
                $"urging:{x.U.Id}:answered:{now.Ticks}", $"督办已答复：{x.Target}", $"{x.Target}已答复督办「{x.U.SubjectLabel}」：{Sentence(x.U.Explanation!)}", Link(x.U.Id)), now, ct);
        }, ct);

    /// <summary>办结: the issuing unit accepts the answer.</summary>
    public Task CloseAsync(AccessScope scope, int id, string? note, CancellationToken ct = default) =>
        StepAsync(scope, id, async (db, x, now) =>
        {
            if (!UrgingRules.MayDecide(scope, x.IssuerPath, x.IssuerKind)) throw new ForbiddenException("close 督办");
            x.U.Close(note, scope.UserName, now);
            var said = string.IsNullOrWhiteSpace(note) ? "" : $"意见：{Sentence(note)}";
            await db.NotifyUnitAsync(NotificationKind.UrgingClosed, new Reminder(x.U.TargetUnitId, $"urging:{x.U.Id}:closed",
                $"督办已办结：{x.U.SubjectLabel}", $"{x.Issuer}已办结对{x.Target}的督办「{x.U.SubjectLabel}」。{said}", Link(x.U.Id)), now, Answering, ct);
        }, ct);

    /// <summary>再次督办: the issuing unit asks again, with what it requires now and a new deadline.</summary>
    public Task PressAsync(AccessScope scope, int id, string requirement, DateOnly deadline, CancellationToken ct = default) =>
        StepAsync(scope, id, async (db, x, now) =>
        {
            if (!UrgingRules.MayDecide(scope, x.IssuerPath, x.IssuerKind)) throw new ForbiddenException("press 督办");
            x.U.Press(requirement, deadline, Today, scope.UserName, now);
            await db.NotifyUnitAsync(NotificationKind.UrgingPressed, new Reminder(x.U.TargetUnitId, $"urging:{x.U.Id}:pressed:{now.Ticks}",
                $"再次督办：{x.U.SubjectLabel}", $"{x.Issuer}第 {x.U.Round} 次督办{x.Target}：{Sentence(x.U.Requirement)}请于 {deadline:yyyy-MM-dd} 前答复。", Link(x.U.Id)),
                now, Answering, ct);
        }, ct);

    /// <summary>
    /// The daily job: each unanswered 督办 past its deadline is marked 逾期 once per round (the target and the issuer told), and one
    /// still unanswered <see cref="UrgingCase.EscalationDays"/> days after it goes up once to the superior unit (its staff told).
    /// Each 督办 is saved on its own, so one answered meanwhile does not hold up the rest.
    /// </summary>
    public async Task<string> SweepAsync(DateOnly today, string by, CancellationToken ct = default)
    {
        List<int> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
            due = await db.Urgings.Where(u => u.Status == UrgingStatus.Issued && u.Deadline < today).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        int overdue = 0, escalated = 0, skipped = 0;
        foreach (var id in due)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = by;
            var x = await Joined(db, null).SingleAsync(x => x.U.Id == id, ct);
            var now = Now;
            var marked = x.U.MarkOverdue(today, by, now);
            if (marked)
            {
                var late = today.DayNumber - x.U.Deadline.DayNumber;
                var message = new Reminder(x.U.TargetUnitId, $"urging:{id}:overdue:{x.U.Round}", $"督办已逾期：{x.U.SubjectLabel}",
                    $"{x.Issuer}对{x.Target}的督办「{x.U.SubjectLabel}」已于 {x.U.Deadline:yyyy-MM-dd} 到期，尚未答复，已逾期 {late} 天。", Link(id));
                await db.NotifyUnitAsync(NotificationKind.UrgingOverdue, message, now, Answering, ct);
                await db.NotifyUsersAsync([x.U.IssuedBy], NotificationKind.UrgingOverdue, message, now, ct);
            }
            var goesUp = x.U.IsDueForEscalation(today);
            if (goesUp)
            {
                var superiorPath = UrgingRules.SuperiorPath(x.TargetPath, x.IssuerPath);
                var superior = await db.OrgUnits.AsNoTracking().Where(u => u.Path == superiorPath).Select(u => new { u.Id, u.Name }).SingleAsync(ct);
                x.U.Escalate(superior.Id, superior.Name, today, by, now);
                await db.NotifyUnitAsync(NotificationKind.UrgingEscalated, new Reminder(superior.Id, $"urging:{id}:escalated", $"督办升级：{x.Target}逾期未答复",
                    $"{x.Issuer}对{x.Target}的督办「{x.U.SubjectLabel}」已于 {x.U.Deadline:yyyy-MM-dd} 到期，逾期 {today.DayNumber - x.U.Deadline.DayNumber} 天仍未答复，升级至{superior.Name}。",
                    Link(id)), now, Superiors, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                if (marked) overdue++;
                if (goesUp) escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Answered or pressed while the job ran: tomorrow's run sees it as it now stands.
                skipped++;
            }
        }
        return $"标记逾期 {overdue} 件，升级 {escalated} 件" + (skipped > 0 ? $"，{skipped} 件处理中被答复，已跳过" : "");
    }

    /// <summary>The 督办 the user's unit is to answer (待答复), nearest deadline first: the workbench's list for principals and districts.</summary>
    public async Task<UrgingTasks> OpenForUnitAsync(AccessScope scope, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = Joined(db, scope).Where(x => x.TargetPath == scope.OrgPath && x.U.Status == UrgingStatus.Issued);
        if (scope.Role is not (Role.Principal or Role.District)) rows = rows.Where(_ => false);
        return await TasksAsync(rows, take, ct);
    }

    /// <summary>The 督办 the user's unit issued and has not closed (待答复, 逾期 and 已答复 awaiting its decision), nearest deadline first.</summary>
    public async Task<UrgingTasks> IssuedOpenAsync(AccessScope scope, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = Joined(db, scope).Where(x => x.IssuerPath == scope.OrgPath && x.U.Status != UrgingStatus.Closed);
        if (!UrgingRules.Issues(scope)) rows = rows.Where(_ => false);
        return await TasksAsync(rows, take, ct);
    }

    /// <summary>The open 督办 that went up to the user's unit (a district told that one of its schools ignored the commission's).</summary>
    public async Task<UrgingTasks> EscalatedToUnitAsync(AccessScope scope, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = Joined(db, scope).Where(x => x.EscalatedPath == scope.OrgPath && x.U.Status != UrgingStatus.Closed);
        if (scope.Role is not (Role.District or Role.Commission)) rows = rows.Where(_ => false);
        return await TasksAsync(rows, take, ct);
    }

    /// <summary>
    /// The 督办 issued in a period to a unit and the units below it: counts and those not closed. The caller (a report) has already
    /// checked that the user may see the unit, and so everything under it.
    /// </summary>
    public async Task<UrgingSummary> ForReportAsync(int unitId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("OrgUnit");
        var found = await InPeriod(db, from, to, path).ToListAsync(ct);
        var today = Today;
        var outstanding = found.Where(x => x.Status != UrgingStatus.Closed).OrderBy(x => x.Deadline).ThenBy(x => x.Id)
            .Select(x => new ReportUrging(x.Id, x.Target, x.Subject, x.SubjectLabel, x.Issuer, DateOnly.FromDateTime(x.IssuedAtUtc.ToLocalTime()), x.Deadline, x.Status,
                x.Status == UrgingStatus.Issued && today > x.Deadline, x.Escalated)).ToList();
        return new UrgingSummary(Count(found, today), outstanding);
    }

    /// <summary>The counts of a period for each district of a city (its own 督办 and its schools'), districts in code order.</summary>
    public async Task<IReadOnlyList<UnitUrgingCounts>> CountsByDistrictAsync(int cityId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var districts = await db.OrgUnits.Where(u => u.ParentId == cityId && u.Kind == OrgUnitKind.District).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var cityPath = await db.OrgUnits.Where(u => u.Id == cityId).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("City");
        var found = await InPeriod(db, from, to, cityPath).ToListAsync(ct);
        var today = Today;
        return districts.Select(d => new UnitUrgingCounts(d.Id, d.Name, Count(found.Where(x => x.TargetPath.StartsWith(d.Path, StringComparison.Ordinal)).ToList(), today))).ToList();
    }

    /// <summary>The 通报's 督办 section: every 督办 in the city not yet closed, whenever issued, nearest deadline first.</summary>
    public async Task<UrgingSection?> OutstandingAsync(int cityId, string cityPath, DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // A 督办 goes to a district or to a school: its district is the unit itself or the school's parent.
        var open = await (from u in db.Urgings
                          join t in db.OrgUnits on u.TargetUnitId equals t.Id
                          join p in db.OrgUnits on t.ParentId equals p.Id
                          where u.Status != UrgingStatus.Closed && t.Path.StartsWith(cityPath)
                          orderby u.Deadline, u.Id
                          select new
                          {
                              U = u, Target = t.Name,
                              DistrictId = t.Kind == OrgUnitKind.District ? t.Id : p.Id, District = t.Kind == OrgUnitKind.District ? t.Name : p.Name,
                          }).AsNoTracking().ToListAsync(ct);
        var lines = open.Select(x => new UrgingLine(x.U.TargetUnitId, x.Target, x.DistrictId, x.District, x.U.SubjectLabel, x.U.Deadline,
            x.U.IsOverdue(today) ? today.DayNumber - x.U.Deadline.DayNumber : 0)).ToList();
        return new UrgingSection(lines.Count, lines.Count(l => l.DaysOverdue > 0), lines);
    }

    private sealed record Counted(int Id, string Target, string TargetPath, string Issuer, UrgingSubject Subject, string SubjectLabel, DateTime IssuedAtUtc,
        DateOnly Deadline, UrgingStatus Status, bool WasOverdue, bool Escalated, bool Answered);

    /// <summary>The 督办 issued in the period to the unit of <paramref name="path"/> and the units below it.</summary>
    private static IQueryable<Counted> InPeriod(EduGovDbContext db, DateOnly from, DateOnly to, string path)
    {
        // Issued on a local day of the period: the UTC instants of its first and last moment.
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
        return from u in db.Urgings
               join t in db.OrgUnits on u.TargetUnitId equals t.Id
               join i in db.OrgUnits on u.IssuerUnitId equals i.Id
               where u.IssuedAtUtc >= start && u.IssuedAtUtc < end && t.Path.StartsWith(path)
               select new Counted(u.Id, t.Name, t.Path, i.Name, u.Subject, u.SubjectLabel, u.IssuedAtUtc, u.Deadline, u.Status, u.WasOverdue,
                   u.EscalatedToUnitId != null, db.Set<UrgingStep>().Any(s => s.UrgingId == u.Id && s.Action == UrgingAction.Answered));
    }

    private static UrgingCounts Count(IReadOnlyCollection<Counted> found, DateOnly today) => new(
        found.Count, found.Count(x => x.Answered), found.Count(x => x.Status == UrgingStatus.Closed),
        found.Count(x => x.WasOverdue || (x.Status == UrgingStatus.Issued && today > x.Deadline)), found.Count(x => x.Escalated),
        found.Count(x => x.Status != UrgingStatus.Closed));

    private async Task<UrgingTasks> TasksAsync(IQueryable<UrgingJoin> rows, int take, CancellationToken ct)
    {
        var today = Today;
        var items = await rows.OrderBy(x => x.U.Deadline).ThenBy(x => x.U.Id).Take(take).AsNoTracking().ToListAsync(ct);
        var total = await rows.CountAsync(ct);
        var overdue = await rows.CountAsync(x => x.U.Status == UrgingStatus.Issued && today > x.U.Deadline, ct);
        return new UrgingTasks(items.Select(x => RowOf(x, today)).ToList(), total, overdue, items.FirstOrDefault()?.U.Deadline);
    }

    private sealed class UrgingJoin
    {
        public required UrgingCase U { get; init; }
        public required string Target { get; init; }
        public required string TargetCode { get; init; }
        public required string TargetPath { get; init; }
        public required OrgUnitKind TargetKind { get; init; }
        public required string Issuer { get; init; }
        public required string IssuerPath { get; init; }
        public required OrgUnitKind IssuerKind { get; init; }
        public string? EscalatedTo { get; init; }
        public string? EscalatedPath { get; init; }
    }

    /// <summary>督办 are seen through their target unit: the issuer and the superior are above it, so whoever sees it sees them too.</summary>
    private static IQueryable<UrgingJoin> Joined(EduGovDbContext db, AccessScope? scope) =>
        from u in db.Urgings
        join t in scope is null ? db.OrgUnits : db.OrgUnits.VisibleTo(scope) on u.TargetUnitId equals t.Id
        join i in db.OrgUnits on u.IssuerUnitId equals i.Id
        join e in db.OrgUnits on u.EscalatedToUnitId equals e.Id into up
        from e in up.DefaultIfEmpty()
        select new UrgingJoin
        {
            U = u, Target = t.Name, TargetCode = t.Code, TargetPath = t.Path, TargetKind = t.Kind, Issuer = i.Name, IssuerPath = i.Path, IssuerKind = i.Kind,
            EscalatedTo = e == null ? null : e.Name, EscalatedPath = e == null ? null : e.Path,
        };

    private static UrgingRow RowOf(UrgingJoin x, DateOnly today) => new(x.U.Id, x.U.Subject, x.U.SubjectLabel, x.U.TargetUnitId, x.Target, x.TargetKind, x.Issuer,
        x.U.IssuedBy, x.U.IssuedAtUtc, x.U.Requirement, x.U.Deadline, x.U.Status, x.U.Round, x.U.IsOverdue(today) ? today.DayNumber - x.U.Deadline.DayNumber : 0,
        x.EscalatedTo);

    /// <summary>Loads a 督办 the user can see, takes one step (with its notifications), and saves; a step someone else took meanwhile is refused.</summary>
    private async Task StepAsync(AccessScope scope, int id, Func<EduGovDbContext, UrgingJoin, DateTime, Task> step, CancellationToken ct)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await Joined(db, scope).Where(x => x.U.Id == id).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Urging");
        await step(db, found, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.AlreadyHandled);
        }
    }

    /// <summary>The subjects of a kind a 督办 to <paramref name="target"/> may be about (one, when <paramref name="referenceId"/> is given and fits).</summary>
    private static async Task<IReadOnlyList<UrgingSubjectOption>> SubjectsAsync(EduGovDbContext db, OrgUnit target, UrgingSubject subject, int? referenceId,
        CancellationToken ct)
    {
        var one = referenceId ?? 0;
        var any = referenceId is null;
        switch (subject)
        {
            case UrgingSubject.LateFiling:
            {
                var cityPath = OrgUnit.LineageOf(target.Path)[0];
                var periods = await (from p in db.ReportingPeriods
                                     join c in db.OrgUnits on p.CityId equals c.Id
                                     where c.Path == cityPath && (any || p.Id == one)
                                     orderby p.ClosesOn descending
                                     select new { p.Id, p.Name }).Take(10).ToListAsync(ct);
                return periods.Select(p => new UrgingSubjectOption(p.Id, UrgingLabels.Filing(p.Name))).ToList();
            }
            case UrgingSubject.OverdueRectification:
            {
                var items = await db.RectificationItems.Where(r => r.UnitId == target.Id && r.Status != RectificationStatus.Accepted && (any || r.Id == one))
                    .OrderBy(r => r.Deadline).Select(r => new { r.Id, r.Requirement, r.Deadline }).Take(50).ToListAsync(ct);
                return items.Select(r => new UrgingSubjectOption(r.Id, UrgingLabels.Rectification(r.Requirement, r.Deadline))).ToList();
            }
            case UrgingSubject.OverdueRemediation:
            {
                var items = await db.RemediationItems.Where(r => r.UnitId == target.Id && r.Status != RemediationStatus.Closed && (any || r.Id == one))
                    .OrderBy(r => r.Deadline).Select(r => new { r.Id, r.Finding, r.Deadline }).Take(50).ToListAsync(ct);
                return items.Select(r => new UrgingSubjectOption(r.Id, UrgingLabels.Remediation(r.Finding, r.Deadline))).ToList();
            }
            case UrgingSubject.LaggingIndicator:
            {
                // The plans that bind the unit: issued by it or by a unit above it.
                var lineage = OrgUnit.LineageOf(target.Path).ToList();
                var indicators = await db.Indicators.Where(i => lineage.Contains(i.Plan.OrgUnit.Path) && (any || i.Id == one))
                    .OrderBy(i => i.Plan.StartYear).ThenBy(i => i.Code).Select(i => new { i.Id, i.Code, i.Name }).Take(200).ToListAsync(ct);
                return indicators.Select(i => new UrgingSubjectOption(i.Id, UrgingLabels.Indicator(i.Code, i.Name))).ToList();
            }
            case UrgingSubject.AssessmentDue:
            {
                var systems = await db.InformationSystems.Where(s => s.OwnerUnitId == target.Id && (any || s.Id == one))
                    .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.Level }).Take(50).ToListAsync(ct);
                return systems.Select(s => new UrgingSubjectOption(s.Id, UrgingLabels.Assessment(s.Name, s.Level))).ToList();
            }
            default:
                return [];
        }
    }

    /// <summary>Where the subject is seen and acted on.</summary>
    private static async Task<string?> SubjectLinkAsync(EduGovDbContext db, UrgingCase u, OrgUnitKind targetKind, CancellationToken ct) => u.Subject switch
    {
        UrgingSubject.LateFiling => targetKind == OrgUnitKind.School ? $"/filing/{u.ReferenceId}/schools/{u.TargetUnitId}" : $"/filing/{u.ReferenceId}/districts/{u.TargetUnitId}",
        UrgingSubject.OverdueRectification => "/supervision/rectifications",
        UrgingSubject.OverdueRemediation or UrgingSubject.AssessmentDue => "/security",
        UrgingSubject.LaggingIndicator => await db.Indicators.Where(i => i.Id == u.ReferenceId).Select(i => (int?)i.PlanId).SingleOrDefaultAsync(ct) is { } plan
            ? $"/plans/{plan}/progress" : null,
        _ => null,
    };

    private static string Link(int id) => $"/urgings/{id}";

    internal static string Shorten(string text, int length = 40) => text.Length > length ? text[..length] + "…" : text;

    /// <summary>A short quotation that ends as a sentence, for a message's body.</summary>
    private static string Sentence(string text)
    {
        var quoted = Shorten(text.Trim());
        return quoted.EndsWith('。') || quoted.EndsWith('…') ? quoted : quoted + "。";
    }
}

/// <summary>How a 督办's subject reads in lists, messages and reports (kept with the 督办 as it read when issued).</summary>
public static class UrgingLabels
{
    public static string Filing(string periodName) => $"{periodName}填报";

    public static string Rectification(string requirement, DateOnly deadline) => $"整改事项：{UrgingService.Shorten(requirement, 60)}（{deadline:yyyy-MM-dd} 到期）";

    public static string Remediation(string finding, DateOnly deadline) => $"安全整改项：{UrgingService.Shorten(finding, 60)}（{deadline:yyyy-MM-dd} 到期）";

    public static string Indicator(string code, string name) => UrgingService.Shorten($"{code} {name}", 120);

    public static string Assessment(string systemName, int level) => UrgingService.Shorten($"{systemName}（{level}级）等级测评", 120);
}
