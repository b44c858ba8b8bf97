namespace EduGov.Domain.Planning;

/// <summary>达成 / 进展中 / 滞后 / 无数据.</summary>
public enum ProgressStatus { Achieved = 1, OnTrack, Lagging, NoData }

public static class Progress
{
    /// <summary>
    /// Judges an actual value in <paramref name="year"/> against the indicator's targets:
    /// met → achieved; the target's year reached and not met → lagging; otherwise compared with the straight line
    /// from the previous milestone (or the baseline) to the target: on or above it → on track, below → lagging.
    /// </summary>
    public static ProgressStatus Evaluate(Indicator indicator, int year, decimal? actual) => Judge(indicator, indicator.TargetFor(year), year, actual);

    /// <summary>As <see cref="Evaluate"/>, for one unit of the plan, against the target that applies to it (<see cref="Indicator.TargetFor(int, bool)"/>).</summary>
    public static ProgressStatus EvaluateFor(Indicator indicator, bool issuer, int year, decimal? actual) =>
        Judge(indicator, indicator.TargetFor(year, issuer), year, actual);

    private static ProgressStatus Judge(Indicator indicator, IndicatorTarget? target, int year, decimal? actual)
    {
        if (actual is not { } value) return ProgressStatus.NoData;
        if (target is null) return ProgressStatus.OnTrack;
        if (Meets(indicator.Direction, value, target.Value)) return ProgressStatus.Achieved;
        if (year >= target.Year) return ProgressStatus.Lagging;

        var start = StartPoint(indicator, target);
        if (start is not var (startYear, startValue) || year <= startYear) return ProgressStatus.OnTrack;
        var expected = startValue + (target.Value - startValue) * (year - startYear) / (target.Year - startYear);
        return Meets(indicator.Direction, value, expected) ? ProgressStatus.OnTrack : ProgressStatus.Lagging;
    }

    public static bool Meets(Direction direction, decimal actual, decimal target) =>
        direction == Direction.Increase ? actual >= target : actual <= target;

    /// <summary>Where the straight line to a target starts: the milestone before it, else the baseline.</summary>
    internal static (int Year, decimal Value)? StartPoint(Indicator indicator, IndicatorTarget target)
    {
        var previous = indicator.Targets.Where(t => t.Year < target.Year).MaxBy(t => t.Year);
        if (previous is not null) return (previous.Year, previous.Value);
        if (indicator is { Baseline: { } b, BaselineYear: { } by } && by < target.Year) return (by, b);
        return null;
    }
}
