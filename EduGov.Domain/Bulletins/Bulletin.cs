using EduGov.Domain.Common;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Bulletins;

/// <summary>Why a bulletin names (点名) a unit; one unit may be named for several reasons.</summary>
[Flags]
public enum BulletinReason
{
    None = 0,
    /// <summary>A district ranked low on filing completeness (<see cref="BulletinRules.LaggingDistricts"/>).</summary>
    LowCompletion = 1,
    /// <summary>A school listed as not having completed its filing, and the district it belongs to.</summary>
    SchoolsOutstanding = 2,
    /// <summary>The responsible unit of an overdue rectification item, and the district it belongs to.</summary>
    RectificationOverdue = 4,
    /// <summary>A district among the furthest behind on a plan indicator.</summary>
    IndicatorBehind = 8,
    /// <summary>A unit with a 督办 outstanding past its deadline (filled once the 督办 source is plugged in).</summary>
    UrgingOutstanding = 16,
}

/// <summary>
/// 通报: the commission's bulletin on one reporting period of its city. It gets its issuing number (渝教督〔2026〕3号) once,
/// when first published; each publication is an <see cref="BulletinIssue"/> (version 1, 2 …) whose PDF is a
/// <see cref="GeneratedDocument"/> of the archive, and which records the units it named.
/// </summary>
public sealed class Bulletin
{
    private readonly List<BulletinIssue> _issues = [];

    private Bulletin() { }

    public int Id { get; private set; }
    public int CityId { get; private set; }
    public int PeriodId { get; private set; }
    /// <summary>The year of the issuing number (the year it was first published), and its place in that year's sequence.</summary>
    public int NumberYear { get; private set; }
    public int Sequence { get; private set; }
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public IReadOnlyList<BulletinIssue> Issues => _issues;

    public int LatestVersion => _issues.Count == 0 ? 0 : _issues.Max(i => i.Version);

    /// <param name="sequence">The next free place in the city's sequence for <paramref name="numberYear"/>.</param>
    public static Bulletin Open(int cityId, string cityName, int periodId, int numberYear, int sequence, string title)
    {
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence));
        return new Bulletin
        {
            CityId = cityId, PeriodId = periodId, NumberYear = Guard.Year(numberYear, "Year"), Sequence = sequence,
            Number = BulletinRules.Number(cityName, numberYear, sequence), Title = Guard.Required(title, 200, "Title"),
        };
    }

    /// <summary>Records a publication: the archived PDF (the next version, printed for this bulletin) and the units it names.</summary>
    public BulletinIssue Publish(GeneratedDocument document, IEnumerable<(int UnitId, BulletinReason Reasons)> named)
    {
        if (document.Kind != DocumentKind.Bulletin || document.UnitId != CityId)
            throw new InvalidOperationException("A bulletin is published as a bulletin document of its city.");
        if (document.Version != LatestVersion + 1)
            throw new InvalidOperationException($"Version {document.Version} does not follow {LatestVersion}.");
        var issue = new BulletinIssue(document, named.Where(n => n.Reasons != BulletinReason.None)
            .GroupBy(n => n.UnitId).Select(g => new BulletinMention(g.Key, g.Aggregate(BulletinReason.None, (all, n) => all | n.Reasons))));
        _issues.Add(issue);
        return issue;
    }
}

/// <summary>One publication of a bulletin: its version, its PDF in the archive (who published it, when) and the units it named.</summary>
public sealed class BulletinIssue
{
    private readonly List<BulletinMention> _mentions = [];

    private BulletinIssue() { }

    internal BulletinIssue(GeneratedDocument document, IEnumerable<BulletinMention> mentions)
    {
        Document = document;
        Version = document.Version;
        _mentions.AddRange(mentions);
    }

    public int Id { get; private set; }
    public int BulletinId { get; private set; }
    public int Version { get; private set; }
    public int DocumentId { get; private set; }
    public GeneratedDocument Document { get; private set; } = null!;
    public IReadOnlyList<BulletinMention> Mentions => _mentions;
}

/// <summary>A unit a publication names, and why: it is told, and (a school) may open the bulletin.</summary>
public sealed class BulletinMention
{
    private BulletinMention() { }

    internal BulletinMention(int unitId, BulletinReason reasons) => (UnitId, Reasons) = (unitId, reasons);

    public int Id { get; private set; }
    public int IssueId { get; private set; }
    public int UnitId { get; private set; }
    public BulletinReason Reasons { get; private set; }
}
