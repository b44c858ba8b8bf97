using EduGov.Domain.Audit;
using EduGov.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace EduGov.Infrastructure.Identity;

public enum SignInOutcome { Success, Failed, LockedOut }

/// <summary>Signs users in and out through Identity (hashed passwords, lockout after 5 failures) and audits every attempt.</summary>
public sealed class AccountService(SignInManager<AppUser> signIn, EduGovDbContext db, TimeProvider clock)
{
    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.Success : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        await AuditAsync(userName, outcome switch
        {
            SignInOutcome.Success => "SignIn",
            SignInOutcome.LockedOut => "LockedOut",
            _ => "SignInFailed",
        });
        return outcome;
    }

    public async Task SignOutAsync(string userName)
    {
        await signIn.SignOutAsync();
        await AuditAsync(userName, "SignOut");
    }

    private async Task AuditAsync(string userName, string action)
    {
        var name = userName.Trim();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, name.Length > 100 ? name[..100] : name, action, "Account", null, null));
        await db.SaveChangesAsync();
    }
}
