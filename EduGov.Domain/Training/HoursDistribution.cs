namespace EduGov.Domain.Training;

/// <summary>Teachers whose hours lie in [From, To); the last band has no upper end.</summary>
public sealed record HoursBand(decimal From, decimal? To, int Teachers);

/// <summary>
/// How many teachers have how many hours under a rule: none at all, five equal bands below the threshold, and at
/// or above it, so the same chart reads for a rule of 50 hours and one of 16. A rule of a few hours (重庆's
/// "trained at all": 1 hour) has one band below: fractions of an hour tell a supervisor nothing.
/// </summary>
public static class HoursDistribution
{
    public static IReadOnlyList<HoursBand> Of(decimal minHours, IEnumerable<decimal> hours)
    {
        var bandsBelow = minHours >= 5 ? 5 : 1;
        var width = minHours / bandsBelow;
        var counts = new int[bandsBelow + 2];
        foreach (var h in hours)
            counts[h <= 0 ? 0 : h >= minHours ? bandsBelow + 1 : 1 + Math.Min(bandsBelow - 1, (int)(h / width))]++;
        return
        [
            new HoursBand(0, 0, counts[0]),
            .. Enumerable.Range(0, bandsBelow).Select(i => new HoursBand(i * width, (i + 1) * width, counts[i + 1])),
            new HoursBand(minHours, null, counts[bandsBelow + 1]),
        ];
    }
}
