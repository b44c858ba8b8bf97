using EduGov.Domain.Common;

namespace EduGov.Domain.Notifications;

/// <summary>企业微信 and 钉钉 group robots (webhooks) and an SMTP server for e-mail.</summary>
public enum ChannelKind { WeCom = 1, DingTalk, Email }

/// <summary>How the portal talks to the SMTP server: plain (a relay inside the network), STARTTLS (587) or TLS from the start (465).</summary>
public enum SmtpSecurity { None = 1, StartTls, SslOnConnect }

/// <summary>What an administrator sets on a channel, secrets apart (those come in plain text only to be protected at once).</summary>
public sealed record ChannelDetails(string Name, ChannelKind Kind, int? OrgUnitId, bool CoversSubunits, bool Enabled,
    string? SmtpHost = null, int? SmtpPort = null, SmtpSecurity SmtpSecurity = SmtpSecurity.StartTls, string? SmtpUserName = null,
    string? FromAddress = null, string? FromName = null)
{
    public bool IsWebhook => Kind is ChannelKind.WeCom or ChannelKind.DingTalk;
}

/// <summary>
/// An outbound channel of one org unit (its group): a 企业微信 or 钉钉 group robot, or an SMTP server. A channel without a
/// unit is the system's own (administrators' group; the mail server of last resort). Its secrets — the robot's address,
/// which carries its key, the 钉钉 加签 secret and the SMTP password — are held only as the portal protected them, never
/// shown back in full and never written to the audit trail.
/// </summary>
public sealed class NotificationChannel
{
    public const int MaxUrl = 500;

    private NotificationChannel() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public ChannelKind Kind { get; private set; }
    public int? OrgUnitId { get; private set; }
    /// <summary>A webhook that also carries the messages of the units below that have no channel of their own.</summary>
    public bool CoversSubunits { get; private set; }
    public bool Enabled { get; private set; }

    /// <summary>The robot's address (protected): 企业微信 …/webhook/send?key=…, 钉钉 …/robot/send?access_token=….</summary>
    public string? WebhookUrl { get; private set; }
    /// <summary>钉钉 加签 secret (protected), when the robot is set to sign.</summary>
    public string? WebhookSecret { get; private set; }

    public string? SmtpHost { get; private set; }
    public int? SmtpPort { get; private set; }
    public SmtpSecurity SmtpSecurity { get; private set; } = SmtpSecurity.StartTls;
    public string? SmtpUserName { get; private set; }
    /// <summary>The SMTP password (protected).</summary>
    public string? SmtpPassword { get; private set; }
    public string? FromAddress { get; private set; }
    public string? FromName { get; private set; }

    /// <summary>The last characters of the address or key, to recognise it by (the rest is never shown again).</summary>
    public string? SecretHint { get; private set; }
    public Guid Version { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public bool IsWebhook => Kind is ChannelKind.WeCom or ChannelKind.DingTalk;

    public static NotificationChannel Create(ChannelDetails details, ChannelSecrets secrets, string by, DateTime atUtc)
    {
        var channel = new NotificationChannel { Kind = details.Kind };
        channel.Update(details, secrets, by, atUtc);
        return channel;
    }

    /// <summary>
    /// Changes the settings; a secret left empty keeps the one stored. The kind never changes (a robot's address means
    /// nothing to an SMTP server).
    /// </summary>
    public void Update(ChannelDetails details, ChannelSecrets secrets, string by, DateTime atUtc)
    {
        if (!Enum.IsDefined(details.Kind)) throw new DomainException(ErrorCodes.Required, "ChannelKind");
        if (Id != 0 && details.Kind != Kind) throw new DomainException(ErrorCodes.ChannelKindFixed);
        Name = Guard.Required(details.Name, 60, "ChannelName");
        (OrgUnitId, Enabled) = (details.OrgUnitId, details.Enabled);
        if (IsWebhook)
        {
            CoversSubunits = details.CoversSubunits;
            if (secrets.WebhookUrl is { } url) (WebhookUrl, SecretHint) = (url.Protected, url.Hint);
            if (WebhookUrl is null) throw new DomainException(ErrorCodes.Required, "WebhookUrl");
            if (Kind == ChannelKind.DingTalk && secrets.WebhookSecret is { } secret) WebhookSecret = secret.Protected;
            if (Kind == ChannelKind.DingTalk && secrets.ClearWebhookSecret) WebhookSecret = null;
        }
        else
        {
            CoversSubunits = false;
            SmtpHost = Guard.Required(details.SmtpHost, 200, "SmtpHost");
            SmtpPort = details.SmtpPort is >= 1 and <= 65535 ? details.SmtpPort : throw new DomainException(ErrorCodes.SmtpPortInvalid);
            SmtpSecurity = Enum.IsDefined(details.SmtpSecurity) ? details.SmtpSecurity : SmtpSecurity.StartTls;
            SmtpUserName = Guard.Optional(details.SmtpUserName, 200, "SmtpUserName");
            FromAddress = EmailAddress.Required(details.FromAddress, "FromAddress");
            FromName = Guard.Optional(details.FromName, 60, "FromName");
            if (secrets.SmtpPassword is { } password) SmtpPassword = password.Protected;
            if (SmtpUserName is null) SmtpPassword = null;
        }
        (UpdatedBy, UpdatedAtUtc, Version) = (by, atUtc, Guid.NewGuid());
    }

    public void Enable(bool enabled, string by, DateTime atUtc) => (Enabled, UpdatedBy, UpdatedAtUtc, Version) = (enabled, by, atUtc, Guid.NewGuid());
}

/// <summary>A secret as the channel keeps it: protected, with a hint to recognise it by.</summary>
public sealed record ProtectedSecret(string Protected, string? Hint);

/// <summary>The secrets an administrator typed, already protected; null leaves the stored one as it is.</summary>
public sealed record ChannelSecrets(ProtectedSecret? WebhookUrl = null, ProtectedSecret? WebhookSecret = null, ProtectedSecret? SmtpPassword = null,
    bool ClearWebhookSecret = false)
{
    public static readonly ChannelSecrets None = new();
}

public static class EmailAddress
{
    public static string Required(string? value, string field) =>
        Optional(value, field) ?? throw new DomainException(ErrorCodes.Required, field);

    /// <summary>A plain address (name@host.domain), trimmed; null when empty.</summary>
    public static string? Optional(string? value, string field)
    {
        var text = Guard.Optional(value, 256, field);
        if (text is null) return null;
        var at = text.IndexOf('@');
        if (at < 1 || at != text.LastIndexOf('@') || at == text.Length - 1 || text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"')
            || !text[(at + 1)..].Contains('.'))
            throw new DomainException(ErrorCodes.EmailInvalid, text);
        return text;
    }
}

/// <summary>Checks of a robot's address before it is protected: an absolute http(s) address.</summary>
public static class WebhookAddress
{
    public static string Check(string value)
    {
        var text = Guard.Required(value, NotificationChannel.MaxUrl, "WebhookUrl");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new DomainException(ErrorCodes.WebhookUrlInvalid);
        return text;
    }

    /// <summary>What may be shown of an address or key: its last four characters.</summary>
    public static string Hint(string secret) => secret.Length <= 8 ? "****" : "****" + secret[^4..];
}
