using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

/// <summary>
/// The training indicators' actual values: for each compliance rule, the share of the teachers it applies to
/// (active, in its posts, under the plan's issuing unit) who meet it, per school, district and city — always the
/// ratio of the counts, never an average of the schools' shares. Stored as the indicator's values like coverage.
/// </summary>
/// <summary>One teacher's standing under one rule.</summary>
public sealed record Standing(string StaffNumber, string Name, Post Post, string SchoolName, string SchoolPath, Compliance Compliance);

public sealed class ComplianceService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public async Task RecomputeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var rules = await db.ComplianceRules.AsNoTracking().ToListAsync(ct);
        foreach (var rule in rules)
        {
            var issuerPath = await db.Indicators.Where(i => i.Id == rule.IndicatorId).Select(i => i.Plan.OrgUnit.Path).SingleAsync(ct);
            var standings = await StandingsAsync(db, rule, issuerPath, scope: null, ct);
            var year = rule.YearOf(today);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.IndicatorValues.Where(v => v.IndicatorId == rule.IndicatorId && v.Year == year).ExecuteDeleteAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var counts = RollUp(standings);
            var paths = counts.Keys.ToList();
            var units = await db.OrgUnits.Where(u => paths.Contains(u.Path)).ToDictionaryAsync(u => u.Path, u => u.Id, ct);
            foreach (var (path, (met, total)) in counts)
                db.IndicatorValues.Add(IndicatorValue.Computed(rule.IndicatorId, units[path], year, Math.Round(100m * met / total, 1), now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>
    /// Each teacher the rule applies to (active, in its posts, under the plan's issuing unit and, when given, inside
    /// the user's scope) with their standing, from hours summed in the database.
    /// </summary>
    public static async Task<List<Standing>> StandingsAsync(
        EduGovDbContext db, ComplianceRule rule, string issuerPath, AccessScope? scope, CancellationToken ct)
    {
        var posts = rule.Posts.ToList();
        var categories = rule.Categories.ToList();
        var anyCategory = categories.Count == 0;
        var units = scope is null ? db.OrgUnits : db.OrgUnits.VisibleTo(scope);
        var applicable = from t in db.Teachers
                         join s in units on t.SchoolId equals s.Id
                         where t.Status == TeacherStatus.Active && posts.Contains(t.Post) && s.Path.StartsWith(issuerPath)
                         select new { t.Id, t.StaffNumber, t.Name, t.Post, SchoolName = s.Name, s.Path };
        var teachers = await applicable.AsNoTracking().ToListAsync(ct);
        var hours = await (from r in db.TrainingRecords
                           join t in applicable on r.TeacherId equals t.Id
                           join c in db.Courses on r.CourseId equals c.Id
                           where r.CompletedOn >= rule.WindowStart && r.CompletedOn <= rule.WindowEnd && (anyCategory || categories.Contains(c.Category))
                           group r by r.TeacherId into g
                           select new { TeacherId = g.Key, Hours = g.Sum(r => r.Hours), Practice = g.Sum(r => r.PracticeHours) })
            .ToDictionaryAsync(h => h.TeacherId, ct);
        return teachers.Select(t => new Standing(t.StaffNumber, t.Name, t.Post, t.SchoolName, t.Path,
            hours.TryGetValue(t.Id, out var h) ? rule.Judge(h.Hours, h.Practice) : rule.Judge(0, 0))).ToList();
    }

    /// <summary>Met and applicable teachers for every unit (by path) on the way up from each teacher's school.</summary>
    public static Dictionary<string, (int Met, int Total)> RollUp(IEnumerable<Standing> standings)
    {
        var counts = new Dictionary<string, (int Met, int Total)>();
        foreach (var standing in standings)
        foreach (var path in OrgUnit.LineageOf(standing.SchoolPath))
        {
            var (met, total) = counts.GetValueOrDefault(path);
            counts[path] = (met + (standing.Compliance.Met ? 1 : 0), total + 1);
        }
        return counts;
    }
}
