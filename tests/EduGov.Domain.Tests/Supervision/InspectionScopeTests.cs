using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

public sealed class InspectionScopeTests
{
    [Theory]
    [InlineData("filing.multimedia_rate")]
    [InlineData("filing.surveillance_rate")]
    [InlineData("training.hours_compliance_rate")]
    [InlineData("security.filed_rate")]
    public void Applies_ComputedFigureOfASchool_ToASchool(string metric) =>
        InspectionScope.Applies(OrgUnitKind.School, SchoolType.Primary, ValueSource.Computed, metric, issuedByUnit: false).ShouldBeTrue();

    [Fact]
    public void Applies_ReportedIndicator_NotToASchool() =>
        InspectionScope.Applies(OrgUnitKind.School, SchoolType.Primary, ValueSource.Reported, null, issuedByUnit: false).ShouldBeFalse();

    [Fact]
    public void Applies_CountOfDesignatedUnits_NotToASchool() =>
        InspectionScope.Applies(OrgUnitKind.School, SchoolType.Primary, ValueSource.Computed, "designations.active_count", issuedByUnit: false).ShouldBeFalse();

    [Theory]
    [InlineData(SchoolType.TeachingPoint, true)]
    [InlineData(SchoolType.Primary, false)]
    public void Applies_TeachingPointRate_OnlyToATeachingPoint(SchoolType type, bool applies) =>
        InspectionScope.Applies(OrgUnitKind.School, type, ValueSource.Computed, "filing.teaching_point_multimedia_rate", issuedByUnit: false).ShouldBe(applies);

    [Theory]
    [InlineData(SchoolType.JuniorMiddle, true)]
    [InlineData(SchoolType.SeniorHigh, false)]
    public void Applies_LowestProgrammingHours_OnlyWhereGrades3To9AreTaught(SchoolType type, bool applies) =>
        InspectionScope.Applies(OrgUnitKind.School, type, ValueSource.Computed, "filing.programming_hours_min", issuedByUnit: false).ShouldBe(applies);

    [Fact]
    public void Applies_EveryIndicator_ToADistrict() =>
        InspectionScope.Applies(OrgUnitKind.District, null, ValueSource.Reported, null, issuedByUnit: false).ShouldBeTrue();

    [Fact]
    public void Applies_ReportedIndicatorOfTheSchoolsOwnPlan_ToThatSchool() =>
        InspectionScope.Applies(OrgUnitKind.School, SchoolType.Primary, ValueSource.Reported, null, issuedByUnit: true).ShouldBeTrue();
}
