using EduGov.Domain.Common;

namespace EduGov.Domain.Training;

/// <summary>
/// What the imports of the teacher registry and of training records may take from a file row, so that nothing is
/// overwritten by accident: a template's sample row never reaches real data, and a teacher is only touched by a row
/// that names the same person the registry holds for that school and staff number.
/// </summary>
public static class RegistryRows
{
    /// <summary>
    /// The 学校代码 of a template's sample row starts with this. A real school code is digits, so no real row is
    /// skipped; a sample row uploaded unchanged is never read as data (it once replaced a real teacher).
    /// </summary>
    public const string SampleMarker = "示例";

    public static bool IsSample(string schoolCode) => schoolCode.TrimStart().StartsWith(SampleMarker, StringComparison.Ordinal);

    /// <summary>
    /// Whether two spellings are one name: spaces do not count (personnel systems pad two-character names, "李　洋"),
    /// nor which middle dot separates the parts of a minority name (·, •, ・, ．, .).
    /// </summary>
    public static bool SameName(string registry, string file) => registry == file || Normal(registry) == Normal(file);

    private static string Normal(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c)).Select(c => c is '•' or '・' or '．' or '.' or '‧' or '∙' ? '·' : c));

    /// <summary>
    /// A training record names its teacher twice, by (学校代码, 教职工号) and by 姓名: the two must agree, or the hours
    /// would go to whoever holds that staff number. An empty 姓名 cannot be checked and is refused.
    /// </summary>
    public static void CheckRecordName(string schoolCode, string staffNumber, string registryName, string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new DomainException(ErrorCodes.Required, "姓名");
        if (!SameName(registryName, fileName))
            throw new DomainException(ErrorCodes.ImportRecordNameMismatch, schoolCode, staffNumber, registryName, fileName.Trim());
    }
}

/// <summary>
/// A row of the teacher registry as a file gives it: null where the cell was empty. An empty cell means "not given",
/// never "erase": a school's export often leaves out ID numbers or subjects the registry already holds.
/// </summary>
public sealed record RegistryRow(string StaffNumber, string? Name, Gender? Gender, string? Subject, Post? Post, TeacherStatus? Status, string? IdNumber)
{
    /// <summary>A teacher the registry does not hold yet: 姓名, 性别 and 岗位 are required; no 状态 means 在职.</summary>
    public TeacherDetails ForNew() => new(StaffNumber,
        Name ?? throw new DomainException(ErrorCodes.Required, "Name"),
        Gender ?? throw new DomainException(ErrorCodes.Required, "Gender"),
        Subject,
        Post ?? throw new DomainException(ErrorCodes.Required, "Post"),
        Status ?? TeacherStatus.Active,
        IdNumber);

    /// <summary>
    /// A teacher the registry holds: each empty cell keeps the stored value. A different name is refused, not applied:
    /// the staff number then belongs to someone else (or was mistyped), and a rename is made on the teacher's page.
    /// </summary>
    public TeacherDetails Over(Teacher known)
    {
        if (Name is not null && !RegistryRows.SameName(known.Name, Name))
            throw new DomainException(ErrorCodes.ImportTeacherNameMismatch, StaffNumber, known.Name, Name);
        return new TeacherDetails(StaffNumber, known.Name, Gender ?? known.Gender, Subject ?? known.Subject, Post ?? known.Post,
            Status ?? known.Status, IdNumber ?? known.IdNumber);
    }
}
