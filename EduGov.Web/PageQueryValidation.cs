using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace EduGov.Web;

/// <summary>
/// A page's query value that its [SupplyParameterFromQuery] property cannot take (/coverage?unit=abc) makes Blazor throw
/// while it renders, which answered 500. Such a request is a bad one: it answers 400 before the page renders.
/// </summary>
public static class PageQueryValidation
{
    /// <summary>The types Blazor reads from a query, read as it reads them; a page with another type fails here until it is added.</summary>
    private static readonly Dictionary<Type, Func<string, bool>> Readers = new()
    {
        [typeof(string)] = _ => true,
        [typeof(int)] = value => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        [typeof(long)] = value => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        [typeof(bool)] = value => bool.TryParse(value, out _),
        [typeof(Guid)] = value => Guid.TryParse(value, out _),
        [typeof(DateOnly)] = value => DateOnly.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
    };

    private static readonly ConcurrentDictionary<Type, (string Name, Func<string, bool> Reads)[]> PageParameters = new();

    public static void UsePageQueryValidation(this WebApplication app) => app.Use((http, next) =>
    {
        if (http.Request.QueryString.HasValue && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
            foreach (var (name, reads) in PageParameters.GetOrAdd(page.Type, QueryParameters))
                if (http.Request.Query[name].Any(value => !reads(value ?? "")))
                {
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Task.CompletedTask;
                }
        return next(http);
    });

    private static (string, Func<string, bool>)[] QueryParameters(Type page) =>
        page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(property => (Property: property, Query: property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(p => p.Query is not null)
            .Select(p => (p.Query!.Name ?? p.Property.Name, Reader(p.Property.PropertyType)))
            .ToArray();

    private static Func<string, bool> Reader(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var reads = Readers.GetValueOrDefault(underlying ?? type)
                    ?? throw new NotSupportedException($"Teach {nameof(PageQueryValidation)} how Blazor reads a {type} from a query.");
        // For a nullable property Blazor reads an empty value as null.
        return underlying is null ? reads : value => value.Length == 0 || reads(value);
    }
}
