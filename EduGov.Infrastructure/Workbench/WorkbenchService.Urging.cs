using EduGov.Domain.Organisation;
using EduGov.Domain.Urging;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Workbench;

/// <summary>督办: those the user's unit is to answer, those that went up to it, and those it issued that are still open.</summary>
public sealed partial class WorkbenchService
{
    /// <summary>The 督办 to the school or district still unanswered (待答复), each with its deadline and requirement.</summary>
    [TaskSource(Role.Principal, Role.District)]
    private async Task<IEnumerable<WorkItem>> UrgingsToAnswerAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { } unit) return [];
        var open = await db.Urgings.Where(u => u.TargetUnitId == unit.Id && u.Status == UrgingStatus.Issued)
            .OrderBy(u => u.Deadline).Select(u => new { u.Id, u.SubjectLabel, u.Requirement, u.Deadline }).Take(200).ToListAsync(ct);
        return open.Select(u => new WorkItem(WorkKind.UrgingToAnswer, WorkRules.Shorten(u.SubjectLabel), WorkLinks.Urging(u.Id))
            { Date = u.Deadline, Note = WorkRules.Shorten(u.Requirement) });
    }

    /// <summary>Open 督办 of the unit's schools (or districts) that went up to it when left unanswered, each with its target and deadline.</summary>
    [TaskSource(Role.District, Role.Commission)]
    private async Task<IEnumerable<WorkItem>> UrgingsEscalatedAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { } unit) return [];
        var escalated = await (from u in db.Urgings
                               where u.EscalatedToUnitId == unit.Id && u.Status != UrgingStatus.Closed
                               join t in db.OrgUnits on u.TargetUnitId equals t.Id
                               orderby u.Deadline
                               select new { u.Id, Target = t.Name, u.SubjectLabel, u.Deadline, u.Status }).Take(200).ToListAsync(ct);
        return escalated.Select(u => new WorkItem(WorkKind.UrgingsEscalated, WorkRules.Shorten($"{u.Target}：{u.SubjectLabel}"), WorkLinks.Urging(u.Id))
            { Date = u.Deadline, State = u.Status });
    }

    /// <summary>
    /// The 督办 the unit issued and has not closed: how many, the nearest deadline of those unanswered and how many are past it; and
    /// the answers waiting for its decision (办结 or press again), since the oldest.
    /// </summary>
    [TaskSource(Role.District, Role.Commission)]
    private async Task<IEnumerable<WorkItem>> UrgingsIssuedAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { } unit) return [];
        var today = c.Today;
        var issued = db.Urgings.Where(u => u.IssuerUnitId == unit.Id);
        var open = await issued.Where(u => u.Status == UrgingStatus.Issued).GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Nearest = g.Min(u => u.Deadline), Overdue = g.Count(u => today > u.Deadline) }).SingleOrDefaultAsync(ct);
        var answered = await (from u in issued
                              where u.Status == UrgingStatus.Answered
                              select db.Set<UrgingStep>().Where(s => s.UrgingId == u.Id && s.Action == UrgingAction.Answered).Max(s => (DateTime?)s.AtUtc))
            .ToListAsync(ct);
        var items = new List<WorkItem>();
        if (open is not null)
            items.Add(new WorkItem(WorkKind.UrgingsOpen, unit.Name, WorkLinks.Urgings(open.Overdue > 0 ? "Overdue" : "Issued"))
                { Count = open.Count, Date = open.Nearest, Overdue = open.Overdue });
        if (answered.Count > 0)
            items.Add(new WorkItem(WorkKind.UrgingsToClose, unit.Name, WorkLinks.Urgings("Answered"))
                { Count = answered.Count, Date = answered.Min() is { } oldest ? c.Day(oldest) : null, DateMeaning = DateMeaning.Waiting });
        return items;
    }
}
