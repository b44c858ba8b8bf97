using System.Security.Claims;
using EduGov.Domain.Audit;
using EduGov.Domain.Identity;
using EduGov.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace EduGov.Infrastructure.Identity;

/// <summary>Signed in; the password was right and a code from the authenticator is asked next; wrong; locked out.</summary>
public enum SignInOutcome { Success, CodeRequired, Failed, LockedOut }

/// <summary>What an account needs to set up its authenticator: the key to type in, and the otpauth URI its QR code carries.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri);

/// <summary>Where the set-up page stands for an account: a key to confirm (first set-up or a change under way), or a second factor already on.</summary>
public sealed record AuthenticatorState(bool Enabled, AuthenticatorSetup? Pending);

/// <summary>
/// Signs users in and out through Identity (hashed passwords, lockout after 5 failures, TOTP as the second factor of
/// admin and commission accounts, server-side sessions) and audits every attempt.
/// </summary>
public sealed class AccountService(SignInManager<AppUser> signIn, SessionService sessions, EduGovDbContext db, TimeProvider clock)
{
    private const string Provider = "[EduGov]";
    private const string PendingKey = "PendingAuthenticatorKey";
    private static readonly TimeSpan PendingKeyLifetime = TimeSpan.FromMinutes(10);

    // Hashed once: an unknown or locked account costs the same hashing time as a wrong password, so timing tells no one which names exist.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    private UserManager<AppUser> Users => signIn.UserManager;

    public async Task<SignInOutcome> SignInAsync(string userName, string password)
    {
        var name = userName.Trim();
        var user = await Users.FindByNameAsync(name);
        var result = await signIn.PasswordSignInAsync(name, password, isPersistent: false, lockoutOnFailure: true);
        if (user is null || result.IsLockedOut) Users.PasswordHasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
        var outcome = result.Succeeded ? SignInOutcome.Success
            : result.RequiresTwoFactor ? SignInOutcome.CodeRequired
            : result.IsLockedOut ? SignInOutcome.LockedOut
            : SignInOutcome.Failed;
        await AuditAsync(name, outcome switch
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

    /// <summary>
    /// What the set-up page may show: the key to confirm while the second factor is not on yet (made on first use), or the new
    /// key of a change the account asked for with a current code. Once the second factor is on, its key is never shown again.
    /// </summary>
    public async Task<AuthenticatorState> AuthenticatorStateAsync(ClaimsPrincipal principal)
    {
        var user = await UserAsync(principal);
        if (user.TwoFactorEnabled)
            return new AuthenticatorState(true, await PendingKeyAsync(user) is { } pending ? Setup(user, pending) : null);
        var key = await Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await Users.ResetAuthenticatorKeyAsync(user);
            key = (await Users.GetAuthenticatorKeyAsync(user))!;
        }
        return new AuthenticatorState(false, Setup(user, key));
    }

    /// <summary>Turns the second factor on once the account proves its authenticator gives the right code; false when it does not.</summary>
    public async Task<bool> EnableTwoFactorAsync(ClaimsPrincipal principal, string code)
    {
        var user = await UserAsync(principal);
        if (user.TwoFactorEnabled) return false;
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

    /// <summary>A change of authenticator, asked for with a code of the current one: a new key to confirm within ten minutes.</summary>
    public async Task<bool> BeginAuthenticatorChangeAsync(ClaimsPrincipal principal, string currentCode)
    {
        var user = await UserAsync(principal);
        if (!user.TwoFactorEnabled || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, Normalise(currentCode)))
        {
            await AuditAsync(user.UserName!, "AuthenticatorChangeFailed");
            return false;
        }
        var expires = clock.GetUtcNow().Add(PendingKeyLifetime).UtcTicks;
        await Users.SetAuthenticationTokenAsync(user, Provider, PendingKey, $"{Users.GenerateNewAuthenticatorKey()}|{expires}");
        await AuditAsync(user.UserName!, "AuthenticatorChangeStarted");
        return true;
    }

    /// <summary>The new key takes the old one's place once a code of it is given; the account's other sessions end.</summary>
    public async Task<bool> ConfirmAuthenticatorChangeAsync(ClaimsPrincipal principal, string code)
    {
        var user = await UserAsync(principal);
        var pending = await PendingKeyAsync(user);
        var step = SingleUseAuthenticatorTokenProvider.MatchingStep(pending, Normalise(code), clock.GetUtcNow().UtcDateTime);
        if (pending is null || step is null)
        {
            await AuditAsync(user.UserName!, "AuthenticatorChangeFailed");
            return false;
        }
        user.LastAuthenticatorStep = Math.Max(user.LastAuthenticatorStep ?? 0, step.Value);
        await Users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", pending);
        await Users.RemoveAuthenticationTokenAsync(user, Provider, PendingKey);
        await sessions.EndAllAsync(user.Id, SessionEnd.AccountChanged, user.UserName!, except: principal.FindFirstValue(ScopeClaims.SessionId));
        await AuditAsync(user.UserName!, "AuthenticatorChanged");
        return true;
    }

    public async Task CancelAuthenticatorChangeAsync(ClaimsPrincipal principal)
    {
        var user = await UserAsync(principal);
        await Users.RemoveAuthenticationTokenAsync(user, Provider, PendingKey);
    }

    /// <summary>Ends this browser's session on the server (its cookie opens nothing any more) and signs it out.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(ScopeClaims.SessionId) is { } session) await sessions.EndAsync(session, SessionEnd.SignedOut);
        await signIn.SignOutAsync();
        await AuditAsync(principal.Identity?.Name ?? "", "SignOut");
    }

    private async Task<AppUser> UserAsync(ClaimsPrincipal principal) =>
        await Users.GetUserAsync(principal) ?? throw new UnauthorizedAccessException("Not signed in.");

    private async Task<string?> PendingKeyAsync(AppUser user) =>
        await Users.GetAuthenticationTokenAsync(user, Provider, PendingKey) is { } value
        && value.Split('|') is [var key, var expires] && long.TryParse(expires, out var ticks) && ticks > clock.GetUtcNow().UtcTicks
            ? key
            : null;

    private static AuthenticatorSetup Setup(AppUser user, string key) =>
        new(key, $"otpauth://totp/{Uri.EscapeDataString($"EduGov:{user.UserName}")}?secret={key}&issuer=EduGov&digits=6");

    private static string Normalise(string code) => code.Replace(" ", "").Replace("-", "").Trim();

    private async Task AuditAsync(string userName, string action)
    {
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, userName.Trim(), action, "Account", null, null));
        await db.SaveChangesAsync();
    }
}
