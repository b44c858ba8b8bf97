using EduGov.Domain.Organisation;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

/// <summary>A channel as the administrator's page shows it: its secrets only as a hint ("****abcd") and whether they are set.</summary>
public sealed record ChannelRow(int Id, string Name, ChannelKind Kind, int? OrgUnitId, string? UnitName, bool CoversSubunits, bool Enabled,
    string? SecretHint, bool Signs, string? SmtpHost, int? SmtpPort, SmtpSecurity SmtpSecurity, string? SmtpUserName, bool HasPassword,
    string? FromAddress, string? FromName, int Pending, int Failed, DateTime? LastSentAtUtc, DateTime UpdatedAtUtc, string UpdatedBy, Guid Version)
{
    public ChannelDetails Details => new(Name, Kind, OrgUnitId, CoversSubunits, Enabled, SmtpHost, SmtpPort, SmtpSecurity, SmtpUserName, FromAddress, FromName);
}

/// <summary>Secrets as the administrator typed them; empty keeps the stored one.</summary>
public sealed record SecretInput(string? WebhookUrl = null, string? WebhookSecret = null, string? SmtpPassword = null, bool ClearWebhookSecret = false);

/// <summary>
/// The outbound channels, kept by administrators only. Secrets are protected before they reach the entity, shown back
/// only as a hint, and the audit trail records that they changed, never what they are.
/// </summary>
public sealed class ChannelService(IDbContextFactory<EduGovDbContext> factory, ChannelProtector protector, ChannelSender sender, TimeProvider clock)
{
    public async Task<IReadOnlyList<ChannelRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        return await (from c in db.NotificationChannels
                      from u in db.OrgUnits.Where(u => u.Id == c.OrgUnitId).DefaultIfEmpty()
                      orderby c.OrgUnitId == null ? "" : u.Path, c.Kind, c.Name
                      select new ChannelRow(c.Id, c.Name, c.Kind, c.OrgUnitId, u == null ? null : u.Name, c.CoversSubunits, c.Enabled,
                          c.SecretHint, c.WebhookSecret != null, c.SmtpHost, c.SmtpPort, c.SmtpSecurity, c.SmtpUserName, c.SmtpPassword != null,
                          c.FromAddress, c.FromName,
                          db.NotificationDeliveries.Count(d => d.ChannelId == c.Id && d.Status == DeliveryStatus.Pending),
                          db.NotificationDeliveries.Count(d => d.ChannelId == c.Id && d.Status == DeliveryStatus.Failed),
                          db.NotificationDeliveries.Where(d => d.ChannelId == c.Id).Max(d => d.SentAtUtc),
                          c.UpdatedAtUtc, c.UpdatedBy, c.Version)).ToListAsync(ct);
    }

    /// <summary>Adds a channel (<paramref name="id"/> null) or changes one last read at <paramref name="version"/>.</summary>
    public async Task<int> SaveAsync(AccessScope scope, int? id, ChannelDetails details, SecretInput secrets, Guid? version = null, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        if (details.OrgUnitId is { } unit && !await db.OrgUnits.AnyAsync(u => u.Id == unit, ct)) throw new NotFoundException("OrgUnit");
        var protectedSecrets = Protect(details, secrets);
        var now = clock.GetUtcNow().UtcDateTime;
        NotificationChannel channel;
        if (id is null) db.NotificationChannels.Add(channel = NotificationChannel.Create(details, protectedSecrets, scope.UserName, now));
        else
        {
            channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("NotificationChannel");
            if (version is { } v && channel.Version != v) throw new DomainException(ErrorCodes.ConcurrentEdit);
            channel.Update(details, protectedSecrets, scope.UserName, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.ConcurrentEdit);
        }
        return channel.Id;
    }

    public async Task SetEnabledAsync(AccessScope scope, int id, bool enabled, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("NotificationChannel");
        channel.Enable(enabled, scope.UserName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Sends a test message at once, outside the outbox (for an e-mail channel, to <paramref name="emailTo"/>); returns null
    /// when the channel took it, else why not. The attempt is recorded in the audit trail.
    /// </summary>
    public async Task<string?> TestAsync(AccessScope scope, int id, string? emailTo, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("NotificationChannel");
        var recipient = channel.IsWebhook ? "" : EmailAddress.Required(emailTo, "Email");
        var name = await db.NameAsync(scope.UserName, ct);
        string? error = null;
        try
        {
            await sender.SendAsync(channel, sender.MessageOf("测试消息", $"这是{name}从平台发出的测试消息：通道“{channel.Name}”可以送达。", "/notifications"),
                recipient, ct);
        }
        catch (DeliveryException e)
        {
            error = e.Message;
        }
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Test", nameof(NotificationChannel), id.ToString(),
            error is null ? "送达" : $"失败：{error}"));
        await db.SaveChangesAsync(ct);
        return error;
    }

    private ChannelSecrets Protect(ChannelDetails details, SecretInput input)
    {
        ProtectedSecret? url = null, secret = null, password = null;
        if (details.IsWebhook && input.WebhookUrl?.Trim() is { Length: > 0 } typedUrl)
        {
            var checkedUrl = WebhookAddress.Check(typedUrl);
            url = protector.Protect(checkedUrl, WebhookAddress.Hint(checkedUrl));
        }
        if (details.Kind == ChannelKind.DingTalk && input.WebhookSecret?.Trim() is { Length: > 0 } typedSecret)
            secret = protector.Protect(Guard.Required(typedSecret, 200, "WebhookSecret"));
        if (details.Kind == ChannelKind.Email && !string.IsNullOrEmpty(input.SmtpPassword))
            password = protector.Protect(input.SmtpPassword);
        return new ChannelSecrets(url, secret, password, input.ClearWebhookSecret);
    }

    private static void Require(AccessScope scope)
    {
        if (!scope.CanManageUsers) throw new ForbiddenException("manage notification channels");
    }
}
