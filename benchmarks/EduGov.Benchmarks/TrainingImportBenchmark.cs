using System.Diagnostics;
using System.Text;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// 1,000,000 completion records for about 400,000 teachers of 重庆市 (44 registered per school), from a generated CSV
/// in the layout training platforms export; then the same file again, which must add nothing.
/// </summary>
internal static class TrainingImportBenchmark
{
    private const int TeachersPerSchool = 44;
    private const int Records = 1_000_000;

    public static async Task RunAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EduGovDbContext>>();
        var schools = await RegisterTeachersAsync(factory);
        var file = Path.Combine(Path.GetTempPath(), $"edugov-bench-training-{Records}.csv");
        if (!File.Exists(file)) await WriteFileAsync(file, schools);
        Console.WriteLine($"file: {file}, {new FileInfo(file).Length / 1024 / 1024} MB, {Records:N0} rows");

        await using (var db = await factory.CreateDbContextAsync())
            await db.TrainingRecords.ExecuteDeleteAsync(); // the first round starts from an empty table every run
        var commission = new AccessScope("commission", Role.Commission, "/500000/");
        foreach (var round in new[] { "first import", "same file again" })
        {
            using var scope = services.CreateScope();
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var watch = Stopwatch.StartNew();
            await using var stream = File.OpenRead(file);
            var result = await scope.ServiceProvider.GetRequiredService<TrainingImport>().ImportAsync(commission, stream);
            watch.Stop();
            Console.WriteLine($"{round}: {watch.Elapsed.TotalSeconds:F1} s, {result.Rows:N0} rows ({result.Rows / watch.Elapsed.TotalSeconds:N0}/s), " +
                $"{result.Added:N0} added, {result.Unchanged:N0} unchanged, {result.ErrorCount} errors; managed heap after {(GC.GetTotalMemory(false) - before) / 1024 / 1024} MB above start, " +
                $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        }
        await DashboardAsync(services, factory);
    }

    /// <summary>The compliance dashboard on the imported city (budget p95 ≤ 150 ms), and how long one change takes to reach the city's value.</summary>
    private static async Task DashboardAsync(IServiceProvider services, IDbContextFactory<EduGovDbContext> factory)
    {
        var dashboard = services.GetRequiredService<TrainingDashboard>();
        var compliance = services.GetRequiredService<ComplianceService>();
        await using var db = await factory.CreateDbContextAsync();
        var city = await db.OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
        // The district with the most teachers, and its first school.
        var district = await db.OrgUnits.Where(d => d.ParentId == city)
            .OrderByDescending(d => db.Teachers.Count(t => db.OrgUnits.Any(s => s.Id == t.SchoolId && s.ParentId == d.Id))).Select(d => new { d.Id, d.Name }).FirstAsync();
        var school = await db.OrgUnits.Where(s => s.ParentId == district.Id).OrderBy(s => s.Code).Select(s => s.Id).FirstAsync();
        var literacy = await db.Indicators.Where(i => i.Code == "CQ5-21").Select(i => i.Id).SingleAsync();
        var commission = new AccessScope("commission", Role.Commission, "/500000/");

        var watch = Stopwatch.StartNew();
        await compliance.RecomputeAsync();
        Console.WriteLine($"full compliance recount (every rule, every school): {watch.Elapsed.TotalSeconds:F1} s");

        (string, Func<Task>)[] cases =
        [
            ("training: city rules (stored values)", () => dashboard.RulesAsync(commission, city)),
            ("training: 38 districts compared", () => dashboard.ComparisonAsync(commission, city, literacy)),
            ($"training: {district.Name} schools compared", () => dashboard.ComparisonAsync(commission, district.Id, literacy)),
            ($"training: {district.Name} detail (distribution, short list)", () => dashboard.DetailAsync(commission, district.Id, literacy)),
            ("training: one school's detail", () => dashboard.DetailAsync(commission, school, literacy)),
            ("training: one school's change re-summed up to the city", () => compliance.RecomputeSchoolAsync(school)),
        ];
        Timing.Header(56);
        foreach (var (name, run) in cases) await Timing.CaseAsync(name, run, 20, 56);
    }

    private static async Task<List<string>> RegisterTeachersAsync(IDbContextFactory<EduGovDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.AuditRows = false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var schools = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/")).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code }).ToListAsync();
        if (!await db.Teachers.AnyAsync(t => t.StaffNumber == "T0001")) // the demo registry of 渝中区 may be there already
        {
            var watch = Stopwatch.StartNew();
            foreach (var chunk in schools.Chunk(200))
            {
                foreach (var school in chunk)
                for (var i = 1; i <= TeachersPerSchool; i++)
                    db.Teachers.Add(Teacher.Create(school.Id, new TeacherDetails($"T{i:D4}", $"教师{i}", i % 3 == 0 ? Gender.Male : Gender.Female,
                        "语文", i == 1 ? Post.Principal : i <= 3 ? Post.VicePrincipal : Post.Teacher, TeacherStatus.Active, null)));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
            db.Courses.AddRange(Enumerable.Range(1, 20).Select(i => Course.Create(new CourseDetails($"C{i:D3}", $"课程{i}", "重庆市教师研修网",
                i <= 2 ? CourseCategory.Leadership : CourseCategory.Ability20, CourseMode.Online, 10, 5))));
            await db.SaveChangesAsync();
            Console.WriteLine($"registered {schools.Count * TeachersPerSchool:N0} teachers in {watch.Elapsed.TotalSeconds:F1} s");
        }
        return schools.Select(s => s.Code).ToList();
    }

    private static async Task WriteFileAsync(string path, List<string> schools)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时");
        var random = new Random(2019);
        for (var i = 1; i <= Records; i++)
        {
            var school = schools[random.Next(schools.Count)];
            await writer.WriteLineAsync($"CQ{i:D9},{school},T{random.Next(1, TeachersPerSchool + 1):D4},教师,C{random.Next(1, 21):D3},2021-{random.Next(1, 13):D2}-{random.Next(1, 29):D2},{random.Next(2, 11)},{random.Next(0, 2)}");
        }
    }
}
