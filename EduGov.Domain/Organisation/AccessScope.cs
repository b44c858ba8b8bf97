namespace EduGov.Domain.Organisation;

public enum Role { Admin = 1, Commission, District, Principal, Inspector }

/// <summary>
/// What one signed-in user may see and change. Every read and write of the portal asks this one object:
/// a unit is visible when its path starts with the user's own org path; a plan is visible when it was issued
/// by the user's unit, by a unit above it (the plans that bind it), or by a unit below it.
/// </summary>
public sealed record AccessScope(string UserName, Role Role, string? OrgPath)
{
    public bool SeesEverything => Role == Role.Admin;

    public IReadOnlyList<string> Lineage { get; } = OrgPath is null ? [] : OrgUnit.LineageOf(OrgPath);

    public bool CanRead(string unitPath) =>
        SeesEverything || (OrgPath is not null && unitPath.StartsWith(OrgPath, StringComparison.Ordinal));

    public bool CanSeePlanOf(string issuerPath) =>
        CanRead(issuerPath) || Lineage.Contains(issuerPath);

    /// <summary>Commission staff keep the plans of their city and of the units under it.</summary>
    public bool CanEditPlansOf(string issuerPath) => Role == Role.Commission && CanRead(issuerPath);

    /// <summary>Commission and district staff record reported values for units inside their scope.</summary>
    public bool CanRecordValuesFor(string unitPath) => Role is Role.Commission or Role.District && CanRead(unitPath);

    public bool CanManageUsers => Role == Role.Admin;

    /// <summary>The scheduled jobs (任务调度) are run by administrators and commission staff.</summary>
    public bool CanManageJobs => Role is Role.Admin or Role.Commission;

    /// <summary>督导报告 and 白皮书 are made by the commission and inspectors (and administrators), for units they can see.</summary>
    public bool CanMakeDocuments => Role is Role.Admin or Role.Commission or Role.Inspector;

    /// <summary>Principals file for their school; district staff may file for any school of theirs that cannot.</summary>
    public bool CanFileFor(string schoolPath) => Role is Role.Principal or Role.District && CanRead(schoolPath);

    public bool CanReviewFilingsOf(string schoolPath) => Role == Role.District && CanRead(schoolPath);

    public bool CanReopenFilingsOf(string schoolPath) => Role == Role.Commission && CanRead(schoolPath);

    /// <summary>The staff who keep the teacher registry see full ID numbers; everyone else sees them masked.</summary>
    public bool CanSeeIdNumbers => Role is Role.Principal or Role.District;

    /// <summary>Principals keep their school's teacher registry, district staff their schools'.</summary>
    public bool CanKeepRegistryOf(string schoolPath) => CanSeeIdNumbers && CanRead(schoolPath);

    public bool CanImportTraining => Role is Role.Principal or Role.District or Role.Commission;

    /// <summary>The course catalog is the city's: its commission (and the administrator) keeps it.</summary>
    public bool CanManageCourses => Role is Role.Commission or Role.Admin;

    public bool CanManagePeriodsOf(string cityPath) => Role == Role.Commission && CanRead(cityPath);

    public bool CanReadAudit => Role is Role.Admin;

    /// <summary>Commission staff run the pilot and demonstration programmes of their unit.</summary>
    public bool CanManageProgrammesOf(string ownerPath) => Role == Role.Commission && CanRead(ownerPath);

    /// <summary>A principal applies for their own school, district staff for their own district.</summary>
    public bool CanApplyFor(string unitPath) => Role is Role.Principal or Role.District && OrgPath == unitPath;

    /// <summary>Each school, district and commission keeps its own register of information systems and fixes its own findings.</summary>
    public bool CanKeepSecurityRegisterOf(string unitPath) => Role is Role.Principal or Role.District or Role.Commission && OrgPath == unitPath;

    /// <summary>A fix is confirmed by the unit itself or by the district, commission or inspectors above it (never by who fixed it).</summary>
    public bool CanConfirmFixesOf(string unitPath) =>
        CanKeepSecurityRegisterOf(unitPath) || (Role is Role.District or Role.Commission or Role.Inspector && CanRead(unitPath));

    /// <summary>Inspectors and the commission plan and record 督导检查 of the units in their region, and raise, accept or reopen their rectification items.</summary>
    public bool CanInspect(string unitPath) => Role is Role.Inspector or Role.Commission && CanRead(unitPath);

    /// <summary>A rectification item is answered by its responsible unit: the school's principal, or the staff of its district.</summary>
    public bool CanAnswerRectificationOf(string unitPath) => Role is Role.Principal or Role.District && CanRead(unitPath);

    /// <summary>The inspection checklist is the city's: its commission keeps it.</summary>
    public bool CanKeepChecklistOf(string cityPath) => Role == Role.Commission && CanRead(cityPath);

    /// <summary>District staff recommend (or decline) their schools' applications.</summary>
    public bool CanRecommendFor(string schoolPath) => Role == Role.District && CanRead(schoolPath) && OrgPath != schoolPath;
}

public static class RoleRules
{
    /// <summary>等保 2.0 level 3 and ASVS level 2: the accounts that run the system or the city sign in with a second factor (TOTP).</summary>
    public static bool NeedsTwoFactor(this Role role) => role is Role.Admin or Role.Commission;

    /// <summary>The kinds of org unit an account of a role may be attached to; administrators have none.</summary>
    public static IReadOnlyList<OrgUnitKind> UnitKindsFor(Role role) => role switch
    {
        Role.Admin => [],
        Role.Commission => [OrgUnitKind.City],
        Role.District => [OrgUnitKind.District],
        Role.Principal => [OrgUnitKind.School],
        Role.Inspector => [OrgUnitKind.City, OrgUnitKind.District],
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static void CheckUnit(Role role, OrgUnitKind? kind)
    {
        var allowed = UnitKindsFor(role);
        var ok = kind is null ? allowed.Count == 0 : allowed.Contains(kind.Value);
        if (!ok) throw new Common.DomainException(Common.ErrorCodes.RoleUnitMismatch, role);
    }
}
