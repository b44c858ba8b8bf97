using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EduGov.Infrastructure.Supervision;
using EduGov.Web.Tests.Jobs;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Tests.Operations;

/// <summary>A portal with a monitoring token that logs JSON as Production does, each line also kept for the test.</summary>
public sealed class MonitoredPortalFactory : PortalFactory
{
    public const string Token = "test-monitoring-token-4f1c";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["EduGov:Monitoring:Token"] = Token,
        ["Logging:Console:FormatterName"] = "json",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        // A line that every request to an endpoint writes inside the pipeline, under the user's scope.
        ["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointMiddleware"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<JsonLog>().AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<JsonLog>()));
    }

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Monitor() => WithToken(Token);
}

/// <summary>Every log line as the console's JSON formatter writes it (the portal's own formatter and options), scopes and all.</summary>
public sealed class JsonLog(IEnumerable<ConsoleFormatter> formatters) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter _json = formatters.Single(f => f.Name == ConsoleFormatterNames.Json);
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(JsonLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => log._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringWriter();
            log._json.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), log._scopes, line);
            log.Lines.Enqueue(line.ToString());
        }
    }
}

/// <summary>
/// Runs alone, after the tests that run side by side. The portals of one test process share the meters' names, and OpenTelemetry
/// keeps one stream per name: a portal that stops ends that stream in every other portal, whose later measurements are lost.
/// Deployed, one portal runs in a process and has no such neighbour.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScrapedAlone
{
    public const string Name = "scraped alone";
}

[Collection(ScrapedAlone.Name)]
public sealed class MonitoringTests(MonitoredPortalFactory portal) : IClassFixture<MonitoredPortalFactory>
{
    [Fact]
    public async Task Healthz_Anonymous_AnswersOkAndNothingMore()
    {
        var response = await portal.Anonymous().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task Healthz_NotAnAdministrator_AnswersOkAndNothingMore()
    {
        var response = await (await portal.SignedInAsync("district")).GetAsync("/healthz");

        (await response.Content.ReadAsStringAsync()).ShouldBe("ok");
    }

    [Fact]
    public async Task Healthz_Administrator_ShowsDiskJobsAndAuditChain()
    {
        var health = await JsonAsync(await (await portal.SignedInAsync("admin")).GetAsync("/healthz"));

        health.GetProperty("status").GetString().ShouldBe("healthy");
        (health.GetProperty("database").GetString(), health.GetProperty("scheduler").GetString(), health.GetProperty("audit").GetString())
            .ShouldBe(("ok", "Running", "intact"));
        var disk = health.GetProperty("disk");
        disk.GetProperty("status").GetString().ShouldBe("ok");
        disk.GetProperty("freeMegabytes").GetInt64().ShouldBeGreaterThanOrEqualTo(disk.GetProperty("minimumMegabytes").GetInt64());
        health.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("job").GetString())
            .ShouldBe(Infrastructure.Jobs.JobCatalog.All.Select(j => j.Key.Name));
    }

