using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Filing;

public sealed class CoverageTests
{
    private static readonly SchoolProfile Primary = new(SchoolType.Primary, false, 1000, 60, 24, 26);
    private static readonly SchoolProfile Point = new(SchoolType.TeachingPoint, true, 40, 3, 3, 3);
    private static readonly SchoolProfile College = new(SchoolType.University, false, 8000, 400, 200, 220);

    private static SchoolSurvey Survey(int classrooms = 26, int multimedia = 20, int interactive = 8, int downlink = 200, int uplink = 40) => new()
    {
        DownlinkMbps = downlink, UplinkMbps = uplink, HasFibre = true, Wireless = WirelessCoverage.MainTeachingAreas,
        Classrooms = classrooms, MultimediaClassrooms = multimedia, InteractiveClassrooms = interactive,
        StudentTerminals = 120, Teachers = 60, TeachersWithSpace = 57, StudentsGrade3Up = 500, StudentsWithSpace = 450,
        UsesSpecialDelivery = true, ProgrammingHours = 36, CanteenConnected = true, GateConnected = true, PlaygroundConnected = false,
        HasCampusSystem = true,
    };

    [Fact]
    public void OneSchool_HandWorked()
    {
        var t = CoverageTotals.ForSchool(Survey(), Primary);

        Coverage.Value("filing.multimedia_rate", t).ShouldBe(76.9m);          // 20 / 26
        Coverage.Value("filing.interactive_share", t).ShouldBe(40.0m);        // 8 / 20
        Coverage.Value("filing.class_multimedia_rate", t).ShouldBe(83.3m);    // min(20, 24) / 24
        Coverage.Value("filing.terminals_per_100", t).ShouldBe(12.0m);        // 120 × 100 / 1000
        Coverage.Value("filing.teacher_space_rate", t).ShouldBe(95.0m);       // 57 / 60
        Coverage.Value("filing.student_space_rate", t).ShouldBe(90.0m);       // 450 / 500
        Coverage.Value("filing.surveillance_rate", t).ShouldBe(66.7m);        // 2 of canteen, gate, playground
        Coverage.Value("filing.broadband_rate", t).ShouldBe(100m);
        Coverage.Value("filing.downlink_min", t).ShouldBe(200m);
        Coverage.Value("filing.programming_hours_min", t).ShouldBe(36m);
    }

    [Fact]
    public void Rollup_IsTheRatioOfSums_NotTheAverageOfRatios()
    {
        // A: 8 of 20 multimedia rooms interactive (40%); B: 1 of 2 (50%). Average of ratios 45%; ratio of sums 9/22.
        var a = CoverageTotals.ForSchool(Survey(multimedia: 20, interactive: 8), Primary);
        var b = CoverageTotals.ForSchool(Survey(classrooms: 3, multimedia: 2, interactive: 1), Point);

        Coverage.Value("filing.interactive_share", a.Plus(b)).ShouldBe(40.9m);
    }

    [Fact]
    public void Rollup_TakesTheLowestBandwidth()
    {
        var total = CoverageTotals.ForSchool(Survey(downlink: 1000, uplink: 100), Primary)
            .Plus(CoverageTotals.ForSchool(Survey(downlink: 150, uplink: 30), Point));
        Coverage.Value("filing.downlink_min", total).ShouldBe(150m);
        Coverage.Value("filing.uplink_min", total).ShouldBe(30m);
    }

    [Fact]
    public void TeachingPointMetrics_CountOnlyTeachingPoints()
    {
        var total = CoverageTotals.ForSchool(Survey(), Primary)
            .Plus(CoverageTotals.ForSchool(Survey(multimedia: 0, interactive: 0), Point))
            .Plus(CoverageTotals.ForSchool(Survey(multimedia: 1, interactive: 0) with { UsesSpecialDelivery = false }, Point));

        Coverage.Value("filing.teaching_point_multimedia_rate", total).ShouldBe(50.0m); // 1 of 2 teaching points
        Coverage.Value("filing.special_delivery_rate", total).ShouldBe(50.0m);
    }

    [Fact]
    public void CollegesAndVocationalSchools_AreNotInTheK12Figures()
    {
        var total = CoverageTotals.ForSchool(Survey(), Primary).Plus(CoverageTotals.ForSchool(Survey() with { StudentTerminals = 8000 }, College));
        Coverage.Value("filing.terminals_per_100", total).ShouldBe(12.0m);
        Coverage.Value("filing.programming_school_rate", total).ShouldBe(100m);
    }

    [Fact]
    public void Broadband_BelowTheMinimum_IsNotConnected() =>
        Coverage.Value("filing.broadband_rate", CoverageTotals.ForSchool(Survey(downlink: 4, uplink: 1), Point)).ShouldBe(0m);

    [Theory]
    [InlineData("filing.broadband_rate")]
    [InlineData("filing.interactive_share")]
    [InlineData("filing.terminals_per_100")]
    [InlineData("filing.downlink_min")]
    [InlineData("filing.special_delivery_rate")]
    [InlineData("filing.programming_hours_min")]
    public void NoSchools_IsNoData_NotZero(string metric) =>
        Coverage.Value(metric, CoverageTotals.Empty).ShouldBeNull();

    [Fact]
    public void ZeroDenominator_IsNoData()
    {
        var t = CoverageTotals.ForSchool(Survey(multimedia: 0, interactive: 0), Primary);
        Coverage.Value("filing.interactive_share", t).ShouldBeNull();
        Coverage.Value("filing.multimedia_rate", t).ShouldBe(0m);
    }

    [Fact]
    public void EveryFilingMetricOfTheCatalog_HasAComputation()
    {
        var t = CoverageTotals.ForSchool(Survey(), Primary);
        foreach (var metric in Domain.Planning.MetricCatalog.All.Where(m => Coverage.IsFilingMetric(m.Key)))
            Should.NotThrow(() => Coverage.Value(metric.Key, t));
    }

    [Fact]
    public void EveryFilingMetric_HasOneFormula_NamingFieldsOfTheTotals()
    {
        var filing = EduGov.Domain.Planning.MetricCatalog.All.Where(m => Coverage.IsFilingMetric(m.Key)).Select(m => m.Key).ToList();
        Coverage.Formulas.Select(f => f.Metric).ShouldBe(filing, ignoreOrder: true);
        var fields = typeof(CoverageTotals).GetProperties().Select(p => p.Name).ToHashSet();
        Coverage.Formulas.ShouldAllBe(f => fields.Contains(f.Numerator) && (f.Denominator == null || fields.Contains(f.Denominator)));
        Coverage.Formulas.Where(f => f.Kind == FormulaKind.Minimum).ShouldAllBe(f => f.Denominator == null);
    }
}
