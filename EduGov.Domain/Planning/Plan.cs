using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Planning;

/// <summary>What a user types to create or change a plan.</summary>
public sealed record PlanDetails(
    string Title, string? DocumentNumber, string Issuer, int OrgUnitId, DateOnly? IssuedOn,
    int StartYear, int EndYear, string? Summary);

/// <summary>
/// An informatization plan as issued (方案, 行动计划, 指导意见): the aggregate root of its tasks, indicators and
/// milestones, so its rules (years inside the period, unique numbers and codes) hold across all of them.
/// </summary>
public sealed class Plan
{
    private readonly List<PlanTask> _tasks = [];
    private readonly List<Indicator> _indicators = [];
    private readonly List<Milestone> _milestones = [];

    private Plan() { }

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string? DocumentNumber { get; private set; }
    public string Issuer { get; private set; } = "";
    public int OrgUnitId { get; private set; }
    /// <summary>The unit that issued the plan; its targets apply to it and to the units under it.</summary>
    public OrgUnit OrgUnit { get; private set; } = null!;
    public DateOnly? IssuedOn { get; private set; }
    public int StartYear { get; private set; }
    public int EndYear { get; private set; }
    public string? Summary { get; private set; }
    /// <summary>Changes on every edit; a save with a stale version is refused instead of overwriting.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<PlanTask> Tasks => _tasks;
    public IReadOnlyList<Indicator> Indicators => _indicators;
    public IReadOnlyList<Milestone> Milestones => _milestones;

    public static Plan Create(PlanDetails details)
    {
        var plan = new Plan();
        plan.Apply(details);
        return plan;
    }

    public void Update(PlanDetails details)
    {
        var outside = _indicators.SelectMany(i => i.Targets).Select(t => t.Year)
            .Concat(_milestones.Select(m => m.DueYear))
            .Any(y => y < details.StartYear || y > details.EndYear);
        if (outside) throw new DomainException(ErrorCodes.PeriodExcludesItems, details.StartYear, details.EndYear);
        Apply(details);
    }

    private void Apply(PlanDetails d)
    {
        Title = Guard.Required(d.Title, 200, "Title");
        DocumentNumber = Guard.Optional(d.DocumentNumber, 60, "DocumentNumber");
        Issuer = Guard.Required(d.Issuer, 100, "Issuer");
        if (d.OrgUnitId <= 0) throw new DomainException(ErrorCodes.Required, "OrgUnit");
        StartYear = Guard.Year(d.StartYear, "StartYear");
        EndYear = Guard.Year(d.EndYear, "EndYear");
        if (EndYear < StartYear) throw new DomainException(ErrorCodes.PeriodReversed);
        OrgUnitId = d.OrgUnitId;
        IssuedOn = d.IssuedOn;
        Summary = Guard.Optional(d.Summary, 2000, "Summary");
        Touch();
    }

    internal void Touch() => Version = Guid.NewGuid();

    public bool Covers(int year) => year >= StartYear && year <= EndYear;

    public PlanTask AddTask(TaskDetails details)
    {
        var task = new PlanTask(this);
        task.Apply(details);
        _tasks.Add(task);
        Touch();
        return task;
    }

    public void UpdateTask(PlanTask task, TaskDetails details)
    {
        EnsureOwn(_tasks, task);
        task.Apply(details);
        Touch();
    }

    public void RemoveTask(PlanTask task)
    {
        EnsureOwn(_tasks, task);
        if (_indicators.Any(i => i.Task == task) || _milestones.Any(m => m.Task == task))
            throw new DomainException(ErrorCodes.TaskInUse, task.Number);
        _tasks.Remove(task);
        Touch();
    }

    public Indicator AddIndicator(IndicatorDetails details, IEnumerable<TargetDetails> targets)
    {
        var indicator = new Indicator(this);
        indicator.Apply(details);
        indicator.ReplaceTargets(targets);
        _indicators.Add(indicator);
        Touch();
        return indicator;
    }

    public void UpdateIndicator(Indicator indicator, IndicatorDetails details, IEnumerable<TargetDetails> targets)
    {
        EnsureOwn(_indicators, indicator);
        indicator.Apply(details);
        indicator.ReplaceTargets(targets);
        Touch();
    }

    public void RemoveIndicator(Indicator indicator)
    {
        EnsureOwn(_indicators, indicator);
        _indicators.Remove(indicator);
        Touch();
    }

    public Milestone AddMilestone(MilestoneDetails details)
    {
        var milestone = new Milestone(this);
        milestone.Apply(details);
        _milestones.Add(milestone);
        Touch();
        return milestone;
    }

    public void UpdateMilestone(Milestone milestone, MilestoneDetails details)
    {
        EnsureOwn(_milestones, milestone);
        milestone.Apply(details);
        Touch();
    }

    public void RemoveMilestone(Milestone milestone)
    {
        EnsureOwn(_milestones, milestone);
        _milestones.Remove(milestone);
        Touch();
    }

    private static void EnsureOwn<T>(List<T> items, T item)
    {
        if (!items.Contains(item)) throw new DomainException(ErrorCodes.NotFound, typeof(T).Name);
    }
}
