using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Workbench;

/// <summary>Pilot and demonstration programmes (示范创建) and the plans' indicators (规划指标).</summary>
public sealed partial class WorkbenchService
{
    /// <summary>
    /// The unit's own applications (a school's, or a district's for itself): programmes open to it that it has not applied to this
    /// batch, drafts to finish before the window closes, and applications on their way (with their status).
    /// </summary>
    [TaskSource(Role.Principal, Role.District)]
    private async Task<IEnumerable<WorkItem>> OwnApplicationsAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { Kind: OrgUnitKind.School or OrgUnitKind.District } unit) return [];
        var target = unit.Kind == OrgUnitKind.School ? DesignationTarget.Schools : DesignationTarget.Districts;
        var lineage = OrgUnit.LineageOf(unit.Path).ToList();
        var programmes = (await (from p in db.Programmes
                                 where p.Target == target
                                 join o in db.OrgUnits on p.OwnerUnitId equals o.Id
                                 where lineage.Contains(o.Path)
                                 select new { p.Id, p.Name, p.OpensOn, p.ClosesOn }).ToListAsync(ct)).ToDictionary(p => p.Id);
        var applications = await db.Applications.Where(a => a.UnitId == unit.Id)
            .Select(a => new { a.Id, a.ProgrammeId, a.Batch, a.Status, a.UpdatedAtUtc }).ToListAsync(ct);
        var items = new List<WorkItem>();
        foreach (var p in programmes.Values.Where(p => p.OpensOn <= c.Today && c.Today <= p.ClosesOn))
            if (!applications.Any(a => a.ProgrammeId == p.Id && a.Batch == p.OpensOn.Year))
                items.Add(new WorkItem(WorkKind.ProgrammeOpen, p.Name, WorkLinks.Programme(p.Id)) { Date = p.ClosesOn });
        foreach (var a in applications)
        {
            if (!programmes.TryGetValue(a.ProgrammeId, out var p)) continue;
            // A draft is only worth finishing while the window is open: it cannot be submitted after.
            if (a.Status == ApplicationStatus.Draft && p.OpensOn <= c.Today && c.Today <= p.ClosesOn)
                items.Add(new WorkItem(WorkKind.ApplicationDraft, p.Name, WorkLinks.Application(a.Id)) { Date = p.ClosesOn });
            else if (a.Status is ApplicationStatus.Submitted or ApplicationStatus.Recommended or ApplicationStatus.InReview)
                items.Add(new WorkItem(WorkKind.ApplicationPending, p.Name, WorkLinks.Application(a.Id))
                    { State = a.Status, Date = c.Day(a.UpdatedAtUtc), DateMeaning = DateMeaning.Waiting });
        }
        return items;
    }

    /// <summary>The district's schools' applications waiting for its recommendation, per programme, since the oldest.</summary>
    [TaskSource(Role.District)]
    private async Task<IEnumerable<WorkItem>> ApplicationsToRecommendAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var waiting = await (from a in db.Applications
                             where a.Status == ApplicationStatus.Submitted
                             join u in db.OrgUnits.VisibleTo(c.Scope) on a.UnitId equals u.Id
                             where u.Kind == OrgUnitKind.School
                             join p in db.Programmes on a.ProgrammeId equals p.Id
                             group a by new { p.Id, p.Name } into g
                             select new { g.Key.Id, g.Key.Name, Count = g.Count(), Oldest = g.Min(a => a.UpdatedAtUtc) }).ToListAsync(ct);
        return waiting.Select(w => new WorkItem(WorkKind.ApplicationsToRecommend, w.Name, WorkLinks.Programme(w.Id))
            { Count = w.Count, Date = c.Day(w.Oldest), DateMeaning = DateMeaning.Waiting });
    }

    /// <summary>
    /// The commission's programmes: recommended applications waiting for experts to be assigned, and applications every expert has
    /// scored, waiting to be designated or rejected; per programme, since the oldest.
    /// </summary>
    [TaskSource(Role.Commission)]
    private async Task<IEnumerable<WorkItem>> ApplicationsToDecideAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var rows = await (from a in db.Applications
                          where a.Status == ApplicationStatus.Recommended || a.Status == ApplicationStatus.InReview
                          join p in db.Programmes on a.ProgrammeId equals p.Id
                          join o in db.OrgUnits.VisibleTo(c.Scope) on p.OwnerUnitId equals o.Id
                          select new
                          {
                              ProgrammeId = p.Id, p.Name, a.Status, a.UpdatedAtUtc,
                              Unscored = db.Set<Review>().Any(r => r.ApplicationId == a.Id && r.ScoredAtUtc == null),
                          }).ToListAsync(ct);
        return rows
            .Select(r => (r.ProgrammeId, r.Name, r.UpdatedAtUtc,
                Kind: r.Status == ApplicationStatus.Recommended ? WorkKind.ApplicationsToAssign : r.Unscored ? (WorkKind?)null : WorkKind.ApplicationsToDesignate))
            .Where(r => r.Kind is not null)
            .GroupBy(r => (r.ProgrammeId, r.Name, r.Kind!.Value))
            .Select(g => new WorkItem(g.Key.Value, g.Key.Name, WorkLinks.Programme(g.Key.ProgrammeId))
                { Count = g.Count(), Date = c.Day(g.Min(r => r.UpdatedAtUtc)), DateMeaning = DateMeaning.Waiting });
    }

    /// <summary>The reviews this expert was assigned and has not scored, since the application went to review.</summary>
    [TaskSource(Role.Inspector)]
    private async Task<IEnumerable<WorkItem>> ReviewsToScoreAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var reviews = await (from r in db.Set<Review>()
                             where r.Reviewer == c.Scope.UserName && r.ScoredAtUtc == null
                             join a in db.Applications on r.ApplicationId equals a.Id
                             where a.Status == ApplicationStatus.InReview
                             join u in db.OrgUnits.VisibleTo(c.Scope) on a.UnitId equals u.Id
                             join p in db.Programmes on a.ProgrammeId equals p.Id
                             select new { a.Id, Unit = u.Name, Programme = p.Name, a.UpdatedAtUtc }).ToListAsync(ct);
        return reviews.Select(r => new WorkItem(WorkKind.ReviewToScore, $"{r.Unit}（{r.Programme}）", WorkLinks.Application(r.Id))
            { Date = c.Day(r.UpdatedAtUtc), DateMeaning = DateMeaning.Waiting });
    }

    /// <summary>
    /// Per plan that binds the unit (issued by it or above it), the indicators whose latest value for the unit is behind the target
    /// for this year, judged as the progress page judges them (<see cref="Progress.Evaluate"/>).
    /// </summary>
    [TaskSource(Role.District, Role.Commission)]
    private async Task<IEnumerable<WorkItem>> IndicatorsBehindAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { Kind: OrgUnitKind.City or OrgUnitKind.District } unit) return [];
        var year = c.Today.Year;
        var lineage = OrgUnit.LineageOf(unit.Path).ToList();
        // One query for the indicators, their plan and their targets (a plan has dozens of indicators, each a few targets).
        var indicators = await db.Indicators.AsNoTracking().Where(i => lineage.Contains(i.Plan.OrgUnit.Path))
            .Include(i => i.Plan).Include(i => i.Targets.OrderBy(x => x.Year)).AsSingleQuery().ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var latest = (await db.IndicatorValues.Where(v => v.OrgUnitId == unit.Id && v.Year <= year && ids.Contains(v.IndicatorId))
                .Select(v => new { v.IndicatorId, v.Year, v.Value }).ToListAsync(ct))
            .GroupBy(v => v.IndicatorId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Year)!.Value);
        var items = new List<WorkItem>();
        // Without tracking each indicator has a copy of its plan: group by the plan's id.
        foreach (var plan in indicators.GroupBy(i => i.PlanId).OrderBy(p => p.First().Plan.StartYear).ThenBy(p => p.Key))
        {
            var judged = plan.Select(i => (i.Code, Status: Progress.EvaluateFor(i, i.Plan.OrgUnitId == unit.Id, year, latest.TryGetValue(i.Id, out var v) ? v : null))).ToList();
            var lagging = judged.Where(j => j.Status == ProgressStatus.Lagging).Select(j => j.Code).Order(StringComparer.Ordinal).ToList();
            if (lagging.Count == 0) continue;
            var withData = judged.Count(j => j.Status != ProgressStatus.NoData);
            items.Add(new WorkItem(WorkKind.IndicatorsBehind, plan.First().Plan.Title, WorkLinks.Progress(plan.Key, unit.Code))
            {
                Count = lagging.Count, Done = withData - lagging.Count, Total = withData,
                Note = string.Join("、", lagging.Take(8)) + (lagging.Count > 8 ? "…" : ""),
            });
        }
        return items;
    }
}
