using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Filing;

/// <summary>
/// What schools' filings are checked against (<see cref="CheckBasis"/>), loaded once for one school or a district's:
/// each school's last approved figures of an earlier period, and the peer statistics of its type and setting over the
/// approved filings of this period and the one before (each school's latest) in the city.
/// </summary>
internal static class CheckBases
{
    public static async Task<Func<OrgUnit, CheckBasis>> LoadAsync(EduGovDbContext db, ReportingPeriod period, IReadOnlyCollection<OrgUnit> schools, CancellationToken ct)
    {
        var ids = schools.Select(s => s.Id).ToList();
        var previous = (await (from f in db.Filings
                               join p in db.ReportingPeriods on f.PeriodId equals p.Id
                               where ids.Contains(f.SchoolId) && f.Status == FilingStatus.Approved && p.CityId == period.CityId && p.ClosesOn < period.ClosesOn
                               select new { f.SchoolId, p.ClosesOn, f.Survey }).AsNoTracking().ToListAsync(ct))
            .GroupBy(r => r.SchoolId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.ClosesOn)!.Survey);
        // Two periods: early in a window few filings of this one are approved, and older figures would compare with the past.
        var recent = await db.ReportingPeriods.Where(p => p.CityId == period.CityId && p.ClosesOn <= period.ClosesOn)
            .OrderByDescending(p => p.ClosesOn).Select(p => p.Id).Take(2).ToListAsync(ct);
        var peers = new Dictionary<(SchoolType, bool), IReadOnlyDictionary<string, PeerStats>>();
        foreach (var (type, rural) in schools.Select(s => (s.School!.Type, s.School.IsRural)).Distinct())
            peers[(type, rural)] = await PeersAsync(db, recent, type, rural, ct);
        return school => new CheckBasis(previous.GetValueOrDefault(school.Id), peers[(school.School!.Type, school.School.IsRural)], period.Quality);
    }

    private static async Task<IReadOnlyDictionary<string, PeerStats>> PeersAsync(EduGovDbContext db, List<int> periods, SchoolType type, bool rural, CancellationToken ct)
    {
        var approved = await (from f in db.Filings
                              join s in db.OrgUnits on f.SchoolId equals s.Id
                              where f.Status == FilingStatus.Approved && periods.Contains(f.PeriodId) && s.School!.Type == type && s.School.IsRural == rural
                              select new { f.SchoolId, f.PeriodId, f.Survey, Profile = s.School! }).AsNoTracking().ToListAsync(ct);
        return FilingChecks.Peers(approved.GroupBy(r => r.SchoolId).Select(g => g.MinBy(r => periods.IndexOf(r.PeriodId))!).Select(r => (r.Survey, r.Profile)));
    }
}
