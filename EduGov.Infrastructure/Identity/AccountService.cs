using System.Security.Claims;
using EduGov.Domain.Audit;
using EduGov.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace EduGov.Infrastructure.Identity;

/// <summary>Signed in; the password was right and a code from the authenticator is asked next; wrong; locked out.</summary>
public enum SignInOutcome { Success, CodeRequired, Failed, LockedOut }

/// <summary>What an account needs to set up its authenticator: the key to type in, and the otpauth URI its QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>
/// Signs users in and out through Identity (hashed passwords, lockout after 5 failures, TOTP as the second factor of
/// admin and commission accounts) and audits every attempt.
/// </summary>
public sealed class AccountService(SignInManager<AppUser> signIn, EduGovDbContext db, TimeProvider clock)
{
    private UserManager<AppUser> Users => signIn.UserManager;

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result.Succeeded ? SignInOutcome.Success
            : result.RequiresTwoFactor ? SignInOutcome.CodeRequired
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : SignInOutcome.Failed;
        await AuditAsync(userName, outcome switch
        {
            SignInOutcome.Success => "SignIn",
            SignInOutcome.CodeRequired => "SignInPassword",
            SignInOutcome.LockedOut => "LockedOut",
            _ => "SignInFailed",
        });
        return outcome;
    }

    /// <summary>The second step: the code from the authenticator of the account whose password was just accepted.</summary>
    public async Task<SignInOutcome> SignInWithCodeAsync(string code)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return SignInOutcome.Failed; // no password step in this browser, or it expired
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalise(code), isPersistent: false, rememberClient: false);
        var outcome = result.Succeeded ? SignInOutcome.Success : result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed;
        await AuditAsync(user.UserName!, outcome switch
        {
            SignInOutcome.Success => "SignIn",
            SignInOutcome.LockedOut => "LockedOut",
            _ => "SignInCodeFailed",
        });
        return outcome;
    }

    /// <summary>The signed-in account's authenticator key (made on first use) for its set-up page.</summary>
    public async Task<AuthenticatorSetup> AuthenticatorSetupAsync(ClaimsPrincipal principal)
    {
        var user = await Users.GetUserAsync(principal) ?? throw new UnauthorizedAccessException("Not signed in.");
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            key = (await Users.GetAuthenticatorKeyAsync(user))!;
        }
        var label = Uri.EscapeDataString($"EduGov:{user.UserName}");
        return new AuthenticatorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer=EduGov&digits=6");
    }

    /// <summary>Turns the second factor on once the account proves its authenticator gives the right code; false when it does not.</summary>
    public async Task<bool> EnableTwoFactorAsync(ClaimsPrincipal principal, string code)
    {
        var user = await Users.GetUserAsync(principal) ?? throw new UnauthorizedAccessException("Not signed in.");
        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, Normalise(code)))
        {
            await AuditAsync(user.UserName!, "TwoFactorSetupFailed");
            return false;
        }
        await Users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user); // the new cookie no longer says the set-up is pending
        await AuditAsync(user.UserName!, "TwoFactorEnabled");
        return true;
    }

    public async Task SignOutAsync(string userName)
    {
        await signIn.SignOutAsync();
        await AuditAsync(userName, "SignOut");
    }

    private static string Normalise(string code) => code.Replace(" ", "").Replace("-", "").Trim();

    private async Task AuditAsync(string userName, string action)
    {
        var name = userName.Trim();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, name.Length > 100 ? name[..100] : name, action, "Account", null, null));
        await db.SaveChangesAsync();
    }
}
