using EduGov.Domain.Filing;
using EduGov.Infrastructure.Notifications;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Pages.Filing;

/// <summary>
/// How a filing's figures and people read, wherever they are shown (the read-only form, the review's comparison, the
/// history): 是/否 (Yes/No), numbers grouped with their unit, the wireless levels by name, — for empty; a person by
/// display name and unit.
/// </summary>
public static class SurveyText
{
    private static readonly Dictionary<string, string?> Units =
        SurveyEditor.Sections.SelectMany(s => s.Fields).ToDictionary(f => f.Field, f => f.Unit);

    public const string Empty = "—";

    /// <summary>A figure's value as read; <paramref name="unit"/> null for the field's own unit.</summary>
    public static string Value(IStringLocalizer L, string field, object? value) => Value(L, value, Units.GetValueOrDefault(field));

    public static string Value(IStringLocalizer L, object? value, string? unit) => value switch
    {
        null => Empty,
        bool b => b ? L["Common.Yes"] : L["Common.No"],
        WirelessCoverage w => L.Enum(w),
        int n => L.Amount(n, unit, "#,0"),
        string { Length: 0 } => Empty,
        _ => value.ToString() ?? Empty,
    };

    /// <summary>A figure's name; the field's own name when the resources do not know it (a field since renamed).</summary>
    public static string Label(IStringLocalizer L, string field) => L[$"Survey.{field}"] is { ResourceNotFound: false } label ? label : field;

    /// <summary>One figure of a step of the history: "操场监控已接入：否 → 是"; a text only said to be edited.</summary>
    public static string Change(IStringLocalizer L, FilingChange change) =>
        change.After is string || change.Before is string && change.After is null
            ? L["Filing.ReasonLine", Label(L, change.Field), L["Filing.TextChanged"]]
            : L["Filing.ChangeLine", Label(L, change.Field), Value(L, change.Field, change.Before), Value(L, change.Field, change.After)];
}
