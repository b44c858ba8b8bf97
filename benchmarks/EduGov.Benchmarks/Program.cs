// Times the portal's lists and dashboards on a city-scale database (about 9,000 schools under 重庆市) against the
// budget: server time p95 ≤ 150 ms. Usage: dotnet run --project benchmarks/EduGov.Benchmarks -c Release [-- --iterations 50]
// With `-- import`: imports 1,000,000 training records for about 400,000 teachers instead (budget ≤ 60 s, bounded memory),
// then times the training compliance dashboard on that city. With `-- security`: registers a city-wide 等保 register
// (about 10,000 systems) and times the security pages and a change's recount. With `-- documents`: makes the white paper
// of 重庆市 and a district's supervision report with a warm browser (budgets ≤ 3 s and ≤ 1 s), and the quarterly batch of every district's report (≤ 15 s). With `-- audit`: verifies
// an audit chain of 1,000,000 entries beside a bare read of the same rows (budget: well under a minute). With `-- workbench`: only
// the workbench cases (the commission's GET /api/me/tasks and home page, a district's and a principal's tasks); with
// `-- --case TEXT` only the cases whose name holds TEXT. With
// `-- --postgres CONNECTION`: on a PostgreSQL server instead of the SQLite file. With `-- browser [--users 50] [--rounds 2] [--url URL]`:
// the built portal on that database with that many people signed in at once in Chromium, each opening its role's pages.
using System.Diagnostics;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(50);
// City (about 9,000 schools) unless `--scale Demo` (the few hundred schools the portal starts with).
var scale = args.SkipWhile(a => a != "--scale").Skip(1).FirstOrDefault("City");
// Kept between runs (building it takes about two minutes at city scale: eight years of filings); a new migration gives a new file.
var migration = typeof(SqliteDbContext).Assembly.GetTypes()
    .Where(t => t.Namespace?.EndsWith("Migrations.Sqlite") == true && t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0)
    .Select(t => ((Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute)t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)[0]).Id)
    .Max();
if (args.Contains("audit"))
{
    await AuditBenchmark.RunAsync(Path.Combine(Path.GetTempPath(), $"edugov-bench-audit-{migration}.db"));
    return 0;
}
// `--postgres "Host=…;Username=…"`: the same cases on that PostgreSQL server instead, in a database of their own there
// (edugov_bench_<scale>_<migration>, kept like the SQLite file).
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
var path = postgres is null
    ? Path.Combine(Path.GetTempPath(), $"edugov-bench-{scale.ToLowerInvariant()}-{migration}.db")
    : $"{postgres};Database=edugov_bench_{scale.ToLowerInvariant()}_{migration}";
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["EduGov:DatabaseProvider"] = postgres is null ? "Sqlite" : "PostgreSql",
    ["ConnectionStrings:EduGov"] = postgres is null ? $"Data Source={path}" : path,
    ["EduGov:Demo:Enabled"] = "true",
    ["EduGov:Demo:Scale"] = scale,
}).Build();
await using var services = new ServiceCollection().AddLogging().AddDataProtection().Services.AddLocalization(options => options.ResourcesPath = "Resources").AddInfrastructure(configuration)
    .AddScoped<EduGov.Infrastructure.Supervision.IDocumentGenerator, EduGov.Web.Reports.DocumentGenerator>().BuildServiceProvider();

var seeding = Stopwatch.StartNew();
await services.GetRequiredService<DataSeeder>().InitializeAsync();
await using (var db = await services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync())
    Console.WriteLine($"database: {path}, {await db.OrgUnits.CountAsync(u => u.Kind == OrgUnitKind.School):N0} schools, " +
        $"{await db.Filings.CountAsync():N0} filings, ready in {seeding.Elapsed.TotalSeconds:F1} s");

if (args.Contains("browser"))
{
    var users = args.SkipWhile(a => a != "--users").Skip(1).Select(int.Parse).FirstOrDefault(50);
    var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(2);
    var url = args.SkipWhile(a => a != "--url").Skip(1).FirstOrDefault();
    // The portal on this database with this run's folders: the audit chain's key and the evidence files are where it wrote them.
    var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EduGovOptions>>().Value;
    return await BrowserBenchmark.RunAsync(new Dictionary<string, string>
    {
        ["EduGov__DatabaseProvider"] = configuration["EduGov:DatabaseProvider"]!,
        ["ConnectionStrings__EduGov"] = configuration["ConnectionStrings:EduGov"]!,
        ["EduGov__Demo__Scale"] = scale,
        ["EduGov__KeysPath"] = Path.GetFullPath(options.KeysPath),
        ["EduGov__FilesPath"] = Path.GetFullPath(options.FilesPath),
    }, users, rounds, url) ? 1 : 0;
}
if (args.Contains("import"))
{
    await TrainingImportBenchmark.RunAsync(services);
    return 0;
}
if (args.Contains("documents"))
{
    await DocumentsBenchmark.RunAsync(services);
    return 0;
}
if (args.Contains("security"))
{
    await SecurityBenchmark.RunAsync(services);
    return 0;
}

