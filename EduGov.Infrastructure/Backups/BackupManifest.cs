using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EduGov.Infrastructure.Backups;

/// <summary>One file of a backup: its path inside the backup folder (forward slashes), size and SHA-256 (lower-case hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>The end of the audit chain when the copy was made: the last entry's id and its hash (hex).</summary>
public sealed record AuditHead(long LastEntryId, string LastHash);

/// <summary>
/// What a database holds, read the same way from the live database, from a backup's copy before it is restored, and
/// after: the last applied migration, the row counts of the key tables and the audit chain's head.
/// </summary>
public sealed record DatabaseFacts(string SchemaVersion, IReadOnlyDictionary<string, long> Counts, AuditHead? AuditHead);

/// <summary>
/// manifest.json of a backup folder: when and from what it was made, and every file in the folder with its size and
/// checksum (the database's copy first). manifest.sig beside it is an HMAC of manifest.json's bytes, so an edited
/// manifest (a checksum changed to match a changed file) is refused, not trusted.
/// </summary>
public sealed record BackupManifest(
    int Format,
    DateTime CreatedAtUtc,
    string Provider,
    string SchemaVersion,
    IReadOnlyDictionary<string, long> Counts,
    AuditHead? AuditHead,
    IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";

    public DatabaseFacts Facts => new(SchemaVersion, Counts, AuditHead);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Chinese file names stay readable in the file an operator may open.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The manifest from its bytes, or null when they are not a manifest of a format this version reads.</summary>
    public static BackupManifest? FromJson(byte[] json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
            return manifest is { Format: CurrentFormat, Provider: not null, SchemaVersion: not null, Counts: not null, Files: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The signature of a manifest's bytes. Its key is derived from the audit chain's key, which is never in the database nor in
    /// a backup: whoever can edit a backup cannot re-sign it, and a backup is restored where that key is (as the chain needs).
    /// </summary>
    public static string Sign(byte[] json, byte[] auditKey)
    {
        var key = HMACSHA256.HashData(auditKey, Encoding.ASCII.GetBytes("edugov-backup-manifest"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, json));
    }

    public static bool HasValidSignature(byte[] json, string signature, byte[] auditKey) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(json, auditKey)), Encoding.ASCII.GetBytes(signature.Trim()));
}
