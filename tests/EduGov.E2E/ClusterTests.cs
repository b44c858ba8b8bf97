using Microsoft.Playwright;
using EduGov.Tests;
using Npgsql;

namespace EduGov.E2E;

/// <summary>
/// Two instances of the portal on one PostgreSQL database, as behind a load balancer: Quartz clustered, Data Protection
/// keys and sessions in the database. Run by test.sh's PostgreSQL pass (tests/postgres.sh gives the server).
/// </summary>
[Collection(PortalCluster.Name)]
public sealed class ClusterTests(PortalCluster cluster)
{
    [PostgresFact]
    public async Task AScheduledFiring_RunsOnceOnOneInstance_WithOneRunInTheHistory()
    {
        // Audit-trail checks fire every 5 s on both instances' schedule: each firing must be taken by exactly one of them.
        var runs = await PortalServer.PollAsync(() => cluster.QueryAsync(
                """SELECT "DueAtUtc", "Node" FROM "JobRuns" WHERE "Job" = 'verify-audit-trail' AND "Cause" = 1 AND "Outcome" = 2""",
                r => (Due: r.GetDateTime(0), Node: r.GetString(1))),
            rows => rows.Count >= 3);

        runs.GroupBy(r => r.Due).ShouldAllBe(firing => firing.Count() == 1);
        runs.Select(r => r.Node).Distinct().ShouldBeSubsetOf(PortalCluster.Nodes);
    }

    [PostgresFact]
    public async Task RunNowOnOneInstance_AppearsInTheHistoryReadFromTheOther()
    {
        var admin = await cluster.A.SignInAsync("admin");
        await cluster.RunNowAsync(admin, cluster.A.BaseUrl, "escalate-urgings");
        await PortalServer.PollAsync(() => cluster.QueryAsync(
                """SELECT "Id" FROM "JobRuns" WHERE "Job" = 'escalate-urgings' AND "Cause" = 2 AND "Outcome" = 2""", r => r.GetInt32(0)),
            rows => rows.Count == 1);

        var history = await cluster.OpenHistoryAsync(admin, cluster.B.BaseUrl, "escalate-urgings");

        await Assertions.Expect(history.First).ToContainTextAsync("手动运行");
        await Assertions.Expect(history.First).ToContainTextAsync("成功");
    }

    [PostgresFact]
    public async Task ASignInCookieOfOneInstance_IsAcceptedByTheOther()
    {
        var signedInOnA = await cluster.A.SignInAsync("principal");
        var cookies = await signedInOnA.Context.StorageStateAsync();

        var onB = await cluster.A.NewPageAsync(storageState: cookies);
        await onB.GotoAsync($"{cluster.B.BaseUrl}/");
        await PortalServer.WaitInteractiveAsync(onB);

        await Assertions.Expect(onB).ToHaveURLAsync($"{cluster.B.BaseUrl}/");
        await Assertions.Expect(onB.Locator("header .user-name")).ToHaveTextAsync(
            await signedInOnA.Locator("header .user-name").InnerTextAsync());
    }

    [PostgresFact]
    public async Task TheInstanceRunningALongJob_Killed_TheOtherRecoversTheJob_AndTheHistorySaysSo()
    {
        var admin = await cluster.A.SignInAsync("admin");
        await cluster.RunNowAsync(admin, cluster.A.BaseUrl, "make-white-papers");
        var (cutFireId, cutNode) = (await PortalServer.PollAsync(() => cluster.QueryAsync(
                """SELECT "FireId", "Node" FROM "JobRuns" WHERE "Job" = 'make-white-papers' AND "Outcome" = 1""",
                r => (FireId: r.GetString(0), Node: r.GetString(1))),
            rows => rows.Count == 1, pollEvery: TimeSpan.FromMilliseconds(50)))[0];
        var (victim, survivor) = cutNode == PortalCluster.Nodes[0] ? (cluster.A.Process, cluster.B) : (cluster.B, cluster.A.Process);
        var survivorNode = PortalCluster.Nodes.Single(n => n != cutNode);

        await victim.KillAsync();
        try
        {
            var recovered = (await PortalServer.PollAsync(() => cluster.QueryAsync(
                    """SELECT "Node" FROM "JobRuns" WHERE "Job" = 'make-white-papers' AND "Cause" = 5 AND "Outcome" = 2""",
                    r => r.GetString(0)),
                rows => rows.Count == 1, timeout: TimeSpan.FromMinutes(3))).Single();
            var cut = (await cluster.QueryAsync(
                """SELECT "Outcome", "Error" FROM "JobRuns" WHERE "FireId" = @p""", r => (Outcome: r.GetInt32(0), Error: r.GetString(1)), cutFireId)).Single();

            recovered.ShouldBe(survivorNode);
            cut.Outcome.ShouldBe(3);
            cut.Error.ShouldContain($"实例 {cutNode} 停止，已由实例 {survivorNode} 接续");
            var history = await cluster.OpenHistoryAsync(admin, survivor.BaseUrl, "make-white-papers");
            await Assertions.Expect(history.First).ToContainTextAsync("接续");
            await Assertions.Expect(history.First).ToContainTextAsync($"实例 {survivorNode}");
            await Assertions.Expect(history.Nth(1)).ToContainTextAsync("运行中断");
            await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "cluster-recovered-run.png") });
        }
        finally
        {
            await victim.StartAsync();
        }
    }
}

