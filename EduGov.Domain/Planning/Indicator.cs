using EduGov.Domain.Common;

namespace EduGov.Domain.Planning;

/// <summary>Whether a larger actual value is better (coverage, counts) or a smaller one.</summary>
public enum Direction { Increase = 1, Decrease = 2 }

/// <summary>How an indicator gets its actual values.</summary>
public enum ValueSource { Reported = 1, Computed = 2 }

public sealed record IndicatorDetails(
    string Code, string Name, string Unit, Direction Direction, ValueSource Source, string? MetricKey,
    decimal? Baseline, int? BaselineYear, string? Population, string? Note, string? TaskNumber);

public sealed record TargetDetails(int Year, decimal Value, string? Note);

/// <summary>A quantitative target of a plan, with its value for each milestone year.</summary>
public sealed class Indicator
{
    private readonly List<IndicatorTarget> _targets = [];

    private Indicator() { }
    internal Indicator(Plan plan) => Plan = plan;

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public int? TaskId { get; private set; }
    public PlanTask? Task { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public Direction Direction { get; private set; }
    public ValueSource Source { get; private set; }
    /// <summary>For computed indicators, the metric of <see cref="MetricCatalog"/> that yields the value.</summary>
    public string? MetricKey { get; private set; }
    public decimal? Baseline { get; private set; }
    public int? BaselineYear { get; private set; }
    /// <summary>Whom the indicator counts (e.g. 小学三年级及以上学生), as the document words it.</summary>
    public string? Population { get; private set; }
    public string? Note { get; private set; }
    public IReadOnlyList<IndicatorTarget> Targets => _targets;

    public bool IsPercent => Unit == "%";

    public MetricCatalog.Metric? Metric => MetricKey is { } key ? MetricCatalog.All.FirstOrDefault(m => m.Key == key) : null;

    /// <summary>A count the units below add up to: the issuing unit's target for it is no lower unit's.</summary>
    public bool IsAdditive => Metric?.Additive == true;

    internal void Apply(IndicatorDetails d)
    {
        var code = Guard.Required(d.Code, 30, "Code");
        if (Plan.Indicators.Any(i => i != this && i.Code == code))
            throw new DomainException(ErrorCodes.DuplicateCode, code);
        Code = code;
        Name = Guard.Required(d.Name, 200, "Name");
        Unit = Guard.Required(d.Unit, 20, "Unit");
        Direction = Enum.IsDefined(d.Direction) ? d.Direction : throw new DomainException(ErrorCodes.Required, "Direction");
        Source = Enum.IsDefined(d.Source) ? d.Source : throw new DomainException(ErrorCodes.Required, "Source");
        MetricKey = Guard.Optional(d.MetricKey, 60, "MetricKey");
        if (Source == ValueSource.Computed)
        {
            if (MetricKey is null) throw new DomainException(ErrorCodes.MetricRequired);
            if (!MetricCatalog.Contains(MetricKey)) throw new DomainException(ErrorCodes.UnknownMetric, MetricKey);
        }
        else MetricKey = null;
        if (d.Baseline is { } baseline) CheckValue(baseline, "Baseline");
        Baseline = d.Baseline;
        BaselineYear = d.BaselineYear is { } y ? Guard.Year(y, "BaselineYear") : null;
        Population = Guard.Optional(d.Population, 200, "Population");
        Note = Guard.Optional(d.Note, 1000, "Note");
        Task = Plan.Tasks.FirstOrDefault(t => t.Number == d.TaskNumber?.Trim());
        if (Task is null && !string.IsNullOrWhiteSpace(d.TaskNumber)) throw new DomainException(ErrorCodes.NotFound, "Task");
    }

    internal void ReplaceTargets(IEnumerable<TargetDetails> targets)
    {
        var list = targets.ToList();
        foreach (var target in list)
        {
            if (!Plan.Covers(target.Year))
                throw new DomainException(ErrorCodes.TargetYearOutsidePeriod, target.Year, Plan.StartYear, Plan.EndYear);
            CheckValue(target.Value, "Target");
        }
        var duplicate = list.GroupBy(t => t.Year).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DomainException(ErrorCodes.DuplicateTargetYear, duplicate.Key);

        _targets.RemoveAll(existing => list.All(t => t.Year != existing.Year));
        foreach (var target in list.OrderBy(t => t.Year))
        {
            var note = Guard.Optional(target.Note, 200, "Note");
            var existing = _targets.FirstOrDefault(t => t.Year == target.Year);
            if (existing is null) _targets.Add(new IndicatorTarget(target.Year, target.Value, note));
            else existing.Set(target.Value, note);
        }
    }

    /// <summary>Checks a value against the unit: shares are 0–100, counts and amounts are not negative.</summary>
    public void CheckValue(decimal value, string field)
    {
        if (value < 0) throw new DomainException(ErrorCodes.NegativeValue, field);
        if (IsPercent && value > 100) throw new DomainException(ErrorCodes.PercentOutOfRange, field);
    }

    /// <summary>A computed figure (a projection) brought within what the unit allows.</summary>
    public decimal Bounded(decimal value) => Math.Clamp(value, 0, IsPercent ? 100 : decimal.MaxValue);

    /// <summary>
    /// The target that applies to one unit of the plan: a count the units below the issuer add up to (示范学校) has only the
    /// issuer's target, so a lower unit has none.
    /// </summary>
    public IndicatorTarget? TargetFor(int year, bool issuer) => issuer || !IsAdditive ? TargetFor(year) : null;

    /// <summary>The target that applies in <paramref name="year"/>: the first milestone at or after it, or the last one.</summary>
    public IndicatorTarget? TargetFor(int year) =>
        _targets.Where(t => t.Year >= year).MinBy(t => t.Year) ?? _targets.MaxBy(t => t.Year);
}

public sealed class IndicatorTarget
{
    private IndicatorTarget() { }

    internal IndicatorTarget(int year, decimal value, string? note)
    {
        Year = year;
        Value = value;
        Note = note;
    }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public int Year { get; private set; }
    public decimal Value { get; private set; }
    /// <summary>Wording the number alone loses, e.g. "2—3所" or "累计".</summary>
    public string? Note { get; private set; }

    internal void Set(decimal value, string? note)
    {
        Value = value;
        Note = note;
    }
}
