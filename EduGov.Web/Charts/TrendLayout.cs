using System.Text;
using EduGov.Domain.Planning;
using static EduGov.Web.Charts.ChartText;

namespace EduGov.Web.Charts;

/// <summary>
/// Lines over the years. The years run without gaps from the first value (or milestone) to the last, and to the target
/// year, which is marked by a dashed line labelled 目标年 above the plot; the target value is a dashed line labelled in the
/// right margin; milestones are diamonds. The rules that keep labels apart:
/// <list type="number">
/// <item>the axis title (with the unit) sits alone on the top row, the target year's label alone on the row under it;</item>
/// <item>year labels are thinned so none touch, keeping the first, the last and the target year (<see cref="LabelRules.Thin"/>);</item>
/// <item>with one line, printed values sit above their points (below when too near the top, or when a milestone's diamond is in the
/// way) and are thinned like years, keeping the last;</item>
/// <item>with several lines, a legend under the axis names them and only each line's last value is printed, in the right margin,
/// spread together with the target's label so none overlap (<see cref="LabelRules.Spread"/>).</item>
/// </list>
/// </summary>
public sealed class TrendLayout
{
    public const double Pad = 16;
    private const double LegendRow = 18;
    private static readonly double Fs = ChartStyle.FontSize;

    public TrendLayout(IReadOnlyList<TrendSeries> series, string unit, int? targetYear, decimal? target, IReadOnlyList<YearValue> milestones,
        ChartValues values, double width, double height)
    {
        (Series, Unit, TargetYear, Target, Milestones, Values, Width, Height) = (series, unit, targetYear, target, milestones, values, width, height);
        var years = series.SelectMany(s => s.Points).Concat(milestones).Select(p => p.Year).Concat(targetYear is { } ty ? [ty] : []).ToList();
        Years = years.Count == 0 ? [] : Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).ToList();
        var all = series.SelectMany(s => s.Points).Concat(milestones).Select(p => p.Value).Append(target ?? 0).ToList();
        Scale = NiceScale.For(all.Max(), unit == "%", all.All(v => v == decimal.Truncate(v)));

