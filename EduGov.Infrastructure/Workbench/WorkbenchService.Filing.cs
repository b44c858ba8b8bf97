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
            .Select(f => new { f.PeriodId, f.Status, f.ReturnComment, f.ReturnedFields }).ToDictionaryAsync(f => f.PeriodId, ct);
        var items = new List<WorkItem>();
        foreach (var period in open)
        {
            var filing = filings.GetValueOrDefault(period.Id);
            var link = WorkLinks.Filing(period.Id, school.Id);
            WorkItem? item = filing?.Status switch
            {
                null => new WorkItem(WorkKind.FilingNotStarted, period.Name, link) { Date = period.ClosesOn },
                FilingStatus.Draft => new WorkItem(WorkKind.FilingDraft, period.Name, link) { Date = period.ClosesOn },
                FilingStatus.Returned => new WorkItem(WorkKind.FilingReturned, period.Name, link) { Date = period.ClosesOn,
                    Note = SchoolFiling.WhyReturned(filing.ReturnComment, filing.ReturnedFields) },
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
    /// and timeliness (complete and first submitted by the deadline: the 通报's rule, so never above completeness), the lagging ones first.
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
            var counts = await (from f in db.Filings
                                where f.PeriodId == period.Id && f.Status != FilingStatus.Draft
                                join s in db.OrgUnits on f.SchoolId equals s.Id
                                group f by new { District = s.ParentId!.Value, f.Status } into g
                                select new { g.Key.District, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
            var late = await LateFirstSubmissionsAsync(db, c, period, ct);
            foreach (var district in districts.Where(d => d.Schools > 0))
            {
                var own = counts.Where(n => n.District == district.Id).ToList();
                var submitted = own.Where(n => n.Status is FilingStatus.Submitted or FilingStatus.Approved).Sum(n => n.Count);
                if (submitted >= district.Schools) continue;
                var onTime = submitted - late.GetValueOrDefault(district.Id);
                items.Add(new WorkItem(WorkKind.DistrictFilingBehind, district.Name, WorkLinks.Review(period.Id, district.Id))
                {
                    Count = district.Schools - submitted, Done = submitted, Total = district.Schools, Date = period.ClosesOn,
                    OnTimePercent = Math.Round(100m * onTime / district.Schools, 1), Note = period.Name,
                });
            }
        }
        return items;
    }

    /// <summary>
    /// Per district, the complete filings of a period first submitted after its deadline. None while the deadline has not passed; after it,
    /// only the submissions made since the deadline are looked at (a few), not every filing's history.
    /// </summary>
    private static async Task<Dictionary<int, int>> LateFirstSubmissionsAsync(EduGovDbContext db, WorkContext c, WorkPeriod period, CancellationToken ct)
    {
        var cutoff = c.EndOfDayUtc(period.ClosesOn);
        if (c.NowUtc < cutoff) return [];
        return await (from e in db.FilingEvents
                      where e.Action == FilingAction.Submitted && e.AtUtc >= cutoff
                      join f in db.Filings on e.FilingId equals f.Id
                      where f.PeriodId == period.Id && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.Approved)
                            && !db.FilingEvents.Any(before => before.FilingId == f.Id && before.Action == FilingAction.Submitted && before.AtUtc < cutoff)
                      join s in db.OrgUnits on f.SchoolId equals s.Id
                      group f.Id by s.ParentId!.Value into g
                      select new { District = g.Key, Count = g.Distinct().Count() }).ToDictionaryAsync(g => g.District, g => g.Count, ct);
    }
}
