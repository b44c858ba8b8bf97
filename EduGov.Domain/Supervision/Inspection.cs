using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Supervision;

/// <summary>计划中 → 已完成, or 已取消 while still planned.</summary>
public enum InspectionStatus { Planned = 1, Recorded, Cancelled }

/// <summary>What the inspectors found on the day: who went, which plan indicators they looked at, a score per checklist line, the findings.</summary>
public sealed record InspectionRecord(DateOnly InspectedOn, IReadOnlyList<string> Inspectors, IReadOnlyList<int> IndicatorIds,
    IReadOnlyDictionary<int, decimal> Scores, string Findings);

/// <summary>The score of one checklist line, with the line as it read on the day (it may be edited or retired later).</summary>
public sealed class InspectionScore
{
    private InspectionScore() { }

    internal InspectionScore(ChecklistItem item, decimal score) =>
        (ChecklistItemId, Category, Text, MaxScore, Score) = (item.Id, item.Category, item.Text, item.MaxScore, score);

    public int Id { get; private set; }
    public int InspectionId { get; private set; }
    public int ChecklistItemId { get; private set; }
    public string Category { get; private set; } = "";
    public string Text { get; private set; } = "";
    public decimal MaxScore { get; private set; }
    public decimal Score { get; private set; }
}

/// <summary>
/// A 督导检查 of a district or a school: planned by an inspector or the commission, then recorded once with its
/// scores against the city's checklist and its findings; the findings' rectification items follow separately.
/// </summary>
public sealed class Inspection
{
    public const int MaxInspectors = 20;

    private readonly List<InspectionScore> _scores = [];

    private Inspection() { }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    /// <summary>The city whose commission keeps the checklist the inspection is scored against.</summary>
    public int CityId { get; private set; }
    public DateOnly PlannedOn { get; private set; }
    public string PlannedBy { get; private set; } = "";
    public InspectionStatus Status { get; private set; }
    public DateOnly? InspectedOn { get; private set; }
    public List<string> Inspectors { get; private set; } = [];
    public List<int> IndicatorIds { get; private set; } = [];
    public string? Findings { get; private set; }
    public decimal TotalScore { get; private set; }
    public decimal MaxScore { get; private set; }
    public string? RecordedBy { get; private set; }
    public DateTime? RecordedAtUtc { get; private set; }
    public Guid Version { get; private set; }
    public IReadOnlyList<InspectionScore> Scores => _scores;

    /// <summary>The score as a share of the checklist's maximum, to one decimal.</summary>
    public decimal? Percentage => ScorePercentage(TotalScore, MaxScore);

    public static decimal? ScorePercentage(decimal total, decimal max) => max == 0 ? null : Math.Round(total * 100 / max, 1);

    public static Inspection Plan(OrgUnit unit, int cityId, DateOnly plannedOn, string by)
    {
        if (unit.Kind is not (OrgUnitKind.District or OrgUnitKind.School)) throw new DomainException(ErrorCodes.NotInspectable);
        Guard.Year(plannedOn.Year, "PlannedOn");
        return new Inspection
        {
            UnitId = unit.Id, CityId = cityId, PlannedOn = plannedOn, PlannedBy = by, Status = InspectionStatus.Planned, Version = Guid.NewGuid(),
        };
    }

    /// <param name="checklist">The city's lines in force: every one is scored, each from 0 to its maximum.</param>
    public void Record(InspectionRecord record, IReadOnlyList<ChecklistItem> checklist, DateOnly today, string by, DateTime atUtc)
    {
        Ensure(InspectionStatus.Planned);
        if (record.InspectedOn > today) throw new DomainException(ErrorCodes.DateInFuture, record.InspectedOn);
        var inspectors = record.Inspectors.Select(i => Guard.Required(i, 50, "Inspectors")).Distinct().ToList();
        if (inspectors.Count == 0) throw new DomainException(ErrorCodes.Required, "Inspectors");
        if (inspectors.Count > MaxInspectors) throw new DomainException(ErrorCodes.TooLong, "Inspectors", MaxInspectors);
        if (checklist.Count == 0) throw new DomainException(ErrorCodes.Required, "Checklist");
        if (checklist.FirstOrDefault(i => i.IsRetired) is { } retired) throw new DomainException(ErrorCodes.ChecklistItemRetired, retired.Text);
        if (record.Scores.Count != checklist.Count || checklist.Any(i => !record.Scores.ContainsKey(i.Id)))
            throw new DomainException(ErrorCodes.ChecklistIncomplete, checklist.Count);
        foreach (var line in checklist) Guard.Score(record.Scores[line.Id], line.MaxScore, line.Text);

        Findings = Guard.Required(record.Findings, 4000, "Findings");
        (InspectedOn, Inspectors, IndicatorIds) = (record.InspectedOn, inspectors, record.IndicatorIds.Distinct().ToList());
        _scores.AddRange(checklist.OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => new InspectionScore(i, record.Scores[i.Id])));
        (TotalScore, MaxScore) = (_scores.Sum(s => s.Score), _scores.Sum(s => s.MaxScore));
        (Status, RecordedBy, RecordedAtUtc, Version) = (InspectionStatus.Recorded, by, atUtc, Guid.NewGuid());
    }

    public void Cancel()
    {
        Ensure(InspectionStatus.Planned);
        (Status, Version) = (InspectionStatus.Cancelled, Guid.NewGuid());
    }

    private void Ensure(InspectionStatus expected)
    {
        if (Status != expected) throw new DomainException(ErrorCodes.InspectionWrongState, Status);
    }
}
