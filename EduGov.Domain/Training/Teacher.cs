using EduGov.Domain.Common;

namespace EduGov.Domain.Training;

public enum Gender { Male = 1, Female }

/// <summary>教师 / 校长 / 副校长 / 中层 / 信息技术专职.</summary>
public enum Post { Teacher = 1, Principal, VicePrincipal, MiddleManager, ItSpecialist }

public enum TeacherStatus { Active = 1, Left, Retired }

public sealed record TeacherDetails(
    string StaffNumber, string Name, Gender Gender, string? Subject, Post Post, TeacherStatus Status, string? IdNumber);

/// <summary>A member of a school's staff in the teacher registry.</summary>
public sealed class Teacher
{
    private Teacher() { }

    public int Id { get; private set; }
    public int SchoolId { get; private set; }
    /// <summary>教职工号, unique within the school.</summary>
    public string StaffNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public string? Subject { get; private set; }
    public Post Post { get; private set; }
    public TeacherStatus Status { get; private set; }
    /// <summary>居民身份证号, when the school holds it. Shown only through <see cref="IdNumbers.Mask"/> unless the role may see it.</summary>
    public string? IdNumber { get; private set; }

    public static Teacher Create(int schoolId, TeacherDetails details)
    {
        var teacher = new Teacher { SchoolId = schoolId };
        teacher.Update(details);
        return teacher;
    }

    public void Update(TeacherDetails d)
    {
        StaffNumber = Guard.Required(d.StaffNumber, 30, "StaffNumber");
        Name = Guard.Required(d.Name, 50, "Name");
        Gender = Enum.IsDefined(d.Gender) ? d.Gender : throw new DomainException(ErrorCodes.Required, "Gender");
        Subject = Guard.Optional(d.Subject, 30, "Subject");
        Post = Enum.IsDefined(d.Post) ? d.Post : throw new DomainException(ErrorCodes.Required, "Post");
        Status = Enum.IsDefined(d.Status) ? d.Status : throw new DomainException(ErrorCodes.Required, "Status");
        var id = Guard.Optional(d.IdNumber, 18, "IdNumber")?.ToUpperInvariant();
        if (id is not null && !IdNumbers.IsValid(id)) throw new DomainException(ErrorCodes.IdNumberInvalid);
        IdNumber = id;
    }
}

/// <summary>居民身份证号码 (GB 11643-1999): 17 digits and a check character.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string id)
    {
        if (id.Length != 18 || !id[..17].All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (id[i] - '0') * Weights[i];
        return char.ToUpperInvariant(id[17]) == CheckCharacters[sum % 11];
    }

    /// <summary>5001********1234: the region and the last four stay, the birth date and sequence do not.</summary>
    public static string? Mask(string? id) => id is null ? null : id.Length <= 8 ? new string('*', id.Length) : $"{id[..4]}********{id[^4..]}";

    /// <summary>The check character a 17-digit body needs (to make valid demo numbers).</summary>
    public static char CheckFor(string body17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (body17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}
