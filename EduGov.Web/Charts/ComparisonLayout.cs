using System.Text;
using static EduGov.Web.Charts.ChartText;

namespace EduGov.Web.Charts;

/// <summary>
/// A comparison as horizontal bars, one row per item, every name written out: names right-aligned in a column as wide as
/// the longest (up to 40% of the chart, longer names are cut with … and given in full on hover), rows of 17 px at 11 px text,
/// a value axis with nice ticks and its unit under the plot, a dashed target line labelled above the plot, and 无数据 for
/// an item without a value (always last). Values are printed after the bars, or shown on hover in the portal.
/// </summary>
public sealed class ComparisonLayout
{
    public const double PlotTop = 22, Gap = 6;

    public ComparisonLayout(IReadOnlyList<ChartItem> items, string unit, decimal? target, ChartSort sort, double width)
    {
        Unit = unit;
        Target = target;
        Width = width;
        var valued = items.Where(i => i.Value is not null);
        Rows = (sort switch
        {
            ChartSort.Descending => valued.OrderByDescending(i => i.Value),
            ChartSort.Ascending => valued.OrderBy(i => i.Value),
            _ => valued,
        }).Concat(items.Where(i => i.Value is null)).ToList();
        var values = Rows.Where(r => r.Value is not null).Select(r => r.Value!.Value).ToList();
        Scale = NiceScale.For(Math.Max(values.DefaultIfEmpty(0).Max(), target ?? 0), unit == "%", values.All(v => v == decimal.Truncate(v)) && (target ?? 0) == decimal.Truncate(target ?? 0));
        var valueWidth = Rows.Select(r => Width(ValueText(r.Value), ChartStyle.ValueFontSize)).DefaultIfEmpty(0).Max() + Gap + 2;
        NameWidth = Math.Min(width * 0.4, Rows.Select(r => ChartText.Width(r.Name, ChartStyle.FontSize)).DefaultIfEmpty(0).Max());
        PlotLeft = NameWidth + Gap + 2;
        PlotWidth = Math.Max(40, width - PlotLeft - valueWidth);
        PlotBottom = PlotTop + Rows.Count * ChartStyle.RowHeight;
        Height = PlotBottom + 38;
    }

    public string Unit { get; }
    public decimal? Target { get; }
    public double Width { get; }
    public double Height { get; }
    public IReadOnlyList<ChartItem> Rows { get; }
    public NiceScale Scale { get; }
    public double NameWidth { get; }
    public double PlotLeft { get; }
    public double PlotWidth { get; }
    public double PlotBottom { get; }

    public double X(decimal value) => PlotLeft + PlotWidth * Scale.Fraction(value);
    public double RowTop(int row) => PlotTop + row * ChartStyle.RowHeight;
    public ChartWords Words { get; init; } = ChartWords.Chinese;
    public string ValueText(decimal? value) => value is { } v ? Number(v) + Unit : Words.NoData;
    public string TargetText => Target is { } t ? $"{Words.Target} {Number(t)}{Unit}" : "";

    /// <summary>The target's label: centred on its line, kept inside the chart.</summary>
    public double TargetLabelCentre => Target is { } t ? LabelRules.Fit(X(t), Width(TargetText, ChartStyle.FontSize), 0, Width) : 0;

    /// <summary>A name cut to the name column, with … when it was longer.</summary>
    public string FittedName(string name)
    {
        if (Width(name, ChartStyle.FontSize) <= NameWidth) return name;
        var cut = name;
        while (cut.Length > 1 && Width(cut + "…", ChartStyle.FontSize) > NameWidth) cut = cut[..^1];
        return cut + "…";
    }

