using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Identity;

public sealed record UserRow(string Id, string UserName, string DisplayName, Role Role, string? OrgUnitName, bool LockedOut, int FailedAttempts);

public sealed record CreateUser(string UserName, string DisplayName, Role Role, int? OrgUnitId, string Password);

/// <summary>Administrators keep the accounts: create, lock, unlock, set a new password.</summary>
public sealed class UserAdminService(UserManager<AppUser> users, EduGovDbContext db, TimeProvider clock)
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
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role, Unit = u.OrgUnit == null ? null : u.OrgUnit.Name, u.LockoutEnd, u.AccessFailedCount })
            .ToListAsync(ct);
        return new Paged<UserRow>(rows.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.Unit,
            u.LockoutEnd > now, u.AccessFailedCount)).ToList(), total);
    }

    public async Task CreateAsync(AccessScope scope, CreateUser input)
    {
        Ensure(scope);
        var userName = Guard.Required(input.UserName, 50, "UserName");
        var displayName = Guard.Required(input.DisplayName, 100, "DisplayName");
        var kind = input.OrgUnitId is { } id
            ? await db.OrgUnits.Where(u => u.Id == id).Select(u => (OrgUnitKind?)u.Kind).SingleOrDefaultAsync()
              ?? throw new DomainException(ErrorCodes.Required, "OrgUnit")
            : (OrgUnitKind?)null;
        RoleRules.CheckUnit(input.Role, kind);
        if (await users.FindByNameAsync(userName) is not null) throw new DomainException(ErrorCodes.UserNameTaken, userName);
        db.Actor = scope.UserName;
        var result = await users.CreateAsync(new AppUser
        {
            UserName = userName, DisplayName = displayName, Role = input.Role, OrgUnitId = input.OrgUnitId, LockoutEnabled = true,
        }, input.Password);
        if (!result.Succeeded) throw new DomainException(ErrorCodes.PasswordRejected, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    public async Task SetLockedAsync(AccessScope scope, string userId, bool locked)
    {
        var user = await FindAsync(scope, userId);
        db.Actor = scope.UserName;
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
    }

    public async Task ResetPasswordAsync(AccessScope scope, string userId, string newPassword)
    {
        var user = await FindAsync(scope, userId);
        db.Actor = scope.UserName;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded) throw new DomainException(ErrorCodes.PasswordRejected, string.Join(" ", result.Errors.Select(e => e.Code)));
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
