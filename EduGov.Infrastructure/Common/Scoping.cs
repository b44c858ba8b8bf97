using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// The one place where a user's scope becomes a query filter. Every service reads org units, plans and values
/// through these, so a principal can never list, open or export another school's data.
/// </summary>
public static class Scoping
{
    // A path no unit has: a user without an org unit (and not an administrator) sees nothing.
    private const string Nothing = "\u0001";

    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> units, AccessScope scope)
    {
        if (scope.SeesEverything) return units;
        var prefix = scope.OrgPath ?? Nothing;
        return units.Where(u => u.Path.StartsWith(prefix));
    }

    /// <summary>Units in the scope and the units above it (a school's district and city), e.g. to find the city's periods.</summary>
    public static IQueryable<OrgUnit> VisibleOrAbove(this IQueryable<OrgUnit> units, AccessScope scope)
    {
        if (scope.SeesEverything) return units;
        var prefix = scope.OrgPath ?? Nothing;
        var lineage = scope.Lineage.ToList();
        return units.Where(u => u.Path.StartsWith(prefix) || lineage.Contains(u.Path));
    }

    public static IQueryable<Plan> VisibleTo(this IQueryable<Plan> plans, AccessScope scope)
    {
        if (scope.SeesEverything) return plans;
        var prefix = scope.OrgPath ?? Nothing;
        var lineage = scope.Lineage.ToList();
        return plans.Where(p => p.OrgUnit.Path.StartsWith(prefix) || lineage.Contains(p.OrgUnit.Path));
    }

    public static IQueryable<IndicatorValue> VisibleTo(this IQueryable<IndicatorValue> values, AccessScope scope)
    {
        if (scope.SeesEverything) return values;
        var prefix = scope.OrgPath ?? Nothing;
        return values.Where(v => v.OrgUnit.Path.StartsWith(prefix));
    }
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Total);

public static class DbUpdateExceptions
{
    /// <summary>
    /// A unique index refused the row: SQLite "UNIQUE constraint failed", SQL Server "duplicate key … unique index",
    /// PostgreSQL (and the 信创 databases of its family) SQLSTATE 23505 unique_violation.
    /// </summary>
    public static bool IsUniqueViolation(this Microsoft.EntityFrameworkCore.DbUpdateException e) =>
        e.InnerException is System.Data.Common.DbException { SqlState: "23505" }
        || e.InnerException?.Message is { } message
        && (message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));
}

/// <summary>One bad row of an imported file: its row number, the key it names (school code, certificate), and why.</summary>
public sealed record ImportError(int Row, string? Key, string Code, params object[] Args);

/// <summary>Thrown by services for an id the user may not see or that does not exist: both answer 404.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} not found.");

/// <summary>Thrown when the user may see a thing but not change it: 403.</summary>
public sealed class ForbiddenException(string what) : Exception($"Not allowed: {what}.");

public static class DbContextFactoryExtensions
{
    /// <summary>A context for one operation of one user; its writes are audited under the user's name.</summary>
    public static async Task<Data.EduGovDbContext> OpenAsync(
        this Microsoft.EntityFrameworkCore.IDbContextFactory<Data.EduGovDbContext> factory, AccessScope scope, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.Actor = scope.UserName;
        db.ActorUnit = scope.OrgPath;
        return db;
    }
}
