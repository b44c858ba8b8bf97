using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

public sealed record IndicatorOption(int Id, string Code, string Name, string PlanTitle);

public static class IndicatorOptions
{
    /// <summary>The given indicators of the plans the user keeps, for a picker (a training rule's, a programme's).</summary>
    public static async Task<IReadOnlyList<IndicatorOption>> KeptByAsync(this IQueryable<Indicator> indicators, AccessScope scope, CancellationToken ct)
    {
        var rows = await indicators.OrderBy(i => i.Plan.Title).ThenBy(i => i.Code)
            .Select(i => new { i.Id, i.Code, i.Name, i.Plan.Title, i.Plan.OrgUnit.Path }).ToListAsync(ct);
        return rows.Where(r => scope.CanEditPlansOf(r.Path)).Select(r => new IndicatorOption(r.Id, r.Code, r.Name, r.Title)).ToList();
    }
}
