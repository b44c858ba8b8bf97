using System.Diagnostics;
using EduGov.Domain.Audit;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Verifying the audit chain of 1,000,000 entries (budget: well under a minute), beside a bare read of the same rows
/// with no hashing, so the ratio shows what the check itself costs. The entries are appended once through the portal's
/// own path (the interceptor and the chain's head lock) and kept between runs.
/// </summary>
internal static class AuditBenchmark
{
    private const int Entries = 1_000_000;

    public static async Task RunAsync(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduGov"] = $"Data Source={path}",
            ["EduGov:Demo:Enabled"] = "false",
            // A fixed key so the kept database stays verifiable between runs.
            ["EduGov:Audit:ChainKey"] = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddDataProtection().Services.AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<DataSeeder>().InitializeAsync();
        var factory = services.GetRequiredService<IDbContextFactory<EduGovDbContext>>();

        long count;
        await using (var db = await factory.CreateDbContextAsync()) count = await db.AuditEntries.LongCountAsync();
        if (count < Entries)
        {
            var appending = Stopwatch.StartNew();
            var random = new Random(2019);
            for (var done = count; done < Entries; done += 10_000)
            {
                await using var db = await factory.CreateDbContextAsync();
                var now = DateTime.UtcNow;
                for (var i = 0; i < Math.Min(10_000, Entries - done); i++)
                    db.Audit(new AuditEntry(now, $"user{random.Next(2_000)}", "Modified", "SchoolFiling", random.Next(1_000_000).ToString(),
                        $$"""{"Network":["{{random.Next(100)}}","{{random.Next(100)}}"],"Version":[{{i}},{{i + 1}}]}""", "/500000/500103/"));
                await db.SaveChangesAsync();
            }
            Console.WriteLine($"appended {Entries - count:N0} entries through the chain in {appending.Elapsed.TotalSeconds:F1} s");
        }
        await using (var db = await factory.CreateDbContextAsync()) count = await db.AuditEntries.LongCountAsync();

        var trail = services.GetRequiredService<AuditTrail>();
        Console.WriteLine($"{count:N0} audit entries in {path}");
        Console.WriteLine($"{"run",-4} {"bare read s",12} {"verify s",10} {"ratio",6}");
        for (var run = 1; run <= 3; run++)
        {
            var bare = Stopwatch.StartNew();
            long read = 0;
            await using (var db = await factory.CreateDbContextAsync())
                await foreach (var _ in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable()) read++;
            bare.Stop();
            var verify = Stopwatch.StartNew();
            var check = await trail.VerifyAsync();
            verify.Stop();
            if (!check.Intact || read != check.Checked) throw new InvalidOperationException(check.Summary);
            Console.WriteLine($"{run,-4} {bare.Elapsed.TotalSeconds,12:F2} {verify.Elapsed.TotalSeconds,10:F2} {verify.Elapsed / bare.Elapsed,6:F2}");
        }
        Console.WriteLine($"budget: well under 60 s for {Entries:N0} entries");
    }
}
