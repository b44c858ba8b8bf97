using EduGov.Domain.Audit;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Organisation;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

public sealed record TrainingHeader(int UnitId, string UnitName, OrgUnitKind Kind, IReadOnlyList<Crumb> Ancestors, string UnitCode = "");

/// <summary>One training rule at a unit: its stored share against the plan's target for the year the rule counts for.</summary>
public sealed record RuleRow(
    int IndicatorId, string Code, string Name, string PlanTitle, int Year, decimal? Value, int? TargetYear, decimal? TargetValue,
    Direction Direction, ProgressStatus Status, ComplianceRule Rule);

/// <param name="Previous">The share a year before (null outside the rule's window); <paramref name="Rank"/> the place among the
/// <paramref name="Peers"/> with a share (<see cref="Places"/>), null for a group too small to rank.</param>
public sealed record UnitShare(int UnitId, string Code, string Name, decimal? Value, ProgressStatus Status,
    decimal? Previous = null, int? Rank = null, int Peers = 0)
{
    public decimal? Change => Value - Previous;
}

public sealed record ShortTeacher(string SchoolName, string StaffNumber, string Name, Post Post, decimal Hours, decimal PracticeHours, decimal HoursShort, decimal PracticeShort);

/// <summary>The teachers of a district or school under one rule: how many meet it, the hours distribution, and who is short.</summary>
public sealed record RuleDetail(int Met, int Total, IReadOnlyList<HoursBand> Distribution, IReadOnlyList<ShortTeacher> Short, int ShortTotal);