        PlotLeft = Scale.Ticks.Max(t => ChartText.Width(Number(t), Fs)) + 10;
        PlotTop = targetYear is null ? 26 : 42;
        var margin = MarginTexts().Select(l => ChartText.Width(l.Text, Fs)).DefaultIfEmpty(0).Max();
        PlotRight = width - Math.Max(8, margin + 10);
        var legend = Legend();
        LegendPlaces = LabelRules.Flow(legend.Select(l => ChartText.Width(l.Text, Fs) + 22).ToList(), width - PlotLeft, 14);
        var legendRows = legend.Count == 0 ? 0 : LegendPlaces.Max(p => p.Row) + 1;
        PlotBottom = height - 24 - legendRows * LegendRow;
    }

    public IReadOnlyList<TrendSeries> Series { get; }
    public string Unit { get; }
    public int? TargetYear { get; }
    public decimal? Target { get; }
    public IReadOnlyList<YearValue> Milestones { get; }
    public ChartValues Values { get; }
    public double Width { get; }
    public double Height { get; }
    public IReadOnlyList<int> Years { get; }
    public NiceScale Scale { get; }
    public double PlotLeft { get; }
    public double PlotRight { get; }
    public double PlotTop { get; }
    public double PlotBottom { get; }
    public (double X, int Row)[] LegendPlaces { get; }

    public double X(int year) => Years.Count <= 1
        ? (PlotLeft + PlotRight) / 2
        : PlotLeft + Pad + (PlotRight - PlotLeft - 2 * Pad) * (year - Years[0]) / (Years.Count - 1);

    public double Y(decimal value) => PlotBottom - (PlotBottom - PlotTop) * Scale.Fraction(value);

    public ChartWords Words { get; init; } = ChartWords.Chinese;
    public string TargetText => Target is { } t ? $"{Words.Target} {Number(t)}{Unit}" : "";
    public string TargetYearText => TargetYear is { } y ? $"{Words.TargetYear} {y}" : "";

    /// <summary>Which year labels show under the axis.</summary>
    public bool[] YearLabels() => LabelRules.Thin(Years.Select(X).ToList(), Years.Select(y => ChartText.Width(y.ToString(), Fs)).ToList(), 6,
        [0, Years.Count - 1, TargetYear is { } ty && Years.Count > 0 ? ty - Years[0] : -1]);

    /// <summary>The labels in the right margin (the target's, and with several lines each one's last value), at the heights they are written.</summary>
    public IReadOnlyList<(string Text, string Colour, double Y)> MarginLabels()
    {
        var labels = MarginTexts();
        var placed = LabelRules.Spread(labels.Select(l => Y(l.Value)).ToList(), Fs + 2, PlotTop, PlotBottom);
        return labels.Select((l, i) => (l.Text, l.Colour, placed[i])).ToList();
    }

    private List<(string Text, string Colour, decimal Value)> MarginTexts()
    {
        var labels = new List<(string Text, string Colour, decimal Value)>();
        if (Target is { } t) labels.Add((TargetText, ChartStyle.Target, t));
        if (Series.Count > 1 && Values == ChartValues.Printed)
            for (var s = 0; s < Series.Count; s++)
                if (Series[s].Points.MaxBy(p => p.Year) is { } last)
                    labels.Add(($"{Number(last.Value)}{Unit}", Colour(s), last.Value));
        return labels;
    }

    /// <summary>With one line, the printed value of each point: shown or not, and its baseline (above the point, or below it near the top).</summary>
    public IReadOnlyList<(YearValue Point, bool Shown, double Baseline)> PointLabels(TrendSeries series)
    {
        var points = series.Points.OrderBy(p => p.Year).ToList();
        var shown = Series.Count == 1
            ? LabelRules.Thin(points.Select(p => X(p.Year)).ToList(), points.Select(p => ChartText.Width(Number(p.Value) + Unit, ChartStyle.ValueFontSize)).ToList(), 4, [points.Count - 1])
            : new bool[points.Count];
        return points.Select((p, i) => (p, shown[i], Baseline(p))).ToList();
    }

    /// <summary>Above the point, or below it near the top; and clear of a milestone's diamond in the same year.</summary>
    private double Baseline(YearValue point)
    {
        const double gap = 7, diamond = 5;
        var y = Y(point.Value);
        var (above, below) = (y - gap, y + gap + ChartStyle.ValueFontSize);
        var roomAbove = above - ChartStyle.ValueFontSize >= PlotTop;
        if (Milestones.FirstOrDefault(m => m.Year == point.Year) is not { } milestone) return roomAbove ? above : below;
        var m = Y(milestone.Value);
        bool Clear(double baseline) => baseline < m - diamond || baseline - ChartStyle.ValueFontSize > m + diamond;
        if (roomAbove && Clear(above)) return above;
        if (Clear(below)) return below;
        // The diamond sits just under the point and there is no room above: the value goes under the diamond.
        return Math.Max(below, m + diamond + 2 + ChartStyle.ValueFontSize);
    }

    public IReadOnlyList<(string Text, string Colour, bool Milestone, bool Dashed)> Legend()
    {
        if (Series.Count <= 1 && Milestones.Count == 0) return [];
        var entries = Series.Count > 1 ? Series.Select((s, i) => (s.Name, Colour(i), false, s.Dashed)).ToList() : [];
        if (Milestones.Count > 0) entries.Add((Words.Milestones, ChartStyle.Target, true, false));
        return entries;
    }

    private static string Dash(bool dashed) => dashed ? " stroke-dasharray=\"6 4\"" : "";

    public static string Colour(int series) => ChartStyle.Lines[series % ChartStyle.Lines.Length];

    public string ToSvg(string title, string axisTitle, string? description = null)
    {
        var svg = new StringBuilder();
        svg.Append($"""<svg class="edu-chart trend{(Values == ChartValues.OnHover ? " values-on-hover" : "")}" xmlns="http://www.w3.org/2000/svg" width="{Px(Width)}" height="{Px(Height)}" viewBox="0 0 {Px(Width)} {Px(Height)}" role="img" aria-label="{Encode(title)}" font-size="{Px(Fs)}">""");
        svg.Append($"<title>{Encode(title)}</title>");
        if (description is { Length: > 0 }) svg.Append($"<desc>{Encode(description)}</desc>");

        svg.Append("""<g class="axis">""");
        foreach (var t in Scale.Ticks)
            svg.Append($"""<line x1="{Px(PlotLeft)}" x2="{Px(PlotRight)}" y1="{Px(Y(t))}" y2="{Px(Y(t))}" stroke="{ChartStyle.Grid}"/><text x="{Px(PlotLeft - 6)}" y="{Px(Y(t) + 4)}" text-anchor="end" fill="{ChartStyle.Axis}">{Number(t)}</text>""");
        svg.Append($"""<line x1="{Px(PlotLeft)}" x2="{Px(PlotRight)}" y1="{Px(PlotBottom)}" y2="{Px(PlotBottom)}" stroke="{ChartStyle.Axis}"/>""");
        var yearShown = YearLabels();
        for (var i = 0; i < Years.Count; i++)
        {
            svg.Append($"""<line x1="{Px(X(Years[i]))}" x2="{Px(X(Years[i]))}" y1="{Px(PlotBottom)}" y2="{Px(PlotBottom + 3)}" stroke="{ChartStyle.Axis}"/>""");
            if (yearShown[i])
                svg.Append($"""<text class="year" x="{Px(X(Years[i]))}" y="{Px(PlotBottom + 15)}" text-anchor="middle" fill="{(Years[i] == TargetYear ? ChartStyle.Target : ChartStyle.Axis)}"{(Years[i] == TargetYear ? " font-weight=\"bold\"" : "")}>{Years[i]}</text>""");
        }
        svg.Append($"""<text class="axis-title" x="0" y="13" fill="{ChartStyle.Text}">{Encode(axisTitle)}</text></g>""");

        if (TargetYear is { } ty)
        {
            var x = X(ty);
            svg.Append($"""<g class="target-year"><line x1="{Px(x)}" x2="{Px(x)}" y1="{Px(PlotTop - 6)}" y2="{Px(PlotBottom)}" stroke="{ChartStyle.Target}" stroke-dasharray="5 3"/>""");
            svg.Append($"""<text x="{Px(LabelRules.Fit(x, ChartText.Width(TargetYearText, Fs), 0, Width))}" y="{Px(PlotTop - 10)}" text-anchor="middle" fill="{ChartStyle.Target}">{Encode(TargetYearText)}</text></g>""");
        }
        if (Target is { } target)
            svg.Append($"""<line class="target" x1="{Px(PlotLeft)}" x2="{Px(PlotRight)}" y1="{Px(Y(target))}" y2="{Px(Y(target))}" stroke="{ChartStyle.Target}" stroke-width="1.2" stroke-dasharray="2 3"/>""");
        foreach (var (text, colour, y) in MarginLabels())
            svg.Append($"""<text class="margin" x="{Px(PlotRight + 6)}" y="{Px(y + 4)}" fill="{colour}">{Encode(text)}</text>""");

        foreach (var m in Milestones)
        {
            var (x, y) = (X(m.Year), Y(m.Value));
            svg.Append($"""<g class="milestone"><title>{Encode(string.Format(Words.MilestoneTip, m.Year, Number(m.Value) + Unit))}</title><path d="M{Px(x)} {Px(y - 5)}L{Px(x + 5)} {Px(y)}L{Px(x)} {Px(y + 5)}L{Px(x - 5)} {Px(y)}Z" fill="#fff" stroke="{ChartStyle.Target}" stroke-width="1.5"/></g>""");
        }

        for (var s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            var colour = Colour(s);
            var labels = PointLabels(series);
            svg.Append($"""<g class="series"><polyline fill="none" stroke="{colour}" stroke-width="2"{Dash(series.Dashed)} points="{string.Join(" ", labels.Select(l => $"{Px(X(l.Point.Year))},{Px(Y(l.Point.Value))}"))}"/>""");
            foreach (var (point, shown, baseline) in labels)
            {
                var (x, y) = (X(point.Year), Y(point.Value));
                svg.Append($"""<g class="point"><title>{Encode(string.Format(Words.PointTip, series.Name, point.Year, Number(point.Value) + Unit))}</title><circle cx="{Px(x)}" cy="{Px(y)}" r="3.5" fill="#fff" stroke="{colour}" stroke-width="2"/>""");
                // Printed values follow the rules above; on hover every point shows its own.
                if (Values == ChartValues.OnHover || shown)
                    svg.Append($"""<text class="value" x="{Px(x)}" y="{Px(baseline)}" text-anchor="middle" font-size="{Px(ChartStyle.ValueFontSize)}" fill="{ChartStyle.Text}" stroke="#fff" stroke-width="3" paint-order="stroke">{Number(point.Value)}{Encode(Unit)}</text>""");
                svg.Append("</g>");
            }
            svg.Append("</g>");
        }

        var legend = Legend();
        for (var i = 0; i < legend.Count; i++)
        {
            var (text, colour, milestone, dashed) = legend[i];
            var (x, row) = (PlotLeft + LegendPlaces[i].X, LegendPlaces[i].Row);
            var y = PlotBottom + 34 + row * LegendRow;
            svg.Append("""<g class="legend">""");
            svg.Append(milestone
                ? $"""<path d="M{Px(x + 8)} {Px(y - 9)}L{Px(x + 13)} {Px(y - 4)}L{Px(x + 8)} {Px(y + 1)}L{Px(x + 3)} {Px(y - 4)}Z" fill="#fff" stroke="{colour}" stroke-width="1.5"/>"""
                : $"""<line x1="{Px(x)}" x2="{Px(x + 16)}" y1="{Px(y - 4)}" y2="{Px(y - 4)}" stroke="{colour}" stroke-width="2"{Dash(dashed)}/>""");
            svg.Append($"""<text x="{Px(x + 22)}" y="{Px(y)}" fill="{ChartStyle.Text}">{Encode(text)}</text></g>""");
        }
        return svg.Append("</svg>").ToString();
    }
}
