using EduGov.Domain.Bulletins;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;

namespace EduGov.Infrastructure.Bulletins;

/// <summary>The city's totals of one period's filing, by the rules of <see cref="BulletinRules"/>.</summary>
public sealed record FilingTotals(int Districts, int Schools, int Completed, int Approved, int OnTime, int SubmittedLate,
    int NotStarted, int Draft, int Returned, int DistrictsComplete)
{
    public decimal? CompletionRate => BulletinRules.Rate(Completed, Schools);
    public decimal? TimelinessRate => BulletinRules.Rate(OnTime, Schools);
    public int Outstanding => Schools - Completed;
}

/// <summary>A school that has not completed its filing: not started (no status), a draft, or returned.</summary>
public sealed record OutstandingSchool(int SchoolId, string Code, string Name, int DistrictId, string District, FilingStatus? Status);

/// <summary>A rectification item past its deadline and not accepted; <paramref name="District"/> is the unit itself when it is a district.</summary>
public sealed record OverdueItem(int ItemId, int UnitId, string Unit, OrgUnitKind UnitKind, int DistrictId, string District, string Requirement,
    DateOnly Deadline, int DaysOverdue, RectificationStatus Status);

public sealed record BehindDistrict(int UnitId, string Name, decimal? Value);

/// <summary>A city plan's indicator that is behind for the year: the city's own value, or districts furthest behind (computed indicators).</summary>
public sealed record IndicatorBehind(string Code, string Name, string Unit, decimal? Target, decimal? CityValue, ProgressStatus CityStatus,
    int DistrictsBehind, IReadOnlyList<BehindDistrict> Furthest);

public sealed record IndicatorTotals(int Indicators, int Achieved, int OnTrack, int Lagging, int NoData);

/// <summary>The plan a bulletin cites as its basis: 《title》（文号）.</summary>
public sealed record PlanBasis(string Title, string? DocumentNumber)
{
    public string Citation => DocumentNumber is null ? $"《{Title}》" : $"《{Title}》（{DocumentNumber}）";
}

/// <summary>One 督办 outstanding: for whom, about what, by when.</summary>
public sealed record UrgingLine(int UnitId, string Unit, int? DistrictId, string? District, string Subject, DateOnly Deadline, int DaysOverdue);

/// <summary>
/// 督办 outstanding in the city (issued and not closed) and those past their deadline. Filled by <see cref="IUrgingSource"/>;
/// null leaves the section out of the bulletin.
/// </summary>
public sealed record UrgingSection(int Outstanding, int Overdue, IReadOnlyList<UrgingLine> Lines);

public sealed record NamedUnit(int UnitId, string Name, OrgUnitKind Kind, BulletinReason Reasons);

/// <summary>
/// 通报: what a bulletin on one reporting period of a city states, as of <see cref="AsOf"/>: filing completeness and
/// timeliness by district (ranked), the lagging districts, the schools that have not completed filing (listed up to a
/// bound, the rest counted), overdue rectification items, 督办 outstanding (when its source is plugged in), the city
/// plans' indicators behind, and the units it names.
/// </summary>
public sealed record BulletinReport(
    int CityId, string City, int PeriodId, string Period, int Year, DateOnly OpensOn, DateOnly ClosesOn, DateOnly AsOf,
    string Number, int Version, DateTime GeneratedAtUtc,
    FilingTotals Filing, IReadOnlyList<RankedDistrict> Ranking, IReadOnlyList<RankedDistrict> Lagging,
    IReadOnlyList<OutstandingSchool> OutstandingSchools, int OutstandingTotal, int OutstandingDistricts,
    int OpenItems, IReadOnlyList<OverdueItem> OverdueItems, int OverdueTotal, int OverdueUnits,
    PlanBasis? Basis, IndicatorTotals Indicators, IReadOnlyList<IndicatorBehind> IndicatorsBehind,
    UrgingSection? Urgings, IReadOnlyList<NamedUnit> Named)
{
    public string Title => $"关于{Period}教育信息化工作推进情况的通报";

    public string Issuer => BulletinRules.IssuerOf(City).Issuer;

    public string Addressees => BulletinRules.IssuerOf(City).Addressees;

    public bool PastDeadline => BulletinRules.IsPastDeadline(ClosesOn, AsOf);

    /// <summary>Days to the deadline (0 on its day); after it, the days since.</summary>
    public int DaysToDeadline => Math.Abs(ClosesOn.DayNumber - AsOf.DayNumber);
}
