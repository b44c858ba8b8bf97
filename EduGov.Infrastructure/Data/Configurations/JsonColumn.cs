using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EduGov.Infrastructure.Data.Configurations;

/// <summary>Values kept as one JSON document in a text column: read and written whole, never queried item by item.</summary>
internal static class JsonColumn
{
    // Chinese stays readable in the column and in the audit trail.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static PropertyBuilder<IReadOnlyList<T>> HasJsonList<T>(this PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasDefaultValueSql("'[]'").HasConversion(
            list => JsonSerializer.Serialize(list, Json),
            json => JsonSerializer.Deserialize<List<T>>(json, Json) ?? new List<T>(),
            new ValueComparer<IReadOnlyList<T>>((a, b) => a!.SequenceEqual(b!), list => list.Count, list => list.ToList()));

    /// <summary>An immutable record (compared by value) in a nullable column.</summary>
    public static PropertyBuilder<T?> HasJson<T>(this PropertyBuilder<T?> property) where T : class =>
        property.HasConversion(value => JsonSerializer.Serialize(value, Json), json => JsonSerializer.Deserialize<T>(json, Json));
}
