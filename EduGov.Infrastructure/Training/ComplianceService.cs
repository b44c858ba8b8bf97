using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

/// <summary>One teacher's standing under one rule.</summary>
public sealed record Standing(string StaffNumber, string Name, Post Post, int SchoolId, string SchoolName, string SchoolPath, Compliance Compliance);

/// <summary>
/// The training indicators' actual values: for each compliance rule and each year of its window so far, the share of the
/// teachers it applies to (active, in its posts, under the plan's issuing unit) who met it by that year's end, per school,
/// district and city — always the ratio of the counts, never an average of the schools' shares. Each school's counts are
/// kept as a <see cref="ComplianceTally"/> per year; a change at one school recounts that school and re-sums its district and city.
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

    /// <summary>
    /// Recounts the schools under <paramref name="underPath"/> for each year the rule has a value for, then rewrites those years' values
    /// of every unit those schools roll up to.
    /// </summary>
    private async Task RecountAsync(EduGovDbContext db, ComplianceRule rule, string issuerPath, string underPath, CancellationToken ct)
    {
        db.AuditRows = false;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var years = rule.YearsOf(today);
        var (_, teachers, hours) = await TeachersAndHoursAsync(db, rule, issuerPath, underPath, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ComplianceTallies
            .Where(t => t.IndicatorId == rule.IndicatorId && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Path.StartsWith(underPath)))
            .ExecuteDeleteAsync(ct);
        foreach (var school in teachers.GroupBy(t => t.SchoolId))
        {
            var standings = school.Select(t => rule.JudgeByYear(hours[t.Id], today)).ToList();
            db.ComplianceTallies.AddRange(years.Select(year =>
                ComplianceTally.Of(rule.IndicatorId, school.Key, year, standings.Count(s => s[year].Met), standings.Count)));
        }
        await db.SaveChangesAsync(ct);

        var tallies = await (from t in db.ComplianceTallies
                             join s in db.OrgUnits on t.SchoolId equals s.Id
                             where t.IndicatorId == rule.IndicatorId && years.Contains(t.Year)
                             select new { s.Path, t.Year, t.Met, t.Total }).ToListAsync(ct);
        // The units whose value may have changed: everything under the recounted unit, and the units above it.
        var above = OrgUnit.LineageOf(underPath).ToList();
        var touched = await db.OrgUnits.Where(u => u.Path.StartsWith(underPath) || above.Contains(u.Path))
            .Where(u => u.Path.StartsWith(issuerPath)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var ids = touched.Select(u => u.Id).ToList();
        await db.IndicatorValues.Where(v => v.IndicatorId == rule.IndicatorId && years.Contains(v.Year) && ids.Contains(v.OrgUnitId)).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var year in years)
        {
            var counts = RollUp(tallies.Where(t => t.Year == year).Select(t => (t.Path, t.Met, t.Total)));
            foreach (var unit in touched)
                if (counts.TryGetValue(unit.Path, out var c) && c.Total > 0)
                    db.IndicatorValues.Add(IndicatorValue.Computed(rule.IndicatorId, unit.Id, year, Domain.Filing.Coverage.Share(c.Met, c.Total)!.Value, now));
        }
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
        var (schools, teachers, hours) = await TeachersAndHoursAsync(db, rule, issuerPath, underPath, ct);
        return teachers.Select(t =>
        {
            var own = hours[t.Id].ToList();
            var school = schools[t.SchoolId];
            return new Standing(t.StaffNumber, t.Name, t.Post, t.SchoolId, school.Name, school.Path, rule.Judge(own.Sum(h => h.Hours), own.Sum(h => h.PracticeHours)));
        }).ToList();
    }

    private sealed record SchoolRef(int Id, string Name, string Path);

    private sealed record TeacherRef(int Id, string StaffNumber, string Name, Post Post, int SchoolId);

    /// <summary>The teachers the rule applies to under <paramref name="underPath"/>, and the hours of theirs that count, summed by the year completed.</summary>
    private static async Task<(Dictionary<int, SchoolRef> Schools, List<TeacherRef> Teachers, ILookup<int, (int Year, decimal Hours, decimal PracticeHours)> Hours)>
        TeachersAndHoursAsync(EduGovDbContext db, ComplianceRule rule, string issuerPath, string underPath, CancellationToken ct)
    {
        var posts = rule.Posts.ToList();
        var categories = rule.Categories.ToList();
        var anyCategory = categories.Count == 0;
        // The schools first, then their teachers and records through the SchoolId and (TeacherId, CompletedOn) indexes:
        // a district reads its own rows only, never a scan of the city's millions.
        var schools = await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith(issuerPath) && s.Path.StartsWith(underPath))
            .Select(s => new SchoolRef(s.Id, s.Name, s.Path)).ToDictionaryAsync(s => s.Id, ct);
        var schoolIds = schools.Keys.ToList();
        var teachers = await db.Teachers.Where(t => schoolIds.Contains(t.SchoolId) && t.Status == TeacherStatus.Active && posts.Contains(t.Post))
            .Select(t => new TeacherRef(t.Id, t.StaffNumber, t.Name, t.Post, t.SchoolId)).ToListAsync(ct);
        var teacherIds = teachers.Select(t => t.Id).ToList();
        // Summed as REAL: SQLite keeps decimals as text and sums them slowly; hours come in tenths, rounded back below.
        var hours = await db.TrainingRecords
            .Where(r => teacherIds.Contains(r.TeacherId) && r.CompletedOn >= rule.WindowStart && r.CompletedOn <= rule.WindowEnd
                        && (anyCategory || db.Courses.Any(c => c.Id == r.CourseId && categories.Contains(c.Category))))
            .GroupBy(r => new { r.TeacherId, r.CompletedOn.Year })
            .Select(g => new { g.Key.TeacherId, g.Key.Year, Hours = g.Sum(r => (double)r.Hours), Practice = g.Sum(r => (double)r.PracticeHours) })
            .ToListAsync(ct);
        return (schools, teachers, hours.ToLookup(h => h.TeacherId, h => (h.Year, Math.Round((decimal)h.Hours, 1), Math.Round((decimal)h.Practice, 1))));
    }

    /// <summary>The rules of the plans that bind a unit: issued by it or by a unit above it.</summary>
    public static async Task<List<(ComplianceRule Rule, Indicator Indicator, string IssuerPath)>> BindingAsync(EduGovDbContext db, string unitPath, CancellationToken ct)
    {
        var lineage = OrgUnit.LineageOf(unitPath).ToList();
        var found = await (from r in db.ComplianceRules
                           join i in db.Indicators.Include(i => i.Plan).Include(i => i.Targets.OrderBy(x => x.Year)) on r.IndicatorId equals i.Id
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
