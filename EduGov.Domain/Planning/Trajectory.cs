namespace EduGov.Domain.Planning;

/// <summary>A value in a year: an observation, a milestone, a point of a chart.</summary>
public sealed record YearValue(int Year, decimal Value);

/// <summary>已达成 / 预计达成 / 有风险 / 预计无法达成 / 未达成, or 数据不足 when there are too few years to project from.</summary>
public enum Outlook { Achieved = 1, WillMeet, AtRisk, WillMiss, Missed, TooFewPoints }

/// <summary>
/// Where one unit's indicator is heading against the target that applies in a year: its observed values, the straight
/// path from the previous milestone (else the baseline, else the value when the plan began) to the target, the yearly gain still
/// required beside the gain observed, and a projection to the target year.
/// </summary>
/// <param name="ObservedAnnualGain">The Theil–Sen slope of the observations (the median of the slopes between every two
/// years), so one odd year does not turn the line; null with fewer than <see cref="MinimumYears"/> years.</param>
/// <param name="RequiredAnnualGain">What each year to the target must add from the latest value; null once the target year is reached.</param>
/// <param name="Projection">The Theil–Sen line at the target year, kept within what the unit allows (a share 0–100).</param>
public sealed record Trajectory(
    Direction Direction, YearValue Target, YearValue Start, IReadOnlyList<YearValue> Observed,
    decimal? ObservedAnnualGain, decimal? RequiredAnnualGain, decimal? Projection, Outlook Outlook)
{
    public const int MinimumYears = 3;

    /// <summary>A projection that misses the target but closes at least this share of the gap still open is 有风险, not 预计无法达成.</summary>
    public const decimal AtRiskShare = 0.5m;

    public YearValue? Latest => Observed.Count == 0 ? null : Observed[^1];

    /// <summary>The value on the straight path in <paramref name="year"/> (the target itself from its year on).</summary>
    public decimal Expected(int year) => year >= Target.Year || Target.Year == Start.Year
        ? Target.Value
        : Start.Value + (Target.Value - Start.Value) * (year - Start.Year) / (Target.Year - Start.Year);

    /// <summary>How far the latest value is behind the straight path, in the indicator's unit; 0 on or ahead of it.</summary>
    public decimal Gap => Latest is { } latest ? Math.Max(0, Toward(Expected(latest.Year) - latest.Value)) : 0;

    /// <summary>
    /// The gap as a share of the indicator's scale (the larger of target and start), so units of different indicators
    /// compare; not of the last leg of the path, which from 90% to 100% would make ten points behind a whole way behind.
    /// </summary>
    public decimal Behind => Math.Max(Math.Abs(Target.Value), Math.Abs(Start.Value)) is var scale and > 0 ? Gap / scale : 0;

    /// <param name="year">The year the trajectory is seen from: observations after it are left out, and its target applies.</param>
    /// <param name="observed">The unit's values by year.</param>
    /// <param name="withBaseline">Whether the plan's baseline is this unit's own (the issuing unit's), and so a point of its history.</param>
    public static Trajectory? Of(Indicator indicator, int year, IEnumerable<YearValue> observed, bool withBaseline)
    {
        if (indicator.TargetFor(year) is not { } target) return null;
        var points = observed.Where(p => p.Year <= year).GroupBy(p => p.Year).Select(g => g.Last()).OrderBy(p => p.Year).ToList();
        if (withBaseline && indicator is { Baseline: { } b, BaselineYear: { } by } && by <= year && points.All(p => p.Year != by))
            points.Insert(points.Count(p => p.Year < by), new YearValue(by, b));

        var goal = new YearValue(target.Year, target.Value);
        var start = Progress.StartPoint(indicator, target) is var (startYear, startValue) ? new YearValue(startYear, startValue)
            : points.LastOrDefault(p => p.Year <= indicator.Plan.StartYear) ?? points.FirstOrDefault() ?? goal;
        var direction = indicator.Direction;
        if (points.Count == 0) return new(direction, goal, start, points, null, null, null, Outlook.TooFewPoints);

        var latest = points[^1];
        var slope = points.Count >= MinimumYears ? TheilSenSlope(points) : (decimal?)null;
        var required = latest.Year < goal.Year ? (goal.Value - latest.Value) / (goal.Year - latest.Year) : (decimal?)null;
        var projection = slope is { } s ? indicator.Bounded(Intercept(points, s) + s * goal.Year) : (decimal?)null;

        var outlook = Progress.Meets(direction, latest.Value, goal.Value) ? Outlook.Achieved
            : latest.Year >= goal.Year ? Outlook.Missed
            : projection is not { } projected ? Outlook.TooFewPoints
            : Progress.Meets(direction, projected, goal.Value) ? Outlook.WillMeet
            : Sign(direction) * (projected - latest.Value) >= AtRiskShare * Sign(direction) * (goal.Value - latest.Value) ? Outlook.AtRisk
            : Outlook.WillMiss;
        return new(direction, goal, start, points, slope, required, projection, outlook);
    }

    /// <summary>The Theil–Sen line in <paramref name="year"/>, as drawn; not bounded like the projection.</summary>
    public decimal? TrendAt(int year) => ObservedAnnualGain is { } slope ? Intercept(Observed, slope) + slope * year : null;

    private static decimal Intercept(IEnumerable<YearValue> points, decimal slope) => Median(points.Select(p => p.Value - slope * p.Year));

    private decimal Toward(decimal difference) => Sign(Direction) * difference;

    private static int Sign(Direction direction) => direction == Direction.Increase ? 1 : -1;

    private static decimal TheilSenSlope(IReadOnlyList<YearValue> points) =>
        Median(points.SelectMany((a, i) => points.Skip(i + 1).Select(b => (b.Value - a.Value) / (b.Year - a.Year))));

    private static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
