using EduGov.Domain.Planning;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

/// <summary>
/// The safety net behind the live recounts: every computed indicator recounted from its base data — coverage for
/// every reporting period, training compliance, designations, and the security rates (which also age with the date).
/// </summary>
public sealed class ComputedIndicators(IDbContextFactory<EduGovDbContext> factory, CoverageService coverage, ComplianceService compliance,
    DesignationService designations, SecurityService security)
{
    public async Task RecountAllAsync(CancellationToken ct = default)
    {
        List<int> periods, designationIndicators;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            periods = await db.ReportingPeriods.OrderBy(p => p.Year).ThenBy(p => p.ClosesOn).Select(p => p.Id).ToListAsync(ct);
            designationIndicators = await db.Indicators.Where(i => i.Source == ValueSource.Computed && i.MetricKey == "designations.active_count")
                .Select(i => i.Id).ToListAsync(ct);
        }
        foreach (var period in periods) await coverage.RecomputePeriodAsync(period, ct);
        await compliance.RecomputeAsync(ct);
        foreach (var indicator in designationIndicators) await designations.RecountAsync(indicator, ct);
        await security.RecountAsync(ct);
    }
}
