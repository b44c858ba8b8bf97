namespace EduGov.Domain.Notifications;

/// <summary>
/// What a notification tells of. Each user chooses per kind whether it stays in the portal or also goes out through a
/// channel (企业微信, 钉钉, e-mail); the daily reminders are one kind among the events.
/// </summary>
public enum NotificationKind
{
    Reminder = 1,
    FilingSubmitted, FilingReturned, FilingApproved, FilingReopened,
    RectificationRaised, RectificationReopened, RectificationAnswered, RectificationAccepted,
    ApplicationRecommended, ApplicationDeclined, ApplicationDesignated, ApplicationRejected,
    UrgingIssued, UrgingAnswered, UrgingClosed, UrgingPressed, UrgingOverdue, UrgingEscalated,
    BulletinPublished,
    JobFailed, AuditBroken,
    RemediationFixed, RemediationConfirmed, RemediationReturned,
}