/// <summary>Skipped unless a PostgreSQL server is given (EDUGOV_TEST_POSTGRES, set by tests/postgres.sh).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PortalCluster.Server is null) Skip = "needs PostgreSQL: run through tests/postgres.sh (test.sh's PostgreSQL pass does)";
    }
}

/// <summary>
/// Instance A (a <see cref="PortalServer"/>, whose browser the tests use) and instance B, with the same settings but their
/// names in the cluster, on a database of their own; cookies are per host, not per port, so one browser context is signed
/// in on both, as behind a load balancer.
/// </summary>
public sealed class PortalCluster : IAsyncLifetime
{
    public const string Name = "cluster";
    public static readonly string[] Nodes = ["portal-a", "portal-b"];
    public static string? Server { get; } = Environment.GetEnvironmentVariable("EDUGOV_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    private readonly string _database = $"edugov_cluster_{Guid.NewGuid():N}";
    private readonly string _files = Path.Combine(Path.GetTempPath(), $"edugov-cluster-{Guid.NewGuid():N}");

    public PortalServer A { get; private set; } = default!;
    public PortalProcess B { get; private set; } = default!;
    private string ConnectionString => $"{Server};Database={_database}";

    public async Task InitializeAsync()
    {
        if (Server is null) return;
        var logs = Path.Combine(PortalServer.Root, "artifacts");
        A = new PortalServer(new Dictionary<string, string>
        {
            ["EduGov__DatabaseProvider"] = "PostgreSql",
            ["ConnectionStrings__EduGov"] = ConnectionString,
            ["EduGov__FilesPath"] = _files, // the shared volume every instance mounts
            ["EduGov__Jobs__InstanceId"] = Nodes[0],
            ["EduGov__Jobs__ClusterCheckinInterval"] = "00:00:02",
            ["EduGov__Jobs__VerifyAuditTrail"] = "0/5 * * * * ?",
        }, Path.Combine(logs, "cluster-a.log"));
        // A migrates and seeds the new database; B then starts on it as a second machine would.
        await A.InitializeAsync();
        B = new PortalProcess(new Dictionary<string, string>(A.Settings) { ["EduGov__Jobs__InstanceId"] = Nodes[1] }, Path.Combine(logs, "cluster-b.log"));
        await B.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is null) return;
        await B.DisposeAsync();
        await A.DisposeAsync();
        await using var connection = new NpgsqlConnection($"{Server};Database=postgres");
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
        if (Directory.Exists(_files)) Directory.Delete(_files, recursive: true);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, string? p = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (p is not null) command.Parameters.AddWithValue("p", p);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    public async Task RunNowAsync(IPage page, string instance, string job)
    {
        await page.GotoAsync($"{instance}/jobs");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator($"tr:has([data-job='{job}']) .run-now").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
    }

    /// <summary>The job's run history as the 任务调度 page of <paramref name="instance"/> shows it, newest first.</summary>
    public async Task<ILocator> OpenHistoryAsync(IPage page, string instance, string job)
    {
        await page.GotoAsync($"{instance}/jobs");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator($"tr:has([data-job='{job}']) .history").ClickAsync();
        var rows = page.Locator("#run-table tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        return rows;
    }
}

[CollectionDefinition(PortalCluster.Name)]
public sealed class PortalClusterCollection : ICollectionFixture<PortalCluster>;
