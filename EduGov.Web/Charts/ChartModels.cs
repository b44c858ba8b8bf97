using EduGov.Domain.Planning;

namespace EduGov.Web.Charts;

/// <summary>One bar of a comparison: a district (or band, or school) and its value, null when it has none; a highlighted one is the report's own unit among its peers.</summary>
public sealed record ChartItem(string Name, decimal? Value, bool Highlighted = false);

/// <summary>One line of a trend: its name (for the legend) and its values by year; a dashed one is drawn, not observed (a path, a projection).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<YearValue> Points, bool Dashed = false);

/// <summary>
/// The words a chart writes, in the reader's language: Chinese unless a component passes the portal's resources
/// (documents are always printed in Chinese).
/// </summary>
public sealed record ChartWords(string Target = "目标", string NoData = "无数据", string TargetYear = "目标年", string Milestones = "阶段目标",
    string UnitOnly = "单位：{0}", string MilestoneTip = "{0} 年目标：{1}", string PointTip = "{0} {1} 年：{2}", string NameWithUnit = "{0}（{1}）")
{
    public static readonly ChartWords Chinese = new();

    public static ChartWords From(Microsoft.Extensions.Localization.IStringLocalizer l) =>
        new(l["Chart.Target"], l["Chart.NoData"], l["Chart.TargetYear"], l["Chart.Milestones"], l["Chart.UnitOnly"], l["Chart.MilestoneTip"], l["Chart.PointTip"], l["Chart.NameWithUnit"]);
}

public enum ChartSort { Descending, Ascending, AsGiven }

/// <summary>Where a chart's values are read: printed beside every bar or point (documents), or on hover (the portal).</summary>
public enum ChartValues { Printed, OnHover }

/// <summary>Sizes and colours the charts share, so a dashboard's chart and a document's look alike.</summary>
public static class ChartStyle
{
    public const double FontSize = 11;
    public const double ValueFontSize = 10;
    public const double RowHeight = 17;
    /// <summary>The text width of an A4 page with 18 mm margins, in CSS px (174 mm ≈ 657 px).</summary>
    public const double DocumentWidth = 650;
    public const string Bar = "#2e75b6";
    public const string Highlight = "#c55a11";
    public const string Target = "#b3261e";
    public const string Text = "#222";
    public const string Axis = "#555";
    public const string Grid = "#e3e3e3";
    public const string Muted = "#6b6b6b";
    public static readonly string[] Lines = ["#2e75b6", "#c55a11", "#548235", "#7030a0", "#5b6770"];
}
