using EduGov.Domain.Common;

namespace EduGov.Domain.Filing;

/// <param name="Quality">The data-quality thresholds its filings are checked with; null keeps the period's own (the defaults for a new one).</param>
public sealed record PeriodDetails(string Name, int Year, DateOnly OpensOn, DateOnly ClosesOn, QualityThresholds? Quality = null);

/// <summary>
/// A reporting period of one city (e.g. 2026年度): schools file between <see cref="OpensOn"/> and the deadline
/// <see cref="ClosesOn"/>. Its approved filings give the computed indicators their values for <see cref="Year"/>.
/// </summary>
public sealed class ReportingPeriod
{
    private ReportingPeriod() { }

    public int Id { get; private set; }
    public int CityId { get; private set; }
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public DateOnly OpensOn { get; private set; }
    public DateOnly ClosesOn { get; private set; }
    public QualityThresholds Quality { get; private set; } = QualityThresholds.Default;

    public static ReportingPeriod Create(int cityId, PeriodDetails details)
    {
        var period = new ReportingPeriod { CityId = cityId };
        period.Update(details);
        return period;
    }

    public void Update(PeriodDetails d)
    {
        Name = Guard.Required(d.Name, 50, "Name");
        Year = Guard.Year(d.Year, "Year");
        if (d.ClosesOn < d.OpensOn) throw new DomainException(ErrorCodes.PeriodDatesReversed);
        OpensOn = d.OpensOn;
        ClosesOn = d.ClosesOn;
        Quality = (d.Quality ?? Quality).Validated();
    }

    /// <summary>Schools may file from the opening day to the deadline, both included.</summary>
    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;

    public int DaysLeft(DateOnly day) => ClosesOn.DayNumber - day.DayNumber;
}
