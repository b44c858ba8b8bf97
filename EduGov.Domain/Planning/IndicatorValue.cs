using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Planning;

/// <summary>
/// The actual value of one indicator for one org unit and year. Computations write computed values; staff record
/// reported ones. Dashboards, documents and the API all read this table, so they agree.
/// </summary>
public sealed class IndicatorValue
{
    private IndicatorValue() { }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    public int Year { get; private set; }
    public decimal Value { get; private set; }
    public ValueSource Source { get; private set; }
    public string? Note { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = "";

    /// <summary>A value reported by staff; computed indicators get theirs from the computations only.</summary>
    public static IndicatorValue Report(Indicator indicator, int orgUnitId, int year, decimal value, string? note, string by, DateTime atUtc)
    {
        if (indicator.Source == ValueSource.Computed) throw new DomainException(ErrorCodes.ValueNotAllowedForComputed, indicator.Name);
        var entry = new IndicatorValue { IndicatorId = indicator.Id, OrgUnitId = orgUnitId, Source = ValueSource.Reported };
        entry.Revise(indicator, year, value, note, by, atUtc);
        return entry;
    }

    /// <summary>A value computed from base data (school filings, training records, designations).</summary>
    public static IndicatorValue Computed(int indicatorId, int orgUnitId, int year, decimal value, DateTime atUtc) => new()
    {
        IndicatorId = indicatorId, OrgUnitId = orgUnitId, Year = year, Value = value, Source = ValueSource.Computed,
        RecordedBy = "system", RecordedAtUtc = atUtc,
    };

    /// <summary>A computed value recounted from changed base data.</summary>
    public void Recompute(decimal value, DateTime atUtc) => (Value, RecordedAtUtc) = (value, atUtc);

    public void Revise(Indicator indicator, int year, decimal value, string? note, string by, DateTime atUtc)
    {
        Year = Guard.Year(year, "Year");
        if (year > atUtc.Year) throw new DomainException(ErrorCodes.YearInFuture, year);
        indicator.CheckValue(value, "Value");
        Value = value;
        Note = Guard.Optional(note, 500, "Note");
        RecordedBy = by;
        RecordedAtUtc = atUtc;
    }
}
