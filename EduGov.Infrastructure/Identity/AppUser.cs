using EduGov.Domain.Organisation;
using Microsoft.AspNetCore.Identity;

namespace EduGov.Infrastructure.Identity;

/// <summary>A portal account: one role, and the org unit whose scope it works in (none for administrators).</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    public int? OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    /// <summary>The last authenticator time step accepted: each code opens one sign-in at most.</summary>
    public long? LastAuthenticatorStep { get; set; }
}
