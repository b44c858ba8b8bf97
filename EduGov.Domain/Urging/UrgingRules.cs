using EduGov.Domain.Organisation;

namespace EduGov.Domain.Urging;

/// <summary>Who may do what with a 督办, by the users' roles and the paths of their units (a unit's path starts with its superiors').</summary>
public static class UrgingRules
{
    /// <summary>The commission issues to the districts and schools of its city; a district to its own schools; nobody else issues.</summary>
    public static bool MayIssue(Role role, string issuerPath, string targetPath, OrgUnitKind targetKind) => role switch
    {
        Role.Commission => targetKind is OrgUnitKind.District or OrgUnitKind.School && Below(targetPath, issuerPath),
        Role.District => targetKind == OrgUnitKind.School && Below(targetPath, issuerPath),
        _ => false,
    };

    public static bool MayIssue(AccessScope scope, string targetPath, OrgUnitKind targetKind) =>
        scope.OrgPath is { } own && MayIssue(scope.Role, own, targetPath, targetKind);

    /// <summary>Whether the user issues 督办 at all (the commission and district staff): shows 新建督办.</summary>
    public static bool Issues(AccessScope scope) => scope.Role is Role.Commission or Role.District && scope.OrgPath is not null;

    /// <summary>Only the target unit answers: a school's principal, a district's staff.</summary>
    public static bool MayAnswer(AccessScope scope, string targetPath, OrgUnitKind targetKind) =>
        scope.OrgPath == targetPath && (targetKind, scope.Role) is (OrgUnitKind.School, Role.Principal) or (OrgUnitKind.District, Role.District);

    /// <summary>Only the issuing unit's staff (of the role that issues from it) close a 督办 or press it again.</summary>
    public static bool MayDecide(AccessScope scope, string issuerPath, OrgUnitKind issuerKind) =>
        scope.OrgPath == issuerPath && (issuerKind, scope.Role) is (OrgUnitKind.City, Role.Commission) or (OrgUnitKind.District, Role.District);

    /// <summary>
    /// Where an unanswered 督办 goes up to: the target's superior (a school's district, a district's city), or, when that
    /// superior is the issuer itself, the issuer's own superior (a district's 督办 to its school goes up to the city). A
    /// commission's 督办 to one of its districts has nothing above the city: it stays with the city.
    /// </summary>
    public static string SuperiorPath(string targetPath, string issuerPath)
    {
        var lineage = OrgUnit.LineageOf(targetPath);
        var superior = lineage.Count > 1 ? lineage[^2] : lineage[0];
        if (superior != issuerPath) return superior;
        var above = OrgUnit.LineageOf(issuerPath);
        return above.Count > 1 ? above[^2] : issuerPath;
    }

    private static bool Below(string targetPath, string issuerPath) =>
        targetPath.Length > issuerPath.Length && targetPath.StartsWith(issuerPath, StringComparison.Ordinal);
}
