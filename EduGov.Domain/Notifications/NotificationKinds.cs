using EduGov.Domain.Organisation;

namespace EduGov.Domain.Notifications;

/// <summary>The areas the settings page groups the kinds by.</summary>
public enum KindGroup { Reminders = 1, Filing, Rectification, Remediation, Designations, Urging, Bulletins, System }

/// <summary>
/// What each kind is for: its group, whether it goes outward (企业微信, 钉钉, e-mail) unless the user chooses otherwise, and
/// which roles hear of it (the settings page lists only those).
/// </summary>
public static class NotificationKinds
{
    public static KindGroup GroupOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Reminder => KindGroup.Reminders,
        NotificationKind.FilingSubmitted or NotificationKind.FilingReturned or NotificationKind.FilingApproved or NotificationKind.FilingReopened => KindGroup.Filing,
        NotificationKind.RectificationRaised or NotificationKind.RectificationReopened or NotificationKind.RectificationAnswered
            or NotificationKind.RectificationAccepted => KindGroup.Rectification,
        NotificationKind.RemediationFixed or NotificationKind.RemediationConfirmed or NotificationKind.RemediationReturned => KindGroup.Remediation,
        NotificationKind.ApplicationRecommended or NotificationKind.ApplicationDeclined or NotificationKind.ApplicationDesignated
            or NotificationKind.ApplicationRejected => KindGroup.Designations,
        NotificationKind.UrgingIssued or NotificationKind.UrgingAnswered or NotificationKind.UrgingClosed or NotificationKind.UrgingPressed
            or NotificationKind.UrgingOverdue or NotificationKind.UrgingEscalated => KindGroup.Urging,
        NotificationKind.BulletinPublished => KindGroup.Bulletins,
        _ => KindGroup.System,
    };

    /// <summary>
    /// Events stay in the portal unless a user asks for more; what is overdue, escalated or broken also goes outward,
    /// since it needs someone to act even when nobody has the portal open.
    /// </summary>
    public static bool OutboundByDefault(NotificationKind kind) => kind is NotificationKind.Reminder
        or NotificationKind.UrgingOverdue or NotificationKind.UrgingEscalated
        or NotificationKind.JobFailed or NotificationKind.AuditBroken;

    /// <summary>The kinds a role can receive, in the order the settings page shows them.</summary>
    public static IReadOnlyList<NotificationKind> For(Role role) => Enum.GetValues<NotificationKind>().Where(k => Receives(role, k))
        .OrderBy(GroupOf).ThenBy(k => (int)k).ToList();

    private static bool Receives(Role role, NotificationKind kind) => role switch
    {
        Role.Admin => kind is NotificationKind.JobFailed or NotificationKind.AuditBroken,
        Role.Principal => kind is not (NotificationKind.FilingSubmitted or NotificationKind.RectificationAnswered or NotificationKind.RemediationFixed
            or NotificationKind.UrgingAnswered) && GroupOf(kind) != KindGroup.System,
        Role.District => kind == NotificationKind.FilingSubmitted
            || GroupOf(kind) is not (KindGroup.Filing or KindGroup.System) && kind != NotificationKind.RectificationAnswered,
        Role.Commission => GroupOf(kind) is KindGroup.Reminders or KindGroup.Rectification or KindGroup.Remediation or KindGroup.Designations
            or KindGroup.Urging or KindGroup.Bulletins && kind is not (NotificationKind.RectificationRaised or NotificationKind.RectificationReopened
            or NotificationKind.RectificationAccepted),
        Role.Inspector => kind is NotificationKind.RectificationAnswered or NotificationKind.RemediationFixed || GroupOf(kind) is KindGroup.Urging or KindGroup.Bulletins,
        _ => false,
    };
}
