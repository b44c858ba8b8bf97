namespace EduGov.Domain.Planning;

/// <summary>
/// Places among peers on one indicator: the best value first in the indicator's direction, equal values sharing a place
/// (1, 2, 2, 4). A group with fewer than <see cref="MinimumToRank"/> values is not ranked: first of three says little.
/// </summary>
public static class Places
{
    public const int MinimumToRank = 5;

    /// <summary>The place of each value (null for a unit without one), or no places at all for a group too small to rank.</summary>
    public static IReadOnlyList<int?> Ranks(IReadOnlyList<decimal?> values, Direction direction)
    {
        var known = values.OfType<decimal>().ToList();
        if (known.Count < MinimumToRank) return values.Select(_ => (int?)null).ToList();
        return values.Select(v => v is { } mine
            ? 1 + known.Count(other => direction == Direction.Increase ? other > mine : other < mine)
            : (int?)null).ToList();
    }
}
