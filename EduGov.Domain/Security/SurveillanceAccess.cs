namespace EduGov.Domain.Security;

/// <summary>
/// Which of a school's key areas send video to the supervision platform (视频监控接入). Exam rooms count only at a
/// school that has 标准化考场 (null: none).
/// </summary>
public sealed record SurveillanceAreas(bool Canteen, bool Gate, bool Playground, bool? ExamRooms)
{
    public int Areas => 3 + (ExamRooms is null ? 0 : 1);

    public int Connected => One(Canteen) + One(Gate) + One(Playground) + One(ExamRooms == true);

    private static int One(bool connected) => connected ? 1 : 0;
}

/// <summary>A school's key areas as recorded at a moment: in its register or in an approved filing.</summary>
public sealed record SurveillanceStatus(SurveillanceAreas Areas, DateTime AsOfUtc)
{
    /// <summary>
    /// The register is kept up to date between filings and the yearly filing confirms it: whichever was recorded
    /// last stands for the school (null when neither exists, so the school is 无数据 rather than 0%).
    /// </summary>
    public static SurveillanceStatus? Latest(SurveillanceStatus? register, SurveillanceStatus? filing) =>
        register is not null && filing is not null ? (register.AsOfUtc >= filing.AsOfUtc ? register : filing) : register ?? filing;
}

/// <summary>A school's current surveillance access, kept by the school or its district.</summary>
public sealed class SurveillanceAccess
{
    private SurveillanceAccess() { }

    public int Id { get; private set; }
    public int SchoolId { get; private set; }
    public bool Canteen { get; private set; }
    public bool Gate { get; private set; }
    public bool Playground { get; private set; }
    public bool? ExamRooms { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public SurveillanceAreas Areas => new(Canteen, Gate, Playground, ExamRooms);

    public SurveillanceStatus Status => new(Areas, UpdatedAtUtc);

    public static SurveillanceAccess Record(int schoolId, SurveillanceAreas areas, string by, DateTime atUtc)
    {
        var access = new SurveillanceAccess { SchoolId = schoolId };
        access.Update(areas, by, atUtc);
        return access;
    }

    public void Update(SurveillanceAreas areas, string by, DateTime atUtc) =>
        (Canteen, Gate, Playground, ExamRooms, UpdatedBy, UpdatedAtUtc) = (areas.Canteen, areas.Gate, areas.Playground, areas.ExamRooms, by, atUtc);
}
