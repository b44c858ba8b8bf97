using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Backups;

/// <summary>
/// The tables whose row counts a manifest records, so that a restore can show the data it brings back is the data that
/// was backed up (and an operator can see at a glance what a backup holds). Only tables of the initial migration, so a
/// database of any supported schema can be counted.
/// </summary>
internal static class KeyTables
{
    private static readonly (string Name, Func<EduGovDbContext, CancellationToken, Task<long>> Count)[] All =
    [
        ("OrgUnits", (db, ct) => db.OrgUnits.LongCountAsync(ct)),
        ("Users", (db, ct) => db.Users.LongCountAsync(ct)),
        ("Plans", (db, ct) => db.Plans.LongCountAsync(ct)),
        ("Indicators", (db, ct) => db.Indicators.LongCountAsync(ct)),
        ("IndicatorValues", (db, ct) => db.IndicatorValues.LongCountAsync(ct)),
        ("ReportingPeriods", (db, ct) => db.ReportingPeriods.LongCountAsync(ct)),
        ("Filings", (db, ct) => db.Filings.LongCountAsync(ct)),
        ("EvidenceFiles", (db, ct) => db.EvidenceFiles.LongCountAsync(ct)),
        ("Teachers", (db, ct) => db.Teachers.LongCountAsync(ct)),
        ("TrainingRecords", (db, ct) => db.TrainingRecords.LongCountAsync(ct)),
        ("Designations", (db, ct) => db.Designations.LongCountAsync(ct)),
        ("InformationSystems", (db, ct) => db.InformationSystems.LongCountAsync(ct)),
        ("Inspections", (db, ct) => db.Inspections.LongCountAsync(ct)),
        ("GeneratedDocuments", (db, ct) => db.GeneratedDocuments.LongCountAsync(ct)),
        ("Notifications", (db, ct) => db.Notifications.LongCountAsync(ct)),
        ("AuditEntries", (db, ct) => db.AuditEntries.LongCountAsync(ct)),
    ];

    /// <summary>The facts of the database the context is open on (inside its transaction, if it has one).</summary>
    public static async Task<DatabaseFacts> ReadAsync(EduGovDbContext db, CancellationToken ct)
    {
        var schema = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? "";
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in All) counts[name] = await count(db, ct);
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(ct);
        return new DatabaseFacts(schema, counts, head is null ? null : new AuditHead(head.LastEntryId, Convert.ToHexStringLower(head.LastHash)));
    }
}
