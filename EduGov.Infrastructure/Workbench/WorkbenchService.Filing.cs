using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Workbench;

/// <summary>Filing (学校填报): the school's own filing, the district's review and the schools it waits for, the city's districts behind.</summary>
public sealed partial class WorkbenchService
{
    /// <summary>This period's filing of the principal's school while the period is open: not started, a draft, returned (with the comment), or waiting for review.</summary>
    [TaskSource(Role.Principal)]
    private async Task<IEnumerable<WorkItem>> SchoolFilingAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        var open = c.Periods.Where(p => p.IsOpen).ToList();
        if (c.Unit is not { Kind: OrgUnitKind.School } school || open.Count == 0) return [];
        var ids = open.Select(p => p.Id).ToList();
        var filings = await db.Filings.Where(f => f.SchoolId == school.Id && ids.Contains(f.PeriodId))
            .Select(f => new { f.PeriodId, f.Status, f.ReturnComment }).ToDictionaryAsync(f => f.PeriodId, ct);
        var items = new List<WorkItem>();
        foreach (var period in open)
        {
            var filing = filings.GetValueOrDefault(period.Id);
            var link = WorkLinks.Filing(period.Id, school.Id);
            WorkItem? item = filing?.Status switch
            {
                null => new WorkItem(WorkKind.FilingNotStarted, period.Name, link) { Date = period.ClosesOn },
                FilingStatus.Draft => new WorkItem(WorkKind.FilingDraft, period.Name, link) { Date = period.ClosesOn },
                FilingStatus.Returned => new WorkItem(WorkKind.FilingReturned, period.Name, link) { Date = period.ClosesOn, Note = filing.ReturnComment },
                FilingStatus.Submitted => new WorkItem(WorkKind.FilingSubmitted, period.Name, link),
                _ => null,
            };
            if (item is not null) items.Add(item);
        }
        return items;
    }

    /// <summary>The district's filings waiting for review (since the oldest submission) and, while the period is open, its schools not started.</summary>
    [TaskSource(Role.District)]
    private async Task<IEnumerable<WorkItem>> DistrictFilingAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { Kind: OrgUnitKind.District } district || c.Periods.Count == 0) return [];
        var ids = c.Periods.Select(p => p.Id).ToList();
        var schools = await db.OrgUnits.CountAsync(s => s.ParentId == district.Id && s.Kind == OrgUnitKind.School, ct);
        var statuses = await (from f in db.Filings
                              where ids.Contains(f.PeriodId)
                              join s in db.OrgUnits on f.SchoolId equals s.Id
                              where s.ParentId == district.Id
                              group f by new { f.PeriodId, f.Status } into g
                              select new { g.Key.PeriodId, g.Key.Status, Count = g.Count(), Oldest = g.Min(f => f.UpdatedAtUtc) }).ToListAsync(ct);
        var items = new List<WorkItem>();
        foreach (var period in c.Periods)
        {
            var link = WorkLinks.Review(period.Id, district.Id);
            var own = statuses.Where(s => s.PeriodId == period.Id).ToList();
            if (own.SingleOrDefault(s => s.Status == FilingStatus.Submitted) is { } waiting)
                items.Add(new WorkItem(WorkKind.FilingsToReview, period.Name, link)
                    { Count = waiting.Count, Date = c.Day(waiting.Oldest), DateMeaning = DateMeaning.Waiting });
            var notStarted = schools - own.Sum(s => s.Count);
            if (period.IsOpen && notStarted > 0)
                items.Add(new WorkItem(WorkKind.SchoolsNotStarted, period.Name, link)
                {
                    Count = notStarted, Date = period.ClosesOn, Total = schools,
                    Done = own.Where(s => s.Status is FilingStatus.Submitted or FilingStatus.Approved).Sum(s => s.Count),
                });
        }
        return items;
    }

    /// <summary>
    /// The city's districts whose schools have not all submitted, each with its completeness (submitted or approved of all schools)
    /// and timeliness (first submitted by the deadline), the lagging ones first.
    /// </summary>
    [TaskSource(Role.Commission)]
    private async Task<IEnumerable<WorkItem>> DistrictsBehindAsync(EduGovDbContext db, WorkContext c, CancellationToken ct)
    {
        if (c.Unit is not { Kind: OrgUnitKind.City } city || c.Periods.Count == 0) return [];
        var districts = await db.OrgUnits.Where(d => d.ParentId == city.Id)
            .Select(d => new { d.Id, d.Name, Schools = db.OrgUnits.Count(s => s.ParentId == d.Id) }).ToListAsync(ct);
        var items = new List<WorkItem>();
        foreach (var period in c.Periods)
        {
            // A period belongs to one city: every filing of it is of one of the city's schools.
            var cutoff = c.EndOfDayUtc(period.ClosesOn);
            var counted = await (from f in db.Filings
                                 where f.PeriodId == period.Id
                                 join s in db.OrgUnits on f.SchoolId equals s.Id
                                 select new
                                 {
                                     District = s.ParentId!.Value,
                                     Submitted = f.Status == FilingStatus.Submitted || f.Status == FilingStatus.Approved,
                                     OnTime = db.FilingEvents.Any(e => e.FilingId == f.Id && e.Action == FilingAction.Submitted && e.AtUtc < cutoff),
                                 } into x
                                 group x by x.District into g
                                 select new { District = g.Key, Submitted = g.Count(x => x.Submitted), OnTime = g.Count(x => x.OnTime) })
                .ToDictionaryAsync(g => g.District, ct);
            foreach (var district in districts.Where(d => d.Schools > 0))
            {
                var (submitted, onTime) = counted.TryGetValue(district.Id, out var n) ? (n.Submitted, n.OnTime) : (0, 0);
                if (submitted >= district.Schools) continue;
                items.Add(new WorkItem(WorkKind.DistrictFilingBehind, district.Name, WorkLinks.Review(period.Id, district.Id))
                {
                    Count = district.Schools - submitted, Done = submitted, Total = district.Schools, Date = period.ClosesOn,
                    OnTimePercent = Math.Round(100m * onTime / district.Schools, 1), Note = period.Name,
                });
            }
        }
        return items;
    }
}
