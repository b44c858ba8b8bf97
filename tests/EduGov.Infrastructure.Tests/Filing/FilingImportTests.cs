using ClosedXML.Excel;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
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
        sheet.Cell(last + 1, 1).Value = sheet.Cell(7, 1).GetString();
        var events = await EventCountAsync();

        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: true);

        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([
            (2, ErrorCodes.ImportNotANumber), (3, ErrorCodes.PartExceedsWhole), (4, ErrorCodes.ImportNotYesNo),
            (5, ErrorCodes.ImportUnknownSchool), (6, ErrorCodes.NegativeValue), (last + 1, ErrorCodes.ImportDuplicateSchool)], ignoreOrder: true);
        (await EventCountAsync()).ShouldBe(events);
    }

    [Fact]
    public async Task Import_MissingColumn_IsReported()
    {
        using var workbook = await TemplateAsync();
        workbook.Worksheet(1).Column(Column(workbook.Worksheet(1), "教师数")).Delete();
        var result = await Import.ImportAsync(Scopes.District, _period, _district, Save(workbook), submit: false);
        result.Errors.Single().ShouldBe(new ImportError(1, null, ErrorCodes.ImportMissingColumn, "教师数"), new ImportErrorComparer());
    }

    [Fact]
    public async Task Import_NotAnExcelFile_IsReported()
    {
        var result = await Import.ImportAsync(Scopes.District, _period, _district, new MemoryStream("学校代码,教室数\n1,2"u8.ToArray()), submit: false);
        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportNotXlsx);
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
