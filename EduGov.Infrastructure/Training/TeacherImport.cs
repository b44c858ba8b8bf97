using System.Diagnostics;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Training;

/// <summary>
/// The teacher registry from a CSV or Excel file (学校代码, 教职工号, 姓名, 性别, 学科, 岗位, 状态, 身份证号), as schools
/// keep it in their personnel systems. A teacher is known by school and staff number: a new one is added, a known
/// one updated. Like the records import it reads the file twice and writes nothing unless every row is good.
/// </summary>
public sealed class TeacherImport(IDbContextFactory<EduGovDbContext> factory, ComplianceService compliance, TimeProvider clock)
{
    public static readonly string[] Columns = ["学校代码", "教职工号", "姓名", "性别", "学科", "岗位", "状态", "身份证号"];
    private const int BatchSize = 2_000;

    private static readonly Dictionary<string, Gender> Genders = new() { ["男"] = Gender.Male, ["女"] = Gender.Female };
    private static readonly Dictionary<string, Post> Posts = new()
    {
        ["教师"] = Post.Teacher, ["校长"] = Post.Principal, ["副校长"] = Post.VicePrincipal, ["中层"] = Post.MiddleManager, ["信息技术专职"] = Post.ItSpecialist,
    };
    private static readonly Dictionary<string, TeacherStatus> Statuses = new() { ["在职"] = TeacherStatus.Active, ["调离"] = TeacherStatus.Left, ["退休"] = TeacherStatus.Retired };

    private sealed record Row(int Number, int SchoolId, TeacherDetails Details);

    public async Task<ImportOutcome> ImportAsync(AccessScope scope, Stream file, CancellationToken ct = default)
    {
        if (!scope.CanSeeIdNumbers) throw new ForbiddenException("import the teacher registry");
        var watch = Stopwatch.StartNew();
        await using var db = await factory.OpenAsync(scope, ct);
        var schools = await db.OrgUnits.VisibleTo(scope).Where(u => u.Kind == OrgUnitKind.School).ToDictionaryAsync(u => u.Code, u => u.Id, ct);

        var errors = new ImportErrorList();
        var seen = new HashSet<(int, string)>();
        var rows = 0;
        foreach (var row in Read(file, schools, errors.Add))
        {
            rows++;
            if (row is not null && !seen.Add((row.SchoolId, row.Details.StaffNumber)))
                errors.Add(new ImportError(row.Number, row.Details.StaffNumber, ErrorCodes.ImportDuplicateTeacher, row.Details.StaffNumber));
        }
        if (errors.Count == 0 && rows == 0) errors.Add(new ImportError(0, null, ErrorCodes.ImportEmpty));
        if (errors.Count > 0) return ImportOutcome.Refused(errors, rows, watch);

        int added = 0, updated = 0;
        var touched = new HashSet<int>();
        db.AuditRows = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var batch in Read(file, schools, _ => throw new InvalidDataException("The file changed during the import.")).OfType<Row>().Chunk(BatchSize))
            {
                var schoolIds = batch.Select(r => r.SchoolId).Distinct().ToList();
                var numbers = batch.Select(r => r.Details.StaffNumber).Distinct().ToList();
                var existing = await db.Teachers.Where(t => schoolIds.Contains(t.SchoolId) && numbers.Contains(t.StaffNumber))
                    .ToDictionaryAsync(t => (t.SchoolId, t.StaffNumber), ct);
                foreach (var row in batch)
                {
                    if (!existing.TryGetValue((row.SchoolId, row.Details.StaffNumber), out var teacher))
                    {
                        db.Teachers.Add(Teacher.Create(row.SchoolId, row.Details));
                        added++;
                        touched.Add(row.SchoolId);
                        continue;
                    }
                    teacher.Update(row.Details);
                    if (!db.Entry(teacher).Properties.Any(p => p.IsModified)) continue;
                    updated++;
                    touched.Add(row.SchoolId);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Import", "Teacher", null,
                $"{rows} rows: {added} added, {updated} updated, {rows - added - updated} unchanged"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await compliance.RecomputeSchoolsAsync(touched, ct);
        return new ImportOutcome([], 0, rows, added, updated, rows - added - updated, watch.Elapsed);
    }

    /// <summary>Every data row: a good one as a <see cref="Row"/>, a bad one as null after its error went to <paramref name="fail"/>.</summary>
    private static IEnumerable<Row?> Read(Stream file, Dictionary<string, int> schools, Action<ImportError> fail)
    {
        file.Position = 0;
        foreach (var field in TableFile.Read(file, Columns, fail))
            yield return Parse(field, schools, fail);
    }

    private static Row? Parse(TableRow field, Dictionary<string, int> schools, Action<ImportError> fail)
    {
        var staffNumber = field["教职工号"];
        var key = staffNumber.Length > 0 ? staffNumber : null;
        if (!schools.TryGetValue(field["学校代码"], out var schoolId))
        {
            fail(new ImportError(field.Number, key, ErrorCodes.ImportUnknownSchool, field["学校代码"]));
            return null;
        }
        if (!Choice(field, "性别", Genders, null, out var gender) || !Choice(field, "岗位", Posts, null, out var post)
            || !Choice(field, "状态", Statuses, TeacherStatus.Active, out var status))
            return null;
        var details = new TeacherDetails(staffNumber, field["姓名"], gender, field["学科"] is { Length: > 0 } s ? s : null, post, status,
            field["身份证号"] is { Length: > 0 } id ? id : null);
        try
        {
            Teacher.Create(schoolId, details);
            return new Row(field.Number, schoolId, details);
        }
        catch (DomainException e)
        {
            fail(new ImportError(field.Number, key, e.Code, e.Args));
            return null;
        }

        bool Choice<T>(TableRow row, string column, Dictionary<string, T> names, T? whenEmpty, out T value) where T : struct
        {
            var text = row[column];
            if (names.TryGetValue(text, out value)) return true;
            if (text.Length == 0 && whenEmpty is { } fallback)
            {
                value = fallback;
                return true;
            }
            fail(new ImportError(row.Number, key, ErrorCodes.ImportUnknownValue, column, text, string.Join("、", names.Keys)));
            return false;
        }
    }
}
