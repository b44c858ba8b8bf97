using System.Text;
using EduGov.Domain.Common;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class TrainingImportTests : IAsyncLifetime
{
    private const string School = DemoUsers.PrincipalSchoolCode;
    private const string Header = "证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时";
    private TestDatabase _db = default!;
    private TrainingImport Import => _db.Get<TrainingImport>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Open();
        var school = await db.OrgUnits.SingleAsync(u => u.Code == School);
        for (var i = 1; i <= 20; i++)
            db.Teachers.Add(Teacher.Create(school.Id, new TeacherDetails($"T{i:D3}", $"教师{i}", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, null)));
        db.Courses.Add(Course.Create(new CourseDetails("NT2-01", "信息技术应用能力提升工程2.0", "重庆市教师研修网", CourseCategory.Ability20, CourseMode.Blended, 30, 20)));
        db.Courses.Add(Course.Create(new CourseDetails("LD-01", "智慧教育领导力", "重庆市教育干部培训中心", CourseCategory.Leadership, CourseMode.Offline, 16, 4)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static MemoryStream File(params string[] rows) => new(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n"));

    private static string Line(string certificate, string staff = "T001", string course = "NT2-01", string date = "2021-06-30", string hours = "30", string practice = "20") =>
        $"{certificate},{School},{staff},教师,{course},{date},{hours},{practice}";

    private async Task<int> CountAsync()
    {
        await using var db = _db.Open();
        return await db.TrainingRecords.CountAsync();
    }

    [Fact]
    public async Task GoodFile_AddsEveryRecord_AndAgainAddsNothing()
    {
        var rows = Enumerable.Range(1, 20).Select(i => Line($"CQ2021-{i:D5}", staff: $"T{i:D3}")).ToArray();

        var before = await CountAsync();
        var first = await Import.ImportAsync(Scopes.Principal, File(rows));
        var second = await Import.ImportAsync(Scopes.Principal, File(rows));

        (first.Succeeded, first.Rows, first.Added).ShouldBe((true, 20, 20));
        (second.Succeeded, second.Added, second.Unchanged).ShouldBe((true, 0, 20));
        (await CountAsync()).ShouldBe(before + 20);
    }

    [Fact]
    public async Task BadRows_AreEachReportedWithTheReason_AndNothingIsWritten()
    {
        await Import.ImportAsync(Scopes.Principal, File(Line("EXISTING-1")));
        var before = await CountAsync();

        var result = await Import.ImportAsync(Scopes.Principal, File(
            Line("OK-1"),
            Line("BAD-2", staff: "T999"),
            Line("BAD-3", course: "NOPE"),
            Line("BAD-4", hours: "0"),
            Line("BAD-5", hours: "10", practice: "12"),
            Line("BAD-6", date: "2021-13-40"),
            Line("OK-1", staff: "T002"),
            Line("EXISTING-1", hours: "31"),
            Line("BAD-9", hours: "三十"),
            Line("BAD-10", date: "2099-01-01")));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([
            (3, ErrorCodes.ImportUnknownTeacher), (4, ErrorCodes.ImportUnknownCourse), (5, ErrorCodes.HoursOutOfRange),
            (6, ErrorCodes.PracticeAboveHours), (7, ErrorCodes.ImportBadDate), (8, ErrorCodes.ImportDuplicateCertificate),
            (9, ErrorCodes.CertificateConflict), (10, ErrorCodes.ImportNotANumber), (11, ErrorCodes.DateInFuture)], ignoreOrder: true);
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task MissingColumn_IsReported()
    {
        var result = await Import.ImportAsync(Scopes.Principal, new MemoryStream(Encoding.UTF8.GetBytes("证书编号,学校代码,教职工号\nA,1,2\n")));
        result.Errors.Select(e => e.Args[0]).ShouldBe(["姓名", "课程编号", "完成日期", "学时", "实践学时"]);
    }

    [Fact]
    public async Task TeachersOutsideTheScope_AreUnknown()
    {
        var result = await Import.ImportAsync(Scopes.OtherDistrict, File(Line("CQ-X")));
        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportUnknownTeacher);
        await Should.ThrowAsync<ForbiddenException>(() => Import.ImportAsync(Scopes.Inspector, File(Line("CQ-Y"))));
    }

    [Fact]
    public async Task LargeGeneratedFile_IsImportedInBatches_AndReportsProgress()
    {
        const int count = 3 * TrainingImport.BatchSize + 123;
        var rows = Enumerable.Range(1, count).Select(i => Line($"BIG-{i:D7}", staff: $"T{i % 20 + 1:D3}", hours: "2", practice: "1")).ToArray();
        var phases = new List<ImportProgress>();
        var before = await CountAsync();

        var result = await Import.ImportAsync(Scopes.District, File(rows), new Progress<ImportProgress>(phases.Add));

        (result.Succeeded, result.Added).ShouldBe((true, count));
        (await CountAsync()).ShouldBe(before + count);
        await Task.Delay(100);
        phases.ShouldContain(p => p.Phase == "write");
    }

    [Fact]
    public async Task ExcelFile_IsReadLikeTheCsv_WithDatesAndNumbersAsCells()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("记录");
        string[] titles = ["学时", "实践学时", "证书编号", "学校代码", "教职工号", "姓名", "课程编号", "完成日期"];
        for (var c = 0; c < titles.Length; c++) sheet.Cell(1, c + 1).Value = titles[c];
        for (var i = 1; i <= 3; i++)
        {
            var row = sheet.Row(i + 1);
            (row.Cell(1).Value, row.Cell(2).Value, row.Cell(3).Value, row.Cell(4).Value) = (30, 20, $"XL-{i}", School);
            (row.Cell(5).Value, row.Cell(6).Value, row.Cell(7).Value, row.Cell(8).Value) = ($"T00{i}", "教师", "NT2-01", new DateTime(2021, 6, 30));
        }
        sheet.Cell(3, 1).Value = "三十";
        var bad = new MemoryStream();
        workbook.SaveAs(bad);
        sheet.Cell(3, 1).Value = 30;
        var good = new MemoryStream();
        workbook.SaveAs(good);
        var before = await CountAsync();

        var failed = await Import.ImportAsync(Scopes.Principal, bad);
        var imported = await Import.ImportAsync(Scopes.Principal, good);

        failed.Errors.Select(e => (e.Row, e.Code)).ShouldBe([(3, ErrorCodes.ImportNotANumber)]);
        (imported.Succeeded, imported.Rows, imported.Added).ShouldBe((true, 3, 3));
        await using var db = _db.Open();
        (await db.TrainingRecords.Where(r => r.CertificateNumber.StartsWith("XL-")).Select(r => r.CompletedOn).Distinct().ToListAsync())
            .ShouldBe([new DateOnly(2021, 6, 30)]);
        (await CountAsync()).ShouldBe(before + 3);
    }

    [Fact]
    public async Task FileThatIsNeitherCsvNorExcel_IsRefused()
    {
        var zip = new MemoryStream([.. "PK\u0003\u0004"u8, .. new byte[100]]);
        var error = await Should.ThrowAsync<DomainException>(() => Import.ImportAsync(Scopes.Principal, zip));
        error.Code.ShouldBe(ErrorCodes.ImportNotXlsx);
    }

    [Fact]
    public void Csv_SplitsQuotedFields() =>
        Csv.Split("a,\"b,c\",\"say \"\"hi\"\"\",").ShouldBe(["a", "b,c", "say \"hi\"", ""]);
}
