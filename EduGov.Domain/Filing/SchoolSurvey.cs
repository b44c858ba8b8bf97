using EduGov.Domain.Common;

namespace EduGov.Domain.Filing;

/// <summary>How far a school's wireless network reaches.</summary>
public enum WirelessCoverage { None = 0, Partial = 1, MainTeachingAreas = 2, Full = 3 }

/// <summary>
/// What a school reports for one period: network, equipment, learning spaces, the three classrooms, programming
/// education, video surveillance and management systems. Every figure may be empty in a draft; a submitted
/// filing has them all (<see cref="SurveyRules.Missing"/>).
/// </summary>
public sealed record SchoolSurvey
{
    // Network
    public int? DownlinkMbps { get; init; }
    public int? UplinkMbps { get; init; }
    public bool? HasFibre { get; init; }
    public bool? HasIpv6 { get; init; }
    public WirelessCoverage? Wireless { get; init; }

    // Equipment
    public int? Classrooms { get; init; }
    public int? MultimediaClassrooms { get; init; }
    public int? InteractiveClassrooms { get; init; }
    public int? StudentTerminals { get; init; }
    public int? TeacherTerminals { get; init; }
    public int? SmartClassrooms { get; init; }
    public int? MakerSpaces { get; init; }

    // Learning spaces (网络学习空间, real-name)
    public int? Teachers { get; init; }
    public int? TeachersWithSpace { get; init; }
    public int? StudentsGrade3Up { get; init; }
    public int? StudentsWithSpace { get; init; }

    // Three classrooms (三个课堂) in regular use
    public bool? UsesSpecialDelivery { get; init; }
    public bool? UsesFamousTeacher { get; init; }
    public bool? UsesFamousSchool { get; init; }

    /// <summary>Cumulative programming-education hours per student, grades 3 to 9 (编程教育累计课时).</summary>
    public int? ProgrammingHours { get; init; }

    // Video surveillance
    public int? SurveillancePoints { get; init; }
    public int? SurveillancePointsConnected { get; init; }
    public bool? CanteenConnected { get; init; }
    public bool? GateConnected { get; init; }
    public bool? PlaygroundConnected { get; init; }

    public bool? HasCampusSystem { get; init; }
    public string? Narrative { get; init; }
}

public sealed record FieldError(string Field, string Code, params object[] Args);

/// <summary>The checks a survey must pass: run as the user types, and again on the server before anything is saved.</summary>
public static class SurveyRules
{
    /// <summary>The names of the survey's fields, as pages, imports and returns name them.</summary>
    public static readonly IReadOnlySet<string> Fields = typeof(SchoolSurvey).GetProperties().Select(p => p.Name).ToHashSet();

    public const int MaxBandwidthMbps = 100_000;
    public const int MaxCount = 1_000_000;
    public const int MaxProgrammingHours = 1_000;
    public const int MaxNarrative = 2_000;

    public static IReadOnlyList<FieldError> Validate(SchoolSurvey s)
    {
        var errors = new List<FieldError>();
        void Range(int? value, string field, int max)
        {
            if (value < 0) errors.Add(new FieldError(field, ErrorCodes.NegativeValue, field));
            else if (value > max) errors.Add(new FieldError(field, ErrorCodes.ValueTooLarge, field, max));
        }
        void AtMost(int? part, string partField, int? whole, string wholeField)
        {
            if (part > whole) errors.Add(new FieldError(partField, ErrorCodes.PartExceedsWhole, partField, wholeField));
        }

        Range(s.DownlinkMbps, nameof(s.DownlinkMbps), MaxBandwidthMbps);
        Range(s.UplinkMbps, nameof(s.UplinkMbps), MaxBandwidthMbps);
        foreach (var (value, field) in new[]
                 {
                     (s.Classrooms, nameof(s.Classrooms)), (s.MultimediaClassrooms, nameof(s.MultimediaClassrooms)),
                     (s.InteractiveClassrooms, nameof(s.InteractiveClassrooms)), (s.StudentTerminals, nameof(s.StudentTerminals)),
                     (s.TeacherTerminals, nameof(s.TeacherTerminals)), (s.SmartClassrooms, nameof(s.SmartClassrooms)),
                     (s.MakerSpaces, nameof(s.MakerSpaces)), (s.Teachers, nameof(s.Teachers)),
                     (s.TeachersWithSpace, nameof(s.TeachersWithSpace)), (s.StudentsGrade3Up, nameof(s.StudentsGrade3Up)),
                     (s.StudentsWithSpace, nameof(s.StudentsWithSpace)), (s.SurveillancePoints, nameof(s.SurveillancePoints)),
                     (s.SurveillancePointsConnected, nameof(s.SurveillancePointsConnected)),
                 })
            Range(value, field, MaxCount);
        Range(s.ProgrammingHours, nameof(s.ProgrammingHours), MaxProgrammingHours);

        AtMost(s.InteractiveClassrooms, nameof(s.InteractiveClassrooms), s.MultimediaClassrooms, nameof(s.MultimediaClassrooms));
        AtMost(s.MultimediaClassrooms, nameof(s.MultimediaClassrooms), s.Classrooms, nameof(s.Classrooms));
        AtMost(s.SmartClassrooms, nameof(s.SmartClassrooms), s.Classrooms, nameof(s.Classrooms));
        AtMost(s.TeachersWithSpace, nameof(s.TeachersWithSpace), s.Teachers, nameof(s.Teachers));
        AtMost(s.StudentsWithSpace, nameof(s.StudentsWithSpace), s.StudentsGrade3Up, nameof(s.StudentsGrade3Up));
        AtMost(s.SurveillancePointsConnected, nameof(s.SurveillancePointsConnected), s.SurveillancePoints, nameof(s.SurveillancePoints));
        AtMost(s.UplinkMbps, nameof(s.UplinkMbps), s.DownlinkMbps, nameof(s.DownlinkMbps));
        if (s.Narrative?.Length > MaxNarrative) errors.Add(new FieldError(nameof(s.Narrative), ErrorCodes.TooLong, nameof(s.Narrative), MaxNarrative));
        return errors;
    }

    /// <summary>The figures still empty; a filing is submitted only when there are none.</summary>
    public static IReadOnlyList<string> Missing(SchoolSurvey s) =>
        typeof(SchoolSurvey).GetProperties()
            .Where(p => p.Name != nameof(SchoolSurvey.Narrative) && p.GetValue(s) is null)
            .Select(p => p.Name)
            .ToList();
}
