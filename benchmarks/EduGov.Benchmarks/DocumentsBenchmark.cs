using System.Diagnostics;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The white paper of 重庆市 (about 9,000 schools) and 渝北区's supervision report, made end to end (figures, HTML,
/// Chromium's PDF, archive) with the browser already started; the figures alone are timed too, and the supervision-report
/// job's batch of every district once; beside them, Chromium printing a one-line page, the floor any document stands on.
/// </summary>
internal static class DocumentsBenchmark
{
    public static async Task RunAsync(IServiceProvider services)
    {
        var scope = new AccessScope("benchmark", Role.Admin, null);
        await using var db = await services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var city = await db.OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
        var district = await db.OrgUnits.Where(u => u.Code == "500112").Select(u => u.Id).SingleAsync();
        var year = DateTime.Today.Year;
        using var di = services.CreateScope();
        var generator = di.ServiceProvider.GetRequiredService<IDocumentGenerator>();
        var data = di.ServiceProvider.GetRequiredService<DocumentData>();
        var batch = di.ServiceProvider.GetRequiredService<ScheduledDocuments>();
        var printer = di.ServiceProvider.GetRequiredService<IPdfPrinter>();

        var cold = Stopwatch.StartNew();
        await generator.SupervisionReportAsync(scope, district, year, "benchmark");
        Console.WriteLine($"first document, starting the browser: {cold.Elapsed.TotalMilliseconds:F0} ms");

        (string Name, Func<Task<long>> Run, int Times, double Budget)[] cases =
        [
            ("baseline: Chromium prints a one-line page", async () => (await printer.PrintAsync("<!DOCTYPE html><html><body>基线</body></html>", "基线")).Length, 10, 0),
            ("figures of the white paper (重庆市)", async () => { await data.WhitePaperAsync(scope, city, year); return 0; }, 5, 0),
            ("white paper, made and archived (重庆市)", async () => (await generator.WhitePaperAsync(scope, city, year, "benchmark")).Size, 5, 3000),
            ("supervision report, made and archived (渝北区)", async () => (await generator.SupervisionReportAsync(scope, district, year, "benchmark")).Size, 10, 1000),
            ($"the quarterly job's batch: every district's report ({ScheduledDocuments.PrintsAtOnce} at once)", async () => { await batch.SupervisionReportsAsync(year, "benchmark"); return 0; }, 1, 15000),
        ];
        Console.WriteLine($"{"case",-48} {"p50 ms",8} {"max ms",8}  {"pages/size",12}  budget");
        foreach (var (name, run, times, budget) in cases)
        {
            var elapsed = new List<double>();
            long size = 0;
            for (var i = 0; i < times; i++)
            {
                var watch = Stopwatch.StartNew();
                size = await run();
                elapsed.Add(watch.Elapsed.TotalMilliseconds);
            }
            elapsed.Sort();
            var verdict = budget == 0 ? "—" : elapsed[elapsed.Count / 2] <= budget ? $"ok (≤ {budget / 1000:0.#} s)" : "OVER";
            Console.WriteLine($"{name,-48} {elapsed[elapsed.Count / 2],8:F0} {elapsed[^1],8:F0}  {(size == 0 ? "" : $"{size / 1024} KB"),12}  {verdict}");
        }
    }
}
