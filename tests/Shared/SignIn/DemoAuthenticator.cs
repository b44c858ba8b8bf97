using OtpNet;

namespace EduGov.Tests;

/// <summary>
/// The authenticator app of the demo admin and commission accounts (README's published key), used as a person uses it:
/// the portal accepts each time step once per account, so a second sign-in within one step takes the next step's code
/// (accepted one step early for clock drift) and a third waits for it.
/// </summary>
public sealed class DemoAuthenticator
{
    public const string Key = "EDUGOVDEMOKEYQZXWVUTSRPNMLKJIHGF";
    private static readonly Totp Totp = new(Base32Encoding.ToBytes(Key));
    private readonly Dictionary<string, long> _lastStep = [];

    /// <summary>The code for the account's next unused time step, waiting when that step is more than one ahead.</summary>
    public async Task<string> NextCodeAsync(string userName)
    {
        long step;
        lock (_lastStep)
        {
            step = Math.Max(CurrentStep(), _lastStep.GetValueOrDefault(userName) + 1);
            _lastStep[userName] = step;
        }
        while (step > CurrentStep() + 1) await Task.Delay(500);
        return Totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }

    private static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
}
