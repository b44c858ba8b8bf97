using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// A real database, migrated and seeded exactly as the portal does at start-up, with the infrastructure services wired
/// as in production: a SQLite file, or with EDUGOV_TEST_PROVIDER=PostgreSql a database of its own on the PostgreSQL
/// server EDUGOV_TEST_POSTGRES names (see <see cref="TestProvider"/>). Disposing deletes the file or drops the database.
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

    /// <summary>
    /// A copy of a database seeded once per test run (<see cref="SeededTemplates"/>), as the seeder left it. Starting each
    /// copy as the portal does (the seeder checking thirteen kinds of data and adding nothing) cost a minute of every pass
    /// over 263 copies; SeedTests start a seeded database again and show that it adds nothing.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool demo = true, IDictionary<string, string?>? settings = null)
    {
        var database = CreateUninitialised(demo, settings);
        await SeededTemplates.CopyAsync(SeededTemplates.Kind(demo, settings), async path =>
        {
            await using var services = At(path, demo, settings).Services;
            await services.GetRequiredService<DataSeeder>().InitializeAsync();
        }, database._path, TestProvider.IsPostgreSql ? PostgresDatabases.Copies : null);
        return database;
    }

    /// <summary>The file (or empty server) and services only: the test migrates and seeds.</summary>
    public static TestDatabase CreateUninitialised(bool demo = true, IDictionary<string, string?>? settings = null) =>
        At(Path.Combine(Path.GetTempPath(), $"edugov-test-{Guid.NewGuid():N}.db"), demo, settings);

    private static TestDatabase At(string path, bool demo, IDictionary<string, string?>? settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduGov"] = TestProvider.IsPostgreSql ? PostgresDatabases.ConnectionString(path) : $"Data Source={path};Pooling=False",
            ["EduGov:DatabaseProvider"] = TestProvider.Current.ToString(),
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
        if (TestProvider.IsPostgreSql) await PostgresDatabases.DropAsync(_path);
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

/// <summary>
/// The database the tests run on: SQLite files unless EDUGOV_TEST_PROVIDER=PostgreSql, then the PostgreSQL server named
/// by EDUGOV_TEST_POSTGRES ("Host=127.0.0.1;Port=…;Username=postgres"; tests/postgres.sh starts a throwaway one).
/// </summary>
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("EDUGOV_TEST_PROVIDER") is { Length: > 0 } p ? p : "Sqlite", ignoreCase: true);

    public static bool IsPostgreSql => Current == DatabaseProvider.PostgreSql;
}

/// <summary>
/// One database per test on the PostgreSQL server, named after the path a SQLite test would use. A seeded template is
/// copied by the server (CREATE DATABASE … TEMPLATE), which needs no session open on the template: the pool's idle
/// connections to it are closed first.
/// </summary>
internal static class PostgresDatabases
{
    private static readonly string Server = Environment.GetEnvironmentVariable("EDUGOV_TEST_POSTGRES") is { Length: > 0 } s ? s
        : throw new InvalidOperationException(
            "EDUGOV_TEST_PROVIDER=PostgreSql needs EDUGOV_TEST_POSTGRES (e.g. Host=127.0.0.1;Port=5433;Username=postgres): run tests/postgres.sh.");

    // Copies from one template one at a time: the server refuses a copy while another session reads the template.
    private static readonly SemaphoreSlim Copying = new(1, 1);

    public static readonly SeededTemplates.ServerCopies Copies = new(CopyAsync, path => DropAsync(path).GetAwaiter().GetResult());

    public static string Name(string path) => Path.GetFileNameWithoutExtension(path).Replace('-', '_');

    public static string ConnectionString(string path) => $"{Server};Database={Name(path)}";

    private static async Task CopyAsync(string template, string path)
    {
        await Copying.WaitAsync();
        try
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(template)));
            // FILE_COPY: with durability off, copying the template's files beats PostgreSQL 15's default of writing every
            // page to the WAL (the PostgreSQL pass took 3 m 56 s instead of 5 m 3 s on two cores).
            await ExecuteAsync($"CREATE DATABASE {Name(path)} TEMPLATE {Name(template)} STRATEGY FILE_COPY");
        }
        finally
        {
            Copying.Release();
        }
    }

    public static async Task DropAsync(string path)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(path)));
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Name(path)} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
