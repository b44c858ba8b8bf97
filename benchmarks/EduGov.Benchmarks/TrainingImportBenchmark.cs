using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// 1,000,000 completion records for about 400,000 teachers of 重庆市 (44 registered per school), from a generated CSV
/// in the layout training platforms export, imported by the portal beside a bare loop doing the least any import must
/// (read the same CSV with the same library, look up teacher and course, insert with one prepared command in one
/// transaction into an identical empty table), three times each, and the ratio of their rates (budget: the portal at
/// ≥ 60% of the bare loop, ≤ 60 s); then the same file again, which must add nothing.
/// </summary>
internal static class TrainingImportBenchmark
{
    private const int TeachersPerSchool = 44;
    private const int Records = 1_000_000;
    private const int Runs = 3;
    private const string BareTable = "BareTrainingRecords";

    public static async Task RunAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<EduGovDbContext>>();
        var schools = await RegisterTeachersAsync(factory);
        // v2: every row names its teacher as the registry does (the import refuses a record whose 姓名 does not match).
        var file = Path.Combine(Path.GetTempPath(), $"edugov-bench-training-v2-{Records}.csv");
        if (!File.Exists(file)) await WriteFileAsync(file, schools);
        Console.WriteLine($"file: {file}, {new FileInfo(file).Length / 1024 / 1024} MB, {Records:N0} rows; {Environment.ProcessorCount} cores");
        var commission = new AccessScope("commission", Role.Commission, "/500000/");
        GC.Collect();
        Console.WriteLine($"working set before the runs: {Environment.WorkingSet / 1024 / 1024:N0} MB (peaks below are the process's, sampled every 20 ms)");

        Console.WriteLine($"{"run",-4} {"portal s",9} {"rows/s",10} {"peak MB",8} {"bare s",8} {"rows/s",10} {"peak MB",8} {"portal/bare",12}");
        var ratios = new List<double>();
        for (var run = 1; run <= Runs; run++)
        {
            // Turn about which side goes first, so that neither always meets the colder caches; each side starts from an
            // empty table and a checkpointed WAL, so neither pays for the other's writes.
            TimeSpan portal = default, bare = default;
            long portalPeak = 0, barePeak = 0;
            foreach (var side in run % 2 == 1 ? new[] { "portal", "bare" } : ["bare", "portal"])
            {
                if (side == "portal")
                {
                    await using (var db = await factory.CreateDbContextAsync())
                        await db.TrainingRecords.ExecuteDeleteAsync();
                    await CheckpointAsync(factory);
                    (portal, portalPeak, var result) = await MeasureAsync(async () =>
                    {
                        using var scope = services.CreateScope();
                        await using var stream = File.OpenRead(file);
                        return await scope.ServiceProvider.GetRequiredService<TrainingImport>().ImportAsync(commission, stream);
                    });
                    if (!result.Succeeded || result.Added != Records)
                        throw new InvalidOperationException($"the portal's import failed: {result.ErrorCount} errors, first {result.Errors.FirstOrDefault()}");
                }
                else
                {
                    await CheckpointAsync(factory);
                    (bare, barePeak, var inserted) = await MeasureAsync(() => BareLoopAsync(factory, file));
                    if (inserted != Records) throw new InvalidOperationException($"the bare loop inserted {inserted:N0} rows");
                    await using (var db = await factory.CreateDbContextAsync())
                        await db.Database.ExecuteSqlRawAsync($"DROP TABLE {BareTable}");
                }
            }
            var ratio = bare.TotalSeconds / portal.TotalSeconds;
            ratios.Add(ratio);
            Console.WriteLine($"{run,-4} {portal.TotalSeconds,9:F1} {Records / portal.TotalSeconds,10:N0} {portalPeak / 1024 / 1024,8:N0} " +
                $"{bare.TotalSeconds,8:F1} {Records / bare.TotalSeconds,10:N0} {barePeak / 1024 / 1024,8:N0} {ratio,11:P0}");
        }
        Console.WriteLine($"portal at {ratios.Min():P0}–{ratios.Max():P0} of the bare loop's rate (budget ≥ 60%)");

