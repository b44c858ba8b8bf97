using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Domain.Identity;
using EduGov.Infrastructure.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Identity;

public sealed record UserRow(string Id, string UserName, string DisplayName, Role Role, OrgUnitOption? OrgUnit, bool LockedOut, int FailedAttempts)
{
    public string? OrgUnitName => OrgUnit?.Name;
}

public sealed record CreateUser(string UserName, string DisplayName, Role Role, int? OrgUnitId, string Password);

public sealed record UpdateUser(string DisplayName, Role Role, int? OrgUnitId);

/// <summary>
/// Administrators keep the accounts: create, change (name, role, unit), lock, unlock, set a new password. A lock, a new
/// role or unit, or a new password ends the account's sessions at once, open pages included.
/// </summary>
public sealed class UserAdminService(UserManager<AppUser> users, SessionService sessions, EduGovDbContext db, TimeProvider clock)
{
    public async Task<Paged<UserRow>> ListAsync(AccessScope scope, string? search, int page, int pageSize, CancellationToken ct = default)
    {
        Ensure(scope);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(u => u.UserName!.Contains(text) || u.DisplayName.Contains(text));
        }
        var total = await query.CountAsync(ct);
        var now = clock.GetUtcNow();
        var rows = await query.OrderBy(u => u.UserName).Skip(page * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Role, u.LockoutEnd, u.AccessFailedCount,
                Unit = u.OrgUnit == null ? null : new OrgUnitOption(u.OrgUnit.Id, u.OrgUnit.Code, u.OrgUnit.Name, u.OrgUnit.Kind, u.OrgUnit.Path),
            })
            .ToListAsync(ct);
        return new Paged<UserRow>(rows.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.Unit,
            u.LockoutEnd > now, u.AccessFailedCount)).ToList(), total);
    }

    public async Task CreateAsync(AccessScope scope, CreateUser input)
    {
        Ensure(scope);
        var userName = Guard.Required(input.UserName, 50, "UserName");
        var displayName = Guard.Required(input.DisplayName, 100, "DisplayName");
        await CheckUnitAsync(input.Role, input.OrgUnitId);
        if (await users.FindByNameAsync(userName) is not null) throw new DomainException(ErrorCodes.UserNameTaken, userName);
        db.Actor = scope.UserName;
        var result = await users.CreateAsync(new AppUser
        {
            UserName = userName, DisplayName = displayName, Role = input.Role, OrgUnitId = input.OrgUnitId, LockoutEnabled = true,
        }, input.Password);
        if (!result.Succeeded) throw new DomainException(ErrorCodes.PasswordRejected, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    /// <summary>A new name, role or unit; a new role or unit ends the account's sessions (its scope is in the cookie).</summary>
    public async Task UpdateAsync(AccessScope scope, string userId, UpdateUser input)
    {
        var user = await FindAsync(scope, userId);
        var displayName = Guard.Required(input.DisplayName, 100, "DisplayName");
        var orgUnitId = input.Role == Role.Admin ? null : input.OrgUnitId;
        await CheckUnitAsync(input.Role, orgUnitId);
        var scopeChanged = user.Role != input.Role || user.OrgUnitId != orgUnitId;
        db.Actor = scope.UserName;
        (user.DisplayName, user.Role, user.OrgUnitId) = (displayName, input.Role, orgUnitId);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) throw new DomainException(ErrorCodes.ConcurrentEdit);
        if (scopeChanged) await EndSessionsAsync(scope, user, SessionEnd.AccountChanged);
    }

    public async Task SetLockedAsync(AccessScope scope, string userId, bool locked)
    {
        var user = await FindAsync(scope, userId);
        db.Actor = scope.UserName;
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        else await EndSessionsAsync(scope, user, SessionEnd.Locked);
    }

    public async Task ResetPasswordAsync(AccessScope scope, string userId, string newPassword)
    {
        var user = await FindAsync(scope, userId);
        db.Actor = scope.UserName;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded) throw new DomainException(ErrorCodes.PasswordRejected, string.Join(" ", result.Errors.Select(e => e.Code)));
        await EndSessionsAsync(scope, user, SessionEnd.AccountChanged);
    }

    private async Task EndSessionsAsync(AccessScope scope, AppUser user, SessionEnd reason)
    {
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, reason, scope.UserName);
    }

    private async Task CheckUnitAsync(Role role, int? orgUnitId)
    {
        var kind = orgUnitId is { } id
            ? await db.OrgUnits.Where(u => u.Id == id).Select(u => (OrgUnitKind?)u.Kind).SingleOrDefaultAsync()
              ?? throw new DomainException(ErrorCodes.Required, "OrgUnit")
            : (OrgUnitKind?)null;
        RoleRules.CheckUnit(role, kind);
    }

    private async Task<AppUser> FindAsync(AccessScope scope, string userId)
    {
        Ensure(scope);
        return await users.FindByIdAsync(userId) ?? throw new NotFoundException("User");
    }

    private static void Ensure(AccessScope scope)
    {
        if (!scope.CanManageUsers) throw new ForbiddenException("manage users");
    }
}
