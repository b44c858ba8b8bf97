using EduGov.Domain.Common;

namespace EduGov.Domain.Planning;

public sealed record TaskDetails(
    string Number, string Title, string? Section, string? LeadUnit, string? ResponsibleUnits, string? Summary);

/// <summary>A task or measure of a plan, numbered as in the document ("二（三）", "11").</summary>
public sealed class PlanTask
{
    private PlanTask() { }
    internal PlanTask(Plan plan) => Plan = plan;

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Section { get; private set; }
    /// <summary>牵头单位, where the document names one.</summary>
    public string? LeadUnit { get; private set; }
    /// <summary>责任单位, as listed in the document ("、" separated).</summary>
    public string? ResponsibleUnits { get; private set; }
    public string? Summary { get; private set; }

    internal void Apply(TaskDetails d)
    {
        var number = Guard.Required(d.Number, 30, "Number");
        if (Plan.Tasks.Any(t => t != this && t.Number == number))
            throw new DomainException(ErrorCodes.DuplicateNumber, number);
        Number = number;
        Title = Guard.Required(d.Title, 200, "Title");
        Section = Guard.Optional(d.Section, 100, "Section");
        LeadUnit = Guard.Optional(d.LeadUnit, 200, "LeadUnit");
        ResponsibleUnits = Guard.Optional(d.ResponsibleUnits, 500, "ResponsibleUnits");
        Summary = Guard.Optional(d.Summary, 4000, "Summary");
    }
}
