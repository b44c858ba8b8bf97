using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

/// <summary>One teacher's standing under one rule.</summary>
public sealed record Standing(string StaffNumber, string Name, Post Post, int SchoolId, string SchoolName, string SchoolPath, Compliance Compliance);

/// <summary>
/// The training indicators' actual values: for each compliance rule, the share of the teachers it applies to
/// (active, in its posts, under the plan's issuing unit) who meet it, per school, district and city — always the
/// ratio of the counts, never an average of the schools' shares. Each school's counts are kept as a
/// <see cref="ComplianceTally"/>; a change at one school recounts that school and re-sums its district and city.
/// </summary>
public sealed class ComplianceService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    /// <summary>Every rule, every school: after a bulk import, a rule change, and nightly as the safety net.</summary>
    public async Task RecomputeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var (rule, issuerPath) in await RulesAsync(db, ct))
            await RecountAsync(db, rule, issuerPath, issuerPath, ct);
    }

    /// <summary>One rule, every school (after the rule was added or changed).</summary>
    public async Task RecomputeRuleAsync(int indicatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var (rule, issuerPath) in (await RulesAsync(db, ct)).Where(r => r.Rule.IndicatorId == indicatorId))
            await RecountAsync(db, rule, issuerPath, issuerPath, ct);
    }

    /// <summary>The rules that bind one school, recounted for it alone (after a record or a registry change there).</summary>
    public async Task RecomputeSchoolAsync(int schoolId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schoolPath = await db.OrgUnits.Where(u => u.Id == schoolId).Select(u => u.Path).SingleAsync(ct);
        foreach (var (rule, _, issuerPath) in await BindingAsync(db, schoolPath, ct))
            await RecountAsync(db, rule, issuerPath, schoolPath, ct);
    }

    /// <summary>After a change at some schools: each one recounted when they are few, everything when they are many.</summary>
    public async Task RecomputeSchoolsAsync(IReadOnlyCollection<int> schoolIds, CancellationToken ct = default)
    {
        if (schoolIds.Count > 20)
        {
            await RecomputeAsync(ct);
            return;
        }
        foreach (var schoolId in schoolIds) await RecomputeSchoolAsync(schoolId, ct);
    }

    private static async Task<List<(ComplianceRule Rule, string IssuerPath)>> RulesAsync(EduGovDbContext db, CancellationToken ct) =>
        (await (from r in db.ComplianceRules
                join i in db.Indicators on r.IndicatorId equals i.Id
                select new { Rule = r, i.Plan.OrgUnit.Path }).AsNoTracking().ToListAsync(ct))
        .Select(r => (r.Rule, r.Path)).ToList();

    /// <summary>Recounts the schools under <paramref name="underPath"/>, then rewrites the values of every unit those schools roll up to.</summary>
    private async Task RecountAsync(EduGovDbContext db, ComplianceRule rule, string issuerPath, string underPath, CancellationToken ct)
    {
        db.AuditRows = false;
        var standings = await StandingsAsync(db, rule, issuerPath, underPath, ct);
        var year = rule.YearOf(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ComplianceTallies
            .Where(t => t.IndicatorId == rule.IndicatorId && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Path.StartsWith(underPath)))
            .ExecuteDeleteAsync(ct);
        db.ComplianceTallies.AddRange(standings.GroupBy(s => s.SchoolId)
            .Select(g => ComplianceTally.Of(rule.IndicatorId, g.Key, g.Count(s => s.Compliance.Met), g.Count())));
        await db.SaveChangesAsync(ct);

        var tallies = await (from t in db.ComplianceTallies
                             join s in db.OrgUnits on t.SchoolId equals s.Id
                             where t.IndicatorId == rule.IndicatorId
                             select new { s.Path, t.Met, t.Total }).ToListAsync(ct);
        var counts = RollUp(tallies.Select(t => (t.Path, t.Met, t.Total)));
        // The units whose value may have changed: everything under the recounted unit, and the units above it.
        var above = OrgUnit.LineageOf(underPath).ToList();
        var touched = await db.OrgUnits.Where(u => u.Path.StartsWith(underPath) || above.Contains(u.Path))
            .Where(u => u.Path.StartsWith(issuerPath)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var ids = touched.Select(u => u.Id).ToList();
        await db.IndicatorValues.Where(v => v.IndicatorId == rule.IndicatorId && v.Year == year && ids.Contains(v.OrgUnitId)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var unit in touched)
            if (counts.TryGetValue(unit.Path, out var c) && c.Total > 0)
                db.IndicatorValues.Add(IndicatorValue.Computed(rule.IndicatorId, unit.Id, year, Math.Round(100m * c.Met / c.Total, 1), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Each teacher the rule applies to (active, in its posts, under the plan's issuing unit) in the schools under
    /// <paramref name="underPath"/>, with their standing, from hours summed in the database.
    /// </summary>
    public static async Task<List<Standing>> StandingsAsync(
        EduGovDbContext db, ComplianceRule rule, string issuerPath, string underPath, CancellationToken ct)
    {
        var posts = rule.Posts.ToList();
        var categories = rule.Categories.ToList();
        var anyCategory = categories.Count == 0;
        // The schools first, then their teachers and records through the SchoolId and (TeacherId, CompletedOn) indexes:
        // a district reads its own rows only, never a scan of the city's millions.
        var schools = await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith(issuerPath) && s.Path.StartsWith(underPath))
            .Select(s => new { s.Id, s.Name, s.Path }).ToDictionaryAsync(s => s.Id, ct);
        var schoolIds = schools.Keys.ToList();
        var teachers = await db.Teachers.Where(t => schoolIds.Contains(t.SchoolId) && t.Status == TeacherStatus.Active && posts.Contains(t.Post))
            .Select(t => new { t.Id, t.StaffNumber, t.Name, t.Post, t.SchoolId }).ToListAsync(ct);
        var teacherIds = teachers.Select(t => t.Id).ToList();
        // Summed as REAL: SQLite keeps decimals as text and sums them slowly; hours come in tenths, rounded back below.
        var hours = await db.TrainingRecords
            .Where(r => teacherIds.Contains(r.TeacherId) && r.CompletedOn >= rule.WindowStart && r.CompletedOn <= rule.WindowEnd
                        && (anyCategory || db.Courses.Any(c => c.Id == r.CourseId && categories.Contains(c.Category))))
            .GroupBy(r => r.TeacherId)
            .Select(g => new { TeacherId = g.Key, Hours = g.Sum(r => (double)r.Hours), Practice = g.Sum(r => (double)r.PracticeHours) })
            .ToDictionaryAsync(h => h.TeacherId, ct);
        return teachers.Select(t =>
        {
            var (h, p) = hours.TryGetValue(t.Id, out var sum) ? (Math.Round((decimal)sum.Hours, 1), Math.Round((decimal)sum.Practice, 1)) : (0m, 0m);
            return new Standing(t.StaffNumber, t.Name, t.Post, t.SchoolId, schools[t.SchoolId].Name, schools[t.SchoolId].Path, rule.Judge(h, p));
        }).ToList();
    }

    /// <summary>The rules of the plans that bind a unit: issued by it or by a unit above it.</summary>
    public static async Task<List<(ComplianceRule Rule, Indicator Indicator, string IssuerPath)>> BindingAsync(EduGovDbContext db, string unitPath, CancellationToken ct)
    {
        var lineage = OrgUnit.LineageOf(unitPath).ToList();
        var found = await (from r in db.ComplianceRules
                           join i in db.Indicators.Include(i => i.Plan).Include(i => i.Targets) on r.IndicatorId equals i.Id
                           where lineage.Contains(i.Plan.OrgUnit.Path)
                           select new { Rule = r, Indicator = i, i.Plan.OrgUnit.Path }).AsNoTracking().ToListAsync(ct);
        return found.Select(f => (f.Rule, f.Indicator, f.Path)).OrderBy(f => f.Indicator.Code).ToList();
    }

    /// <summary>Met and applicable teachers for every unit (by path) on the way up from each school.</summary>
    public static Dictionary<string, (int Met, int Total)> RollUp(IEnumerable<(string SchoolPath, int Met, int Total)> schools)
    {
        var counts = new Dictionary<string, (int Met, int Total)>();
        foreach (var school in schools)
        foreach (var path in OrgUnit.LineageOf(school.SchoolPath))
        {
            var (met, total) = counts.GetValueOrDefault(path);
            counts[path] = (met + school.Met, total + school.Total);
        }
        return counts;
    }
}
