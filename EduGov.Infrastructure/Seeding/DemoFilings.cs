using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// Plausible filings for demo schools: urban schools better connected and equipped than rural ones, teaching
/// points the least, and each school a little better in 2026 than in 2025. Deterministic per school and seed.
/// </summary>
public static class DemoFilings
{
    public static readonly (string Name, int Year, DateOnly Opens, DateOnly Closes)[] Periods =
    [
        ("2025年度", 2025, new DateOnly(2025, 11, 1), new DateOnly(2025, 12, 15)),
        ("2026年度", 2026, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 15)),
    ];

    private static readonly int[] UrbanBandwidth = [200, 300, 500, 1000, 1000];
    private static readonly int[] RuralBandwidth = [50, 100, 100, 200, 300];
    private static readonly int[] PointBandwidth = [20, 50, 100, 200];

    public static SchoolSurvey For(OrgUnit school, int seed, int year)
    {
        var p = school.School!;
        var random = new Random(seed ^ int.Parse(school.Code[^6..]) ^ 0xF11E);
        var survey = Base(random, p);
        return year <= 2025 ? survey : Improve(new Random(seed ^ school.Id ^ year), survey, p);
    }

    private static SchoolSurvey Base(Random r, SchoolProfile p)
    {
        var point = p.Type == SchoolType.TeachingPoint;
        var bandwidths = point ? PointBandwidth : p.IsRural ? RuralBandwidth : UrbanBandwidth;
        var downlink = bandwidths[r.Next(bandwidths.Length)];
        var multimedia = Share(r, p.Classrooms, p.IsRural ? 0.65 : 0.85, 1.0);
        var grade3Up = p.Type switch
        {
            SchoolType.Primary => p.Students * 2 / 3,
            SchoolType.TeachingPoint => p.Students / 2,
            SchoolType.NineYear => p.Students * 7 / 9,
            _ => p.Students,
        };
        var points = Math.Max(4, p.Students / 40 + r.Next(0, 10));
        var k9 = p.Type is SchoolType.Primary or SchoolType.JuniorMiddle or SchoolType.NineYear or SchoolType.Complete or SchoolType.TeachingPoint;
        return new SchoolSurvey
        {
            DownlinkMbps = downlink,
            UplinkMbps = Math.Max(10, downlink / 5),
            HasFibre = r.NextDouble() < (p.IsRural ? 0.7 : 0.95),
            HasIpv6 = r.NextDouble() < (p.IsRural ? 0.35 : 0.6),
            Wireless = (WirelessCoverage)(p.IsRural ? r.Next(1, 3) : r.Next(2, 4)),
            Classrooms = p.Classrooms,
            MultimediaClassrooms = multimedia,
            InteractiveClassrooms = Share(r, multimedia, 0.3, 0.55),
            StudentTerminals = Share(r, p.Students, 0.08, 0.2),
            TeacherTerminals = Share(r, p.Teachers, 0.8, 1.0),
            SmartClassrooms = Share(r, p.Classrooms, 0, 0.12),
            MakerSpaces = point ? 0 : r.Next(0, 4),
            Teachers = p.Teachers,
            TeachersWithSpace = Share(r, p.Teachers, 0.85, 1.0),
            StudentsGrade3Up = grade3Up,
            StudentsWithSpace = Share(r, grade3Up, 0.72, 0.97),
            UsesSpecialDelivery = point ? r.NextDouble() < 0.72 : r.NextDouble() < 0.2,
            UsesFamousTeacher = r.NextDouble() < 0.5,
            UsesFamousSchool = r.NextDouble() < 0.4,
            ProgrammingHours = k9 ? r.Next(18, 49) : r.Next(0, 20),
            SurveillancePoints = points,
            SurveillancePointsConnected = Share(r, points, 0.75, 1.0),
            CanteenConnected = r.NextDouble() < 0.88,
            GateConnected = r.NextDouble() < 0.95,
            PlaygroundConnected = r.NextDouble() < 0.78,
            HasCampusSystem = r.NextDouble() < (p.IsRural ? 0.6 : 0.88),
        };
    }

    /// <summary>A year of progress: faster links for some, more interactive rooms and spaces, more connected cameras.</summary>
    private static SchoolSurvey Improve(Random r, SchoolSurvey s, SchoolProfile p)
    {
        var downlink = r.NextDouble() < 0.3 ? Math.Min(1000, s.DownlinkMbps!.Value * 2) : s.DownlinkMbps!.Value;
        var multimedia = Math.Min(p.Classrooms, s.MultimediaClassrooms!.Value + r.Next(0, 3));
        return s with
        {
            DownlinkMbps = downlink,
            UplinkMbps = Math.Max(10, downlink / 5),
            HasFibre = s.HasFibre == true || r.NextDouble() < 0.3,
            MultimediaClassrooms = multimedia,
            InteractiveClassrooms = Math.Min(multimedia, s.InteractiveClassrooms!.Value + r.Next(1, 4)),
            StudentsWithSpace = Math.Min(s.StudentsGrade3Up!.Value, s.StudentsWithSpace!.Value + s.StudentsGrade3Up.Value / 20),
            TeachersWithSpace = Math.Min(s.Teachers!.Value, s.TeachersWithSpace!.Value + r.Next(0, 3)),
            PlaygroundConnected = s.PlaygroundConnected == true || r.NextDouble() < 0.4,
            ProgrammingHours = s.ProgrammingHours + r.Next(0, 6),
        };
    }

    private static int Share(Random r, int whole, double min, double max) => (int)Math.Round(whole * (min + r.NextDouble() * (max - min)));

    /// <summary>Where each school stands in the open period: most approved, some in review, some returned or not started.</summary>
    public static FilingStatus? StatusIn2026(OrgUnit school, int seed)
    {
        if (school.Code == DemoUsers.PrincipalSchoolCode) return null;
        var roll = new Random(seed ^ int.Parse(school.Code[^6..]) ^ 0x2026).Next(100);
        return roll switch
        {
            < 55 => FilingStatus.Approved,
            < 70 => FilingStatus.Submitted,
            < 78 => FilingStatus.Returned,
            < 88 => FilingStatus.Draft,
            _ => null,
        };
    }
}
