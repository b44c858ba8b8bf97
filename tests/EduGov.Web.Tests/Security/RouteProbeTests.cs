using System.Reflection;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EduGov.Web.Tests.Security;

/// <summary>
/// Walks every GET route the portal maps (pages, API, downloads, static files, the framework's own) with hostile values in
/// each route parameter and query parameter, signed out and as each demo role, on real Kestrel: no answer may be 5xx,
/// and every answer carries the security headers.
/// </summary>
public sealed class RouteProbeTests(KestrelPortalFactory portal, ITestOutputHelper output) : IClassFixture<KestrelPortalFactory>
{
    /// <summary>Already URL-encoded: text, a number past int, negative, zero, NUL, a path climb, a long string, a backslash host, a Chinese path.</summary>
    private static readonly string[] Hostile =
        ["abc", "99999999999", "-1", "0", "%00", "..%2F..%2Fappsettings.json", new string('x', 2000), "%2F%5Cevil.example", "%2F%E8%AE%A1%E5%88%92"];

    private static readonly string?[] Users = [null, "admin", "commission", "district", "principal", "inspector"];

    [Fact]
    public async Task EveryRoute_WithHostileInput_AnswersWithout5xx_AndWithTheSecurityHeaders()
    {
        var routes = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .GroupBy(e => e.RoutePattern.RawText)
            .Select(g => g.First())
            .ToList();
        var serverErrors = new List<string>();
        var withoutHeaders = new List<string>();
        var (requests, refusedByKestrel) = (0, 0);

        foreach (var user in Users)
        {
            // A client of its own: the probe also switches the language and may end what it opens.
            var client = user is null ? portal.Anonymous() : await portal.SignInFreshAsync(user);
            foreach (var route in routes)
            foreach (var url in Urls(route))
            {
                using var response = await client.GetAsync(url);
                requests++;
                var who = $"{user ?? "signed out"} GET {Shorten(url)}";
                if ((int)response.StatusCode >= 500) serverErrors.Add($"{who}: {(int)response.StatusCode}");
                else if (RefusedByKestrel(response)) refusedByKestrel++;
                else if (SecurityHeadersTests.Missing(response) is { Count: > 0 } missing) withoutHeaders.Add($"{who}: {string.Join("; ", missing)}");
            }
        }

        output.WriteLine($"{routes.Count} routes, {requests} requests ({refusedByKestrel} refused by Kestrel before the portal saw them): "
                         + $"{serverErrors.Count} answered 5xx, {withoutHeaders.Count} lacked a security header");
        serverErrors.ForEach(output.WriteLine);
        serverErrors.ShouldBeEmpty(string.Join("\n", serverErrors.Take(50)));
        withoutHeaders.ShouldBeEmpty(string.Join("\n", withoutHeaders.Take(50)));
    }

    [Theory]
    [InlineData("/plans/999999")]
    [InlineData("/plans/-1")]
    [InlineData("/plans/0/edit")]
    [InlineData("/plans/999999/progress?year=2026")]
    [InlineData("/org/999999")]
    [InlineData("/applications/999999")]
    [InlineData("/programmes/-1")]
    [InlineData("/supervision/inspections/999999")]
    [InlineData("/filing/999999/schools/999999")]
    [InlineData("/filing/999999/districts/999999")]
    [InlineData("/filing/1/districts/1")] // a city's id where a district's belongs: it threw
    [InlineData("/coverage?unit=999999")]
    [InlineData("/training?unit=-1")]
    [InlineData("/security?unit=999999")]
    [InlineData("/documents/preview?kind=supervision&unit=999999&year=2025")]
    public async Task APageWithAnUnknownId_ShowsNotFound(string url)
    {
        var client = await portal.SignedInAsync("commission");

        var response = await client.GetAsync(url);

        ((int)response.StatusCode).ShouldBeLessThan(500);
        (await response.Content.ReadAsStringAsync()).ShouldContain("未找到");
    }

    /// <summary>
    /// The route as plausibly called, then with every route and query parameter set to each hostile value, then (where it has
    /// both) with plausible route values and each hostile query value.
    /// </summary>
    private static IEnumerable<string> Urls(RouteEndpoint route)
    {
        var parameters = route.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var queries = QueryNames(route, parameters).ToList();
        yield return Path(route, _ => null);
        if (parameters.Count == 0 && queries.Count == 0) yield break;
        foreach (var value in Hostile)
        {
            yield return Path(route, _ => value) + Query(queries, value);
            if (parameters.Count > 0 && queries.Count > 0) yield return Path(route, _ => null) + Query(queries, value);
        }
    }

    /// <summary>The path with each parameter given a value (null: a plausible one — an existing id, a supported culture).</summary>
    private static string Path(RouteEndpoint route, Func<string, string?> value) =>
        "/" + string.Join("/", route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => value(parameter.Name) ?? (parameter.Name == "culture" ? "en-US" : "1"),
            _ => "",
        }))));

    private static string Query(IEnumerable<string> names, string value) =>
        names.Any() ? "?" + string.Join("&", names.Select(name => $"{name}={value}")) : "";

    /// <summary>A minimal API's simple parameters that are not in its route, and a page's [SupplyParameterFromQuery] properties.</summary>
    private static IEnumerable<string> QueryNames(RouteEndpoint route, List<string> routeParameters)
    {
        var api = route.Metadata.OfType<IParameterBindingMetadata>()
            .Where(p => (p.HasTryParse || p.ParameterInfo.ParameterType == typeof(string)) && !routeParameters.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            .Select(p => p.Name);
        var page = route.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p.Name, Query: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Query is not null)
            .Select(p => p.Query!.Name ?? p.Name) ?? [];
        return api.Concat(page);
    }

    /// <summary>
    /// Kestrel answers a request it cannot parse (a NUL in the path, a request line over 8 KB) itself, before any middleware:
    /// an empty 400 or 414 that closes the connection. It carries no content for a header to protect.
    /// </summary>
    private static bool RefusedByKestrel(HttpResponseMessage response) =>
        (int)response.StatusCode is 400 or 414 or 431 && response.Headers.ConnectionClose == true && response.Content.Headers.ContentLength == 0;

    private static string Shorten(string url) => url.Length > 140 ? url[..140] + "…" : url;
}
