namespace EduGov.Domain.Audit;

/// <summary>One write or sign-in, kept append-only (the database refuses updates and early deletes).</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string actor, string action, string entity, string? entityId, string? details)
    {
        AtUtc = atUtc;
        Actor = actor;
        Action = action;
        Entity = entity;
        EntityId = entityId;
        Details = details;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>Added, Modified, Deleted, SignIn, SignInFailed, LockedOut, SignOut, Export, Seed.</summary>
    public string Action { get; private set; } = "";
    public string Entity { get; private set; } = "";
    public string? EntityId { get; private set; }
    public string? Details { get; private set; }

    /// <summary>How long entries are kept at least (网络安全法: six months).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(183);
}
