namespace EduGov.Domain.Notifications;

/// <summary>
/// One user's choice for one kind: in the portal only, or also through the outbound channels. A kind the user never chose
/// follows <see cref="NotificationKinds.OutboundByDefault"/>, so only choices that differ from it need a row.
/// </summary>
public sealed class NotificationPreference
{
    private NotificationPreference() { }

    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public bool Outbound { get; private set; }

    public static NotificationPreference Choose(string userId, NotificationKind kind, bool outbound) =>
        new() { UserId = userId, Kind = kind, Outbound = outbound };

    public void Change(bool outbound) => Outbound = outbound;

    /// <summary>Whether a message of <paramref name="kind"/> goes outward, given the user's rows (absent: the default).</summary>
    public static bool WantsOutbound(NotificationKind kind, IReadOnlyDictionary<NotificationKind, bool> chosen) =>
        chosen.TryGetValue(kind, out var outbound) ? outbound : NotificationKinds.OutboundByDefault(kind);
}
