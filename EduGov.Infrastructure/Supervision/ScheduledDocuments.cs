using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Supervision;

/// <summary>
/// The documents the jobs make for every unit at once. A batch prints every document before it archives any, so a run
/// that fails (no browser, say) leaves the archive as it was.
/// </summary>
public sealed class ScheduledDocuments(IDbContextFactory<EduGovDbContext> factory, IDocumentGenerator generator, DocumentArchive archive)
{
    private static readonly AccessScope Everything = new(JobCatalog.Scheduler, Role.Admin, null);

    public const int PrintsAtOnce = 4;

    public async Task<string> SupervisionReportsAsync(int year, string createdBy, CancellationToken ct = default)
    {
        var count = await MakeAsync(DocumentKind.SupervisionReport, OrgUnitKind.District, year, createdBy, ct);
        return $"已生成 {count} 个区县的 {year} 年督导报告";
    }

    public async Task<string> WhitePapersAsync(int year, string createdBy, CancellationToken ct = default)
    {
        var count = await MakeAsync(DocumentKind.WhitePaper, OrgUnitKind.City, year, createdBy, ct);
        return $"已生成 {count} 个市的 {year} 年白皮书";
    }

    private async Task<int> MakeAsync(DocumentKind kind, OrgUnitKind units, int year, string createdBy, CancellationToken ct)
    {
        List<int> ids;
        await using (var db = await factory.CreateDbContextAsync(ct))
            ids = await db.OrgUnits.Where(u => u.Kind == units).OrderBy(u => u.Path).Select(u => u.Id).ToListAsync(ct);
        // Several at once: while one document is read from the database another is laid out by Chromium, on warm pages of one browser.
        var printed = new PrintedDocument[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = PrintsAtOnce, CancellationToken = ct },
            async (i, token) => printed[i] = await generator.PrintAsync(Everything, kind, ids[i], year, token));
        foreach (var document in printed) await archive.AddAsync(document, createdBy, ct);
        return printed.Length;
    }
}
