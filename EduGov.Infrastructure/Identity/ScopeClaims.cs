using System.Security.Claims;
using EduGov.Domain.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Identity;

/// <summary>The claims that carry a user's scope in the sign-in cookie, and the way back to an <see cref="AccessScope"/>.</summary>
public static class ScopeClaims
{
    public const string OrgPath = "edugov:org_path";
    public const string OrgName = "edugov:org_name";
    public const string DisplayName = "edugov:display_name";
    /// <summary>Set while an account that needs a second factor has not set up its authenticator: it may open nothing else.</summary>
    public const string TwoFactorPending = "edugov:2fa_pending";
    /// <summary>The server-side session the cookie belongs to (<see cref="SessionService"/>).</summary>
    public const string SessionId = "edugov:sid";

    public static AccessScope ToScope(this ClaimsPrincipal user)
    {
        var role = Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : (Role?)null;
        if (user.Identity?.IsAuthenticated != true || role is null)
            throw new UnauthorizedAccessException("Not signed in.");
        return new AccessScope(user.Identity.Name ?? "", role.Value, user.FindFirstValue(OrgPath));
    }
}

/// <summary>Puts role and org scope into the cookie at sign-in, so no request has to look them up again.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, Data.EduGovDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        if (user.Role.NeedsTwoFactor() && !user.TwoFactorEnabled) identity.AddClaim(new Claim(ScopeClaims.TwoFactorPending, "true"));
        if (user.OrgUnitId is { } unitId)
        {
            var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == unitId);
            identity.AddClaim(new Claim(ScopeClaims.OrgPath, unit.Path));
            identity.AddClaim(new Claim(ScopeClaims.OrgName, unit.Name));
        }
        return identity;
    }
}
