using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Planning;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

public sealed record RuleListRow(int IndicatorId, string IndicatorCode, string IndicatorName, int PlanId, string PlanTitle, ComplianceRule Rule, bool CanEdit);

public sealed record RuleInput(decimal MinHours, decimal MinPracticeHours, DateOnly WindowStart, DateOnly WindowEnd,
    IReadOnlyCollection<Post> Posts, IReadOnlyCollection<CourseCategory> Categories);

/// <summary>
/// The plans' training requirements, kept as data on their indicators: the commission that keeps a plan adds or
/// changes its rule here, and the compliance values are recounted at once, no developer involved.
/// </summary>
public sealed class RuleService(IDbContextFactory<EduGovDbContext> factory, ComplianceService compliance)
{
    public async Task<IReadOnlyList<RuleListRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = await (from r in db.ComplianceRules
                          join i in db.Indicators on r.IndicatorId equals i.Id
                          join p in db.Plans.VisibleTo(scope) on i.PlanId equals p.Id
                          orderby p.Title, i.Code
                          select new { Rule = r, i.Id, i.Code, i.Name, PlanId = p.Id, p.Title, p.OrgUnit.Path }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => new RuleListRow(r.Id, r.Code, r.Name, r.PlanId, r.Title, r.Rule, scope.CanEditPlansOf(r.Path))).ToList();
    }

    /// <summary>The computed training indicators of the plans the user keeps that have no rule yet.</summary>
    public async Task<IReadOnlyList<IndicatorOption>> CandidatesAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await db.Indicators.Where(i => i.Source == ValueSource.Computed && i.MetricKey!.StartsWith("training.") && !db.ComplianceRules.Any(r => r.IndicatorId == i.Id))
            .KeptByAsync(scope, ct);
    }

    public async Task SaveAsync(AccessScope scope, int indicatorId, RuleInput input, bool isNew, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var indicator = await IndicatorAsync(db, scope, indicatorId, ct);
        if (indicator.Source != ValueSource.Computed || indicator.MetricKey?.StartsWith("training.") != true)
            throw new DomainException(ErrorCodes.NotATrainingIndicator, indicator.Code);
        var rule = await db.ComplianceRules.SingleOrDefaultAsync(r => r.IndicatorId == indicatorId, ct);
        if (isNew && rule is not null) throw new DomainException(ErrorCodes.RuleExists, indicator.Code);
        if (rule is null && !isNew) throw new NotFoundException("Rule");
        if (rule is null) db.ComplianceRules.Add(ComplianceRule.Create(indicatorId, input.MinHours, input.MinPracticeHours, input.WindowStart, input.WindowEnd, input.Posts, input.Categories));
        else rule.Update(input.MinHours, input.MinPracticeHours, input.WindowStart, input.WindowEnd, input.Posts, input.Categories);
        await db.SaveChangesAsync(ct);
        await compliance.RecomputeRuleAsync(indicatorId, ct);
    }

    /// <summary>Removes the rule and its counts; the values already stored stay as what was measured.</summary>
    public async Task DeleteAsync(AccessScope scope, int indicatorId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        await IndicatorAsync(db, scope, indicatorId, ct);
        var rule = await db.ComplianceRules.SingleOrDefaultAsync(r => r.IndicatorId == indicatorId, ct) ?? throw new NotFoundException("Rule");
        db.ComplianceRules.Remove(rule);
        db.ComplianceTallies.RemoveRange(db.ComplianceTallies.Where(t => t.IndicatorId == indicatorId));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Indicator> IndicatorAsync(EduGovDbContext db, AccessScope scope, int indicatorId, CancellationToken ct)
    {
        var found = await db.Indicators.Where(i => i.Id == indicatorId && db.Plans.VisibleTo(scope).Any(p => p.Id == i.PlanId))
            .Select(i => new { Indicator = i, i.Plan.OrgUnit.Path }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Indicator");
        if (!scope.CanEditPlansOf(found.Path)) throw new ForbiddenException("edit this plan's rules");
        return found.Indicator;
    }
}
