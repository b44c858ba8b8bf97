using System.Text.Json;
using EduGov.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduGov.Infrastructure.Data;

/// <summary>
/// Writes an audit entry for every added, changed or deleted row in the same SaveChanges, so a write and its
/// audit entry are committed together or not at all.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is not EduGovDbContext { AuditRows: true } db) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.Entity is not AuditEntry && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new AuditEntry(now, db.Actor, e.State.ToString(), e.Metadata.ShortName(), KeyOf(e), Describe(e)))
            .ToList();
        db.AuditEntries.AddRange(entries);
    }

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue).ToList();
        return key is null || entry.State == EntityState.Added && key.Any(IsTemporary) ? null : string.Join(",", key);
    }

    private static bool IsTemporary(object? value) => value is null or 0 or 0L;

    private static string Describe(EntityEntry entry)
    {
        var values = new Dictionary<string, object?>();
        foreach (var property in entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)))
        {
            if (entry.State == EntityState.Modified)
            {
                if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    values[property.Metadata.Name] = new[] { property.OriginalValue, property.CurrentValue };
            }
            else values[property.Metadata.Name] = entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        }
        return JsonSerializer.Serialize(values, JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
