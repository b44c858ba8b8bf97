using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Filing;

/// <summary>Why a figure looks wrong: a jump from the school's last approved filing, far from its peers, or beyond what is plausible.</summary>
public enum FlagKind { Jump = 1, Peer, Bounds }

/// <summary>
/// A figure that needs a word of explanation before the filing is submitted. <paramref name="Value"/> is the figure as
/// compared (as entered for a jump, relative to the school's size otherwise); <paramref name="Reference"/> what it was compared with
/// (the previous value, the peers' median, or the bound); <paramref name="Score"/> the robust z-score for a peer flag;
/// <paramref name="Explanation"/> the principal's word on it.
/// </summary>
public sealed record FilingFlag(string Field, FlagKind Kind, decimal Value, decimal Reference, decimal? Score = null, string? Explanation = null)
{
    public const int MaxExplanation = 200;
}

/// <summary>The thresholds the commission tunes (数据质量规则).</summary>
/// <param name="JumpFactor">A figure at least this many times, or at most one over this many times, its last approved value.</param>
/// <param name="JumpFloor">Figures this small on both sides are not compared (1 → 3 interactive classrooms is no error).</param>
/// <param name="PeerScore">A robust z-score (0.6745 · |x − median| / MAD) at or beyond this is far from the peers (Iglewicz and Hoaglin's 3.5).</param>
/// <param name="MinimumPeers">Fewer peers of the same type and setting than this, and no peer check is made.</param>
public sealed record QualityThresholds(decimal JumpFactor = 3, decimal JumpFloor = 10, decimal PeerScore = 3.5m, int MinimumPeers = 8)
{
    public static readonly QualityThresholds Default = new();

    /// <summary>Refuses thresholds that would flag nearly everything or nothing at all.</summary>
    public QualityThresholds Validated()
    {
        if (JumpFactor is < 1.5m or > 100) throw new DomainException(ErrorCodes.ThresholdOutOfRange, nameof(JumpFactor), 1.5m, 100);
        if (JumpFloor is < 0 or > 100_000) throw new DomainException(ErrorCodes.ThresholdOutOfRange, nameof(JumpFloor), 0, 100_000);
        if (PeerScore is < 2 or > 20) throw new DomainException(ErrorCodes.ThresholdOutOfRange, nameof(PeerScore), 2, 20);
        if (MinimumPeers is < 3 or > 10_000) throw new DomainException(ErrorCodes.ThresholdOutOfRange, nameof(MinimumPeers), 3, 10_000);
        return this;
    }
}

/// <summary>
/// What a filing is checked against: the school's last approved figures (null for its first filing), each figure's
/// statistics over its peers, and the period's thresholds.
/// </summary>
public sealed record CheckBasis(SchoolSurvey? Previous, IReadOnlyDictionary<string, PeerStats> Peers, QualityThresholds Thresholds)
{
    public IReadOnlyList<FilingFlag> Check(SchoolSurvey survey, SchoolProfile school) => FilingChecks.Check(survey, school, this);
}

/// <summary>The median and median absolute deviation of one figure over a school's peers (same type, same urban/rural setting).</summary>
public sealed record PeerStats(decimal Median, decimal Mad, int Count)
{
    public static PeerStats? Of(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var median = MedianOf(sorted);
        return new PeerStats(median, MedianOf(sorted.Select(v => Math.Abs(v - median)).Order().ToList()), sorted.Count);
    }

    /// <summary>0.6745 · (x − median) / MAD: about a standard deviation's worth for normal data, unmoved by the outliers it looks for.</summary>
    public decimal? Score(decimal value) => Mad == 0 ? null : 0.6745m * (value - Median) / Mad;

