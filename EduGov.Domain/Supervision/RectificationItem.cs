using System.Linq.Expressions;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Supervision;

/// <summary>待整改 → 已答复 → 已通过, or back to 待整改 when the inspector reopens the answer.</summary>
public enum RectificationStatus { Open = 1, Answered, Accepted }

public enum RectificationAction { Raised = 1, Answered, Accepted, Reopened }

/// <summary>One step of a rectification item: who, when, and what they wrote (the requirement, the answer, the reason to reopen).</summary>
public sealed class RectificationStep
{
    private RectificationStep() { }

    internal RectificationStep(RectificationAction action, string by, DateTime atUtc, string? text) => (Action, By, AtUtc, Text) = (action, by, atUtc, text);

    public long Id { get; private set; }
    public int ItemId { get; private set; }
    public RectificationAction Action { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Text { get; private set; }
}

/// <summary>
/// 整改事项: what an inspection requires a unit (the inspected one or one of its schools) to put right, and by when.
/// The unit answers with what it did and evidence; the inspector accepts the answer or reopens the item with a reason.
/// </summary>
public sealed class RectificationItem
{
    private readonly List<RectificationStep> _history = [];

    private RectificationItem() { }

    public int Id { get; private set; }
    public int InspectionId { get; private set; }
    public int UnitId { get; private set; }
    public string Requirement { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public RectificationStatus Status { get; private set; }
    public string? Answer { get; private set; }
    public Guid Version { get; private set; }
    public IReadOnlyList<RectificationStep> History => _history;

    /// <param name="inspected">The inspection's unit: the responsible unit is it or one of its schools.</param>
    public static RectificationItem Raise(Inspection inspection, OrgUnit inspected, OrgUnit responsible, string requirement, DateOnly deadline,
        string by, DateTime atUtc)
    {
        if (inspection.Status != InspectionStatus.Recorded) throw new DomainException(ErrorCodes.InspectionWrongState, inspection.Status);
        if (!inspected.Contains(responsible)) throw new DomainException(ErrorCodes.ResponsibleUnitOutside, inspected.Name);
        if (deadline < inspection.InspectedOn) throw new DomainException(ErrorCodes.DeadlineBeforeInspection, inspection.InspectedOn);
        var item = new RectificationItem
        {
            InspectionId = inspection.Id, UnitId = responsible.Id, Requirement = Guard.Required(requirement, 1000, "Requirement"), Deadline = deadline,
            Status = RectificationStatus.Open,
        };
        item.Record(RectificationAction.Raised, by, atUtc, item.Requirement);
        return item;
    }

    /// <summary>Overdue from the day after the deadline until the answer is accepted.</summary>
    public bool IsOverdue(DateOnly today) => Status != RectificationStatus.Accepted && today > Deadline;

    /// <summary><see cref="IsOverdue"/> as a query filter, so lists and counts made in the database keep the same rule.</summary>
    public static Expression<Func<RectificationItem, bool>> OverdueOn(DateOnly today) =>
        r => r.Status != RectificationStatus.Accepted && today > r.Deadline;

    /// <param name="evidenceFiles">How many files the unit has attached to the item: at least one.</param>
    public void AnswerWith(string answer, int evidenceFiles, string by, DateTime atUtc)
    {
        Ensure(RectificationStatus.Open);
        var text = Guard.Required(answer, 2000, "Answer");
        if (evidenceFiles < 1) throw new DomainException(ErrorCodes.EvidenceRequired);
        (Status, Answer) = (RectificationStatus.Answered, text);
        Record(RectificationAction.Answered, by, atUtc, text);
    }

    public void Accept(string by, DateTime atUtc)
    {
        Ensure(RectificationStatus.Answered);
        Status = RectificationStatus.Accepted;
        Record(RectificationAction.Accepted, by, atUtc, null);
    }

    /// <summary>Sends the answer back: the unit works on the item again and answers anew.</summary>
    public void Reopen(string reason, string by, DateTime atUtc)
    {
        Ensure(RectificationStatus.Answered);
        var text = Guard.Required(reason, 500, "Reason");
        (Status, Answer) = (RectificationStatus.Open, null);
        Record(RectificationAction.Reopened, by, atUtc, text);
    }

    private void Ensure(RectificationStatus expected)
    {
        if (Status != expected) throw new DomainException(ErrorCodes.RectificationWrongState, Status);
    }

    private void Record(RectificationAction action, string by, DateTime atUtc, string? text)
    {
        Version = Guid.NewGuid();
        _history.Add(new RectificationStep(action, by, atUtc, text));
    }
}