    [Fact]
    public async Task Healthz_MonitoringToken_ShowsTheLastRunOfEachJob()
    {
        await JobRuns.RunAndWaitAsync(portal.Services, "send-reminders", finished: 1);

        var health = await JsonAsync(await portal.Monitor().GetAsync("/healthz"));

        var reminders = health.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("job").GetString() == "send-reminders");
        reminders.GetProperty("outcome").GetString().ShouldBe("Succeeded");
        reminders.GetProperty("startedAtUtc").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Metrics_AfterARequest_HaveItsDuration()
    {
        (await (await portal.SignedInAsync("district")).GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A request's duration is recorded as it ends, after the client has its answer, and a scrape is cached for a moment.
        var metrics = await ScrapeUntilAsync("http_route=\"/api/plans/\"");

        metrics.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
    }

    [Fact]
    public async Task Metrics_AfterAJobRun_CountTheRunAndItsDuration()
    {
        await JobRuns.RunAndWaitAsync(portal.Services, "recount-indicators", finished: 1);

        var metrics = await ScrapeUntilAsync("edugov_job_runs_total{otel_scope_name=\"EduGov\",job=\"recount-indicators\",outcome=\"succeeded\"}");

        metrics.ShouldContain("edugov_job_duration_seconds_count{otel_scope_name=\"EduGov\",job=\"recount-indicators\",outcome=\"succeeded\"}");
    }

    [Fact]
    public async Task Metrics_AfterADocumentIsPrinted_HaveThePrintTime()
    {
        await portal.Services.GetRequiredService<IPdfPrinter>().PrintAsync("<!DOCTYPE html><html><head><title>t</title></head><body>一页</body></html>", null);

        await ScrapeUntilAsync("edugov_document_print_duration_seconds_count{otel_scope_name=\"EduGov\",outcome=\"succeeded\"}");
    }

    [Fact]
    public async Task Metrics_SignedInAdministrator_MayReadThem()
    {
        var response = await (await portal.SignedInAsync("admin")).GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("# TYPE dotnet_gc_collections_total counter");
    }

    [Fact]
    public async Task Metrics_WithoutTheToken_AreRefused()
    {
        (await portal.Anonymous().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await portal.WithToken("not-the-token").GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await portal.SignedInAsync("district")).GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task JsonLog_ARequestOfASignedInUser_CarriesUserUnitAndRequestId()
    {
        var client = await portal.SignedInAsync("district");

        (await client.GetAsync("/api/plans")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var line = portal.Services.GetRequiredService<JsonLog>().Lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(l => l.GetProperty("Message").GetString()!.Contains("/api/plans") && Scope(l, "UserName") == "district");
        Scope(line, "UnitCode").ShouldBe("500103");
        Scope(line, "RequestId").ShouldNotBeNullOrEmpty();
        Scope(line, "TraceId").ShouldNotBeNullOrEmpty();
    }

    private static string? Scope(JsonElement line, string name) =>
        line.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
            .Select(s => s.GetProperty(name).ToString()).FirstOrDefault();

    private async Task<string> ScrapeUntilAsync(string expected)
    {
        for (var waited = 0; waited < 10_000; waited += 250)
        {
            if (await ScrapeAsync() is var metrics && metrics.Contains(expected)) return metrics;
            await Task.Delay(250);
        }
        var last = await ScrapeAsync();
        // In one full run (3 December, on 0fb23cb) all three scraping tests failed here, for a reason not yet known: the
        // names of the streams that did come tell the next reader more than the scrape's first line.
        last.ShouldContain(expected, customMessage: "metrics scraped: " + string.Join(" ", last.Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('{', ' ')[0]).Distinct()));
        return last;
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await portal.Monitor().GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}

/// <summary>A portal that wants more free disk than any machine has.</summary>
public sealed class FullDiskPortalFactory : PortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["EduGov:Monitoring:MinFreeDiskMegabytes"] = long.MaxValue.ToString(),
        ["EduGov:Monitoring:Token"] = MonitoredPortalFactory.Token,
    };
}

public sealed class FullDiskHealthTests(FullDiskPortalFactory portal) : IClassFixture<FullDiskPortalFactory>
{
    [Fact]
    public async Task Healthz_DiskBelowTheMinimum_Answers503_AndSaysWhy()
    {
        var plain = await portal.Anonymous().GetAsync("/healthz");
        var client = portal.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MonitoredPortalFactory.Token);
        var details = await client.GetAsync("/healthz");

        plain.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await plain.Content.ReadAsStringAsync()).ShouldBe("unhealthy");
        details.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await details.Content.ReadAsStringAsync()).RootElement.GetProperty("disk").GetProperty("status").GetString().ShouldBe("low");
    }
}

public sealed class LostDatabaseHealthTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Healthz_DatabaseFileGone_Answers503()
    {
        (await portal.Anonymous().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("EduGov")).DataSource;

        var files = new[] { path, path + "-wal", path + "-shm" };
        foreach (var file in files.Where(File.Exists)) File.Move(file, file + ".gone");
        try
        {
            var response = await portal.Anonymous().GetAsync("/healthz");

            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await response.Content.ReadAsStringAsync()).ShouldBe("unhealthy");
        }
        finally
        {
            // Put back before the portal stops: a scheduler that finds its tables gone retries for ever and never stops.
            foreach (var file in files)
                if (File.Exists(file + ".gone")) File.Move(file + ".gone", file, overwrite: true);
                else File.Delete(file);
        }
    }
}

public sealed class ProductionLoggingTests(ProductionPortalFactory portal) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public void Logging_InProduction_IsJsonWithScopes()
    {
        portal.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName.ShouldBe(ConsoleFormatterNames.Json);
        var json = portal.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
        (json.IncludeScopes, json.UseUtcTimestamp).ShouldBe((true, true));
    }
}
