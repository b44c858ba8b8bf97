namespace EduGov.Domain.Supervision;

/// <summary>
/// A figure a document printed, kept with the archived version so that version can be read, and compared with another,
/// after the data it came from has changed. <paramref name="Key"/> names the figure the same way in every version
/// (e.g. CQ5-03/渝中区); <paramref name="Label"/> is how a reader knows it.
/// </summary>
public sealed record DocumentFigure(string Key, string Label, decimal Value, string Unit = "");

public enum FigureChangeKind { Changed = 1, Added, Removed }

public sealed record FigureChange(string Key, string Label, string Unit, decimal? Before, decimal? After)
{
    public FigureChangeKind Kind => (Before, After) switch
    {
        (null, _) => FigureChangeKind.Added,
        (_, null) => FigureChangeKind.Removed,
        _ => FigureChangeKind.Changed,
    };

    public decimal? Difference => After - Before;
}

public static class DocumentFigures
{
    /// <summary>What differs between two versions: figures whose value changed, then those only one of them has, in the newer's order.</summary>
    public static IReadOnlyList<FigureChange> Compare(IReadOnlyList<DocumentFigure> older, IReadOnlyList<DocumentFigure> newer)
    {
        var before = older.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var after = newer.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First());
        var changed = after.Values.Where(f => before.TryGetValue(f.Key, out var old) && old.Value != f.Value)
            .Select(f => new FigureChange(f.Key, f.Label, f.Unit, before[f.Key].Value, f.Value));
        var added = after.Values.Where(f => !before.ContainsKey(f.Key)).Select(f => new FigureChange(f.Key, f.Label, f.Unit, null, f.Value));
        var removed = before.Values.Where(f => !after.ContainsKey(f.Key)).Select(f => new FigureChange(f.Key, f.Label, f.Unit, f.Value, null));
        return [.. changed, .. added, .. removed];
    }
}
