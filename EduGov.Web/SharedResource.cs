using System.Globalization;
using System.Resources;
using EduGov.Domain.Common;
using Microsoft.Extensions.Localization;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace EduGov.Web;

/// <summary>Marker for Resources/SharedResource.resx (zh-CN, the neutral language) and SharedResource.en-US.resx.</summary>
public sealed class SharedResource;

public static class LocalizerExtensions
{
    /// <summary>The message for a broken domain rule, with field names translated too.</summary>
    public static string Error(this IStringLocalizer localizer, DomainException error)
    {
        var args = error.Args.Select(a => a switch
        {
            string s when localizer[$"Field.{s}"] is { ResourceNotFound: false } field => field.Value,
            string s when localizer[$"Survey.{s}"] is { ResourceNotFound: false } survey => survey.Value,
            Enum e when localizer[$"Enum.{e.GetType().Name}.{e}"] is { ResourceNotFound: false } name => name.Value,
            _ => a,
        }).ToArray();
        var message = localizer[$"Error.{error.Code}", args];
        return message.ResourceNotFound ? error.Code : message.Value;
    }

    /// <summary>Display text of an enum value: resource "Enum.{Type}.{Value}".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, System.Enum =>
        localizer[$"Enum.{typeof(T).Name}.{value}"];

    /// <summary>An indicator's unit in the page's language (resource "Unit.{unit}", else the unit as written): 台 is
    /// "devices" in English, and 个 has no English word at all.</summary>
    public static string Unit(this IStringLocalizer localizer, string? unit) =>
        string.IsNullOrEmpty(unit) ? "" : localizer[$"Unit.{unit}"] is { ResourceNotFound: false } word ? word.Value : unit;

    /// <summary>A value with its unit as the page's language writes it: 12台, 100 Mbps and 47.2% in Chinese, "12 devices"
    /// and 47.2% in English; — when there is no value.</summary>
    public static string Amount(this IStringLocalizer localizer, decimal? value, string? unit, string format = "0.#")
    {
        if (value is not { } v) return "—";
        var number = v.ToString(format, CultureInfo.CurrentCulture);
        var word = localizer.Unit(unit);
        var spaced = word.Length > 0 && word != "%" && (char.IsAsciiLetter(word[0]) || CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "zh");
        return spaced ? $"{number} {word}" : number + word;
    }

    /// <summary>The size of a change: "3.1 个百分点" / "3.1 points" for a share, the amount with its unit otherwise.</summary>
    public static string Difference(this IStringLocalizer localizer, decimal value, string? unit) => unit == "%"
        ? Math.Abs(value).ToString("0.#", CultureInfo.CurrentCulture) + localizer["Coverage.Points"].Value
        : localizer.Amount(Math.Abs(value), unit);

    /// <summary>A filing period's name in the page's language: the default name 2026年度 reads "2026" in English; a name
    /// an administrator wrote otherwise stays as written.</summary>
    public static string Period(this IStringLocalizer localizer, string name) =>
        name is [_, _, _, _, '年', '度'] && int.TryParse(name[..4], out var year) ? localizer["Filing.PeriodOfYear", year].Value : name;

    /// <summary>An aside in brackets as the page's language writes it: "（2030）" in Chinese, " (2030)" in English.</summary>
    public static string Aside(this IStringLocalizer localizer, object? text) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? $"（{text}）" : $" ({text})";
}
