using System.Security.Cryptography;

namespace EduGov.Domain.Identity;

/// <summary>Why a session ended.</summary>
public enum SessionEnd { SignedOut = 1, Idle, Expired, Locked, AccountChanged, Replaced }

/// <summary>How long a session lasts: <see cref="Idle"/> without a request or input (登录连接超时自动退出), <see cref="Absolute"/> at most.</summary>
public sealed record SessionRules(TimeSpan Idle, TimeSpan Absolute)
{
    /// <summary>Activity is written down at most this often: a session's last-seen time is exact to within it.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One signed-in browser, kept on the server: its cookie names it, and every request and every open page asks it whether it
/// still stands. Signing out, a lock, or a change to the account ends it at once, wherever the cookie is.
/// </summary>
public sealed class UserSession
{
    private UserSession() { }

    public string Id { get; private set; } = "";
    public string UserId { get; private set; } = "";
    public DateTime StartedUtc { get; private set; }
    public DateTime LastSeenUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public SessionEnd? EndReason { get; private set; }
    /// <summary>The browser's user agent and address at sign-in, so an administrator can tell sessions apart.</summary>
    public string? Client { get; private set; }
    public string? Address { get; private set; }

    public static UserSession Start(string userId, DateTime nowUtc, string? client, string? address) => new()
    {
        Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        UserId = userId,
        StartedUtc = nowUtc,
        LastSeenUtc = nowUtc,
        Client = client is { Length: > 200 } ? client[..200] : client,
        Address = address is { Length: > 64 } ? address[..64] : address,
    };

    /// <summary>Why the session is over at <paramref name="nowUtc"/>, or null while it stands.</summary>
    public SessionEnd? EndedAt(DateTime nowUtc, SessionRules rules) =>
        EndReason ?? (nowUtc - StartedUtc >= rules.Absolute ? SessionEnd.Expired : nowUtc - LastSeenUtc >= rules.Idle ? SessionEnd.Idle : null);

    /// <summary>Activity at <paramref name="nowUtc"/>; true when it moves the last-seen time enough to be worth writing.</summary>
    public bool Touch(DateTime nowUtc)
    {
        if (nowUtc - LastSeenUtc < SessionRules.TouchEvery) return false;
        LastSeenUtc = nowUtc;
        return true;
    }

    public void End(DateTime nowUtc, SessionEnd reason)
    {
        if (EndReason is not null) return;
        (EndedUtc, EndReason) = (nowUtc, reason);
    }
}
