using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EduGov.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EduGov.Infrastructure.Notifications;

/// <summary>A message as it goes out: what happened, and where it is dealt with (an absolute address when the portal's is configured).</summary>
public sealed record OutboundMessage(string Title, string Body, string? Link)
{
    public const string Signature = "教育信息化督导平台";

    /// <summary>A link users can follow from outside (the portal's address is configured), not only a path within it.</summary>
    public bool IsAbsolute => Link?.StartsWith("http", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>A channel refused or could not be reached; the message never holds the channel's secrets.</summary>
public sealed class DeliveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The JSON the group robots take, and 钉钉's signature. 企业微信: {"msgtype":"markdown","markdown":{"content":…}}; 钉钉:
/// {"msgtype":"markdown","markdown":{"title":…,"text":…}}, with timestamp and sign on the address when the robot signs (加签).
/// </summary>
public static class WebhookPayloads
{
    public static JsonObject WeCom(OutboundMessage message) => new()
    {
        ["msgtype"] = "markdown",
        ["markdown"] = new JsonObject { ["content"] = Limit(Markdown(message, heading: ""), 4000) },
    };

    public static JsonObject DingTalk(OutboundMessage message) => new()
    {
        ["msgtype"] = "markdown",
        ["markdown"] = new JsonObject { ["title"] = message.Title, ["text"] = Limit(Markdown(message, heading: "#### "), 4000) },
    };

    /// <summary>钉钉 加签: sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded, with the timestamp in milliseconds.</summary>
    public static string Sign(string secret, long timestampMs)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}");
        return Uri.EscapeDataString(Convert.ToBase64String(HMACSHA256.HashData(key, data)));
    }

    public static string SignedUrl(string url, string secret, long timestampMs) =>
        $"{url}{(url.Contains('?') ? '&' : '?')}timestamp={timestampMs}&sign={Sign(secret, timestampMs)}";

    private static string Markdown(OutboundMessage message, string heading)
    {
        var text = new StringBuilder();
        text.Append(heading).Append("**").Append(Escape(message.Title)).Append("**\n\n").Append(Escape(message.Body)).Append("\n\n");
        if (message.Link is { } link)
            text.Append(message.IsAbsolute ? $"[前往处理]({link})" : $"在平台中打开：{link}").Append("\n\n");
        text.Append("> ").Append(OutboundMessage.Signature);
        return text.ToString();
    }

    // What a user typed (a return comment, a requirement) stays text: no links or markup of its own.
    private static string Escape(string text) => text.Replace("[", "［").Replace("]", "］").Replace("<", "＜").Replace(">", "＞");

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Sends one message through one channel: posts to a group robot, or hands an e-mail to the SMTP server.</summary>
public sealed class ChannelSender(IHttpClientFactory http, ChannelProtector protector, IOptions<EduGovOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "notifications";

    // Chinese as UTF-8 characters, not \u escapes: what the robots' own examples send, and half the size.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private NotificationOptions Options => options.Value.Notifications;

    /// <summary>The message of a delivery, its link made absolute when the portal's address is known.</summary>
    public OutboundMessage MessageOf(string title, string body, string? link) =>
        new(title, body, link is not null && Options.PublicUrl is { Length: > 0 } root ? root.TrimEnd('/') + link : link);

    public async Task SendAsync(NotificationChannel channel, OutboundMessage message, string recipient, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.SendTimeout);
        try
        {
            if (channel.IsWebhook) await PostAsync(channel, message, timeout.Token);
            else await MailAsync(channel, message, recipient, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new DeliveryException($"超时：{Options.SendTimeout.TotalSeconds:0} 秒内未完成");
        }
        catch (Exception e) when (e is not (DeliveryException or OperationCanceledException))
        {
            throw new DeliveryException(Describe(e), e);
        }
    }

    private async Task PostAsync(NotificationChannel channel, OutboundMessage message, CancellationToken ct)
    {
        var url = protector.Unprotect(channel.WebhookUrl ?? throw new DeliveryException("未配置机器人地址"));
        if (channel.Kind == ChannelKind.DingTalk && protector.UnprotectOrNull(channel.WebhookSecret) is { } secret)
            url = WebhookPayloads.SignedUrl(url, secret, clock.GetUtcNow().ToUnixTimeMilliseconds());
        var payload = channel.Kind == ChannelKind.WeCom ? WebhookPayloads.WeCom(message) : WebhookPayloads.DingTalk(message);
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.PostAsJsonAsync(url, payload, Json, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new DeliveryException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}：{Short(text)}");
        // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; a refusal (bad key, signature, too many messages) has another code.
        try
        {
            if (JsonNode.Parse(text) is JsonObject answer && answer["errcode"]?.GetValue<int>() is { } code && code != 0)
                throw new DeliveryException($"机器人拒收：errcode {code} {answer["errmsg"]?.GetValue<string>()}");
        }
        catch (JsonException)
        {
            // Not JSON: a proxy or a test double that only says OK.
        }
    }

    private async Task MailAsync(NotificationChannel channel, OutboundMessage message, string recipient, CancellationToken ct)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(channel.FromName ?? OutboundMessage.Signature, channel.FromAddress ?? throw new DeliveryException("未配置发件地址")));
        mail.To.Add(MailboxAddress.Parse(recipient));
        mail.Subject = $"【{OutboundMessage.Signature}】{message.Title}";
        var text = new StringBuilder().Append(message.Body).Append("\n\n");
        if (message.Link is { } link) text.Append(message.IsAbsolute ? "前往处理：" : "在平台中打开：").Append(link).Append("\n\n");
        text.Append("—— ").Append(OutboundMessage.Signature).Append("（系统邮件，请勿直接回复）");
        mail.Body = new TextPart("plain") { Text = text.ToString() };

        using var smtp = new SmtpClient { Timeout = (int)Options.SendTimeout.TotalMilliseconds };
        var security = channel.SmtpSecurity switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await smtp.ConnectAsync(channel.SmtpHost ?? throw new DeliveryException("未配置 SMTP 服务器"), channel.SmtpPort ?? 25, security, ct);
        if (channel.SmtpUserName is { } user) await smtp.AuthenticateAsync(user, protector.UnprotectOrNull(channel.SmtpPassword) ?? "", ct);
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    // An exception's message, never the address it was sent to (a robot's address carries its key).
    private static string Describe(Exception e)
    {
        var message = e switch
        {
            HttpRequestException h => $"无法连接：{h.Message}",
            AuthenticationException => "SMTP 身份验证失败",
            SmtpCommandException s => $"SMTP 拒绝（{(int)s.StatusCode}）：{s.Message}",
            SmtpProtocolException p => $"SMTP 协议错误：{p.Message}",
            _ => e.Message,
        };
        var query = message.IndexOf('?');
        return query >= 0 && message.IndexOf("http", StringComparison.OrdinalIgnoreCase) is >= 0 and var at && at < query ? message[..query] + "?…" : message;
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
