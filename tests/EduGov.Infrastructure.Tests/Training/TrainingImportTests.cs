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

    /// <summary>A record row; its 姓名 is the registry's (教师1 for T001) unless told.</summary>
    private static string Line(string certificate, string staff = "T001", string course = "NT2-01", string date = "2021-06-30", string hours = "30",
        string practice = "20", string? name = null, string school = School) =>
        $"{certificate},{school},{staff},{name ?? (int.TryParse(staff[1..], out var n) ? $"教师{n}" : "某某")},{course},{date},{hours},{practice}";

    private async Task<int> CountAsync()
    {
        await using var db = _db.Open();
        return await db.TrainingRecords.CountAsync();
    }

    private async Task<(int Teachers, int Records)> CountsAsync()
    {
        await using var db = _db.Open();
        return (await db.Teachers.CountAsync(), await db.TrainingRecords.CountAsync());
    }

    [Fact]
    public async Task NameNotTheRegistrys_RefusesTheFile_WithBothNames_AndWritesNothing()
    {
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.Principal, File(Line("OK-1"), Line("BAD-2", staff: "T002", name: "张三"), Line("BAD-3", staff: "T003", name: "")));

        result.Errors.Select(e => (e.Row, e.Key, e.Code)).ShouldBe([
            (3, "BAD-2", ErrorCodes.ImportRecordNameMismatch), (4, "BAD-3", ErrorCodes.Required)]);
        result.Errors[0].Args.ShouldBe([School, "T002", "教师2", "张三"]);
        (await CountsAsync()).ShouldBe(counts);
    }

    [Fact]
    public async Task ImportAsync_ImportedOrRefused_CountsItsRowsInTheMetrics()
    {
        using var metrics = new MetricRecorder(_db.Services);

        await Import.ImportAsync(Scopes.Principal, File(Line("M-1"), Line("M-2", staff: "T002"), Line("M-3", staff: "T003")));
        await Import.ImportAsync(Scopes.Principal, File(Line("M-4", staff: "T004"), Line("M-5", staff: "T005", name: "张三")));

        metrics.Sum("edugov.import.rows", ("kind", "training"), ("outcome", "imported")).ShouldBe(3);
        metrics.Sum("edugov.import.rows", ("kind", "training"), ("outcome", "refused")).ShouldBe(2);
    }

    [Fact]
    public async Task NamePaddedWithSpaces_IsTheSamePerson() =>
        (await Import.ImportAsync(Scopes.Principal, File(Line("PAD-1", name: "教　师1")))).Added.ShouldBe(1);

    [Fact]
    public async Task Template_AsDownloaded_WritesNothing_AndSaysItsSampleRowWasSkipped()
    {
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.Principal, new MemoryStream(await Import.TemplateAsync()));

        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportEmpty);
        (result.Rows, result.Skipped).ShouldBe((0, 1));
        (await CountsAsync()).ShouldBe(counts);
    }

    [Fact]
    public async Task Template_FilledBelowItsSampleRow_Imports_DateAndHoursCellsIncluded()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await Import.TemplateAsync()));
        var sheet = workbook.Worksheet("培训记录");
        var row = sheet.Row(3);
        (row.Cell(1).Value, row.Cell(2).Value, row.Cell(3).Value, row.Cell(4).Value) = ("TPL-1", School, "T004", "教师4");
        (row.Cell(5).Value, row.Cell(6).Value, row.Cell(7).Value, row.Cell(8).Value) = ("LD-01", new DateTime(2022, 3, 4), 16, 4.5);
        var file = new MemoryStream();
        workbook.SaveAs(file);

        var result = await Import.ImportAsync(Scopes.Principal, file);

        (result.Succeeded, result.Rows, result.Added, result.Skipped).ShouldBe((true, 1, 1, 1));
        await using var db = _db.Open();
        var record = await db.TrainingRecords.SingleAsync(r => r.CertificateNumber == "TPL-1");
        (record.CompletedOn, record.Hours, record.PracticeHours).ShouldBe((new DateOnly(2022, 3, 4), 16m, 4.5m));
    }

    [Fact]
    public async Task Template_HasDropDownsFormatsAndInstructions()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await Import.TemplateAsync()));

        workbook.Worksheets.Select(w => w.Name).ShouldBe(["培训记录", "课程目录", "填写说明"]);
        var sheet = workbook.Worksheet(1);
        Enumerable.Range(1, TrainingImport.Columns.Length).Select(c => sheet.Cell(1, c).GetString()).ShouldBe(TrainingImport.Columns);
        sheet.Cell(2, 2).GetString().ShouldStartWith(EduGov.Domain.Training.RegistryRows.SampleMarker);
        sheet.SheetView.SplitRow.ShouldBe(1);
        sheet.Column(2).Style.NumberFormat.Format.ShouldBe("@");
        sheet.Cell(2, 6).DataType.ShouldBe(ClosedXML.Excel.XLDataType.DateTime);
        sheet.Column(7).Style.NumberFormat.Format.ShouldBe("0.##");
        var validations = sheet.DataValidations.ToList();
        validations.ShouldContain(v => v.Ranges.Any(r => r.FirstColumn().ColumnNumber() == 5) && v.AllowedValues == ClosedXML.Excel.XLAllowedValues.List);
        validations.ShouldContain(v => v.Ranges.Any(r => r.FirstColumn().ColumnNumber() == 6) && v.AllowedValues == ClosedXML.Excel.XLAllowedValues.Date);
        var catalog = workbook.Worksheet("课程目录").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        catalog[0].ShouldBe("课程编号");
        catalog.ShouldContain("LD-01");
        catalog.ShouldContain("NT2-01");
        workbook.Worksheet("填写说明").CellsUsed().Select(c => c.GetString()).ShouldContain(t => t.Contains("示例"));
    }

    [Fact]
    public async Task GbkCsv_WithChineseNames_IsCheckedAgainstTheRegistrysCharacters()
    {
        var bytes = TeacherImportTests.Gb18030().GetBytes(string.Join("\r\n", [Header, Line("GBK-1"), Line("GBK-2", staff: "T002")]) + "\r\n");

        var result = await Import.ImportAsync(Scopes.Principal, new MemoryStream(bytes));

        (result.Succeeded, result.Added).ShouldBe((true, 2));
    }

    [Fact]
    public async Task OneBadRowAfterWrittenBatches_RefusesTheFile_AndNothingStays()
    {
        var rows = Enumerable.Range(1, 2 * TrainingImport.BatchSize + 10).Select(i => Line($"LATE-{i:D6}", staff: $"T{i % 20 + 1:D3}", hours: "2", practice: "1"))
            .Append(Line("LATE-BAD", hours: "三十")).ToArray();
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.District, File(rows));

        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([(rows.Length + 1, ErrorCodes.ImportNotANumber)]);
        (await CountsAsync()).ShouldBe(counts);
        await using var db = _db.Open();
        (await db.AuditEntries.CountAsync(a => a.Entity == "TrainingRecord" && a.Action == "Import")).ShouldBe(0);
    }

    [Fact]
    public async Task HundredThousandGoodRows_AndOneBadLast_RefusesTheFile_NamingOnlyThatRow_AndNothingStays()
    {
        var rows = Enumerable.Range(1, 100_000).Select(i => Line($"MANY-{i:D6}", staff: $"T{i % 20 + 1:D3}", hours: "2", practice: "1"))
            .Append(Line("MANY-BAD", date: "2025/13/01")).ToArray();
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.District, File(rows));

        result.Errors.Select(e => (e.Row, e.Key, e.Code)).ShouldBe([(rows.Length + 1, "MANY-BAD", ErrorCodes.ImportBadDate)]);
        (result.Succeeded, result.Rows).ShouldBe((false, rows.Length));
        (await CountsAsync()).ShouldBe(counts);
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
            Line("BAD-10", date: $"{DateTime.Today.Year + 1}-01-01"), // readable, but not yet
            Line("BAD-11", date: "2099-01-01")));                      // beyond what the reader takes for a date

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([
            (3, ErrorCodes.ImportUnknownTeacher), (4, ErrorCodes.ImportUnknownCourse), (5, ErrorCodes.HoursOutOfRange),
            (6, ErrorCodes.PracticeAboveHours), (7, ErrorCodes.ImportBadDate), (8, ErrorCodes.ImportDuplicateCertificate),
            (9, ErrorCodes.CertificateConflict), (10, ErrorCodes.ImportNotANumber), (11, ErrorCodes.DateInFuture),
            (12, ErrorCodes.ImportBadDate)], ignoreOrder: true);
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
            (row.Cell(5).Value, row.Cell(6).Value, row.Cell(7).Value, row.Cell(8).Value) = ($"T00{i}", $"教师{i}", "NT2-01", new DateTime(2021, 6, 30));
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
