using EduGov.Domain.Common;

namespace EduGov.Domain.Notifications;

/// <summary>待发送 → 已发送, or 发送失败 once every attempt has failed (an administrator may send it again).</summary>
public enum DeliveryStatus { Pending = 1, Sent, Failed }

/// <summary>
/// One message to send through one channel: a group robot's post (once per event and group, however many of the group's
/// users it tells) or an e-mail to one address. Made in the transaction of the notification it carries (the outbox), sent
/// by the delivery job, and tried again with a growing wait while the channel is down.
/// </summary>
public sealed class NotificationDelivery
{
    public const int MaxError = 500;

    private NotificationDelivery() { }

    public long Id { get; private set; }
    public int ChannelId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Subject { get; private set; } = "";
    /// <summary>The e-mail address; empty for a group robot.</summary>
    public string Recipient { get; private set; } = "";
    /// <summary>Who the message is for, as the log shows it (the users' names).</summary>
    public string RecipientNames { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public string? Link { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? NextAttemptAtUtc { get; private set; }
    public DateTime? LastAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LastError { get; private set; }

    public static NotificationDelivery Queue(int channelId, Notification notification, string recipient, string recipientNames, DateTime atUtc) => new()
    {
        ChannelId = channelId, Kind = notification.Kind, Subject = notification.Subject, Recipient = recipient,
        RecipientNames = recipientNames.Length > 200 ? recipientNames[..199] + "…" : recipientNames,
        Title = notification.Title, Body = notification.Body, Link = notification.Link, Status = DeliveryStatus.Pending,
        CreatedAtUtc = atUtc, NextAttemptAtUtc = atUtc,
    };

    /// <summary>One more of the group's users is told of the same event: the post names them too.</summary>
    public void AddRecipientName(string name)
    {
        if (Status != DeliveryStatus.Pending || RecipientNames.Split('、').Contains(name)) return;
        var names = RecipientNames.Length == 0 ? name : RecipientNames + "、" + name;
        RecipientNames = names.Length > 200 ? names[..199] + "…" : names;
    }

    public bool IsDue(DateTime nowUtc) => Status == DeliveryStatus.Pending && NextAttemptAtUtc <= nowUtc;

    public void Delivered(DateTime atUtc)
    {
        if (Status != DeliveryStatus.Pending) throw new DomainException(ErrorCodes.DeliveryWrongState, Status);
        Attempts++;
        (Status, SentAtUtc, LastAttemptAtUtc, NextAttemptAtUtc) = (DeliveryStatus.Sent, atUtc, atUtc, null);
    }

    /// <summary>An attempt failed: tried again after the policy's wait, or given up after its last attempt.</summary>
    public void AttemptFailed(string error, DateTime atUtc, DeliveryRetry retry)
    {
        if (Status != DeliveryStatus.Pending) throw new DomainException(ErrorCodes.DeliveryWrongState, Status);
        Attempts++;
        LastAttemptAtUtc = atUtc;
        LastError = string.IsNullOrWhiteSpace(error) ? "?" : error.Length > MaxError ? error[..(MaxError - 1)] + "…" : error;
        NextAttemptAtUtc = retry.NextAttemptAt(Attempts, atUtc);
        if (NextAttemptAtUtc is null) Status = DeliveryStatus.Failed;
    }

    /// <summary>An administrator sends a failed message again: a new round of attempts from now.</summary>
    public void RetryNow(DateTime atUtc)
    {
        if (Status != DeliveryStatus.Failed) throw new DomainException(ErrorCodes.DeliveryWrongState, Status);
        (Status, Attempts, NextAttemptAtUtc) = (DeliveryStatus.Pending, 0, atUtc);
    }
}

/// <summary>
/// How long a failed delivery waits before its next attempt: <see cref="FirstDelay"/>, doubling each time up to
/// <see cref="MaxDelay"/>, for at most <see cref="MaxAttempts"/> attempts in all.
/// </summary>
public sealed record DeliveryRetry(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay)
{
    public static readonly DeliveryRetry Default = new(10, TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));

    /// <summary>When to try after attempt <paramref name="attempt"/> (from 1) failed; null when it was the last.</summary>
    public DateTime? NextAttemptAt(int attempt, DateTime failedAtUtc)
    {
        if (attempt >= MaxAttempts) return null;
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(FirstDelay.Ticks * factor, MaxDelay.Ticks));
        return failedAtUtc + wait;
    }
}
