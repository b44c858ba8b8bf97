using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// The fixed demo accounts, created only when demo data is loaded (never in production). Scripts and tests use them.
/// </summary>
public static class DemoUsers
{
    public const string Password = "Demo@12345";

    /// <summary>
    /// The published authenticator key (Base32) of the demo admin and commission accounts, which sign in with a second
    /// factor: add it to any TOTP app (or compute the code) to sign in. Demo data only, like the password.
    /// </summary>
    public const string AuthenticatorKey = "EDUGOVDEMOKEYQZXWVUTSRPNMLKJIHGF";

    public sealed record Account(string UserName, string DisplayName, Role Role, string? OrgUnitCode);

    /// <summary>The principal's school: the first demo school of 渝中区.</summary>
    public const string PrincipalSchoolCode = "5001030001";

    /// <summary>The district account's district: 渝中区.</summary>
    public const string DistrictCode = "500103";

    public static readonly IReadOnlyList<Account> All =
    [
        new("admin", "系统管理员", Role.Admin, null),
        new("commission", "重庆市教委信息化处", Role.Commission, "500000"),
        new("district", "渝中区教委", Role.District, "500103"),
        new("principal", "校长（渝中区）", Role.Principal, PrincipalSchoolCode),
        new("inspector", "市级督学", Role.Inspector, "500000"),
        new("expert", "评审专家（市级督学）", Role.Inspector, "500000"),
    ];
}
