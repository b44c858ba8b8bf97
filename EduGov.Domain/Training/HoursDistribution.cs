namespace EduGov.Domain.Training;

/// <summary>Teachers whose hours lie in [From, To); the last band has no upper end.</summary>
public sealed record HoursBand(decimal From, decimal? To, int Teachers);

/// <summary>
/// How many teachers have how many hours under a rule: none at all, five equal bands below the threshold, and at
/// or above it, so the same chart reads for a rule of 50 hours and one of 16.
/// </summary>
public static class HoursDistribution
{
    public const int BandsBelow = 5;

    public static IReadOnlyList<HoursBand> Of(decimal minHours, IEnumerable<decimal> hours)
    {
        var width = minHours / BandsBelow;
        var counts = new int[BandsBelow + 2];
        foreach (var h in hours)
            counts[h <= 0 ? 0 : h >= minHours ? BandsBelow + 1 : 1 + Math.Min(BandsBelow - 1, (int)(h / width))]++;
        return
        [
            new HoursBand(0, 0, counts[0]),
            .. Enumerable.Range(0, BandsBelow).Select(i => new HoursBand(i * width, (i + 1) * width, counts[i + 1])),
            new HoursBand(minHours, null, counts[BandsBelow + 1]),
        ];
    }
}
