using EduGov.Domain.Bulletins;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Supervision;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Bulletins;

/// <summary>
/// Gathers a bulletin's figures from the live registers as of today: the period's filings and their first submissions,
/// the rectification items, the 督办 source, and the indicator verdicts the white paper and progress page give (read
/// through <see cref="DocumentData"/>, so the three agree).
/// </summary>
public sealed class BulletinData(IDbContextFactory<EduGovDbContext> factory, DocumentData documents, IUrgingSource urgings, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The period and its city, if the user may see the city (404 otherwise).</summary>
    public static async Task<(ReportingPeriod Period, OrgUnit City)> PeriodAsync(EduGovDbContext db, AccessScope scope, int periodId, CancellationToken ct)
    {
        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException("Period");
        var city = await db.OrgUnits.VisibleTo(scope).AsNoTracking().SingleOrDefaultAsync(u => u.Id == period.CityId && u.Kind == OrgUnitKind.City, ct)
                   ?? throw new NotFoundException("Period");
        return (period, city);
    }

    public async Task<BulletinReport> BuildAsync(AccessScope scope, int periodId, string number, int version, CancellationToken ct = default)
    {
        var today = Today;
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, city) = await PeriodAsync(db, scope, periodId, ct);
        var districts = await db.OrgUnits.Where(u => u.ParentId == city.Id && u.Kind == OrgUnitKind.District).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var districtOf = districts.ToDictionary(d => d.Id);

        // Every school of the city with its filing's status (none: not started) and the local day it first submitted.
        var schools = await (from s in db.OrgUnits
                             where s.Kind == OrgUnitKind.School && s.Path.StartsWith(city.Path)
                             join f in db.Filings.Where(f => f.PeriodId == periodId) on s.Id equals f.SchoolId into filed
                             from f in filed.DefaultIfEmpty()
                             orderby s.Code
                             select new { s.Id, s.Code, s.Name, s.ParentId, Status = f == null ? (FilingStatus?)null : f.Status }).ToListAsync(ct);
        var firstSubmitted = (await (from e in db.FilingEvents
                                     join f in db.Filings on e.FilingId equals f.Id
                                     where f.PeriodId == periodId && e.Action == FilingAction.Submitted
                                     select new { f.SchoolId, e.AtUtc }).ToListAsync(ct))
            .GroupBy(e => e.SchoolId).ToDictionary(g => g.Key, g => LocalDay(g.Min(e => e.AtUtc)));
        var inDistricts = schools.Where(s => s.ParentId is { } p && districtOf.ContainsKey(p)).ToList();
        DateOnly? First(int schoolId) => firstSubmitted.TryGetValue(schoolId, out var day) ? day : null;

        var figures = districts.Select(d =>
        {
            var own = inDistricts.Where(s => s.ParentId == d.Id).ToList();
            return new DistrictFiling(d.Id, d.Code, d.Name, own.Count, own.Count(s => BulletinRules.IsComplete(s.Status)),
                own.Count(s => s.Status == FilingStatus.Approved), own.Count(s => BulletinRules.CountsOnTime(s.Status, First(s.Id), period.ClosesOn)));
        }).ToList();
        var ranking = BulletinRules.Rank(figures);
        var totals = new FilingTotals(districts.Count, inDistricts.Count, figures.Sum(f => f.Completed), figures.Sum(f => f.Approved), figures.Sum(f => f.OnTime),
            inDistricts.Count(s => BulletinRules.SubmittedLate(First(s.Id), period.ClosesOn)),
            inDistricts.Count(s => s.Status is null), inDistricts.Count(s => s.Status == FilingStatus.Draft), inDistricts.Count(s => s.Status == FilingStatus.Returned),
            figures.Count(f => f.Schools > 0 && f.Outstanding == 0));
        var lagging = BulletinRules.LaggingDistricts(ranking, totals.CompletionRate);

        // Not started first, then drafts, then returned; by district and school code within each.
        var outstanding = inDistricts.Where(s => !BulletinRules.IsComplete(s.Status))
            .OrderBy(s => s.Status switch { null => 0, FilingStatus.Draft => 1, _ => 2 }).ThenBy(s => districtOf[s.ParentId!.Value].Code, StringComparer.Ordinal)
            .ThenBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new OutstandingSchool(s.Id, s.Code, s.Name, s.ParentId!.Value, districtOf[s.ParentId!.Value].Name, s.Status)).ToList();

        var items = await (from r in db.RectificationItems
                           join u in db.OrgUnits on r.UnitId equals u.Id
                           where u.Path.StartsWith(city.Path) && r.Status != RectificationStatus.Accepted
                           select new { r.Id, r.UnitId, u.Name, u.Kind, u.ParentId, r.Requirement, r.Deadline, r.Status }).ToListAsync(ct);
        var overdue = items.Where(r => today > r.Deadline).OrderBy(r => r.Deadline).ThenBy(r => r.Id).Select(r =>
        {
            var districtId = r.Kind == OrgUnitKind.School ? r.ParentId!.Value : r.UnitId;
            return new OverdueItem(r.Id, r.UnitId, r.Name, r.Kind, districtId, districtOf.TryGetValue(districtId, out var d) ? d.Name : r.Name, r.Requirement,
                r.Deadline, BulletinRules.DaysOverdue(r.Deadline, today), r.Status);
        }).ToList();

        var (basis, indicatorTotals, behind) = await IndicatorsAsync(scope, city.Id, period.Year, districts.ToDictionary(d => d.Name, d => d.Id), ct);
        var urging = await urgings.OutstandingAsync(city.Id, city.Path, today, ct);

        var schoolsShown = outstanding.Take(BulletinRules.SchoolsListed).ToList();
        var itemsShown = overdue.Take(BulletinRules.ItemsListed).ToList();
        var named = new NamedUnits();
        foreach (var d in lagging) named.Name(d.Figures.UnitId, BulletinReason.LowCompletion);
        foreach (var s in schoolsShown) named.Name(s.SchoolId, BulletinReason.SchoolsOutstanding, s.DistrictId);
        foreach (var i in itemsShown) named.Name(i.UnitId, BulletinReason.RectificationOverdue, i.DistrictId);
        foreach (var d in behind.SelectMany(b => b.Furthest)) named.Name(d.UnitId, BulletinReason.IndicatorBehind);
        foreach (var u in urging?.Lines.Where(l => l.DaysOverdue > 0) ?? []) named.Name(u.UnitId, BulletinReason.UrgingOutstanding, u.DistrictId);
        var ids = named.All.Keys.ToList();
        var units = await db.OrgUnits.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Kind, u.Code }).ToListAsync(ct);
        var namedUnits = units.OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new NamedUnit(u.Id, u.Name, u.Kind, named.All[u.Id])).ToList();

        return new BulletinReport(city.Id, city.Name, period.Id, period.Name, period.Year, period.OpensOn, period.ClosesOn, today, number, version,
            clock.GetUtcNow().UtcDateTime, totals, ranking, lagging, schoolsShown, outstanding.Count, outstanding.Select(s => s.DistrictId).Distinct().Count(),
            items.Count, itemsShown, overdue.Count, overdue.Select(i => i.UnitId).Distinct().Count(), basis, indicatorTotals, behind, urging, namedUnits);
    }

    /// <summary>
    /// The city plans' indicators for the period's year as the white paper judges them: the city's own verdicts, and for the
    /// computed ones each district's. An indicator is behind when the city lags or any district does.
    /// </summary>
    private async Task<(PlanBasis?, IndicatorTotals, IReadOnlyList<IndicatorBehind>)> IndicatorsAsync(AccessScope scope, int cityId, int year,
        IReadOnlyDictionary<string, int> districtIds, CancellationToken ct)
    {
        var paper = await documents.WhitePaperAsync(scope, cityId, year, ct);
        var lines = paper.Plans.SelectMany(p => p.Lines).ToList();
        var tables = paper.Areas.SelectMany(a => a.Tables).GroupBy(t => t.Code).ToDictionary(g => g.Key, g => g.First());
        var behind = new List<IndicatorBehind>();
        foreach (var line in lines)
        {
            // Rows come best first: the furthest behind are the last of the lagging ones.
            var laggingRows = tables.TryGetValue(line.Code, out var table) ? table.Rows.Where(r => r.Status == ProgressStatus.Lagging).ToList() : [];
            if (line.Status != ProgressStatus.Lagging && laggingRows.Count == 0) continue;
            var furthest = Enumerable.Reverse(laggingRows).Take(BulletinRules.DistrictsPerIndicator)
                .Where(r => districtIds.ContainsKey(r.District)).Select(r => new BehindDistrict(districtIds[r.District], r.District, r.Value)).ToList();
            behind.Add(new IndicatorBehind(line.Code, line.Name, line.Unit, line.Target, line.Actual, line.Status, laggingRows.Count, furthest));
        }
        var ordered = behind.OrderByDescending(b => b.CityStatus == ProgressStatus.Lagging).ThenByDescending(b => b.DistrictsBehind)
            .ThenBy(b => b.Code, StringComparer.Ordinal).ToList();
        var basis = paper.Plans.Where(p => p.DocumentNumber is not null).OrderBy(p => p.StartYear).Select(p => new PlanBasis(p.Title, p.DocumentNumber)).FirstOrDefault()
                    ?? paper.Plans.Select(p => new PlanBasis(p.Title, null)).FirstOrDefault();
        var totals = new IndicatorTotals(lines.Count, lines.Count(l => l.Status == ProgressStatus.Achieved), lines.Count(l => l.Status == ProgressStatus.OnTrack),
            lines.Count(l => l.Status == ProgressStatus.Lagging), lines.Count(l => l.Status == ProgressStatus.NoData));
        return (basis, totals, ordered);
    }

    private DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone));
}
