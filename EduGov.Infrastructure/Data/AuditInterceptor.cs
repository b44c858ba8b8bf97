using System.Data.Common;
using System.Text.Json;
using EduGov.Domain.Audit;
using EduGov.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduGov.Infrastructure.Data;

/// <summary>
/// Audits every added, changed or deleted row, and every entry a service adds itself, in the transaction of the write:
/// entries are collected when changes are saved and sealed into the chain just before the transaction commits, when the
/// keys of added rows are the real ones. A write and its audit entry are committed together or not at all.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, AuditKey key) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SavedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await SavedAsync(eventData.Context, cancellationToken);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => (eventData.Context as EduGovDbContext)?.PendingAudit.DropUnsaved();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        AppendAsync(eventData.Context, transaction, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await AppendAsync(eventData.Context, transaction, cancellationToken);
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as EduGovDbContext)?.PendingAudit.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is not EduGovDbContext db) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AuditEntry)
                throw new InvalidOperationException("Audit entries are recorded through EduGovDbContext.Audit, never added, changed or deleted as rows.");
            if (db.AuditRows && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                db.PendingAudit.Add(new Draft(entry, now, db.Actor, db.ActorUnit, entry.State,
                    entry.State == EntityState.Added ? null : KeyOf(entry), entry.State == EntityState.Added ? null : Describe(entry)));
        }
    }

    // Without a transaction of its own (a save of audit entries alone) the entries are sealed in one made for them;
    // inside a caller's transaction they wait for its commit.
    private async Task SavedAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not EduGovDbContext db || !db.PendingAudit.Any) return;
        db.PendingAudit.Saved();
        if (db.Database.CurrentTransaction is not null) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task AppendAsync(DbContext? context, DbTransaction transaction, CancellationToken ct)
    {
        if (context is not EduGovDbContext db || !db.PendingAudit.Any) return;
        var entries = db.PendingAudit.Materialize();
        db.PendingAudit.Clear();
        await AuditChainStore.AppendAsync(db, transaction, entries, key.Value, ct).ConfigureAwait(false);
    }

    /// <summary>A changed row, described when it is saved; an added row's key and values are read once the database has given them.</summary>
    internal sealed record Draft(EntityEntry Entry, DateTime At, string Actor, string? ActorUnit, EntityState State, string? Key, string? Details)
    {
        public AuditEntry ToEntry() => new(At, Actor, State.ToString(), Entry.Metadata.ShortName(), Key ?? KeyOf(Entry), Details ?? Describe(Entry, State), ActorUnit);
    }

    private static string? KeyOf(EntityEntry entry) =>
        entry.Metadata.FindPrimaryKey() is { } key
            ? string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue))
            : null;

    private static string Describe(EntityEntry entry) => Describe(entry, entry.State);

    private static string Describe(EntityEntry entry, EntityState state)
    {
        var entity = entry.Metadata.ShortName();
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (state == EntityState.Modified)
            {
                if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    values[name] = new[] { AuditRedaction.Redact(entity, name, property.OriginalValue), AuditRedaction.Redact(entity, name, property.CurrentValue) };
            }
            else values[name] = AuditRedaction.Redact(entity, name, state == EntityState.Deleted ? property.OriginalValue : property.CurrentValue);
        }
        return JsonSerializer.Serialize(values, AuditRedaction.JsonOptions);
    }
}

/// <summary>The audit entries of one context waiting for their transaction to commit.</summary>
public sealed class PendingAudit
{
    private readonly List<object> _items = []; // AuditEntry, or AuditInterceptor.Draft until its keys are known
    private int _saved; // the entries of saves that succeeded; those after them belong to the save under way

    public bool Any => _items.Count > 0;

    internal void Add(object item) => _items.Add(item);

    /// <summary>The save under way succeeded: its entries stay for the commit, its added rows now have their keys.</summary>
    internal void Saved()
    {
        Materialize();
        _saved = _items.Count;
    }

    /// <summary>A save that failed leaves no entries behind, even inside a transaction that goes on.</summary>
    internal void DropUnsaved() => _items.RemoveRange(_saved, _items.Count - _saved);

    internal void Clear()
    {
        _items.Clear();
        _saved = 0;
    }

    /// <summary>The entries, added rows now described with the keys and values the database gave them.</summary>
    internal List<AuditEntry> Materialize()
    {
        for (var i = 0; i < _items.Count; i++)
            if (_items[i] is AuditInterceptor.Draft draft) _items[i] = draft.ToEntry();
        return _items.Cast<AuditEntry>().ToList();
    }
}
