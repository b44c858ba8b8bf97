namespace EduGov.Domain.Audit;

/// <summary>
/// One write, sign-in or disclosure, kept append-only: the database refuses updates and early deletes, and each entry is
/// sealed into a keyed hash chain (<see cref="AuditChain"/>) so an edit made around the database's own guards shows.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string actor, string action, string entity, string? entityId, string? details, string? actorUnit = null)
    {
        // Whole milliseconds: every supported database keeps them exactly, so the sealed hash still matches when read back.
        AtUtc = new DateTime(atUtc.Ticks - atUtc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        Actor = Truncate(actor, 100);
        Action = action;
        Entity = entity;
        EntityId = entityId;
        Details = details;
        ActorUnit = actorUnit;
    }

    /// <summary>The entry's place in the chain, given when it is sealed: one more than the entry before.</summary>
    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>The org path of the actor's unit when known (a district's staff acting in their district), to filter by unit.</summary>
    public string? ActorUnit { get; private set; }
    /// <summary>Added, Modified, Deleted, SignIn, SignInFailed, LockedOut, SignOut, Export, Download, Seed …</summary>
    public string Action { get; private set; } = "";
    public string Entity { get; private set; } = "";
    public string? EntityId { get; private set; }
    /// <summary>The values written (JSON), already passed through <see cref="AuditRedaction"/>.</summary>
    public string? Details { get; private set; }
    public byte[]? PrevHash { get; private set; }
    public byte[]? Hash { get; private set; }

    /// <summary>How long entries are kept at least (网络安全法: six months).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(183);

    public bool IsSealed => Hash is not null;

    /// <summary>Takes its place after <paramref name="prevHash"/> in the chain keyed by <paramref name="key"/>.</summary>
    public void Seal(long id, byte[] prevHash, byte[] key)
    {
        Id = id;
        PrevHash = prevHash;
        Hash = AuditChain.HashOf(key, this, prevHash);
    }

    /// <summary>The unit of whoever wrote through the context, for entries made by a service on the same person's behalf.</summary>
    public void AttributeTo(string actor, string? actorUnit)
    {
        if (ActorUnit is null && Actor == actor) ActorUnit = actorUnit;
    }

    /// <summary>For entries written before the chain existed: their details scrubbed of what must not be kept.</summary>
    public void ReplaceDetails(string? details) => Details = details;

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
