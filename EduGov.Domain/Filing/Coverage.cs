using System.Linq.Expressions;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Filing;

/// <summary>
/// The sums behind every coverage indicator, for one school or added up over many. Each approved filing stores its
/// own (<see cref="ForSchool"/>); a district's or city's totals are the column sums (and minimums) of its schools'
/// rows, so a share is always a ratio of sums, never an average of ratios.
/// </summary>
public sealed record CoverageTotals
{
    public int Schools { get; init; }
    public int SchoolsConnected { get; init; }
    public int SchoolsWithFibre { get; init; }
    public int SchoolsWithWireless { get; init; }
    public int SchoolsWithCampusSystem { get; init; }
    public int Classrooms { get; init; }
    public int MultimediaClassrooms { get; init; }
    public int InteractiveClassrooms { get; init; }
    public int Classes { get; init; }
    public int ClassesWithMultimedia { get; init; }
    public int TeachingPoints { get; init; }
    public int TeachingPointsWithMultimedia { get; init; }
    public int TeachingPointsWithSpecialDelivery { get; init; }
    public int K12Students { get; init; }
    public int K12StudentTerminals { get; init; }
    public int K12Schools { get; init; }
    public int K12SchoolsTeachingProgramming { get; init; }
    public int Teachers { get; init; }
    public int TeachersWithSpace { get; init; }
    public int StudentsGrade3Up { get; init; }
    public int StudentsWithSpace { get; init; }
    public int KeyAreas { get; init; }
    public int KeyAreasConnected { get; init; }
    public int? MinDownlinkMbps { get; init; }
    public int? MinUplinkMbps { get; init; }
    /// <summary>Lowest programming hours among the schools with grades 3 to 9.</summary>
    public int? MinProgrammingHours { get; init; }

    /// <summary>A connection this slow or slower is not counted as broadband (宽带网络校校通).</summary>
    public const int BroadbandMinimumMbps = 10;

    public static readonly CoverageTotals Empty = new();

    public static CoverageTotals ForSchool(SchoolSurvey s, SchoolProfile school)
    {
        var k12 = school.Type is not (SchoolType.Vocational or SchoolType.University);
        var grades3To9 = school.Type is SchoolType.Primary or SchoolType.JuniorMiddle or SchoolType.NineYear or SchoolType.Complete or SchoolType.TeachingPoint;
        var teachingPoint = school.Type == SchoolType.TeachingPoint;
        var multimedia = s.MultimediaClassrooms ?? 0;
        static int One(bool condition) => condition ? 1 : 0;
        return new CoverageTotals
        {
            Schools = 1,
            SchoolsConnected = One(s.DownlinkMbps >= BroadbandMinimumMbps),
            SchoolsWithFibre = One(s.HasFibre == true),
            SchoolsWithWireless = One(s.Wireless >= WirelessCoverage.MainTeachingAreas),
            SchoolsWithCampusSystem = One(s.HasCampusSystem == true),
            Classrooms = s.Classrooms ?? 0,
            MultimediaClassrooms = multimedia,
            InteractiveClassrooms = s.InteractiveClassrooms ?? 0,
            Classes = school.Classes,
            ClassesWithMultimedia = Math.Min(multimedia, school.Classes),
            TeachingPoints = One(teachingPoint),
            TeachingPointsWithMultimedia = One(teachingPoint && multimedia >= 1),
            TeachingPointsWithSpecialDelivery = One(teachingPoint && s.UsesSpecialDelivery == true),
            K12Students = k12 ? school.Students : 0,
            K12StudentTerminals = k12 ? s.StudentTerminals ?? 0 : 0,
            K12Schools = One(k12),
            K12SchoolsTeachingProgramming = One(k12 && s.ProgrammingHours > 0),
            Teachers = s.Teachers ?? 0,
            TeachersWithSpace = s.TeachersWithSpace ?? 0,
            StudentsGrade3Up = s.StudentsGrade3Up ?? 0,
            StudentsWithSpace = s.StudentsWithSpace ?? 0,
            KeyAreas = 3,
            KeyAreasConnected = One(s.CanteenConnected == true) + One(s.GateConnected == true) + One(s.PlaygroundConnected == true),
            MinDownlinkMbps = s.DownlinkMbps,
            MinUplinkMbps = s.UplinkMbps,
            MinProgrammingHours = grades3To9 ? s.ProgrammingHours : null,
        };
    }

    /// <summary>Adds two sets of totals: counts add up, minimums take the smaller.</summary>
    public CoverageTotals Plus(CoverageTotals o) => new()
    {
        Schools = Schools + o.Schools,
        SchoolsConnected = SchoolsConnected + o.SchoolsConnected,
        SchoolsWithFibre = SchoolsWithFibre + o.SchoolsWithFibre,
        SchoolsWithWireless = SchoolsWithWireless + o.SchoolsWithWireless,
        SchoolsWithCampusSystem = SchoolsWithCampusSystem + o.SchoolsWithCampusSystem,
        Classrooms = Classrooms + o.Classrooms,
        MultimediaClassrooms = MultimediaClassrooms + o.MultimediaClassrooms,
        InteractiveClassrooms = InteractiveClassrooms + o.InteractiveClassrooms,
        Classes = Classes + o.Classes,
        ClassesWithMultimedia = ClassesWithMultimedia + o.ClassesWithMultimedia,
        TeachingPoints = TeachingPoints + o.TeachingPoints,
        TeachingPointsWithMultimedia = TeachingPointsWithMultimedia + o.TeachingPointsWithMultimedia,
        TeachingPointsWithSpecialDelivery = TeachingPointsWithSpecialDelivery + o.TeachingPointsWithSpecialDelivery,
        K12Students = K12Students + o.K12Students,
        K12StudentTerminals = K12StudentTerminals + o.K12StudentTerminals,
        K12Schools = K12Schools + o.K12Schools,
        K12SchoolsTeachingProgramming = K12SchoolsTeachingProgramming + o.K12SchoolsTeachingProgramming,
        Teachers = Teachers + o.Teachers,
        TeachersWithSpace = TeachersWithSpace + o.TeachersWithSpace,
        StudentsGrade3Up = StudentsGrade3Up + o.StudentsGrade3Up,
        StudentsWithSpace = StudentsWithSpace + o.StudentsWithSpace,
        KeyAreas = KeyAreas + o.KeyAreas,
        KeyAreasConnected = KeyAreasConnected + o.KeyAreasConnected,
        MinDownlinkMbps = Min(MinDownlinkMbps, o.MinDownlinkMbps),
        MinUplinkMbps = Min(MinUplinkMbps, o.MinUplinkMbps),
        MinProgrammingHours = Min(MinProgrammingHours, o.MinProgrammingHours),
    };

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}

