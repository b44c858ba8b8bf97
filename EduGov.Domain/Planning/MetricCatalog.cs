namespace EduGov.Domain.Planning;

/// <summary>
/// The metrics a computed indicator can be bound to. Each is computed from base data (school filings, training
/// records, designations, security registers) and rolled up by recomputing from that data, never by averaging.
/// The display name of each is the resource "Metric.{Key}".
/// </summary>
public static class MetricCatalog
{
    /// <param name="Additive">A sum over units (a count): a city's target for it is no district's, so districts are not judged against it.</param>
    public sealed record Metric(string Key, string Area, string Unit, bool Additive = false);

    public static readonly IReadOnlyList<Metric> All =
    [
        new("filing.broadband_rate", "Filing", "%"),
        new("filing.multimedia_rate", "Filing", "%"),
        new("filing.interactive_share", "Filing", "%"),
        new("filing.class_multimedia_rate", "Filing", "%"),
        new("filing.teaching_point_multimedia_rate", "Filing", "%"),
        new("filing.downlink_min", "Filing", "Mbps"),
        new("filing.uplink_min", "Filing", "Mbps"),
        new("filing.fibre_rate", "Filing", "%"),
        new("filing.wireless_rate", "Filing", "%"),
        new("filing.terminals_per_100", "Filing", "台"),
        new("filing.teacher_space_rate", "Filing", "%"),
        new("filing.student_space_rate", "Filing", "%"),
        new("filing.programming_hours_min", "Filing", "课时"),
        new("filing.programming_school_rate", "Filing", "%"),
        new("filing.special_delivery_rate", "Filing", "%"),
        new("filing.surveillance_rate", "Filing", "%"),
        new("filing.campus_system_rate", "Filing", "%"),
        new("training.leadership_rate", "Training", "%"),
        new("training.literacy_rate", "Training", "%"),
        new("training.hours_compliance_rate", "Training", "%"),
        new("designations.active_count", "Designations", "个", Additive: true),
        new("security.filed_rate", "Security", "%"),
        new("security.assessed_rate", "Security", "%"),
        new("security.surveillance_rate", "Security", "%"),
    ];

    public static bool Contains(string key) => All.Any(m => m.Key == key);
}
