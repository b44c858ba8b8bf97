using System.Globalization;
using System.Net;

namespace EduGov.Web.Charts;

/// <summary>How the charts write and measure their words: numbers in one format, every label HTML-encoded, widths estimated.</summary>
public static class ChartText
{
    /// <summary>A value as the charts print it: at most one decimal, no thousands separator (the same in every culture).</summary>
    public static string Number(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A coordinate in the SVG.</summary>
    public static string Px(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// The width a label takes at a font size, in px: CJK and full-width glyphs are one em, the rest about 0.6 em
    /// (WenQuanYi, Noto CJK and the portal's sans fonts all stay within this). An estimate on the generous side, so a column fits.
    /// </summary>
    public static double Width(string text, double fontSize) => text.Sum(c => IsWide(c) ? 1.0 : 0.6) * fontSize;

    private static bool IsWide(char c) => c >= '\u2E80' && c is < '\uFF61' or > '\uFFDC';

    /// <summary>An axis name with its unit: 覆盖率（%）; the unit alone when the axis has no name.</summary>
    public static string AxisTitle(string? name, string? unit, ChartWords? words = null) => (name, unit) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => string.Format((words ?? ChartWords.Chinese).NameWithUnit, name, unit),
        ({ Length: > 0 }, _) => name,
        (_, { Length: > 0 }) => string.Format((words ?? ChartWords.Chinese).UnitOnly, unit),
        _ => "",
    };

    /// <summary>The axis title when it fits in <paramref name="width"/>; else the unit alone (单位：%), the caption or heading naming the measure.</summary>
    public static string AxisTitle(string? name, string? unit, double width, ChartWords? words = null) =>
        AxisTitle(name, unit, words) is var title && Width(title, ChartStyle.FontSize) <= width ? title : AxisTitle(null, unit, words);
}
