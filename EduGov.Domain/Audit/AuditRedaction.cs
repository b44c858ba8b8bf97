using System.Text.Json;
using EduGov.Domain.Training;

namespace EduGov.Domain.Audit;

/// <summary>
/// What the audit trail may not keep, in one list that every audited value passes through: secrets (authenticator keys,
/// password hashes, security and concurrency stamps, tokens, signing keys, API secrets) are never written, and ID numbers
/// are written masked, as the pages show them.
/// </summary>
public static class AuditRedaction
{
    public const string Hidden = "（已隐藏）";

    // Entity (as the audit trail names it) → its properties that hold a secret.
    private static readonly Dictionary<string, string[]> Secrets = new()
    {
        ["AppUser"] = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"],
        ["IdentityUserToken"] = ["Value"],
        ["DataProtectionKey"] = ["Xml"],
        ["UserSession"] = ["Id"],
        // A robot's address carries its key; the 加签 secret and the SMTP password are secrets by name as well.
        ["NotificationChannel"] = ["WebhookUrl", "WebhookSecret", "SmtpPassword"],
    };

    // Whatever the entity, a property named like a secret is one.
    private static readonly string[] SecretNameParts = ["Password", "Secret", "Stamp", "Token", "PrivateKey", "AuthenticatorKey"];

    private static readonly Dictionary<string, string[]> Masked = new()
    {
        ["Teacher"] = ["IdNumber"],
    };

    public static object? Redact(string entity, string property, object? value)
    {
        if (value is null) return null;
        if (IsSecret(entity, property)) return Hidden;
        if (Masked.TryGetValue(entity, out var masked) && masked.Contains(property)) return IdNumbers.Mask(value.ToString());
        return value;
    }

    public static bool IsSecret(string entity, string property) =>
        Secrets.TryGetValue(entity, out var secrets) && secrets.Contains(property)
        || SecretNameParts.Any(part => property.Contains(part, StringComparison.OrdinalIgnoreCase));

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
