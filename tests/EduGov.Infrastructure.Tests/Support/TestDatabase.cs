using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// A real SQLite database file, migrated and seeded exactly as the portal does at start-up, with the
/// infrastructure services wired as in production. Disposing deletes the file.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _path;
    private readonly IConfiguration _configuration;

    private TestDatabase(string path, IConfiguration configuration)
    {
        _path = path;
        _configuration = configuration;
        Services = Build(configuration);
    }

    public ServiceProvider Services { get; private set; }

    /// <summary>As if the portal stopped and started again on the same database.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build(_configuration);
    }

    private static ServiceProvider Build(IConfiguration configuration) => new ServiceCollection()
        .AddLogging()
        .AddDataProtection().Services
        .AddInfrastructure(configuration)
        .BuildServiceProvider();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A copy of a database seeded once per test run (<see cref="SeededTemplates"/>), started as the portal starts.</summary>
    public static async Task<TestDatabase> CreateAsync(bool demo = true, IDictionary<string, string?>? settings = null)
    {
        var database = CreateUninitialised(demo, settings);
        await SeededTemplates.CopyAsync(SeededTemplates.Kind(demo, settings), async path =>
        {
            await using var services = At(path, demo, settings).Services;
            await services.GetRequiredService<DataSeeder>().InitializeAsync();
        }, database._path);
        await database.Get<DataSeeder>().InitializeAsync();
        return database;
    }

    /// <summary>The file and services only: the test migrates and seeds (e.g. to an earlier migration first).</summary>
    public static TestDatabase CreateUninitialised(bool demo = true, IDictionary<string, string?>? settings = null) =>
        At(Path.Combine(Path.GetTempPath(), $"edugov-test-{Guid.NewGuid():N}.db"), demo, settings);

    private static TestDatabase At(string path, bool demo, IDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduGov"] = $"Data Source={path};Pooling=False",
            ["EduGov:DatabaseProvider"] = "Sqlite",
            ["EduGov:Demo:Enabled"] = demo.ToString(),
            // The demo's evidence files (and the tests' uploads) beside the database, deleted with it.
            ["EduGov:FilesPath"] = path + "-files",
            // Quartz keeps one scheduler per name in the process: each test database gets its own.
            ["EduGov:Jobs:SchedulerName"] = $"test-{Guid.NewGuid():N}",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new TestDatabase(path, configuration);
    }

    public EduGovDbContext Open() => Get<IDbContextFactory<EduGovDbContext>>().CreateDbContext();

    public async Task<int> UnitIdAsync(string code)
    {
        await using var db = Open();
        return await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    public async Task<int> PlanIdAsync(string orgUnitCode, string titleFragment)
    {
        await using var db = Open();
        return await db.Plans.Where(p => p.OrgUnit.Code == orgUnitCode && p.Title.Contains(titleFragment)).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The latest audit entry of one user and action, or null.</summary>
    public async Task<AuditEntry?> LastAuditAsync(string actor, string action)
    {
        await using var db = Open();
        return await db.AuditEntries.Where(a => a.Actor == actor && a.Action == action).OrderByDescending(a => a.Id).FirstOrDefaultAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        if (Directory.Exists(_path + "-files")) Directory.Delete(_path + "-files", recursive: true);
    }
}

/// <summary>The scopes of the demo accounts, as their sign-in cookie carries them.</summary>
public static class Scopes
{
    public static readonly AccessScope Admin = new("admin", Role.Admin, null);
    public static readonly AccessScope Commission = new("commission", Role.Commission, "/500000/");
    public static readonly AccessScope District = new("district", Role.District, "/500000/500103/");
    public static readonly AccessScope OtherDistrict = new("jiangbei", Role.District, "/500000/500105/");
    public static readonly AccessScope Principal = new("principal", Role.Principal, $"/500000/500103/{DemoUsers.PrincipalSchoolCode}/");
    public static readonly AccessScope Inspector = new("inspector", Role.Inspector, "/500000/");
    public static readonly AccessScope Expert = new("expert", Role.Inspector, "/500000/");
    public static readonly AccessScope ChangshaCommission = new("changsha", Role.Commission, "/430100/");
    public static readonly AccessScope ChangshaInspector = new("changsha-inspector", Role.Inspector, "/430100/");
}

/// <summary>One migrated and seeded database shared by the read-only tests of a class.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;
    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await Db.DisposeAsync();
}
