using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Organisation;
using EduGov.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Supervision;

public sealed record ChecklistItemRow(int Id, string Category, string Text, decimal MaxScore, int SortOrder, bool Retired);

/// <summary>A city's checklist as one user sees it: all its lines (retired ones last) and whether the user keeps it.</summary>
public sealed record ChecklistView(int CityId, string CityName, IReadOnlyList<ChecklistItemRow> Items, bool CanEdit)
{
    public decimal ActiveTotal => Items.Where(i => !i.Retired).Sum(i => i.MaxScore);
}

public sealed record InspectionQuery(string? Search = null, InspectionStatus? Status = null, int? Year = null);

public sealed record InspectionRow(int Id, string UnitName, OrgUnitKind UnitKind, DateOnly PlannedOn, DateOnly? InspectedOn, InspectionStatus Status,
    decimal? Percentage, int Items, int Open, int Overdue);

public sealed record ScoreRow(string Category, string Text, decimal MaxScore, decimal Score);

public sealed record IndicatorOption(int Id, string Code, string Name);

public sealed record StepRow(RectificationAction Action, string By, DateTime AtUtc, string? Text);

public sealed record RectificationRow(int Id, int InspectionId, string InspectedUnit, DateOnly? InspectedOn, bool CanOpenInspection, string ResponsibleUnit,
    string Requirement, DateOnly Deadline, RectificationStatus Status, bool Overdue, string? Answer, IReadOnlyList<EvidenceRow> Files,
    IReadOnlyList<StepRow> History, bool CanAnswer, bool CanDecide)
{
    public int ResponsibleUnitId { get; init; }

    /// <summary>Overdue, and the user may issue a 督办 to the responsible unit about it.</summary>
    public bool CanUrge { get; init; }
}

/// <summary>One inspection as its user sees it; the checklist in force and the indicators to choose from come only with the record form.</summary>
public sealed record InspectionView(int Id, int UnitId, string UnitName, OrgUnitKind UnitKind, DateOnly PlannedOn, string PlannedBy, InspectionStatus Status,
    DateOnly? InspectedOn, IReadOnlyList<string> Inspectors, IReadOnlyList<IndicatorOption> Scope, IReadOnlyList<ScoreRow> Scores, string? Findings,
    decimal TotalScore, decimal MaxScore, decimal? Percentage, string? RecordedBy, IReadOnlyList<RectificationRow> Items,
    IReadOnlyList<ChecklistItemRow> Checklist, IReadOnlyList<IndicatorOption> Indicators, bool CanRecord, bool CanRaise);

public sealed record NewRectification(int ResponsibleUnitId, string Requirement, DateOnly Deadline);

public sealed record RectificationQuery(RectificationStatus? Status = null, bool OverdueOnly = false, string? Search = null);

/// <summary>An item past its deadline and not accepted, for the daily reminder.</summary>
public sealed record OverdueRectification(int ItemId, int ResponsibleUnitId, string Requirement, DateOnly Deadline);

public sealed record ReportInspection(int Id, DateOnly InspectedOn, string Unit, decimal TotalScore, decimal MaxScore, string Findings,
    int Open, int Answered, int Accepted, int Overdue)
{
    public decimal? Percentage => Inspection.ScorePercentage(TotalScore, MaxScore);
    public int Items => Open + Answered + Accepted;
}

public sealed record ReportRectification(int InspectionId, string Requirement, string ResponsibleUnit, DateOnly Deadline, RectificationStatus Status, bool Overdue);

/// <summary>A period's recorded inspections of a unit (and of its schools) with their rectification items, as the 督导报告 prints them.</summary>
public sealed record InspectionSummary(IReadOnlyList<ReportInspection> Inspections, IReadOnlyList<ReportRectification> Items)
{
    public static readonly InspectionSummary Empty = new([], []);

    public int Count(RectificationStatus status) => Items.Count(i => i.Status == status);
    public int Overdue => Items.Count(i => i.Overdue);
}

