using System.Security.Cryptography;
using EduGov.Infrastructure.Common;

namespace EduGov.Infrastructure.Audit;

/// <summary>
/// The key of the audit trail's hash chain: <c>EduGov:Audit:ChainKey</c> (base64, at least 32 bytes) where configured,
/// else a key the embedded default keeps in its keys folder. Never stored in the database it protects.
/// </summary>
public sealed class AuditKey(byte[] value)
{
    public byte[] Value { get; } = value.Length >= 32 ? value : throw new InvalidOperationException("EduGov:Audit:ChainKey must be at least 32 bytes (base64).");

    public static AuditKey From(EduGovOptions options) =>
        new(options.Audit.ChainKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : KeyFiles.ReadOrCreate(options.KeysPath, "audit-chain.key", () => RandomNumberGenerator.GetBytes(32)));
}

/// <summary>The one row that holds the end of the chain; appenders lock it to take their turn.</summary>
internal sealed class AuditChainHead
{
    public int Id { get; private set; }
    public long LastEntryId { get; private set; }
    public byte[] LastHash { get; private set; } = [];
}
