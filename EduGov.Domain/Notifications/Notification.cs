using EduGov.Domain.Common;

namespace EduGov.Domain.Notifications;

/// <summary>
/// An in-app message to one user. Its <see cref="Subject"/> names what it is about and at which stage
/// ("filing:12:340:soon"), so a daily reminder refreshes the one message of a subject instead of adding another.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public NotificationKind Kind { get; private set; } = NotificationKind.Reminder;
    public string Subject { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public bool IsRead => ReadAtUtc is not null;

    public static Notification Send(string userId, Reminder reminder, DateTime atUtc, NotificationKind kind = NotificationKind.Reminder) => new()
    {
        Kind = kind, UserId = Guard.Required(userId, 450, "UserId"), Subject = Guard.Required(reminder.Subject, 200, "Subject"),
        Title = Guard.Required(reminder.Title, 200, "Title"), Body = Guard.Required(reminder.Body, 1000, "Body"), Link = reminder.Link, CreatedAtUtc = atUtc,
    };

    /// <summary>An unread message takes the day's wording (e.g. fewer days left); a read one stays as it was read.</summary>
    public bool Refresh(Reminder reminder)
    {
        if (IsRead || (Title, Body, Link) == (reminder.Title, reminder.Body, reminder.Link)) return false;
        (Title, Body, Link) = (reminder.Title, reminder.Body, reminder.Link);
        return true;
    }

    public void MarkRead(DateTime atUtc) => ReadAtUtc ??= atUtc;
}