    private static decimal MedianOf(IReadOnlyList<decimal> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>
/// The checks made when a principal saves or submits a filing: each checked figure against the school's previous approved
/// filing, against its peers, and against plausible bounds. Figures that depend on a school's size are compared per 100
/// students or per class, so a large school is not a small one's outlier.
/// </summary>
public static class FilingChecks
{
    /// <summary>
    /// One checked figure. Against the school's own last approved filing it is compared as entered (a school's size barely
    /// changes in a year); against its peers and its plausible bound, <paramref name="Relative"/> to the school's size, so a
    /// large school is not a small one's outlier. <paramref name="Peers"/> false where peers do not compare (links come in
    /// tiers of 100, 200, 500, 1,000 Mbps whatever a school's size).
    /// </summary>
    public sealed record Figure(string Field, Func<SchoolSurvey, SchoolProfile, decimal?> Relative, decimal? Max = null, bool Peers = true)
    {
        private readonly System.Reflection.PropertyInfo _property = typeof(SchoolSurvey).GetProperty(Field)!;

        public decimal? Raw(SchoolSurvey s) => (int?)_property.GetValue(s);
    }

    public static readonly IReadOnlyList<Figure> Figures =
    [
        // 300 terminals per 100 students is a typing error, not a 1:1 programme.
        new(nameof(SchoolSurvey.StudentTerminals), (s, p) => PerHundred(s.StudentTerminals, p.Students), Max: 150),
        new(nameof(SchoolSurvey.TeacherTerminals), (s, p) => PerHundred(s.TeacherTerminals, p.Teachers), Max: 300),
        // A 10 Gbps link shared by 10 classes is 1,000 Mbps each; more is a slip of a digit.
        new(nameof(SchoolSurvey.DownlinkMbps), (s, p) => Per(s.DownlinkMbps, p.Classes), Max: 1_000, Peers: false),
        new(nameof(SchoolSurvey.UplinkMbps), (s, p) => Per(s.UplinkMbps, p.Classes), Max: 1_000, Peers: false),
        new(nameof(SchoolSurvey.MultimediaClassrooms), (s, _) => PerHundred(s.MultimediaClassrooms, s.Classrooms ?? 0)),
        new(nameof(SchoolSurvey.InteractiveClassrooms), (s, _) => PerHundred(s.InteractiveClassrooms, s.Classrooms ?? 0)),
        new(nameof(SchoolSurvey.SurveillancePoints), (s, p) => Per(s.SurveillancePoints, p.Classes), Max: 20),
        new(nameof(SchoolSurvey.ProgrammingHours), (s, _) => s.ProgrammingHours, Max: 200),
    ];

    /// <summary>The flags of a survey; the previous figures are read with today's profile, as a school's size is kept only as it is now.</summary>
    public static IReadOnlyList<FilingFlag> Check(SchoolSurvey survey, SchoolProfile school, CheckBasis basis)
    {
        var (previous, peers, thresholds) = basis;
        var flags = new List<FilingFlag>();
        foreach (var figure in Figures)
        {
            if (figure.Raw(survey) is not { } raw || figure.Relative(survey, school) is not { } relative) continue;
            if (figure.Max is { } max && relative > max)
                flags.Add(new FilingFlag(figure.Field, FlagKind.Bounds, relative, max));
            else if (previous is not null && figure.Raw(previous) is { } old && IsJump(raw, old, thresholds))
                flags.Add(new FilingFlag(figure.Field, FlagKind.Jump, raw, old));
            else if (peers.GetValueOrDefault(figure.Field) is { } stats && stats.Count >= thresholds.MinimumPeers
                     && stats.Score(relative) is { } score && Math.Abs(score) >= thresholds.PeerScore)
                flags.Add(new FilingFlag(figure.Field, FlagKind.Peer, relative, stats.Median, Math.Round(score, 1)));
        }
        return flags;
    }

    /// <summary>The peer statistics of every checked figure over the given filings (the school's own excluded by the caller).</summary>
    public static IReadOnlyDictionary<string, PeerStats> Peers(IEnumerable<(SchoolSurvey Survey, SchoolProfile School)> filings)
    {
        var list = filings.ToList();
        return Figures.Where(f => f.Peers)
            .Select(f => (f.Field, Stats: PeerStats.Of(list.Select(x => f.Relative(x.Survey, x.School)).OfType<decimal>())))
            .Where(x => x.Stats is not null)
            .ToDictionary(x => x.Field, x => x.Stats!);
    }

    /// <summary>The flags with the principal's explanations (field → text) attached; blank text is no explanation.</summary>
    public static IReadOnlyList<FilingFlag> Explain(IEnumerable<FilingFlag> flags, IReadOnlyDictionary<string, string?>? explanations) =>
        flags.Select(f => f with
        {
            Explanation = Guard.Optional(explanations?.GetValueOrDefault(f.Field), FilingFlag.MaxExplanation, f.Field),
        }).ToList();

    private static bool IsJump(decimal value, decimal old, QualityThresholds t) =>
        Math.Max(value, old) >= t.JumpFloor && (old == 0 || value == 0 || value / old >= t.JumpFactor || old / value >= t.JumpFactor);

    private static decimal? PerHundred(int? count, int of) => count is { } c && of > 0 ? Math.Round(100m * c / of, 1) : null;

    private static decimal? Per(int? amount, int of) => amount is { } a && of > 0 ? Math.Round((decimal)a / of, 1) : null;
}
