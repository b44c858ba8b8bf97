using System.Security.Cryptography;
using System.Text;

namespace EduGov.Domain.Audit;

/// <summary>
/// Where a chain check stopped: the entry was never sealed; its content no longer matches its hash; it does not follow the
/// entry before it; the chain starts with an entry still within the retention period; or the chain ends before its head.
/// </summary>
public enum AuditBreak { Unsealed, Altered, Unlinked, StartMissing, EndMissing }

/// <summary>
/// The audit trail's keyed hash chain: each entry's hash is HMAC-SHA256 over the previous entry's hash and every field of
/// the entry. Whoever can write to the database but does not hold the key cannot forge, edit, reorder or remove an entry
/// without the check naming the first entry where the chain breaks.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first entry of a new chain follows.</summary>
    public static byte[] Genesis => new byte[32];

    public static byte[] HashOf(byte[] key, AuditEntry entry, byte[] prevHash)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return HashOf(hmac, entry, prevHash);
    }

    /// <summary>With an HMAC made once for many entries (a check of a million entries makes one, not a million).</summary>
    internal static byte[] HashOf(IncrementalHash hmac, AuditEntry entry, byte[] prevHash)
    {
        hmac.AppendData(prevHash);
        Append(hmac, entry.Id.ToString());
        Append(hmac, entry.AtUtc.Ticks.ToString());
        Append(hmac, entry.Actor);
        Append(hmac, entry.ActorUnit);
        Append(hmac, entry.Action);
        Append(hmac, entry.Entity);
        Append(hmac, entry.EntityId);
        Append(hmac, entry.Details);
        return hmac.GetHashAndReset();
    }

    // Each field with its length first, so no two different entries give the same bytes.
    private static void Append(IncrementalHash hmac, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        if (field is null)
        {
            BitConverter.TryWriteBytes(length, -1);
            hmac.AppendData(length);
            return;
        }
        var bytes = field.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(field.Length)] : new byte[Encoding.UTF8.GetByteCount(field)];
        var count = Encoding.UTF8.GetBytes(field, bytes);
        BitConverter.TryWriteBytes(length, count);
        hmac.AppendData(length);
        hmac.AppendData(bytes[..count]);
    }
}

/// <summary>
/// Walks the chain in order, one entry at a time (a million entries are never held at once), and stops at the first break.
/// The oldest entries may have been removed after the retention period; a chain that starts later than its first entry is
/// a break only while that start is younger than <see cref="AuditEntry.Retention"/>.
/// </summary>
public sealed class AuditChainCheck(byte[] key, DateTime nowUtc) : IDisposable
{
    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
    private byte[]? _lastHash;

    public long Checked { get; private set; }
    public long? LastId { get; private set; }
    public byte[]? LastHash => _lastHash;
    public long? BrokenAt { get; private set; }
    public AuditBreak? Break { get; private set; }
    public bool Intact => BrokenAt is null;

    /// <summary>Continues a chain already checked up to <paramref name="lastId"/>, whose hash was <paramref name="lastHash"/>.</summary>
    public AuditChainCheck From(long lastId, byte[] lastHash)
    {
        LastId = lastId;
        _lastHash = lastHash;
        return this;
    }

    /// <summary>
    /// At the end, against the chain's head (read after the entries): the last entry must be the one the head names. A head
    /// ahead of the entries is a removed end only when <paramref name="laterEntriesExist"/> says nothing was appended meanwhile.
    /// </summary>
    public void End(long headId, byte[] headHash, bool laterEntriesExist)
    {
        if (!Intact) return;
        var lastId = LastId ?? 0;
        var consistent = headId == lastId ? _lastHash is null || headHash.AsSpan().SequenceEqual(_lastHash) : headId > lastId && laterEntriesExist;
        if (!consistent) (BrokenAt, Break) = (lastId, AuditBreak.EndMissing);
    }

    /// <summary>Checks the next entry; false once the chain is broken.</summary>
    public bool Next(AuditEntry entry)
    {
        if (!Intact) return false;
        var problem = entry switch
        {
            { Hash: null } or { PrevHash: null } => AuditBreak.Unsealed,
            _ when _lastHash is not null && !entry.PrevHash.AsSpan().SequenceEqual(_lastHash) => AuditBreak.Unlinked,
            _ when _lastHash is null && !entry.PrevHash.AsSpan().SequenceEqual(AuditChain.Genesis) && nowUtc - entry.AtUtc < AuditEntry.Retention
                => AuditBreak.StartMissing,
            _ when !CryptographicOperations.FixedTimeEquals(AuditChain.HashOf(_hmac, entry, entry.PrevHash!), entry.Hash) => AuditBreak.Altered,
            _ => (AuditBreak?)null,
        };
        if (problem is not null)
        {
            (BrokenAt, Break) = (entry.Id, problem);
            return false;
        }
        Checked++;
        (LastId, _lastHash) = (entry.Id, entry.Hash);
        return true;
    }

    public void Dispose() => _hmac.Dispose();
}
