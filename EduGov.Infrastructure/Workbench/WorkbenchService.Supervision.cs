using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Workbench;

/// <summary>Inspections and rectification (督导检查与整改), network security (网络安全) and teacher training (教师培训).</summary>
public sealed partial class WorkbenchService
{
    /// <summary>The rectification items the school or district is to answer (待整改), each with its deadline, or summed for a district.</summary>
    [TaskSource(Role.Principal, Role.District)]
    private async Task<IEnumerable<WorkItem>> RectificationsToAnswerAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var open = from r in db.RectificationItems
                   where r.Status == RectificationStatus.Open
                   join u in db.OrgUnits.VisibleTo(c.Scope) on r.UnitId equals u.Id
                   select r;
        if (c.OneByOne)
            return (await open.OrderBy(r => r.Deadline).Select(r => new { r.Requirement, r.Deadline }).ToListAsync(ct))
                .Select(r => new WorkItem(WorkKind.RectificationToAnswer, WorkRules.Shorten(r.Requirement), WorkLinks.Rectifications) { Date = r.Deadline });
        var today = c.Today;
        var sum = await open.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Nearest = g.Min(r => r.Deadline), Overdue = g.Count(r => today > r.Deadline) }).SingleOrDefaultAsync(ct);
        return sum is null ? [] :
        [
            new WorkItem(WorkKind.RectificationToAnswer, c.Unit?.Name ?? "", WorkLinks.Rectifications) { Count = sum.Count, Date = sum.Nearest, Overdue = sum.Overdue },
        ];
    }

    /// <summary>Answers waiting for an inspector of the region to accept or reopen (已答复), since they were answered.</summary>
    [TaskSource(Role.Inspector)]
    private async Task<IEnumerable<WorkItem>> RectificationsToVerifyAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var answered = await (from r in db.RectificationItems
                              where r.Status == RectificationStatus.Answered
                              join ru in db.OrgUnits.VisibleTo(c.Scope) on r.UnitId equals ru.Id
                              join i in db.Inspections on r.InspectionId equals i.Id
                              join iu in db.OrgUnits.VisibleTo(c.Scope) on i.UnitId equals iu.Id
                              select new
                              {
                                  r.InspectionId, r.Requirement, Unit = ru.Name,
                                  At = db.Set<RectificationStep>().Where(s => s.ItemId == r.Id && s.Action == RectificationAction.Answered).Max(s => (DateTime?)s.AtUtc),
                              }).ToListAsync(ct);
        return answered.Select(a => new WorkItem(WorkKind.RectificationToVerify, WorkRules.Shorten($"{a.Unit}：{a.Requirement}"), WorkLinks.Inspection(a.InspectionId))
            { Date = a.At is { } at ? c.Day(at) : null, DateMeaning = DateMeaning.Waiting });
    }

    /// <summary>Inspections planned (计划中) for the principal's school or in the inspector's region, by the planned day.</summary>
    [TaskSource(Role.Principal, Role.Inspector)]
    private async Task<IEnumerable<WorkItem>> InspectionsPlannedAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var planned = await (from i in db.Inspections
                             where i.Status == InspectionStatus.Planned
                             join u in db.OrgUnits.VisibleTo(c.Scope) on i.UnitId equals u.Id
                             orderby i.PlannedOn
                             select new { i.Id, i.PlannedOn, u.Name }).Take(200).ToListAsync(ct);
        return planned.Select(i => new WorkItem(WorkKind.InspectionPlanned, i.Name, WorkLinks.Inspection(i.Id)) { Date = i.PlannedOn, DateMeaning = DateMeaning.Planned });
    }

    /// <summary>Open remediation items (待整改) and high-severity fixes waiting for this user's confirmation, each or summed.</summary>
    [TaskSource(Role.Principal, Role.District)]
    private async Task<IEnumerable<WorkItem>> RemediationAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var rows = await (from r in db.RemediationItems
                          where r.Status != RemediationStatus.Closed
                          join u in db.OrgUnits.VisibleTo(c.Scope) on r.UnitId equals u.Id
                          orderby r.Deadline
                          select new { r.Finding, r.Deadline, r.Status, r.FixedBy, u.Path }).ToListAsync(ct);
        var toFix = rows.Where(r => r.Status == RemediationStatus.Open).Select(r => (r.Finding, r.Deadline)).ToList();
        var toConfirm = rows.Where(r => r.Status == RemediationStatus.AwaitingReview && c.Scope.CanConfirmFixesOf(r.Path) && r.FixedBy != c.Scope.UserName)
            .Select(r => (r.Finding, r.Deadline)).ToList();
        return Each(WorkKind.RemediationToFix, toFix).Concat(Each(WorkKind.RemediationToConfirm, toConfirm));

        IEnumerable<WorkItem> Each(WorkKind kind, List<(string Finding, DateOnly Deadline)> items) =>
            items.Count == 0 ? []
            : c.OneByOne ? items.Select(i => new WorkItem(kind, WorkRules.Shorten(i.Finding), WorkLinks.Security) { Date = i.Deadline })
            : [new WorkItem(kind, c.Unit?.Name ?? "", WorkLinks.Security)
                { Count = items.Count, Date = items[0].Deadline, Overdue = items.Count(i => c.Today > i.Deadline) }];
    }

    /// <summary>Information systems whose next 等级测评 is due within 30 days or overdue, by the same schedule the security page uses.</summary>
    [TaskSource(Role.Principal, Role.District)]
    private async Task<IEnumerable<WorkItem>> AssessmentsDueAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var systems = await (from s in db.InformationSystems
                             where s.Level >= 2
                             join u in db.OrgUnits.VisibleTo(c.Scope) on s.OwnerUnitId equals u.Id
                             select new
                             {
                                 s.Name, s.Level, s.LevelSince,
                                 LastAtLevel = db.Assessments.Where(a => a.SystemId == s.Id && a.Level == s.Level).Max(a => (DateOnly?)a.AssessedOn),
                             }).ToListAsync(ct);
        var due = systems
            .Select(s => (s.Name, Due: AssessmentSchedule.Due(s.Level, s.LevelSince, s.LastAtLevel, options.Value.Level2AssessmentMonths, c.Today)))
            .Where(s => s.Due.State is DueState.DueSoon or DueState.Overdue)
            .OrderBy(s => s.Due.DueOn).ToList();
        if (due.Count == 0) return [];
        return c.OneByOne
            ? due.Select(s => new WorkItem(WorkKind.AssessmentDue, s.Name, WorkLinks.Security) { Date = s.Due.DueOn })
            : [new WorkItem(WorkKind.AssessmentDue, c.Unit?.Name ?? "", WorkLinks.Security)
                { Count = due.Count, Date = due[0].Due.DueOn, Overdue = due.Count(s => s.Due.State == DueState.Overdue) }];
    }

    /// <summary>The school's teachers still short of each training rule (while the rule's window is open, its end is the deadline), from the stored counts.</summary>
    [TaskSource(Role.Principal)]
    private async Task<IEnumerable<WorkItem>> TeachersShortAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { Kind: OrgUnitKind.School } school) return [];
        var tallies = await (from t in db.ComplianceTallies
                             where t.SchoolId == school.Id && t.Met < t.Total
                             join r in db.ComplianceRules on t.IndicatorId equals r.IndicatorId
                             join i in db.Indicators on t.IndicatorId equals i.Id
                             select new { i.Id, i.Code, i.Name, t.Year, t.Met, t.Total, Rule = r }).AsNoTracking().ToListAsync(ct);
        // The count of the year the rule stands at now (earlier years are its history). Once a rule's window has closed no record can
        // count toward it any more: its shortfall stays on the list, without a deadline to beat.
        return tallies.Where(t => t.Year == t.Rule.YearOf(c.Today)).Select(r => new WorkItem(WorkKind.TeachersShort, $"{r.Code} {r.Name}", WorkLinks.Training(school.Id, r.Id))
            { Count = r.Total - r.Met, Done = r.Met, Total = r.Total, Date = r.Rule.WindowEnd >= c.Today ? r.Rule.WindowEnd : null });
    }
}