var commission = new AccessScope("commission", Role.Commission, "/500000/");
var district = new AccessScope("district", Role.District, "/500000/500112/");
var units = services.GetRequiredService<OrgUnitService>();
var plans = services.GetRequiredService<PlanService>();
var progress = services.GetRequiredService<ProgressService>();
int Unit(string code) => services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext().OrgUnits.Single(u => u.Code == code).Id;
var chongqing = Unit("500000");
var yubei = Unit("500112");
var plan = (await plans.ListAsync(commission)).Single(p => p.Title.Contains("五年工作方案")).Id;
var filings = services.GetRequiredService<FilingService>();
var coverage = services.GetRequiredService<CoverageDashboard>();
var period = (await filings.CurrentPeriodAsync(commission))!.Id;
var interactive = (await coverage.IndicatorsAsync(commission, period, chongqing, new SchoolFilter())).Single(i => i.Code == "CQ5-03").IndicatorId;

var programmes = services.GetRequiredService<EduGov.Infrastructure.Designations.ProgrammeService>();
var security = services.GetRequiredService<EduGov.Infrastructure.Security.SecurityService>();
var designations = services.GetRequiredService<EduGov.Infrastructure.Designations.DesignationService>();
var applications = services.GetRequiredService<EduGov.Infrastructure.Designations.ApplicationService>();
var programme = (await programmes.ListAsync(commission)).First(p => p.Details.Target == EduGov.Domain.Designations.DesignationTarget.Schools).Id;
var workbench = services.GetRequiredService<EduGov.Infrastructure.Workbench.WorkbenchService>();
var principal = await services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext().OrgUnits
    .Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/500000/500112/")).OrderBy(u => u.Code).Select(u => new AccessScope("principal", Role.Principal, u.Path)).FirstAsync();

var principalSchool = Unit(principal.OrgPath!.TrimEnd('/').Split('/')[^1]);
var sources = services.GetRequiredService<ValueSourcesService>();
var interactiveIndicator = await sources.IndicatorIdAsync(commission, "CQ5-03");

var cases = new (string Name, Func<Task> Run)[]
{
    ("home: roots with school counts (city)", () => units.RootsAsync(commission)),
    ("org: 38 districts with school counts", () => units.ChildrenAsync(commission, chongqing, new OrgUnitQuery())),
    ("org: district schools, page 1", () => units.ChildrenAsync(district, yubei, new OrgUnitQuery())),
    ("org: district schools, filter + sort", () => units.ChildrenAsync(district, yubei, new OrgUnitQuery(SchoolType: SchoolType.Primary, IsRural: true, SortBy: "Students", Descending: true))),
    ("org: search schools in the city", () => units.SearchAsync(commission, "实验小学")),
    ("plans: catalog list", () => plans.ListAsync(commission)),
    ("plans: one plan with everything", () => plans.GetAsync(commission, plan)),
    ("progress: plan × 重庆市 × 2022 (with outlooks)", () => progress.GetAsync(commission, plan, "500000", 2022)),
    ("progress: plan × 渝北区 × 2021 (projections)", () => progress.GetAsync(commission, plan, "500112", 2021)),
    ("warnings: the city's plans × 38 districts", () => progress.WarningsAsync(commission, 2021)),
    ("sources: the city's CQ5-03, from 38 districts", () => sources.GetAsync(commission, interactiveIndicator, "500000", 2025)),
    ("sources: 渝北区's CQ5-03, from its schools", () => sources.GetAsync(commission, interactiveIndicator, "500112", 2025)),
    ("coverage: city indicators (stored values)", () => coverage.IndicatorsAsync(commission, period, chongqing, new SchoolFilter())),
    ("coverage: city indicators, rural only (summed)", () => coverage.IndicatorsAsync(commission, period, chongqing, new SchoolFilter(IsRural: true))),
    ("coverage: 38 districts compared (stored)", () => coverage.ComparisonAsync(commission, period, chongqing, interactive, new SchoolFilter())),
    ("coverage: 38 districts compared, primary only", () => coverage.ComparisonAsync(commission, period, chongqing, interactive, new SchoolFilter(SchoolType.Primary))),
    ("coverage: district schools compared, page 1", () => coverage.ComparisonAsync(district, period, yubei, interactive, new SchoolFilter())),
    ("coverage: dashboard page (all of the above)", async () =>
    {
        await coverage.HeaderAsync(commission, period, chongqing);
        await coverage.IndicatorsAsync(commission, period, chongqing, new SchoolFilter());
        await coverage.ComparisonAsync(commission, period, chongqing, interactive, new SchoolFilter());
        await filings.ListAsync(commission, period, chongqing, new FilingQuery(NotStartedOnly: true));
    }),
    ("filing: completeness of 38 districts", () => filings.CompletenessAsync(commission, period, chongqing)),
    ("filing: district review list, to review", () => filings.ListAsync(district, period, yubei, new FilingQuery(Status: EduGov.Domain.Filing.FilingStatus.Submitted))),
    ("filing: city not-filed list, page 1", () => filings.ListAsync(commission, period, chongqing, new FilingQuery(NotStartedOnly: true))),
    // The form loads what its figures are checked against: last year's approved filing and the peers of its type and setting.
    ("filing: a principal's form with its checks", () => filings.GetAsync(principal, period, principalSchool)),
    ("filing: data-quality scorecard of 38 districts", () => filings.ScorecardsAsync(commission, period)),
    ("programmes: list with counts", () => programmes.ListAsync(commission)),
    ("programmes: designated units", () => designations.ListAsync(commission, programme, new EduGov.Infrastructure.Designations.DesignationFilter())),
    ("programmes: designations per district", () => designations.ByDistrictAsync(commission, programme)),
    ("programmes: applications", () => applications.ListAsync(commission, programme)),
    ("security: city dashboard with 38 districts", () => security.DashboardAsync(commission, chongqing)),
    ("security: register of the city, page 1", () => security.SystemsAsync(commission)),
    ("security: open remediation items", () => security.ItemsAsync(commission)),
    // The workbench (工作台): GET /api/me/tasks is the commission's tasks; the home page is its tasks and the plans that apply.
    ("workbench: commission tasks (/api/me/tasks)", () => workbench.TasksAsync(commission)),
    ("workbench: commission home page", () => Task.WhenAll(workbench.TasksAsync(commission), plans.ListAsync(commission))),
    ("workbench: district tasks", () => workbench.TasksAsync(district)),
    ("workbench: principal tasks", () => workbench.TasksAsync(principal)),
};

