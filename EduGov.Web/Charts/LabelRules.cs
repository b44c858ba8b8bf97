namespace EduGov.Web.Charts;

/// <summary>
/// The rules that keep a chart's labels apart. Each works on one dimension and is tested on its own:
/// <see cref="Spread"/> moves labels in a column apart, <see cref="Thin"/> drops labels in a row that would touch,
/// <see cref="Fit"/> keeps a label inside the chart, <see cref="Flow"/> lays a legend out in rows.
/// </summary>
public static class LabelRules
{
    /// <summary>
    /// Labels stacked in one column (the end values of lines, the target's label): each wants to sit at its centre, and
    /// neighbours must be at least <paramref name="height"/> apart. Labels keep their order, stay within [min, max]
    /// when the column is tall enough, and move as little as they need (pushed down from the top, then up from the bottom).
    /// </summary>
    public static double[] Spread(IReadOnlyList<double> wanted, double height, double min, double max)
    {
        var order = Enumerable.Range(0, wanted.Count).OrderBy(i => wanted[i]).ThenBy(i => i).ToArray();
        var placed = new double[wanted.Count];
        var previous = double.NegativeInfinity;
        foreach (var i in order)
            previous = placed[i] = Math.Max(Math.Max(wanted[i], min), previous + height);
        var next = double.PositiveInfinity;
        foreach (var i in order.Reverse())
            next = placed[i] = Math.Min(Math.Min(placed[i], max), next - height);
        // A column too short for all of them starts at the top: overlap is then unavoidable, but order is kept.
        if (order.Length > 0 && placed[order[0]] < min)
        {
            previous = double.NegativeInfinity;
            foreach (var i in order) previous = placed[i] = Math.Max(min, previous + height);
        }
        return placed;
    }

    /// <summary>
    /// Labels in one row (years under an axis, values above points), given by centre and width: which to show so that no
    /// two come closer than <paramref name="gap"/>. The labels in <paramref name="keep"/> always show (the last year, the
    /// target year); the others show from left to right wherever they fit between those.
    /// </summary>
    public static bool[] Thin(IReadOnlyList<double> centres, IReadOnlyList<double> widths, double gap, IEnumerable<int>? keep = null)
    {
        var shown = new bool[centres.Count];
        var taken = new List<(double From, double To)>();
        bool Free(int i) => taken.All(t => centres[i] + widths[i] / 2 + gap <= t.From || centres[i] - widths[i] / 2 - gap >= t.To);
        void Take(int i)
        {
            shown[i] = true;
            taken.Add((centres[i] - widths[i] / 2, centres[i] + widths[i] / 2));
        }
        foreach (var i in (keep ?? []).Where(i => i >= 0 && i < centres.Count).Distinct())
            if (Free(i)) Take(i);
        foreach (var i in Enumerable.Range(0, centres.Count).OrderBy(i => centres[i]))
            if (!shown[i] && Free(i)) Take(i);
        return shown;
    }

    /// <summary>The centre of a label of <paramref name="width"/> that wants <paramref name="centre"/> but must lie within [min, max].</summary>
    public static double Fit(double centre, double width, double min, double max) =>
        width >= max - min ? (min + max) / 2 : Math.Clamp(centre, min + width / 2, max - width / 2);

    /// <summary>Legend entries of the given widths, left to right, starting a new row when the next would pass <paramref name="available"/>.</summary>
    public static (double X, int Row)[] Flow(IReadOnlyList<double> widths, double available, double gap)
    {
        var result = new (double, int)[widths.Count];
        var (x, row) = (0.0, 0);
        for (var i = 0; i < widths.Count; i++)
        {
            if (x > 0 && x + widths[i] > available) (x, row) = (0, row + 1);
            result[i] = (x, row);
            x += widths[i] + gap;
        }
        return result;
    }
}