    public string ToSvg(string title, string axisTitle, ChartValues values, string? description = null, string? cssClass = null)
    {
        var fs = ChartStyle.FontSize;
        var svg = new StringBuilder();
        svg.Append($"""<svg class="edu-chart comparison{(values == ChartValues.OnHover ? " values-on-hover" : "")}{(cssClass is null ? "" : " " + cssClass)}" xmlns="http://www.w3.org/2000/svg" width="{Px(Width)}" height="{Px(Height)}" viewBox="0 0 {Px(Width)} {Px(Height)}" role="img" aria-label="{Encode(title)}" font-size="{Px(fs)}">""");
        svg.Append($"<title>{Encode(title)}</title>");
        if (description is { Length: > 0 }) svg.Append($"<desc>{Encode(description)}</desc>");

        var ticks = Scale.Ticks;
        var tickX = ticks.Select(X).ToList();
        var shown = LabelRules.Thin(tickX, ticks.Select(t => ChartText.Width(Number(t), fs)).ToList(), 4, [0, ticks.Count - 1]);
        svg.Append("""<g class="axis">""");
        for (var i = 0; i < ticks.Count; i++)
        {
            svg.Append($"""<line x1="{Px(tickX[i])}" x2="{Px(tickX[i])}" y1="{Px(PlotTop)}" y2="{Px(PlotBottom)}" stroke="{ChartStyle.Grid}"/>""");
            if (shown[i]) svg.Append($"""<text x="{Px(tickX[i])}" y="{Px(PlotBottom + 14)}" text-anchor="middle" fill="{ChartStyle.Axis}">{Number(ticks[i])}</text>""");
        }
        svg.Append($"""<line x1="{Px(PlotLeft)}" x2="{Px(PlotLeft)}" y1="{Px(PlotTop)}" y2="{Px(PlotBottom)}" stroke="{ChartStyle.Axis}"/>""");
        var axisCentre = LabelRules.Fit(PlotLeft + PlotWidth / 2, ChartText.Width(axisTitle, fs), 0, Width);
        svg.Append($"""<text class="axis-title" x="{Px(axisCentre)}" y="{Px(PlotBottom + 31)}" text-anchor="middle" fill="{ChartStyle.Text}">{Encode(axisTitle)}</text></g>""");

        for (var i = 0; i < Rows.Count; i++)
        {
            var (name, value, highlighted) = Rows[i];
            var top = RowTop(i);
            var baseline = top + ChartStyle.RowHeight / 2 + fs * 0.36;
            svg.Append($"""<g class="bar{(highlighted ? " highlighted" : "")}"><title>{Encode(name)}：{Encode(ValueText(value))}</title>""");
            svg.Append($"""<rect class="row" x="0" y="{Px(top)}" width="{Px(Width)}" height="{Px(ChartStyle.RowHeight)}" fill="transparent"/>""");
            svg.Append($"""<text class="name" x="{Px(PlotLeft - Gap)}" y="{Px(baseline)}" text-anchor="end" fill="{ChartStyle.Text}"{(highlighted ? " font-weight=\"bold\"" : "")}>{Encode(FittedName(name))}</text>""");
            if (value is { } v)
            {
                var end = X(v);
                svg.Append($"""<rect class="fill" x="{Px(PlotLeft)}" y="{Px(top + 3)}" width="{Px(end - PlotLeft)}" height="{Px(ChartStyle.RowHeight - 6)}" fill="{(highlighted ? ChartStyle.Highlight : ChartStyle.Bar)}"/>""");
                svg.Append($"""<text class="value" x="{Px(end + 4)}" y="{Px(baseline)}" font-size="{Px(ChartStyle.ValueFontSize)}" fill="{ChartStyle.Text}">{Encode(ValueText(v))}</text>""");
            }
            else
                svg.Append($"""<text class="nodata" x="{Px(PlotLeft + 4)}" y="{Px(baseline)}" font-size="{Px(ChartStyle.ValueFontSize)}" fill="{ChartStyle.Muted}">{Encode(Words.NoData)}</text>""");
            svg.Append("</g>");
        }

        if (Target is { } target)
        {
            var x = X(target);
            svg.Append($"""<g class="target"><line x1="{Px(x)}" x2="{Px(x)}" y1="{Px(PlotTop - 4)}" y2="{Px(PlotBottom)}" stroke="{ChartStyle.Target}" stroke-width="1.5" stroke-dasharray="5 3"/>""");
            svg.Append($"""<text x="{Px(TargetLabelCentre)}" y="{Px(PlotTop - 8)}" text-anchor="middle" fill="{ChartStyle.Target}">{Encode(TargetText)}</text></g>""");
        }
        return svg.Append("</svg>").ToString();
    }
}