Timing.Header(44);
var failed = false;
// `-- workbench`: the workbench's cases (its tasks and home page) beside two budgeted dashboards for reference;
// `-- --case TEXT`: the cases whose name holds TEXT (e.g. "scorecard"); either without the concurrent saves below.
var workbenchOnly = args.Contains("workbench");
var only = args.SkipWhile(a => a != "--case").Skip(1).FirstOrDefault();
bool Selected(string name) => only is not null ? name.Contains(only, StringComparison.OrdinalIgnoreCase)
    : !workbenchOnly || name.StartsWith("workbench") || name is "filing: completeness of 38 districts" or "coverage: dashboard page (all of the above)";
foreach (var (name, run) in cases.Where(c => Selected(c.Name)))
    failed |= await Timing.CaseAsync(name, run, iterations, 44);
if (workbenchOnly || only is not null)
{
    // On a shared machine wall time also measures the queue for its cores: the processor time a call costs says what it needs.
    foreach (var (name, run) in cases.Where(c => Selected(c.Name)))
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < iterations; i++) await run();
        Console.WriteLine($"{name.PadRight(44)} {(Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds / iterations,8:F1} ms of processor time a call");
    }
    Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
    return failed ? 1 : 0;
}
// 200 principals saving at once: every save lands, and two saves of one filing from the same version never both land.
await using (var db = await services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync())
{
    var editable = await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/")
            && !db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id && (f.Status == EduGov.Domain.Filing.FilingStatus.Submitted || f.Status == EduGov.Domain.Filing.FilingStatus.Approved)))
        .OrderBy(s => s.Code).Take(200).Select(s => new { s.Id, s.Path }).ToListAsync();
    var principals = editable.Select(s => (s.Id, Scope: new AccessScope($"p{s.Id}", Role.Principal, s.Path))).ToList();
    var views = new Dictionary<int, FilingView>();
    foreach (var (id, scope) in principals) views[id] = await filings.GetAsync(scope, period, id);
    var saveTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(principals.Select(p => Task.Run(async () =>
    {
        using var scope = services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<FilingService>();
        var view = views[p.Id];
        var watch = Stopwatch.StartNew();
        await service.SaveDraftAsync(p.Scope, period, p.Id, view.Version, view.Survey with { MakerSpaces = (view.Survey.MakerSpaces ?? 0) + 1 });
        saveTimes.Add(watch.Elapsed.TotalMilliseconds);
    })));
    wall.Stop();
    var lost = 0;
    foreach (var (id, scope) in principals)
        if ((await filings.GetAsync(scope, period, id)).Survey.MakerSpaces != (views[id].Survey.MakerSpaces ?? 0) + 1) lost++;
    var sorted = saveTimes.OrderBy(t => t).ToList();
    Console.WriteLine($"{principals.Count} principals saving at once: {wall.Elapsed.TotalMilliseconds:F0} ms in all, p95 {sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1]:F0} ms a save, {lost} lost");

    var (raceId, raceScope) = principals[0];
    var stale = await filings.GetAsync(raceScope, period, raceId);
    var outcomes = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => Task.Run(async () =>
    {
        using var scope = services.CreateScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<FilingService>().SaveDraftAsync(raceScope, period, raceId, stale.Version, stale.Survey with { SmartClassrooms = n });
            return "saved";
        }
        catch (EduGov.Domain.Common.DomainException e) when (e.Code == EduGov.Domain.Common.ErrorCodes.ConcurrentEdit)
        {
            return "conflict";
        }
    })));
    Console.WriteLine($"two saves of one filing from the same version: {string.Join(", ", outcomes.Order())}");
    failed |= lost > 0 || outcomes.Count(o => o == "saved") != 1;
}
return failed ? 1 : 0;
