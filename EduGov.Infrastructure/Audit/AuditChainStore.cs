using System.Data.Common;
using EduGov.Domain.Audit;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EduGov.Infrastructure.Audit;

/// <summary>
/// Reads and writes the chain in the database. Appending takes the row lock of the chain's head first, so concurrent
/// writers (threads, or web instances sharing a server database) seal their entries one after another, in one order.
/// </summary>
internal static class AuditChainStore
{
    public const string Head = "AuditChainHead";

    public static async Task AppendAsync(EduGovDbContext db, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, byte[] key, CancellationToken ct)
    {
        var sql = new Sql(db, transaction);
        var (lastId, lastHash) = await sql.LockHeadAsync(ct).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            entry.Seal(++lastId, lastHash, key);
            await sql.InsertAsync(entry, ct).ConfigureAwait(false);
            lastHash = entry.Hash!;
        }
        await sql.MoveHeadAsync(lastId, lastHash, ct).ConfigureAwait(false);
    }

    /// <summary>Statements in the provider's own quoting, with parameters typed as EF maps the columns.</summary>
    private sealed class Sql(EduGovDbContext db, DbTransaction transaction)
    {
        private readonly ISqlGenerationHelper _names = db.GetService<ISqlGenerationHelper>();
        private readonly Microsoft.EntityFrameworkCore.Metadata.IEntityType _entries = db.Model.FindEntityType(typeof(AuditEntry))!;

        private string Q(string name) => _names.DelimitIdentifier(name);

        private static readonly string[] Columns =
        [
            nameof(AuditEntry.Id), nameof(AuditEntry.AtUtc), nameof(AuditEntry.Actor), nameof(AuditEntry.ActorUnit), nameof(AuditEntry.Action),
            nameof(AuditEntry.Entity), nameof(AuditEntry.EntityId), nameof(AuditEntry.Details), nameof(AuditEntry.PrevHash), nameof(AuditEntry.Hash),
        ];

        // Updating the head row first takes its lock until the transaction ends, on SQLite, SQL Server and PostgreSQL alike.
        public async Task<(long, byte[])> LockHeadAsync(CancellationToken ct)
        {
            var count = await ExecuteAsync($"UPDATE {Q(Head)} SET {Q("LastEntryId")} = {Q("LastEntryId")} WHERE {Q("Id")} = 1", [], ct);
            if (count != 1) throw new InvalidOperationException("The audit chain's head row is missing: the audit trail cannot be written.");
            await using var command = Command($"SELECT {Q("LastEntryId")}, {Q("LastHash")} FROM {Q(Head)} WHERE {Q("Id")} = 1", []);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false)) throw new InvalidOperationException("The audit chain's head row is missing.");
            return (reader.GetInt64(0), (byte[])reader.GetValue(1));
        }

        public Task InsertAsync(AuditEntry entry, CancellationToken ct) => ExecuteAsync(
            $"INSERT INTO {Q("AuditEntries")} ({string.Join(", ", Columns.Select(Q))}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})",
            Columns.Select(c => (c, Value(entry, c))).ToArray(), ct);

        public Task MoveHeadAsync(long lastId, byte[] lastHash, CancellationToken ct) => ExecuteAsync(
            $"UPDATE {Q(Head)} SET {Q("LastEntryId")} = @p0, {Q("LastHash")} = @p1 WHERE {Q("Id")} = 1",
            [(nameof(AuditEntry.Id), lastId), (nameof(AuditEntry.Hash), lastHash)], ct);

        private static object? Value(AuditEntry entry, string column) => column switch
        {
            nameof(AuditEntry.Id) => entry.Id,
            nameof(AuditEntry.AtUtc) => entry.AtUtc,
            nameof(AuditEntry.Actor) => entry.Actor,
            nameof(AuditEntry.ActorUnit) => entry.ActorUnit,
            nameof(AuditEntry.Action) => entry.Action,
            nameof(AuditEntry.Entity) => entry.Entity,
            nameof(AuditEntry.EntityId) => entry.EntityId,
            nameof(AuditEntry.Details) => entry.Details,
            nameof(AuditEntry.PrevHash) => entry.PrevHash,
            nameof(AuditEntry.Hash) => entry.Hash,
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };

        private async Task<int> ExecuteAsync(string text, (string Column, object? Value)[] parameters, CancellationToken ct)
        {
            await using var command = Command(text, parameters);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        // Each parameter typed by the column's own mapping (datetime2 on SQL Server, not the legacy datetime).
        private DbCommand Command(string text, (string Column, object? Value)[] parameters)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            for (var i = 0; i < parameters.Length; i++)
            {
                var mapping = _entries.FindProperty(parameters[i].Column)!.GetRelationalTypeMapping();
                command.Parameters.Add(mapping.CreateParameter(command, $"@p{i}", parameters[i].Value, nullable: true));
            }
            return command;
        }
    }
}
