using EduGov.Domain.Common;

namespace EduGov.Domain.Training;

/// <summary>信息技术应用能力提升工程2.0 / 领导力 / 人工智能+教师 / 学科融合 / 其他.</summary>
public enum CourseCategory { Ability20 = 1, Leadership, AiTeacher, Integration, Other }

public enum CourseMode { Online = 1, Offline, Blended }

public sealed record CourseDetails(string Code, string Title, string Provider, CourseCategory Category, CourseMode Mode, decimal Hours, decimal PracticeHours);

/// <summary>A course of a training provider, with the hours (学时) and practice hours (实践学时) it credits.</summary>
public sealed class Course
{
    public const decimal MaxHours = 200;

    private Course() { }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Provider { get; private set; } = "";
    public CourseCategory Category { get; private set; }
    public CourseMode Mode { get; private set; }
    public decimal Hours { get; private set; }
    public decimal PracticeHours { get; private set; }

    public static Course Create(CourseDetails details)
    {
        var course = new Course();
        course.Update(details);
        return course;
    }

    public void Update(CourseDetails d)
    {
        Code = Guard.Required(d.Code, 30, "Code");
        Title = Guard.Required(d.Title, 200, "Title");
        Provider = Guard.Required(d.Provider, 100, "Provider");
        Category = Enum.IsDefined(d.Category) ? d.Category : throw new DomainException(ErrorCodes.Required, "Category");
        Mode = Enum.IsDefined(d.Mode) ? d.Mode : throw new DomainException(ErrorCodes.Required, "Mode");
        TrainingHours.Check(d.Hours, d.PracticeHours);
        Hours = d.Hours;
        PracticeHours = d.PracticeHours;
    }
}

public static class TrainingHours
{
    /// <summary>Hours are positive and at most <see cref="Course.MaxHours"/>; practice hours are not negative and not above the hours.</summary>
    public static void Check(decimal hours, decimal practiceHours)
    {
        if (hours is <= 0 or > Course.MaxHours) throw new DomainException(ErrorCodes.HoursOutOfRange, 0, Course.MaxHours);
        if (practiceHours < 0) throw new DomainException(ErrorCodes.NegativeValue, "PracticeHours");
        if (practiceHours > hours) throw new DomainException(ErrorCodes.PracticeAboveHours);
    }
}
