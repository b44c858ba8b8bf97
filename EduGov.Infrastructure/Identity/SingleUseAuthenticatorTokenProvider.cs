using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace EduGov.Infrastructure.Identity;

/// <summary>
/// The authenticator (TOTP) check of Identity, with each time step accepted once per account: a code seen over someone's
/// shoulder, or replayed from a captured request, opens nothing once it has been used.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The code comes from the user's authenticator app; the server never makes one.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var step = MatchingStep(key, token, clock.GetUtcNow().UtcDateTime);
        if (step is null || step <= user.LastAuthenticatorStep) return false;
        user.LastAuthenticatorStep = step;
        // Two sign-ins racing with one code: the account's concurrency stamp lets one of them through.
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    /// <summary>The time step (±1 for clock drift) whose code <paramref name="code"/> is, for the base32 key.</summary>
    public static long? MatchingStep(string? key, string code, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        return totp.VerifyTotp(utcNow, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }
}