/// <summary>
/// The training compliance dashboard. Shares come from the stored indicator values (as on the progress page and in
/// the documents); the detail of a district or school (distribution, follow-up list) is computed from the records.
/// A city's detail is not offered: at 400,000 teachers nobody follows up a list, they drill down to a district.
/// </summary>
public sealed class TrainingDashboard(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public async Task<TrainingHeader> HeaderAsync(AccessScope scope, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await UnitAsync(db, scope, unitId, ct);
        return new TrainingHeader(unit.Id, unit.Name, unit.Kind, await OrgUnitService.AncestorsAsync(db, scope, unit.Path, ct), unit.Code);
    }

    public async Task<IReadOnlyList<RuleRow>> RulesAsync(AccessScope scope, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await UnitAsync(db, scope, unitId, ct);
        var rules = await ComplianceService.BindingAsync(db, unit.Path, ct);
        var ids = rules.Select(r => r.Indicator.Id).ToList();
        var values = await db.IndicatorValues.Where(v => v.OrgUnitId == unit.Id && ids.Contains(v.IndicatorId))
            .Select(v => new { v.IndicatorId, v.Year, v.Value }).ToListAsync(ct);
        return rules.Select(r =>
        {
            var year = r.Rule.YearOf(Today);
            decimal? value = values.FirstOrDefault(v => v.IndicatorId == r.Indicator.Id && v.Year == year)?.Value;
            var target = r.Indicator.TargetFor(year);
            return new RuleRow(r.Indicator.Id, r.Indicator.Code, r.Indicator.Name, r.Indicator.Plan.Title, year, value, target?.Year, target?.Value,
                r.Indicator.Direction, Progress.Evaluate(r.Indicator, year, value), r.Rule);
        }).ToList();
    }

    /// <summary>
    /// A unit's districts or schools under one rule, lowest share first: from the stored values, or with a filter, recounted
    /// from the per-school tallies of the schools it selects (a district's share of its small rural schools, say).
    /// </summary>
    public async Task<IReadOnlyList<UnitShare>> ComparisonAsync(AccessScope scope, int unitId, int indicatorId, SchoolFilter? filter = null, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await UnitAsync(db, scope, unitId, ct);
        var (rule, indicator, issuerPath) = await RuleAsync(db, unit.Path, indicatorId, ct);
        var year = rule.YearOf(Today);
        var children = db.OrgUnits.Where(c => c.ParentId == unit.Id && c.Path.StartsWith(issuerPath));
        Dictionary<(int Unit, int Year), decimal?> values;
        if (filter is null or { IsEmpty: true })
            values = (await db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && (v.Year == year || v.Year == year - 1) && children.Any(c => c.Id == v.OrgUnitId))
                    .Select(v => new { v.OrgUnitId, v.Year, v.Value }).ToListAsync(ct))
                .ToDictionary(v => (v.OrgUnitId, v.Year), v => (decimal?)v.Value);
        else
        {
            var schools = db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith(unit.Path) && s.Path.StartsWith(issuerPath)).Matching(filter);
            if (unit.Kind == OrgUnitKind.District) children = children.Matching(filter);
            var tallies = await (from t in db.ComplianceTallies
                                 join s in schools on t.SchoolId equals s.Id
                                 where t.IndicatorId == indicatorId && (t.Year == year || t.Year == year - 1)
                                 select new { Unit = unit.Kind == OrgUnitKind.City ? s.ParentId!.Value : s.Id, t.Year, t.Met, t.Total }).ToListAsync(ct);
            values = tallies.GroupBy(t => (t.Unit, t.Year)).ToDictionary(g => g.Key, g => Coverage.Share(g.Sum(t => t.Met), g.Sum(t => t.Total)));
        }
        var units = await children.Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct);
        var now = units.Select(c => values.GetValueOrDefault((c.Id, year))).ToList();
        var ranks = Places.Ranks(now, indicator.Direction);
        var peers = now.Count(v => v is not null);
        return units.Select((c, i) => new UnitShare(c.Id, c.Code, c.Name, now[i], Progress.Evaluate(indicator, year, now[i]),
                values.GetValueOrDefault((c.Id, year - 1)), ranks[i], peers))
            .OrderBy(c => c.Value ?? decimal.MaxValue).ThenBy(c => c.Code).ToList();
    }

    public async Task<RuleDetail> DetailAsync(AccessScope scope, int unitId, int indicatorId, int shortLimit = 500, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await UnitAsync(db, scope, unitId, ct);
        if (unit.Kind is not (OrgUnitKind.District or OrgUnitKind.School)) throw new NotFoundException("Detail");
        var (rule, _, issuerPath) = await RuleAsync(db, unit.Path, indicatorId, ct);
        var standings = await ComplianceService.StandingsAsync(db, rule, issuerPath, unit.Path, ct);
        var shortOnes = standings.Where(s => !s.Compliance.Met).ToList();
        return new RuleDetail(
            standings.Count - shortOnes.Count, standings.Count,
            HoursDistribution.Of(rule.MinHours, standings.Select(s => s.Compliance.Hours)),
            shortOnes.OrderByDescending(s => s.Compliance.HoursShort).ThenBy(s => s.SchoolName).ThenBy(s => s.StaffNumber).Take(shortLimit)
                .Select(s => new ShortTeacher(s.SchoolName, s.StaffNumber, s.Name, s.Post, s.Compliance.Hours, s.Compliance.PracticeHours,
                    s.Compliance.HoursShort, s.Compliance.PracticeShort)).ToList(),
            shortOnes.Count);
    }

    /// <summary>The whole follow-up list, for download: it names teachers, so it is recorded in the audit trail.</summary>
    public async Task<IReadOnlyList<ShortTeacher>> ExportShortAsync(AccessScope scope, int unitId, int indicatorId, CancellationToken ct = default)
    {
        var rows = (await DetailAsync(scope, unitId, indicatorId, shortLimit: int.MaxValue, ct)).Short;
        await using var db = await factory.OpenAsync(scope, ct);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "OrgUnit", unitId.ToString(), $"training short list of indicator {indicatorId}: {rows.Count} teachers"));
        await db.SaveChangesAsync(ct);
        return rows;
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    private static async Task<OrgUnit> UnitAsync(EduGovDbContext db, AccessScope scope, int unitId, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("OrgUnit");

    private static async Task<(ComplianceRule Rule, Indicator Indicator, string IssuerPath)> RuleAsync(EduGovDbContext db, string unitPath, int indicatorId, CancellationToken ct) =>
        (await ComplianceService.BindingAsync(db, unitPath, ct)).SingleOrDefault(r => r.Indicator.Id == indicatorId) is { Rule: not null } found
            ? found : throw new NotFoundException("Rule");
}
