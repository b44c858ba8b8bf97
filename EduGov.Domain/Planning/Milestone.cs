using EduGov.Domain.Common;

namespace EduGov.Domain.Planning;

public enum MilestoneStatus { NotStarted = 1, InProgress, Completed }

public sealed record MilestoneDetails(string Title, int DueYear, MilestoneStatus Status, string? Note, string? TaskNumber);

/// <summary>A qualitative goal with a due year, e.g. 教育数字大脑建成投用 by 2025.</summary>
public sealed class Milestone
{
    private Milestone() { }
    internal Milestone(Plan plan) => Plan = plan;

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public int? TaskId { get; private set; }
    public PlanTask? Task { get; private set; }
    public string Title { get; private set; } = "";
    public int DueYear { get; private set; }
    public MilestoneStatus Status { get; private set; }
    public string? Note { get; private set; }

    /// <summary>Overdue is not stored: it follows from the due year and the date it is asked on.</summary>
    public bool IsOverdue(int currentYear) => Status != MilestoneStatus.Completed && DueYear < currentYear;

    internal void Apply(MilestoneDetails d)
    {
        Title = Guard.Required(d.Title, 300, "Title");
        DueYear = Guard.Year(d.DueYear, "DueYear");
        if (!Plan.Covers(DueYear)) throw new DomainException(ErrorCodes.TargetYearOutsidePeriod, DueYear, Plan.StartYear, Plan.EndYear);
        Status = Enum.IsDefined(d.Status) ? d.Status : throw new DomainException(ErrorCodes.Required, "Status");
        Note = Guard.Optional(d.Note, 1000, "Note");
        Task = Plan.Tasks.FirstOrDefault(t => t.Number == d.TaskNumber?.Trim());
        if (Task is null && !string.IsNullOrWhiteSpace(d.TaskNumber)) throw new DomainException(ErrorCodes.NotFound, "Task");
    }
}
