using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;

namespace EduGov.Domain.Supervision;

/// <summary>
/// Which plan indicators an inspection of a unit may look at. A district answers for every indicator of the plans that bind
/// it. A school answers only for what can be measured at one school of its type: a computed figure of its own filings,
/// training records or security register that has something to measure there (a teaching point's multimedia rate only at a
/// teaching point, programming hours only where grades 3 to 9 are taught), never a count of designated units nor a figure
/// the district or city reports — and for every indicator of a plan the school issued itself.
/// </summary>
public static class InspectionScope
{
    /// <summary>A filing with every figure present, so that only the school's type decides whether a metric measures anything.</summary>
    private static readonly SchoolSurvey Everything = new()
    {
        DownlinkMbps = 100, UplinkMbps = 100, HasFibre = true, Wireless = WirelessCoverage.Full, Classrooms = 1, MultimediaClassrooms = 1,
        InteractiveClassrooms = 1, StudentTerminals = 1, Teachers = 1, TeachersWithSpace = 1, StudentsGrade3Up = 1, StudentsWithSpace = 1,
        UsesSpecialDelivery = true, ProgrammingHours = 1, CanteenConnected = true, GateConnected = true, PlaygroundConnected = true, HasCampusSystem = true,
    };

    private static readonly string[] SchoolAreas = ["Filing", "Training", "Security"];

    /// <param name="issuedByUnit">The indicator's plan was issued by the inspected unit itself.</param>
    public static bool Applies(OrgUnitKind unitKind, SchoolType? schoolType, ValueSource source, string? metricKey, bool issuedByUnit)
    {
        if (unitKind != OrgUnitKind.School || issuedByUnit) return true;
        if (source != ValueSource.Computed || metricKey is null) return false;
        var metric = MetricCatalog.All.FirstOrDefault(m => m.Key == metricKey);
        if (metric is null || metric.Additive || !SchoolAreas.Contains(metric.Area)) return false;
        if (!Coverage.IsFilingMetric(metricKey)) return true;
        var profile = new SchoolProfile(schoolType ?? SchoolType.Primary, false, Students: 1, Teachers: 1, Classes: 1, Classrooms: 1);
        return Coverage.Value(metricKey, CoverageTotals.ForSchool(Everything, profile)) is not null;
    }
}