        await CheckpointAsync(factory);
        var (again, againPeak, second) = await MeasureAsync(async () =>
        {
            using var scope = services.CreateScope();
            await using var stream = File.OpenRead(file);
            return await scope.ServiceProvider.GetRequiredService<TrainingImport>().ImportAsync(commission, stream);
        });
        Console.WriteLine($"same file again: {again.TotalSeconds:F1} s, {second.Added:N0} added, {second.Unchanged:N0} unchanged, {second.ErrorCount} errors, " +
            $"peak {againPeak / 1024 / 1024:N0} MB; process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
        await DashboardAsync(services, factory);
    }

    /// <summary>
    /// The least an import of this file must do: read it with the same CSV library, find each row's teacher and course,
    /// parse date and hours, and insert with one prepared command in one transaction into a table made from the same
    /// CREATE statements as TrainingRecords (same columns, keys, indexes and foreign keys), on the portal's own connection.
    /// No checks, no second pass, no recount.
    /// </summary>
    private static async Task<int> BareLoopAsync(IDbContextFactory<EduGovDbContext> factory, string file)
    {
        await using var db = await factory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var schema = await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE tbl_name = 'TrainingRecords' AND sql IS NOT NULL").ToListAsync();
        foreach (var create in schema.OrderBy(s => s.StartsWith("CREATE TABLE", StringComparison.OrdinalIgnoreCase) ? 0 : 1))
            await db.Database.ExecuteSqlRawAsync(create.Replace("TrainingRecords", BareTable));

        var teachers = await (from t in db.Teachers join s in db.OrgUnits on t.SchoolId equals s.Id select new { s.Code, t.StaffNumber, t.Id })
            .AsNoTracking().ToDictionaryAsync(t => (t.Code, t.StaffNumber), t => t.Id);
        var courses = await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id);

        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {BareTable} (TeacherId, CourseId, CompletedOn, Hours, PracticeHours, CertificateNumber) " +
                             "VALUES (@teacher, @course, @completed, @hours, @practice, @certificate)";
        var parameters = new[] { "@teacher", "@course", "@completed", "@hours", "@practice", "@certificate" }.Select(name =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await insert.PrepareAsync();
        await using var stream = File.OpenRead(file);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, Encoding = Encoding.UTF8 });
        var inserted = 0;
        while (reader.Read())
        {
            parameters[0].Value = teachers[(reader.GetString(1), reader.GetString(2))];
            parameters[1].Value = courses[reader.GetString(4)];
            parameters[2].Value = DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            parameters[3].Value = decimal.Parse(reader.GetString(6), CultureInfo.InvariantCulture);
            parameters[4].Value = decimal.Parse(reader.GetString(7), CultureInfo.InvariantCulture);
            parameters[5].Value = reader.GetString(0);
            await insert.ExecuteNonQueryAsync();
            inserted++;
        }
        await transaction.CommitAsync();
        return inserted;
    }

    /// <summary>Times one side, sampling the process's working set every 20 ms for its peak.</summary>
    private static async Task<(TimeSpan Elapsed, long PeakBytes, T Result)> MeasureAsync<T>(Func<Task<T>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long peak = Environment.WorkingSet;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        var result = await run();
        watch.Stop();
        stop.Cancel();
        await sampler;
        return (watch.Elapsed, Math.Max(peak, Environment.WorkingSet), result);
    }

    private static async Task CheckpointAsync(IDbContextFactory<EduGovDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
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
            ("training: 38 districts compared, primary only", () => dashboard.ComparisonAsync(commission, city, literacy, new SchoolFilter(SchoolType.Primary))),
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
            var teacher = random.Next(1, TeachersPerSchool + 1);
            await writer.WriteLineAsync($"CQ{i:D9},{school},T{teacher:D4},教师{teacher},C{random.Next(1, 21):D3},2021-{random.Next(1, 13):D2}-{random.Next(1, 29):D2},{random.Next(2, 11)},{random.Next(0, 2)}");
        }
    }
}
