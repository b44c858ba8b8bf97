using System.Diagnostics;
using ClosedXML.Excel;
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
/// one updated. The file is read twice: the first pass checks every row against the file and the registry and writes
/// nothing, the second writes, all or nothing. Nothing is overwritten by accident (<see cref="RegistryRows"/>,
/// <see cref="RegistryRow"/>): a template's sample rows are skipped, an empty cell keeps the stored value, and a known
/// staff number under another name refuses the file.
/// </summary>
public sealed class TeacherImport(IDbContextFactory<EduGovDbContext> factory, ComplianceService compliance, TimeProvider clock, EduGovMetrics metrics)
{
    public static readonly string[] Columns = ["学校代码", "教职工号", "姓名", "性别", "学科", "岗位", "状态", "身份证号"];
    private const int BatchSize = 2_000;

    /// <summary>A district has a few tens of thousands of staff; a file with more rows is not its registry.</summary>
    public const int MaxRows = 100_000;

    /// <summary>100,000 rows of the registry make a CSV of about 8 MB.</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    public const string TemplateName = "教师名册导入模板.xlsx";

    public static readonly Dictionary<string, Gender> Genders = new() { ["男"] = Gender.Male, ["女"] = Gender.Female };
    public static readonly Dictionary<string, Post> Posts = new()
    {
        ["教师"] = Post.Teacher, ["校长"] = Post.Principal, ["副校长"] = Post.VicePrincipal, ["中层"] = Post.MiddleManager, ["信息技术专职"] = Post.ItSpecialist,
    };
    public static readonly Dictionary<string, TeacherStatus> Statuses = new() { ["在职"] = TeacherStatus.Active, ["调离"] = TeacherStatus.Left, ["退休"] = TeacherStatus.Retired };

    private sealed record Row(int Number, int SchoolId, RegistryRow File)
    {
        public (int, string) Key => (SchoolId, File.StaffNumber);
    }

