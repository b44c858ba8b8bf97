using System.Text.Json;
using System.Text.Json.Nodes;

namespace EduGov.Domain.Audit;

/// <summary>One field of an audit entry's details: its value, or for a change its old and new value.</summary>
public sealed record AuditField(string Name, string? Value, string? Old = null, bool IsChange = false);

/// <summary>
/// An entry's details read back for people: {"Field": value} or {"Field": [old, new]} becomes fields with their values or
/// changes; a plain summary stays text. Empty values and the bookkeeping columns of a new row are left out.
/// </summary>
public static class AuditDetails
{
    private static readonly HashSet<string> Bookkeeping = ["Version", "RowVersion", "Id"];

    public static IReadOnlyList<AuditField> Read(string? details)
    {
        if (string.IsNullOrWhiteSpace(details)) return [];
        if (!details.StartsWith('{')) return [new AuditField("", details)];
        JsonObject? values;
        try
        {
            values = JsonNode.Parse(details) as JsonObject;
        }
        catch (JsonException)
        {
            return [new AuditField("", details)];
        }
        if (values is null) return [new AuditField("", details)];
        var fields = new List<AuditField>();
        foreach (var (name, node) in values)
        {
            if (node is JsonArray { Count: 2 } change)
                fields.Add(new AuditField(name, Text(change[1]), Text(change[0]), IsChange: true));
            else if (!Bookkeeping.Contains(name) && Text(node) is { Length: > 0 } value)
                fields.Add(new AuditField(name, value));
        }
        return fields;
    }

    /// <summary>A value as a person reads it: text as is, numbers and dates in their plain form, nothing for null.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length > 19 && DateTime.TryParse(text, out var at) && text[10] == 'T'
            ? at.ToString(at.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss")
            : text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "是" : "否",
        _ => node.ToJsonString(),
    };
}
