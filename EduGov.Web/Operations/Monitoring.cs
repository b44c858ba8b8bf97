using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Common;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace EduGov.Web.Operations;

/// <summary>
/// What operators watch: the log (JSON in Production, with the user, unit and request or circuit of each line), metrics in
/// Prometheus format on /metrics, and /healthz. Who may see more than "ok": a signed-in administrator, or a request with the
/// monitoring token (EduGov:Monitoring:Token) as a bearer token, which is how Prometheus and a monitoring system come in.
/// </summary>
public static class Monitoring
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddMonitoring(this WebApplicationBuilder builder)
    {
        // Chinese names as characters in the JSON log, not \u escapes (the log is read, not rendered as HTML).
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
            json.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        builder.Services.AddScoped<CircuitHandler, CircuitLogScope>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("edugov"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(EduGovMetrics.MeterName, "Microsoft.AspNetCore.Components.Server.Circuits")
                .AddPrometheusExporter());
        return builder;
    }

    public static void MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(policy => policy.RequireAssertion(c => c.Resource is HttpContext http && MayWatch(http)));

    /// <summary>A signed-in administrator, or the bearer of the monitoring token (compared in constant time).</summary>
    public static bool MayWatch(HttpContext http)
    {
        if (http.User.IsInRole(nameof(Role.Admin))) return true;
        var token = http.RequestServices.GetRequiredService<IOptions<EduGovOptions>>().Value.Monitoring.Token;
        var header = http.Request.Headers.Authorization.ToString();
        return token is { Length: > 0 } && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