/// <summary>
/// 督导检查 and their rectification: inspectors and the commission plan, record and follow up inspections in their region;
/// the responsible school or district answers its items; everyone else may only read within their scope.
/// </summary>
public sealed class InspectionService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The checklist of a city (by default the user's own), with its retired lines when asked.</summary>
    public async Task<ChecklistView> ChecklistAsync(AccessScope scope, int? cityId = null, bool includeRetired = true, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var city = await CityAsync(db, scope, cityId, ct);
        var items = await db.ChecklistItems.Where(i => i.CityId == city.Id && (includeRetired || !i.IsRetired))
            .OrderBy(i => i.IsRetired).ThenBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new ChecklistItemRow(i.Id, i.Category, i.Text, i.MaxScore, i.SortOrder, i.IsRetired)).ToListAsync(ct);
        return new ChecklistView(city.Id, city.Name, items, scope.CanKeepChecklistOf(city.Path));
    }

    public async Task<int> SaveChecklistItemAsync(AccessScope scope, int cityId, int? id, ChecklistItemDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var city = await CityAsync(db, scope, cityId, ct);
        if (!scope.CanKeepChecklistOf(city.Path)) throw new ForbiddenException("keep the checklist");
        ChecklistItem item;
        if (id is { } existing)
        {
            item = await db.ChecklistItems.SingleOrDefaultAsync(i => i.Id == existing && i.CityId == city.Id, ct) ?? throw new NotFoundException("ChecklistItem");
            item.Update(details);
        }
        else db.ChecklistItems.Add(item = ChecklistItem.Add(city.Id, details));
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>Retires a line (no longer scored; inspections already recorded keep it) or brings it back.</summary>
    public async Task SetRetiredAsync(AccessScope scope, int id, bool retired, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await (from i in db.ChecklistItems
                           join c in db.OrgUnits.VisibleOrAbove(scope) on i.CityId equals c.Id
                           where i.Id == id
                           select new { i, c.Path }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("ChecklistItem");
        if (!scope.CanKeepChecklistOf(found.Path)) throw new ForbiddenException("keep the checklist");
        if (retired) found.i.Retire();
        else found.i.Reinstate();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The inspections of the units in scope, latest first, a page at a time; searched by unit name or code.</summary>
    public async Task<Paged<InspectionRow>> InspectionsAsync(AccessScope scope, InspectionQuery query, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from i in db.Inspections
                   join u in db.OrgUnits.VisibleTo(scope) on i.UnitId equals u.Id
                   select new { i, u };
        if (query.Search?.Trim() is { Length: > 0 } term) rows = rows.Where(x => x.u.Name.Contains(term) || x.u.Code.StartsWith(term));
        if (query.Status is { } status) rows = rows.Where(x => x.i.Status == status);
        if (query.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            rows = rows.Where(x => (x.i.InspectedOn ?? x.i.PlannedOn) >= from && (x.i.InspectedOn ?? x.i.PlannedOn) <= to);
        }
        var overdue = RectificationItem.OverdueOn(Today);
        var found = await rows.OrderByDescending(x => x.i.InspectedOn ?? x.i.PlannedOn).ThenByDescending(x => x.i.Id).Skip(page * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.i.Id, x.u.Name, x.u.Kind, x.i.PlannedOn, x.i.InspectedOn, x.i.Status, x.i.TotalScore, x.i.MaxScore,
                Items = db.RectificationItems.Count(r => r.InspectionId == x.i.Id),
                Open = db.RectificationItems.Count(r => r.InspectionId == x.i.Id && r.Status != RectificationStatus.Accepted),
                Overdue = db.RectificationItems.Where(overdue).Count(r => r.InspectionId == x.i.Id),
            }).ToListAsync(ct);
        return new Paged<InspectionRow>(found.Select(x => new InspectionRow(x.Id, x.Name, x.Kind, x.PlannedOn, x.InspectedOn, x.Status,
            x.Status == InspectionStatus.Recorded ? Inspection.ScorePercentage(x.TotalScore, x.MaxScore) : null, x.Items, x.Open, x.Overdue)).ToList(),
            await rows.CountAsync(ct));
    }

    public async Task<InspectionView> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (inspection, unit) = await InspectionAsync(db, scope, id, ct);
        var canInspect = scope.CanInspect(unit.Path);
        var canRecord = canInspect && inspection.Status == InspectionStatus.Planned;
        var inspected = inspection.IndicatorIds.ToList();
        var scopeIndicators = await db.Indicators.Where(i => inspected.Contains(i.Id)).OrderBy(i => i.Code)
            .Select(i => new IndicatorOption(i.Id, i.Code, i.Name)).ToListAsync(ct);
        var items = await RowsAsync(db, scope, Items(db, scope).Where(x => x.Item.InspectionId == id).OrderBy(x => x.Item.Deadline).ThenBy(x => x.Item.Id), ct);
        var checklist = canRecord
            ? await db.ChecklistItems.Where(i => i.CityId == inspection.CityId && !i.IsRetired).OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                .Select(i => new ChecklistItemRow(i.Id, i.Category, i.Text, i.MaxScore, i.SortOrder, false)).ToListAsync(ct)
            : [];
        var indicators = canRecord
            ? (await ApplyingIndicatorsAsync(db, unit, ct)).Select(i => new IndicatorOption(i.Id, i.Code, i.Name)).ToList()
            : [];
        var people = await db.PeopleAsync([inspection.PlannedBy, inspection.RecordedBy], ct);
        return new InspectionView(inspection.Id, unit.Id, unit.Name, unit.Kind, inspection.PlannedOn, people.Person(inspection.PlannedBy), inspection.Status,
            inspection.InspectedOn, inspection.Inspectors, scopeIndicators, inspection.Scores.Select(s => new ScoreRow(s.Category, s.Text, s.MaxScore, s.Score)).ToList(),
            inspection.Findings, inspection.TotalScore, inspection.MaxScore, inspection.Percentage, inspection.RecordedBy is null ? null : people.Person(inspection.RecordedBy), items, checklist, indicators,
            canRecord, canInspect && inspection.Status == InspectionStatus.Recorded);
    }

    public async Task<int> PlanAsync(AccessScope scope, int unitId, DateOnly plannedOn, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("OrgUnit");
        if (!scope.CanInspect(unit.Path)) throw new ForbiddenException("plan inspections");
        var cityPath = OrgUnit.LineageOf(unit.Path)[0];
        var cityId = await db.OrgUnits.Where(u => u.Path == cityPath).Select(u => u.Id).SingleAsync(ct);
        var inspection = Inspection.Plan(unit, cityId, plannedOn, scope.UserName);
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return inspection.Id;
    }

    /// <summary>Records what the inspectors found, scored against the city's checklist in force today.</summary>
    public async Task RecordAsync(AccessScope scope, int id, InspectionRecord record, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (inspection, unit) = await InspectionAsync(db, scope, id, ct, tracked: true);
        if (!scope.CanInspect(unit.Path)) throw new ForbiddenException("record inspections");
        var chosen = record.IndicatorIds.Distinct().ToList();
        var applying = (await ApplyingIndicatorsAsync(db, unit, ct)).Select(i => i.Id).ToHashSet();
        if (!chosen.All(applying.Contains)) throw new NotFoundException("Indicator");
        var checklist = await db.ChecklistItems.Where(i => i.CityId == inspection.CityId && !i.IsRetired).ToListAsync(ct);
        inspection.Record(record, checklist, Today, scope.UserName, Now);
        await SaveAsync(db, ct);
    }

    public async Task CancelAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (inspection, unit) = await InspectionAsync(db, scope, id, ct, tracked: true);
        if (!scope.CanInspect(unit.Path)) throw new ForbiddenException("cancel inspections");
        inspection.Cancel();
        await SaveAsync(db, ct);
    }

    /// <summary>The units an item of the inspection may be given to: the inspected unit and, for a district, its schools.</summary>
    public async Task<IReadOnlyList<OrgUnitOption>> ResponsibleOptionsAsync(AccessScope scope, int inspectionId, string? search, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (_, unit) = await InspectionAsync(db, scope, inspectionId, ct);
        var units = db.OrgUnits.Where(u => u.Path.StartsWith(unit.Path));
        if (search?.Trim() is { Length: > 0 } term) units = units.Where(u => u.Name.Contains(term) || u.Code.StartsWith(term));
        return await units.OrderBy(u => u.Kind).ThenBy(u => u.Code).Take(20).Select(u => new OrgUnitOption(u.Id, u.Code, u.Name, u.Kind, u.Path)).ToListAsync(ct);
    }

    public async Task<int> RaiseAsync(AccessScope scope, int inspectionId, NewRectification input, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (inspection, unit) = await InspectionAsync(db, scope, inspectionId, ct);
        if (!scope.CanInspect(unit.Path)) throw new ForbiddenException("raise rectification items");
        var responsible = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == input.ResponsibleUnitId, ct) ?? throw new NotFoundException("OrgUnit");
        var item = RectificationItem.Raise(inspection, unit, responsible, input.Requirement, input.Deadline, scope.UserName, Now);
        db.RectificationItems.Add(item);
        var actor = await db.NameAsync(scope.UserName, ct);
        await db.NotifyUnitAsync(NotificationKind.RectificationRaised, new Reminder(responsible.Id, $"rectification:inspection{inspection.Id}:raised:{Now.Ticks}:{Guid.NewGuid():N}",
            "收到新的整改事项", $"{actor}就{unit.Name}{inspection.InspectedOn:yyyy-MM-dd}督导检查提出整改要求：“{Notifier.Quote(item.Requirement)}”，" +
            $"请于 {item.Deadline:yyyy-MM-dd} 前整改并答复。", RectificationsLink), Now, Responsible, ct, except: scope.UserName);
        await db.SaveChangesAsync(ct);
        return item.Id;
    }

    /// <summary>The responsible unit's answer: what it did, with at least one evidence file already attached to the item.</summary>
    public Task AnswerAsync(AccessScope scope, int itemId, string answer, CancellationToken ct = default) =>
        ItemStepAsync(scope, itemId, async (db, step) =>
        {
            if (!scope.CanAnswerRectificationOf(step.ResponsiblePath)) throw new ForbiddenException("answer rectification items");
            var files = await db.EvidenceFiles.CountAsync(e => e.RectificationItemId == itemId, ct);
            step.Item.AnswerWith(answer, files, scope.UserName, Now);
            // The inspector who raised the item and the inspection's inspectors (those with an account here) check the answer.
            var inspection = await db.Inspections.AsNoTracking().SingleAsync(i => i.Id == step.Item.InspectionId, ct);
            var raisedBy = await db.Set<RectificationStep>().Where(h => h.ItemId == itemId && h.Action == RectificationAction.Raised).Select(h => h.By).ToListAsync(ct);
            var actor = await db.NameAsync(scope.UserName, ct);
            await db.NotifyUsersAsync([.. raisedBy.Concat(inspection.Inspectors).Distinct()], NotificationKind.RectificationAnswered,
                new Reminder(0, ItemSubject(itemId, "answered"), "整改事项已答复待核验",
                    $"{actor}答复了{step.Responsible}的整改事项“{Notifier.Quote(step.Item.Requirement)}”：“{Notifier.Quote(answer)}”。请核验后通过或退回。",
                    $"/supervision/inspections/{inspection.Id}"), Now, ct, withinPath: step.InspectedPath, except: scope.UserName);
        }, ct);

    public Task AcceptAsync(AccessScope scope, int itemId, CancellationToken ct = default) =>
        ItemStepAsync(scope, itemId, (db, step) =>
        {
            if (!scope.CanInspect(step.InspectedPath)) throw new ForbiddenException("accept rectification items");
            step.Item.Accept(scope.UserName, Now);
            return ToResponsibleAsync(db, scope, step, NotificationKind.RectificationAccepted, "accepted", "整改事项已通过核验",
                actor => $"{actor}核验通过了整改事项“{Notifier.Quote(step.Item.Requirement)}”，该事项已完成。", ct);
        }, ct);

    public Task ReopenAsync(AccessScope scope, int itemId, string reason, CancellationToken ct = default) =>
        ItemStepAsync(scope, itemId, (db, step) =>
        {
            if (!scope.CanInspect(step.InspectedPath)) throw new ForbiddenException("reopen rectification items");
            step.Item.Reopen(reason, scope.UserName, Now);
            return ToResponsibleAsync(db, scope, step, NotificationKind.RectificationReopened, "reopened", "整改答复被退回",
                actor => $"{actor}退回了整改事项“{Notifier.Quote(step.Item.Requirement)}”的答复：“{Notifier.Quote(reason, 300)}”。请继续整改后重新答复，" +
                         $"期限 {step.Item.Deadline:yyyy-MM-dd}。", ct);
        }, ct);

    /// <summary>The accounts of a responsible unit: a school's principal, a district's staff.</summary>
    private static readonly Role[] Responsible = [Role.Principal, Role.District, Role.Commission];

    private const string RectificationsLink = "/supervision/rectifications";

    private string ItemSubject(int id, string step) => $"rectification:{id}:{step}:{Now.Ticks}";

    private async Task ToResponsibleAsync(EduGovDbContext db, AccessScope scope, ItemStep step, NotificationKind kind, string subject, string title,
        Func<string, string> body, CancellationToken ct)
    {
        var actor = await db.NameAsync(scope.UserName, ct);
        await db.NotifyUnitAsync(kind, new Reminder(step.Item.UnitId, ItemSubject(step.Item.Id, subject), title, body(actor), RectificationsLink), Now,
            Responsible, ct, except: scope.UserName);
    }

    /// <summary>
    /// The rectification items of the units in scope (a principal's school, a district and its schools, an inspector's region):
    /// open ones first, then answered, then accepted, each by deadline; paged in the database.
    /// </summary>
    public async Task<Paged<RectificationRow>> RectificationsAsync(AccessScope scope, RectificationQuery query, int page = 0, int pageSize = 20,
        CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var items = Items(db, scope);
        if (query.Status is { } status) items = items.Where(x => x.Item.Status == status);
        if (query.OverdueOnly)
        {
            var overdue = db.RectificationItems.Where(RectificationItem.OverdueOn(Today)).Select(r => r.Id);
            items = items.Where(x => overdue.Contains(x.Item.Id));
        }
        if (query.Search?.Trim() is { Length: > 0 } term) items = items.Where(x => x.Responsible.Contains(term) || x.Inspected.Contains(term));
        var rows = await RowsAsync(db, scope, items.OrderBy(x => x.Item.Status).ThenBy(x => x.Item.Deadline).ThenBy(x => x.Item.Id).Skip(page * pageSize).Take(pageSize), ct);
        return new Paged<RectificationRow>(rows, await items.CountAsync(ct));
    }

    /// <summary>Every item past its deadline and not accepted, in all cities, for the daily reminder job.</summary>
    public async Task<IReadOnlyList<OverdueRectification>> OverdueRectificationsAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RectificationItems.Where(RectificationItem.OverdueOn(today))
            .OrderBy(r => r.Deadline).ThenBy(r => r.Id)
            .Select(r => new OverdueRectification(r.Id, r.UnitId, r.Requirement, r.Deadline)).ToListAsync(ct);
    }

    /// <summary>
    /// The inspections of a unit and of its schools recorded in a period, with their items as they stand today. The caller
    /// (the supervision report) has already checked that the user may see the unit, and so everything under it.
    /// </summary>
    public async Task<InspectionSummary> ForReportAsync(int unitId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("OrgUnit");
        var inspections = await (from i in db.Inspections
                                 join u in db.OrgUnits on i.UnitId equals u.Id
                                 where i.Status == InspectionStatus.Recorded && u.Path.StartsWith(path) && i.InspectedOn >= @from && i.InspectedOn <= to
                                 orderby i.InspectedOn, i.Id
                                 select new { i.Id, i.InspectedOn, u.Name, i.TotalScore, i.MaxScore, i.Findings }).ToListAsync(ct);
        var ids = inspections.Select(i => i.Id).ToList();
        var found = await (from r in db.RectificationItems
                           join u in db.OrgUnits on r.UnitId equals u.Id
                           where ids.Contains(r.InspectionId)
                           orderby r.Deadline, r.Id
                           select new { r, u.Name }).AsNoTracking().ToListAsync(ct);
        var today = Today;
        var items = found.Select(x => new ReportRectification(x.r.InspectionId, x.r.Requirement, x.Name, x.r.Deadline, x.r.Status, x.r.IsOverdue(today))).ToList();
        var byInspection = items.ToLookup(i => i.InspectionId);
        return new InspectionSummary(inspections.Select(i =>
        {
            var own = byInspection[i.Id].ToList();
            int Count(RectificationStatus status) => own.Count(r => r.Status == status);
            return new ReportInspection(i.Id, i.InspectedOn!.Value, i.Name, i.TotalScore, i.MaxScore, i.Findings ?? "",
                Count(RectificationStatus.Open), Count(RectificationStatus.Answered), Count(RectificationStatus.Accepted), own.Count(r => r.Overdue));
        }).ToList(), items);
    }

    private sealed class ItemJoin
    {
        public required RectificationItem Item { get; init; }
        public required string Responsible { get; init; }
        public required string ResponsiblePath { get; init; }
        public required OrgUnitKind ResponsibleKind { get; init; }
        public required string Inspected { get; init; }
        public required string InspectedPath { get; init; }
        public DateOnly? InspectedOn { get; init; }
    }

    /// <summary>Items are seen through their responsible unit: it lies within the inspected unit, so whoever sees the inspection sees them too.</summary>
    private static IQueryable<ItemJoin> Items(EduGovDbContext db, AccessScope scope) =>
        from r in db.RectificationItems
        join ru in db.OrgUnits.VisibleTo(scope) on r.UnitId equals ru.Id
        join i in db.Inspections on r.InspectionId equals i.Id
        join iu in db.OrgUnits on i.UnitId equals iu.Id
        select new ItemJoin { Item = r, Responsible = ru.Name, ResponsiblePath = ru.Path, ResponsibleKind = ru.Kind, Inspected = iu.Name, InspectedPath = iu.Path, InspectedOn = i.InspectedOn };

    private async Task<List<RectificationRow>> RowsAsync(EduGovDbContext db, AccessScope scope, IQueryable<ItemJoin> items, CancellationToken ct)
    {
        var found = await items.AsNoTracking().ToListAsync(ct);
        var ids = found.Select(x => x.Item.Id).ToList();
        var owners = ids.Select(id => (int?)id).ToList();
        var files = (await db.EvidenceFiles.Where(e => owners.Contains(e.RectificationItemId)).OrderBy(e => e.Id)
            .Select(e => new { e.RectificationItemId, Row = new EvidenceRow(e.Id, e.FileName, e.Size) }).ToListAsync(ct)).ToLookup(e => e.RectificationItemId!.Value, e => e.Row);
        var steps = await db.Set<RectificationStep>().Where(s => ids.Contains(s.ItemId)).OrderBy(s => s.AtUtc).ThenBy(s => s.Id)
            .Select(s => new { s.ItemId, s.Action, s.By, s.AtUtc, s.Text }).ToListAsync(ct);
        var people = await db.PeopleAsync(steps.Select(s => s.By), ct);
        var history = steps.ToLookup(s => s.ItemId, s => new StepRow(s.Action, people.Person(s.By), s.AtUtc, s.Text));
        var today = Today;
        return found.Select(x => new RectificationRow(x.Item.Id, x.Item.InspectionId, x.Inspected, x.InspectedOn, scope.CanRead(x.InspectedPath), x.Responsible,
            x.Item.Requirement, x.Item.Deadline, x.Item.Status, x.Item.IsOverdue(today), x.Item.Answer, files[x.Item.Id].ToList(), history[x.Item.Id].ToList(),
            x.Item.Status == RectificationStatus.Open && scope.CanAnswerRectificationOf(x.ResponsiblePath),
            x.Item.Status == RectificationStatus.Answered && scope.CanInspect(x.InspectedPath))
        {
            ResponsibleUnitId = x.Item.UnitId,
            CanUrge = x.Item.IsOverdue(today) && Domain.Urging.UrgingRules.MayIssue(scope, x.ResponsiblePath, x.ResponsibleKind),
        }).ToList();
    }

    private sealed record ItemStep(RectificationItem Item, string ResponsiblePath, string InspectedPath, string Responsible);

    /// <summary>Loads an item the user can see, takes one step, and saves it; a step someone else took meanwhile is refused.</summary>
    private async Task ItemStepAsync(AccessScope scope, int itemId, Func<EduGovDbContext, ItemStep, Task> step, CancellationToken ct)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await Items(db, scope).Where(x => x.Item.Id == itemId).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("RectificationItem");
        await step(db, new ItemStep(found.Item, found.ResponsiblePath, found.InspectedPath, found.Responsible));
        await SaveAsync(db, ct);
    }

    private static async Task SaveAsync(EduGovDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.AlreadyHandled);
        }
    }

    private static async Task<(Inspection Inspection, OrgUnit Unit)> InspectionAsync(EduGovDbContext db, AccessScope scope, int id, CancellationToken ct,
        bool tracked = false)
    {
        var inspections = tracked ? db.Inspections : db.Inspections.Include(i => i.Scores.OrderBy(x => x.Id)).AsNoTracking();
        var found = await (from i in inspections
                           join u in db.OrgUnits.VisibleTo(scope) on i.UnitId equals u.Id
                           where i.Id == id
                           select new { i, u }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Inspection");
        return (found.i, found.u);
    }

    /// <summary>The indicators of the plans that bind a unit: issued by it, by a unit above it, or by one of its schools.</summary>
    private static IQueryable<Indicator> BindingIndicators(EduGovDbContext db, string unitPath)
    {
        var lineage = OrgUnit.LineageOf(unitPath).ToList();
        return db.Indicators.Where(i => lineage.Contains(i.Plan.OrgUnit.Path) || i.Plan.OrgUnit.Path.StartsWith(unitPath));
    }

    private sealed record ApplyingIndicator(int Id, string Code, string Name, ValueSource Source, string? MetricKey, int IssuerId);

    /// <summary>The binding indicators an inspection of the unit may look at (<see cref="InspectionScope"/>), the earliest plan's first.</summary>
    private static async Task<List<ApplyingIndicator>> ApplyingIndicatorsAsync(EduGovDbContext db, OrgUnit unit, CancellationToken ct)
    {
        var binding = await BindingIndicators(db, unit.Path).OrderBy(i => i.Plan.StartYear).ThenBy(i => i.Code)
            .Select(i => new ApplyingIndicator(i.Id, i.Code, i.Name, i.Source, i.MetricKey, i.Plan.OrgUnitId)).ToListAsync(ct);
        return binding.Where(i => InspectionScope.Applies(unit.Kind, unit.School?.Type, i.Source, i.MetricKey, i.IssuerId == unit.Id)).ToList();
    }

    private static async Task<OrgUnit> CityAsync(EduGovDbContext db, AccessScope scope, int? cityId, CancellationToken ct)
    {
        var cities = db.OrgUnits.VisibleOrAbove(scope).Where(u => u.Kind == OrgUnitKind.City);
        var city = cityId is { } id
            ? await cities.SingleOrDefaultAsync(u => u.Id == id, ct)
            : await cities.OrderBy(u => u.Code).FirstOrDefaultAsync(ct);
        return city ?? throw new NotFoundException("City");
    }
}