/// <summary>How a computed value is made: a share (分子 ÷ 分母), terminals per hundred students, the lowest of the schools, or a count (designated units).</summary>
public enum FormulaKind { Share = 1, PerHundred, Minimum, Count }

/// <summary>
/// One filing metric's formula: the totals field over the field it is a share of (named by their property names, which
/// the portal's resources word as 宽带接入学校数 and so on), or the field whose lowest value it is.
/// </summary>
public sealed record CoverageFormula(string Metric, FormulaKind Kind, string Numerator, string? Denominator,
    Func<CoverageTotals, int?> Top, Func<CoverageTotals, int>? Bottom = null)
{
    public decimal? Value(CoverageTotals t) => Of(Top(t), Bottom?.Invoke(t) ?? 0);

    /// <summary>The value from the two figures alone: a numerator and denominator summed (or, for a minimum, the lowest) elsewhere.</summary>
    public decimal? Of(int? top, int bottom) => Kind switch
    {
        FormulaKind.Share => Coverage.Share(top ?? 0, bottom),
        FormulaKind.PerHundred => bottom == 0 ? null : Math.Round(100m * (top ?? 0) / bottom, 1),
        _ => top,
    };
}

/// <summary>The value of each filing metric of <see cref="Planning.MetricCatalog"/> from a set of totals.</summary>
public static class Coverage
{
    // Each figure is written once, as the property it reads: its name is what the portal's resources word (Totals.{name}).
    private static CoverageFormula Share(string metric, Expression<Func<CoverageTotals, int>> top, Expression<Func<CoverageTotals, int>> bottom, FormulaKind kind = FormulaKind.Share)
    {
        var (readTop, readBottom) = (top.Compile(), bottom.Compile());
        return new(metric, kind, Name(top), Name(bottom), t => readTop(t), readBottom);
    }

    private static CoverageFormula Lowest(string metric, Expression<Func<CoverageTotals, int?>> field) => new(metric, FormulaKind.Minimum, Name(field), null, field.Compile());

    private static string Name(LambdaExpression field) => ((MemberExpression)field.Body).Member.Name;

    public static readonly IReadOnlyList<CoverageFormula> Formulas =
    [
        Share("filing.broadband_rate", t => t.SchoolsConnected, t => t.Schools),
        Share("filing.multimedia_rate", t => t.MultimediaClassrooms, t => t.Classrooms),
        Share("filing.interactive_share", t => t.InteractiveClassrooms, t => t.MultimediaClassrooms),
        Share("filing.class_multimedia_rate", t => t.ClassesWithMultimedia, t => t.Classes),
        Share("filing.teaching_point_multimedia_rate", t => t.TeachingPointsWithMultimedia, t => t.TeachingPoints),
        Lowest("filing.downlink_min", t => t.MinDownlinkMbps),
        Lowest("filing.uplink_min", t => t.MinUplinkMbps),
        Share("filing.fibre_rate", t => t.SchoolsWithFibre, t => t.Schools),
        Share("filing.wireless_rate", t => t.SchoolsWithWireless, t => t.Schools),
        Share("filing.terminals_per_100", t => t.K12StudentTerminals, t => t.K12Students, FormulaKind.PerHundred),
        Share("filing.teacher_space_rate", t => t.TeachersWithSpace, t => t.Teachers),
        Share("filing.student_space_rate", t => t.StudentsWithSpace, t => t.StudentsGrade3Up),
        Lowest("filing.programming_hours_min", t => t.MinProgrammingHours),
        Share("filing.programming_school_rate", t => t.K12SchoolsTeachingProgramming, t => t.K12Schools),
        Share("filing.special_delivery_rate", t => t.TeachingPointsWithSpecialDelivery, t => t.TeachingPoints),
        Share("filing.surveillance_rate", t => t.KeyAreasConnected, t => t.KeyAreas),
        Share("filing.campus_system_rate", t => t.SchoolsWithCampusSystem, t => t.Schools),
    ];

    public static CoverageFormula Formula(string metricKey) =>
        Formulas.FirstOrDefault(f => f.Metric == metricKey) ?? throw new ArgumentOutOfRangeException(nameof(metricKey), metricKey, "Not a filing metric.");

    /// <summary>Null when there is nothing to measure (no schools of the kind, or a zero denominator): 无数据, not 0%.</summary>
    public static decimal? Value(string metricKey, CoverageTotals t) => Formula(metricKey).Value(t);

    public static bool IsFilingMetric(string? metricKey) => metricKey?.StartsWith("filing.", StringComparison.Ordinal) == true;

    /// <summary>A percentage with one decimal, or null when the denominator is zero.</summary>
    public static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1);
}
