using EduGov.Domain.Audit;
using EduGov.Infrastructure.Audit;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Pages.Admin;

/// <summary>The audit trail in the reader's words: actions and objects by name, and each change as "字段：旧 → 新".</summary>
public static class AuditText
{
    public static string AuditAction(this IStringLocalizer localizer, string action) => Named(localizer, $"Audit.Action.{action}", action);

    public static string AuditEntity(this IStringLocalizer localizer, string entity) => Named(localizer, $"Audit.Entity.{entity}", entity);

    /// <summary>A column by its name on the forms (Field.*, or the filing form's Survey.*); a reference by the name of what it
    /// refers to: SchoolId is 学校编号.</summary>
    public static string AuditField(this IStringLocalizer localizer, string field)
    {
        foreach (var key in new[] { $"Field.{field}", $"Survey.{field}" })
            if (localizer[key] is { ResourceNotFound: false } found) return found.Value;
        if (field.EndsWith("Id") || field.EndsWith("Ids"))
        {
            var target = field[..field.LastIndexOf("Id", StringComparison.Ordinal)];
            foreach (var key in new[] { $"Field.{target}", $"Audit.Entity.{target}" })
                if (localizer[key] is { ResourceNotFound: false } found) return localizer["Audit.FieldId", found.Value];
        }
        return field;
    }

    /// <summary>One line per field: a change as "名称：旧 → 新", a value as "名称：值", a summary as it was written.</summary>
    public static IEnumerable<string> AuditLines(this IStringLocalizer localizer, string? details) =>
        AuditDetails.Read(details).Select(f => f switch
        {
            { Name: "" } => f.Value ?? "",
            { IsChange: true } => $"{localizer.AuditField(f.Name)}：{Value(localizer, f.Old)} → {Value(localizer, f.Value)}",
            _ => $"{localizer.AuditField(f.Name)}：{Value(localizer, f.Value)}",
        });

    private static string Value(IStringLocalizer localizer, string? value) => value switch
    {
        null => localizer["Audit.NoValue"],
        "True" or "true" => localizer["Common.Yes"],
        "False" or "false" => localizer["Common.No"],
        _ => value,
    };

    public static string[] ExportHeader(this IStringLocalizer localizer) =>
        [localizer["Audit.Number"], localizer["Audit.At"], localizer["Audit.Actor"], localizer["Audit.Unit"], localizer["Audit.Action"], localizer["Audit.Entity"],
            localizer["Audit.EntityId"], localizer["Audit.Details"]];

    public static object?[] ExportRow(this IStringLocalizer localizer, AuditRow row, TimeProvider clock) =>
        [row.Id, Local(row.AtUtc, clock), row.Actor, row.UnitName, localizer.AuditAction(row.Action), localizer.AuditEntity(row.Entity), row.EntityId,
            string.Join("\n", localizer.AuditLines(row.Details))];

    public static string Local(DateTime utc, TimeProvider clock) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss");

    private static string Named(IStringLocalizer localizer, string key, string fallback) =>
        localizer[key] is { ResourceNotFound: false } found ? found.Value : fallback;
}
