using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

public sealed record TeacherRow(int Id, string SchoolName, string StaffNumber, string Name, Gender Gender, string? Subject, Post Post,
    TeacherStatus Status, string? IdNumber);

public sealed record RuleShare(int IndicatorId, string IndicatorCode, string IndicatorName, string PlanTitle, int Met, int Total)
{
    public decimal? Share => Total == 0 ? null : Math.Round(100m * Met / Total, 1);
}

public sealed record ShortTeacher(string SchoolName, string StaffNumber, string Name, Post Post, decimal Hours, decimal PracticeHours, decimal HoursShort, decimal PracticeShort);

/// <summary>The teacher registry and training compliance, read within the user's scope.</summary>
public sealed class TrainingService(IDbContextFactory<EduGovDbContext> factory)
{
    /// <summary>Teachers in scope, a page at a time; ID numbers masked unless the role keeps the registry.</summary>
    public async Task<Paged<TeacherRow>> TeachersAsync(AccessScope scope, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from t in db.Teachers
                   join s in db.OrgUnits.VisibleTo(scope) on t.SchoolId equals s.Id
                   select new { t, SchoolName = s.Name };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            rows = rows.Where(r => r.t.Name.Contains(text) || r.t.StaffNumber.StartsWith(text) || r.SchoolName.Contains(text));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.SchoolName).ThenBy(r => r.t.StaffNumber).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<TeacherRow>(items.Select(r => new TeacherRow(r.t.Id, r.SchoolName, r.t.StaffNumber, r.t.Name, r.t.Gender, r.t.Subject, r.t.Post,
            r.t.Status, scope.CanSeeIdNumbers ? r.t.IdNumber : IdNumbers.Mask(r.t.IdNumber))).ToList(), total);
    }

    /// <summary>For each training rule of the plans that bind the user's unit: met and applicable teachers under it.</summary>
    public async Task<IReadOnlyList<RuleShare>> SharesAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var result = new List<RuleShare>();
        foreach (var (rule, indicator, issuerPath) in await RulesAsync(db, scope, ct))
        {
            var standings = await ComplianceService.StandingsAsync(db, rule, issuerPath, scope, ct);
            result.Add(new RuleShare(indicator.Id, indicator.Code, indicator.Name, indicator.Plan.Title, standings.Count(s => s.Compliance.Met), standings.Count));
        }
        return result;
    }

    /// <summary>The teachers still short of one rule, with how many hours they lack: the principal's follow-up list.</summary>
    public async Task<IReadOnlyList<ShortTeacher>> ShortAsync(AccessScope scope, int indicatorId, int limit = 500, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (rule, _, issuerPath) = (await RulesAsync(db, scope, ct)).SingleOrDefault(r => r.Indicator.Id == indicatorId);
        if (rule is null) throw new NotFoundException("Rule");
        return (await ComplianceService.StandingsAsync(db, rule, issuerPath, scope, ct))
            .Where(s => !s.Compliance.Met)
            .OrderByDescending(s => s.Compliance.HoursShort).ThenBy(s => s.SchoolName).Take(limit)
            .Select(s => new ShortTeacher(s.SchoolName, s.StaffNumber, s.Name, s.Post, s.Compliance.Hours, s.Compliance.PracticeHours,
                s.Compliance.HoursShort, s.Compliance.PracticeShort))
            .ToList();
    }

    private static async Task<List<(ComplianceRule Rule, Domain.Planning.Indicator Indicator, string IssuerPath)>> RulesAsync(
        EduGovDbContext db, AccessScope scope, CancellationToken ct)
    {
        var rules = await db.ComplianceRules.AsNoTracking().ToListAsync(ct);
        var ids = rules.Select(r => r.IndicatorId).ToList();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Plan).ThenInclude(p => p.OrgUnit)
            .Where(i => ids.Contains(i.Id) && db.Plans.VisibleTo(scope).Any(p => p.Id == i.PlanId)).ToListAsync(ct);
        return indicators.Select(i => (rules.Single(r => r.IndicatorId == i.Id), i, i.Plan.OrgUnit.Path)).OrderBy(r => r.i.Code).ToList();
    }
}
