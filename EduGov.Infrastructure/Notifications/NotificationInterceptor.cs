using System.Data.Common;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// Sees every notification a save adds or changes, whoever adds it (an event, the daily reminders, a job): puts the
/// outbound deliveries of the added ones into the same save (the outbox: saved with the notification or not at all), and
/// once the transaction has committed tells the <see cref="NotificationHub"/> whose notifications changed, so open pages
/// update. Registered before the audit interceptor, so the deliveries are audited with the rest of the save.
/// </summary>
public sealed class NotificationInterceptor(NotificationHub hub, TimeProvider clock) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CollectAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await CollectAsync(eventData.Context, cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => (eventData.Context as EduGovDbContext)?.PendingNotices.DropUnsaved();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Publish(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as EduGovDbContext)?.PendingNotices.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private async Task CollectAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not EduGovDbContext db) return;
        var touched = db.ChangeTracker.Entries<Notification>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        if (touched.Count == 0) return;
        db.PendingNotices.Add(touched.Select(e => e.Entity.UserId));
        var added = touched.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0) await Outbox.QueueAsync(db, added, clock.GetUtcNow().UtcDateTime, ct).ConfigureAwait(false);
    }

    // Inside a caller's transaction the users wait for its commit; a save in a transaction of its own has committed by now.
    private void Saved(DbContext? context)
    {
        if (context is not EduGovDbContext db || !db.PendingNotices.Any) return;
        db.PendingNotices.Saved();
        if (db.Database.CurrentTransaction is null) Publish(db);
    }

    private void Publish(DbContext? context)
    {
        if (context is not EduGovDbContext db || !db.PendingNotices.Any) return;
        hub.Publish(db.PendingNotices.Take());
    }
}