    public async Task<ImportOutcome> ImportAsync(AccessScope scope, Stream file, CancellationToken ct = default)
    {
        if (!scope.CanSeeIdNumbers) throw new ForbiddenException("import the teacher registry");
        if (!file.CanSeek) throw new ArgumentException("The import reads the file twice; give it a seekable stream.", nameof(file));
        var watch = Stopwatch.StartNew();
        await using var db = await factory.OpenAsync(scope, ct);
        var schools = await db.OrgUnits.VisibleTo(scope).Where(u => u.Kind == OrgUnitKind.School).ToDictionaryAsync(u => u.Code, u => u.Id, ct);

        // Pass 1: every row against the file (duplicates) and the registry (names, required cells); nothing written.
        var errors = new ImportErrorList();
        var seen = new HashSet<(int, string)>();
        int rows = 0, skipped = 0;
        foreach (var batch in Read(file, schools, errors.Add, () => skipped++).Chunk(BatchSize))
        {
            rows += batch.Length;
            var good = new List<Row>(batch.Length);
            foreach (var row in batch.OfType<Row>())
            {
                if (seen.Add(row.Key)) good.Add(row);
                else errors.Add(new ImportError(row.Number, row.File.StaffNumber, ErrorCodes.ImportDuplicateTeacher, row.File.StaffNumber));
            }
            var known = await KnownAsync(db.Teachers.AsNoTracking(), good, ct);
            foreach (var row in good)
            {
                try
                {
                    Teacher.Create(row.SchoolId, Details(row, known.GetValueOrDefault(row.Key)));
                }
                catch (DomainException e)
                {
                    errors.Add(new ImportError(row.Number, row.File.StaffNumber.Length > 0 ? row.File.StaffNumber : null, e.Code, e.Args));
                }
            }
        }
        if (errors.Count == 0 && rows == 0) errors.Add(new ImportError(0, null, ErrorCodes.ImportEmpty));
        if (errors.Count > 0) return metrics.Imported("teachers", ImportOutcome.Refused(errors, rows, watch, skipped));

        // Pass 2: every row is good; add the new teachers and update the known ones, all or nothing.
        int added = 0, updated = 0;
        var touched = new HashSet<int>();
        db.AuditRows = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var batch in Read(file, schools, _ => throw new InvalidDataException("The file changed during the import."), () => { }).OfType<Row>().Chunk(BatchSize))
            {
                var known = await KnownAsync(db.Teachers, batch, ct);
                foreach (var row in batch)
                {
                    if (!known.TryGetValue(row.Key, out var teacher))
                    {
                        db.Teachers.Add(Teacher.Create(row.SchoolId, row.File.ForNew()));
                        added++;
                        touched.Add(row.SchoolId);
                        continue;
                    }
                    teacher.Update(row.File.Over(teacher));
                    if (!db.Entry(teacher).Properties.Any(p => p.IsModified)) continue;
                    updated++;
                    touched.Add(row.SchoolId);
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Import", "Teacher", null,
                $"{rows} rows: {added} added, {updated} updated, {rows - added - updated} unchanged, {skipped} sample rows skipped"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await compliance.RecomputeSchoolsAsync(touched, ct);
        return metrics.Imported("teachers", new ImportOutcome([], 0, rows, added, updated, rows - added - updated, watch.Elapsed, Skipped: skipped));
    }

    /// <summary>
    /// The registry template: the columns with two sample rows (a new teacher, and a known one whose post alone changes),
    /// drop-downs for 性别, 岗位 and 状态, codes as text, and the instructions sheet. Uploaded unchanged it writes nothing.
    /// </summary>
    public static byte[] Template()
    {
        using var workbook = new XLWorkbook();
        var sample = RegistryRows.SampleMarker + "-5001030001";
        var sheet = Spreadsheet.Sheet(workbook, "教师名册", Columns,
        [
            [sample, "0001099", "王小红", "女", "数学", "教师", "在职", "11010519491231002X"],
            [sample, "0001098", "", "", "", "副校长", "", ""],
        ]);
        ImportTemplates.Text(sheet, Columns, "学校代码", "教职工号", "身份证号");
        ImportTemplates.Choice(sheet, Columns, MaxRows, "性别", Genders.Keys);
        ImportTemplates.Choice(sheet, Columns, MaxRows, "岗位", Posts.Keys);
        ImportTemplates.Choice(sheet, Columns, MaxRows, "状态", Statuses.Keys);
        Spreadsheet.Sheet(workbook, "填写说明", ["项目", "说明"],
        [
            ["学校代码", "学校的 10 位代码（如 5001030001），须是您管辖范围内的学校。"],
            ["教职工号", "学校人事系统中的教职工号，同一学校内唯一；与学校代码一起识别教师：系统中没有的新增，已有的更新。"],
            ["姓名", "新教师必填。已有教师的姓名须与系统一致，否则整个文件不导入（以免教职工号填错时改动了别人）；改名请在教师名册页面修改。"],
            ["性别", "男 / 女（下拉选择）。新教师必填。"],
            ["学科", "任教学科，可不填。"],
            ["岗位", $"{string.Join(" / ", Posts.Keys)}（下拉选择）。新教师必填。"],
            ["状态", $"{string.Join(" / ", Statuses.Keys)}（下拉选择）。新教师不填为在职。"],
            ["身份证号", "18 位居民身份证号，可不填；填写后仅校长和区县教委可见完整号码。"],
            ["空白单元格", "已有教师的空白单元格表示保持系统中的原值不变（身份证号、学科、性别、岗位、状态都不会被清空）。要清除某项，请在教师名册页面修改。"],
            .. ImportTemplates.CommonNotes(MaxRows, MaxUploadBytes),
        ]);
        return ImportTemplates.Save(workbook);
    }

    private static TeacherDetails Details(Row row, Teacher? known) => known is null ? row.File.ForNew() : row.File.Over(known);

    /// <summary>The registry's teachers that rows of a batch name, by (school, staff number).</summary>
    private static async Task<Dictionary<(int, string), Teacher>> KnownAsync(IQueryable<Teacher> teachers, IReadOnlyCollection<Row> rows, CancellationToken ct)
    {
        var schoolIds = rows.Select(r => r.SchoolId).Distinct().ToList();
        var numbers = rows.Select(r => r.File.StaffNumber).Distinct().ToList();
        return await teachers.Where(t => schoolIds.Contains(t.SchoolId) && numbers.Contains(t.StaffNumber)).ToDictionaryAsync(t => (t.SchoolId, t.StaffNumber), ct);
    }

    /// <summary>
    /// Every data row but a template's sample rows (counted by <paramref name="sample"/>): a well-formed one as a
    /// <see cref="Row"/>, a malformed one as null after its error went to <paramref name="fail"/>.
    /// </summary>
    private static IEnumerable<Row?> Read(Stream file, Dictionary<string, int> schools, Action<ImportError> fail, Action sample)
    {
        file.Position = 0;
        foreach (var field in TableFile.Read(file, Columns, fail, MaxRows, keyColumn: "教职工号"))
        {
            if (RegistryRows.IsSample(field["学校代码"]))
            {
                sample();
                continue;
            }
            yield return Parse(field, schools, fail);
        }
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
        if (!Choice(field, "性别", Genders, out var gender) | !Choice(field, "岗位", Posts, out var post) | !Choice(field, "状态", Statuses, out var status))
            return null;
        return new Row(field.Number, schoolId, new RegistryRow(staffNumber, Given(field["姓名"]), gender, Given(field["学科"]), post, status, Given(field["身份证号"])));

        // An empty cell gives nothing (the stored value stays); a filled one must be one of the names.
        bool Choice<T>(TableRow row, string column, Dictionary<string, T> names, out T? value) where T : struct
        {
            var text = row[column];
            value = null;
            if (text.Length == 0) return true;
            if (names.TryGetValue(text, out var named))
            {
                value = named;
                return true;
            }
            fail(new ImportError(row.Number, key, ErrorCodes.ImportUnknownValue, column, text, string.Join("、", names.Keys)));
            return false;
        }
    }

    private static string? Given(string text) => text.Length > 0 ? text : null;
}
