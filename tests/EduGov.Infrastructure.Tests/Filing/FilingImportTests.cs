using ClosedXML.Excel;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

public sealed class FilingImportTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _period;
    private int _district;
    private FilingImport Import => _db.Get<FilingImport>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _period = (await _db.Get<FilingService>().CurrentPeriodAsync(Scopes.District))!.Id;
        _district = await _db.UnitIdAsync("500103");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<XLWorkbook> TemplateAsync() => new(new MemoryStream((await Import.TemplateAsync(Scopes.District, _period, _district)).Content));

    private static MemoryStream Save(XLWorkbook workbook)
    {
        var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        return stream;
    }

    private static int Column(IXLWorksheet sheet, string header) =>
        sheet.Row(1).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;

    private async Task<int> EventCountAsync()
    {
        await using var db = _db.Open();
        return await db.FilingEvents.CountAsync();
    }

    [Fact]
    public async Task Template_HasEverySchoolOfTheDistrict()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        await using var db = _db.Open();
        (sheet.LastRowUsed().RowNumber() - 1).ShouldBe(await db.OrgUnits.CountAsync(s => s.ParentId == _district));
        sheet.Cell(2, 1).GetString().ShouldStartWith("500103");
    }

    [Fact]
    public async Task Template_IsRecordedInTheAuditTrail()
    {
        using var workbook = await TemplateAsync();

        var entry = (await _db.LastAuditAsync("district", "Export"))!;
        (entry.Entity, entry.EntityId).ShouldBe(("OrgUnit", _district.ToString()));
        entry.Details.ShouldEndWith($"{workbook.Worksheet(1).LastRowUsed().RowNumber() - 1} schools");
    }

    [Fact]
    public async Task Import_GoodFile_FillsAndSubmitsTheChangedSchools_AndAgainChangesNothing()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var makerSpaces = Column(sheet, "创客空间数");
        var locked = await LockedSchoolCodesAsync();
        for (var r = 2; r <= sheet.LastRowUsed().RowNumber(); r++)
            if (!locked.Contains(sheet.Cell(r, 1).GetString())) sheet.Cell(r, makerSpaces).Value = 5;
        var bytes = Save(workbook).ToArray();

        var first = await Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream(bytes), submit: true);
        first.Errors.ShouldBeEmpty();
        (first.Added + first.Updated).ShouldBeGreaterThan(0);
        var events = await EventCountAsync();

        var second = await Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream(bytes), submit: true);

        second.Succeeded.ShouldBeTrue();
        (second.Added + second.Updated).ShouldBe(0);
        second.Unchanged.ShouldBe(first.Rows);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Template_NarrativeLikeAFormula_IsText_AndImportsBackUnchanged()
    {
        const string narrative = "=1+1";
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var filings = _db.Get<FilingService>();
        var view = await filings.GetAsync(Scopes.Principal, _period, school);
        await filings.SaveDraftAsync(Scopes.Principal, _period, school, view.Version, view.Survey with { Narrative = narrative });

        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        sheet.CellWith(narrative).ShouldBeTextNotFormula(narrative);
        (await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false)).Errors.ShouldBeEmpty();

        (await filings.GetAsync(Scopes.Principal, _period, school)).Survey.Narrative.ShouldBe(narrative);
    }

    [Fact]
    public async Task Import_ChangingASubmittedSchool_IsRefused()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var locked = await LockedSchoolCodesAsync();
        var row = sheet.RowsUsed().Skip(1).First(r => locked.Contains(r.Cell(1).GetString()));
        row.Cell(Column(sheet, "创客空间数")).Value = 9;

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);

        result.Errors.Single().Code.ShouldBe(ErrorCodes.FilingWrongState);
    }

    /// <summary>Schools whose filing is submitted or approved: the import may not overwrite them.</summary>
    private async Task<HashSet<string>> LockedSchoolCodesAsync()
    {
        await using var db = _db.Open();
        return (await (from f in db.Filings
                       join s in db.OrgUnits on f.SchoolId equals s.Id
                       where f.PeriodId == _period && (f.Status == FilingStatus.Submitted || f.Status == FilingStatus.Approved)
                       select s.Code).ToListAsync()).ToHashSet();
    }

    [Fact]
    public async Task Import_BadRows_ReportsEachWithItsReason_AndWritesNothing()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var last = sheet.LastRowUsed().RowNumber();
        sheet.Cell(2, Column(sheet, "教室数")).Value = "很多";
        sheet.Cell(3, Column(sheet, "互动式多媒体教室数")).Value = 999;
        sheet.Cell(4, Column(sheet, "光纤接入")).Value = "也许";
        sheet.Cell(5, 1).Value = "9999999999";
        sheet.Cell(6, Column(sheet, "创客空间数")).Value = -2;
        sheet.Cell(8, Column(sheet, "教室数")).Value = "99999999999999999999";
        sheet.Cell(9, Column(sheet, "教师数")).Value = 1e30;
        sheet.Cell(last + 1, 1).Value = sheet.Cell(7, 1).GetString();
        var events = await EventCountAsync();

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: true);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([
            (2, ErrorCodes.ImportNotANumber), (3, ErrorCodes.PartExceedsWhole), (4, ErrorCodes.ImportNotYesNo),
            (5, ErrorCodes.ImportUnknownSchool), (6, ErrorCodes.NegativeValue), (8, ErrorCodes.ImportNotANumber), (9, ErrorCodes.ImportNotANumber),
            (last + 1, ErrorCodes.ImportDuplicateSchool)], ignoreOrder: true);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Import_MissingColumn_IsReported()
    {
        using var workbook = await TemplateAsync();
        workbook.Worksheet(1).Cell(1, Column(workbook.Worksheet(1), "教师数")).Value = "教师人数";
        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);
        result.Errors.Single().ShouldBe(new ImportError(1, null, ErrorCodes.ImportMissingColumn, "教师数"), new ImportErrorComparer());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("png")]
    [InlineData("truncated")]
    [InlineData("bomb")]
    public async Task Import_FilesThatAreNotItsTable_AreRefusedWithAReason_AndWriteNothing(string kind)
    {
        var template = (await Import.TemplateAsync(Scopes.District, _period, _district)).Content;
        var (file, code) = kind switch
        {
            "text" => (TableFiles.Csv("学校代码,教室数", "1,2"), ErrorCodes.ImportMissingColumn),
            "png" => (SampleFiles.Png, ErrorCodes.ImportNotTable),
            "truncated" => (TableFiles.Truncated(template), ErrorCodes.ImportNotXlsx),
            _ => (TableFiles.ZipBomb(200), ErrorCodes.ImportUnpacksTooLarge),
        };
        var events = await EventCountAsync();

        var refusal = await Record.ExceptionAsync(() => Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream(file), submit: true));

        (refusal is DomainException e ? e.Code : null).ShouldBe(kind == "text" ? null : code);
        if (kind == "text") (await Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream(file), submit: true)).Errors[0].Code.ShouldBe(code);
        (await EventCountAsync()).ShouldBe(events);
    }

    /// <summary>A school of the district whose filing is a draft with figures in it: what an import must not erase.</summary>
    private async Task<(string Code, int SchoolId, int Classrooms)> DraftSchoolAsync()
    {
        await using var db = _db.Open();
        return (await (from f in db.Filings.AsNoTracking()
                       join s in db.OrgUnits on f.SchoolId equals s.Id
                       where f.PeriodId == _period && s.ParentId == _district && (f.Status == FilingStatus.Draft || f.Status == FilingStatus.Returned)
                       select new { s.Code, f.SchoolId, f.Survey }).ToListAsync())
            .Where(f => f.Survey.Classrooms > 0).Select(f => (f.Code, f.SchoolId, f.Survey.Classrooms!.Value)).First();
    }

    private async Task<int?> ClassroomsAsync(int schoolId)
    {
        await using var db = _db.Open();
        return (await db.Filings.SingleAsync(f => f.PeriodId == _period && f.SchoolId == schoolId)).Survey.Classrooms;
    }

    [Fact]
    public async Task Import_FormulaWithoutAValue_IsRefused_AndTheStoredFigureStays()
    {
        var school = await DraftSchoolAsync();
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == school.Code).RowNumber();
        sheet.Cell(row, Column(sheet, "教室数")).FormulaA1 = "1/0";
        var events = await EventCountAsync();

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);

        result.Errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => (e.Row, e.Key, e.Code).ShouldBe((row, school.Code, ErrorCodes.ImportFormula)),
            e => e.Args.ShouldBe(["教室数"]));
        (await ClassroomsAsync(school.SchoolId)).ShouldBe(school.Classrooms);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Import_EmptyCell_KeepsTheStoredFigure()
    {
        var school = await DraftSchoolAsync();
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == school.Code).RowNumber();
        sheet.Cell(row, Column(sheet, "教室数")).Clear();
        sheet.Cell(row, Column(sheet, "创客空间数")).Value = 7;

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);

        result.Errors.ShouldBeEmpty();
        result.Updated.ShouldBe(1);
        (await ClassroomsAsync(school.SchoolId)).ShouldBe(school.Classrooms);
    }

    [Fact]
    public async Task Import_TwoColumnsWithOneTitle_IsRefused()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var classrooms = Column(sheet, "教室数");
        sheet.Column(classrooms).InsertColumnsAfter(1);
        sheet.Cell(1, classrooms + 1).Value = "教室数";
        var events = await EventCountAsync();

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(ErrorCodes.ImportRepeatedColumn);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Import_TheTemplateSavedAsGbkCsv_ReadsTheSameFiguresAsTheWorkbook()
    {
        using var workbook = await TemplateAsync();
        var sheet = workbook.Worksheet(1);
        var lines = sheet.RowsUsed().Select(r => string.Join(",", r.Cells(1, sheet.LastColumnUsed().ColumnNumber())
            .Select(c => c.GetString()).Select(v => v.Contains(',') || v.Contains('"') || v.Contains('\n') ? $"\"{v.Replace("\"", "\"\"")}\"" : v)));
        var csv = TableFiles.Text(string.Join("\r\n", lines), TableFiles.Gb18030);
        (await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false)).Errors.ShouldBeEmpty();

        var result = await Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream(csv), submit: false);

        result.Errors.ShouldBeEmpty();
        (result.Rows, result.Added + result.Updated).ShouldBe((sheet.LastRowUsed().RowNumber() - 1, 0));
    }

    [Fact]
    public async Task Template_IsNamedForTheDistrictAndPeriod_WithDropDownsAndFrozenTitles()
    {
        var template = await Import.TemplateAsync(Scopes.District, _period, _district);
        template.FileName.ShouldStartWith("渝中区_");
        template.FileName.ShouldEndWith("_学校填报模板.xlsx");

        using var workbook = new XLWorkbook(new MemoryStream(template.Content));
        var sheet = workbook.Worksheet(1);
        (sheet.SheetView.SplitRow, sheet.SheetView.SplitColumn).ShouldBe((1, 2));
        var fibre = sheet.Cell(2, Column(sheet, "光纤接入"));
        fibre.DataValidation.AllowedValues.ShouldBe(XLAllowedValues.List);
        fibre.DataValidation.Value.ShouldContain("是,否");
        sheet.Cell(2, Column(sheet, "教室数")).DataValidation.AllowedValues.ShouldBe(XLAllowedValues.WholeNumber);
        workbook.Worksheet(2).Cell(1, 1).GetString().ShouldBe("填写说明");
    }

    [Fact]
    public async Task Import_ForAnotherDistrict_IsRefused()
    {
        var jiangbei = await _db.UnitIdAsync("500105");
        await Should.ThrowAsync<NotFoundException>(() => Import.TemplateAsync(Scopes.District, _period, jiangbei));
        await Should.ThrowAsync<ForbiddenException>(() => Import.TemplateAsync(Scopes.Commission, _period, _district));
    }

    private sealed class ImportErrorComparer : IEqualityComparer<ImportError>
    {
        public bool Equals(ImportError? x, ImportError? y) =>
            x is not null && y is not null && x.Row == y.Row && x.Key == y.Key && x.Code == y.Code && x.Args.SequenceEqual(y.Args);
        public int GetHashCode(ImportError obj) => obj.Row;
    }
}
