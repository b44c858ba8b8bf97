using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// Plausible filings for demo schools: urban schools better connected and equipped than rural ones, teaching
/// points the least. The years 2019–2025 are history, every filing approved; each district moves at its own
/// <see cref="Pace"/> toward 2025 (most improving, some quickly, a few stalled or slipping), and each school is a little
/// better in 2026 than in 2025. Deterministic per school and seed.
/// </summary>
public static class DemoFilings
{
    public const int FirstYear = 2019, OpenYear = 2026;

    /// <summary>One reporting period a year, 1 November to 15 December; the last is open today.</summary>
    public static readonly (string Name, int Year, DateOnly Opens, DateOnly Closes)[] Periods =
        Enumerable.Range(FirstYear, OpenYear - FirstYear + 1).Select(y => ($"{y}年度", y, new DateOnly(y, 11, 1), new DateOnly(y, 12, 15))).ToArray();

    /// <summary>How a district got to its 2025 figures: the share of them it had each year before (1 = stood still).</summary>
    public enum Pace { Fast, Steady, Slow, Stalled, Slipping }

    /// <summary>Most districts steady, some fast or slow, a few stalled or slipping; fixed per district and seed.</summary>
    public static Pace PaceOf(string districtCode, int seed) => new Random(seed ^ int.Parse(districtCode) ^ 0x5EED).Next(100) switch
    {
        < 15 => Pace.Fast,
        < 70 => Pace.Steady,
        < 85 => Pace.Slow,
        < 94 => Pace.Stalled,
        _ => Pace.Slipping,
    };

    /// <summary>The share of its 2025 level a district's schools had <paramref name="yearsBefore"/> years earlier.</summary>
    public static double LevelBefore(Pace pace, int yearsBefore) => pace switch
    {
        Pace.Fast => Math.Max(0.35, 1 - 0.09 * yearsBefore),
        Pace.Steady => Math.Max(0.5, 1 - 0.055 * yearsBefore),
        Pace.Slow => 1 - 0.025 * yearsBefore,
        Pace.Stalled => 1 - 0.004 * yearsBefore,
        _ => 1 + 0.02 * yearsBefore,
    };

    private static readonly int[] UrbanBandwidth = [200, 300, 500, 1000, 1000];
    private static readonly int[] RuralBandwidth = [50, 100, 100, 200, 300];
    private static readonly int[] PointBandwidth = [20, 50, 100, 200];

    public static SchoolSurvey For(OrgUnit school, int seed, int year)
    {
        var p = school.School!;
        var random = new Random(seed ^ int.Parse(school.Code[^6..]) ^ 0xF11E);
        var survey = Base(random, p);
        if (year > 2025) return Improve(new Random(seed ^ school.Id ^ year), survey, p);
        if (year == 2025) return survey;
        var district = OrgUnit.LineageOf(school.Path)[1].Trim('/').Split('/')[^1];
        // One draw per school, not per year: what a school had one year it keeps the next (fibre is not laid twice).
        return Earlier(new Random(seed ^ int.Parse(school.Code[^6..]) ^ 0xB4C), survey, p, LevelBefore(PaceOf(district, seed), 2025 - year), 2025 - year);
    }

    /// <summary>A school's figures some years before 2025, at <paramref name="level"/> of them (above 1 for a district that slipped since).</summary>
    private static SchoolSurvey Earlier(Random r, SchoolSurvey s, SchoolProfile p, double level, int yearsBefore)
    {
        int Scaled(int value, int whole, double power = 1) => Math.Min(whole, (int)Math.Round(value * Math.Pow(level, power)));
        bool Kept(bool? had) => had == true && r.NextDouble() < Math.Min(1, level + 0.1);
        var multimedia = Scaled(s.MultimediaClassrooms!.Value, p.Classrooms);
        var downlink = level >= 0.9 ? s.DownlinkMbps!.Value : Math.Max(10, s.DownlinkMbps!.Value >> (int)Math.Ceiling((0.9 - level) * 5));
        return s with
        {
            DownlinkMbps = downlink,
            UplinkMbps = Math.Max(10, downlink / 5),
            HasFibre = Kept(s.HasFibre),
            HasIpv6 = Kept(s.HasIpv6) && level >= 0.8,
            Wireless = level < 0.75 && s.Wireless > WirelessCoverage.None ? s.Wireless - 1 : s.Wireless,
            MultimediaClassrooms = multimedia,
            InteractiveClassrooms = Math.Min(multimedia, Scaled(s.InteractiveClassrooms!.Value, p.Classrooms, 1.6)),
            StudentTerminals = Scaled(s.StudentTerminals!.Value, p.Students, 1.3),
            TeacherTerminals = Scaled(s.TeacherTerminals!.Value, p.Teachers),
            SmartClassrooms = Scaled(s.SmartClassrooms!.Value, p.Classrooms, 2.5),
            MakerSpaces = Scaled(s.MakerSpaces!.Value, 10, 2),
            TeachersWithSpace = Scaled(s.TeachersWithSpace!.Value, s.Teachers!.Value),
            StudentsWithSpace = Scaled(s.StudentsWithSpace!.Value, s.StudentsGrade3Up!.Value, 1.2),
            ProgrammingHours = Math.Max(0, (int)Math.Round(s.ProgrammingHours!.Value * Math.Min(1.1, level) - yearsBefore * (1 - Math.Min(1, level)) * 2)),
            SurveillancePointsConnected = Scaled(s.SurveillancePointsConnected!.Value, s.SurveillancePoints!.Value, 1.5),
            CanteenConnected = Kept(s.CanteenConnected),
            PlaygroundConnected = Kept(s.PlaygroundConnected),
            HasCampusSystem = Kept(s.HasCampusSystem),
        };
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

    /// <summary>
    /// How a school's filing went: the day after the period opened that it was submitted, whether its district returned it
    /// once, and the days the district took to decide. Each district has its own pace of review (1 to 12 days) and its own
    /// share of late and returned filings, so the data-quality scorecard tells districts apart. The open period's filings
    /// went in on its eighth day and were decided within six.
    /// </summary>
    public static (int SubmitDay, bool ReturnedOnce, int DecisionDays) TimelineOf(OrgUnit school, int seed, int year, int periodDays)
    {
        var district = new Random(seed ^ int.Parse(school.Code[..6]) ^ 0xDA75);
        var (lag, latePercent, returnPercent) = (1 + district.Next(12), district.Next(4) * 5, district.Next(5) * 10);
        if (year >= OpenYear) return (8, false, 1 + lag % 6);
        var r = new Random(seed ^ int.Parse(school.Code[^6..]) ^ year);
        var late = r.Next(100) < latePercent;
        return (late ? periodDays + 1 + r.Next(10) : 3 + r.Next(25), r.Next(100) < returnPercent, lag);
    }

    /// <summary>A school that equipped a class with a tablet each: four times last year's student terminals, a jump the checks flag.</summary>
    public static SchoolSurvey Outlier(SchoolSurvey s) => s with { StudentTerminals = s.StudentTerminals * 4 };

    public static readonly IReadOnlyDictionary<string, string?> OutlierExplanations = new Dictionary<string, string?>
    {
        [nameof(SchoolSurvey.StudentTerminals)] = "本学期起两个平板教学实验班按生配备平板电脑，共新增终端，附采购合同。",
    };

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
