using System.Reflection;
using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Filing;

public sealed record ImportResult(IReadOnlyList<ImportError> Errors, int Rows, int Changed, int Unchanged, int Submitted)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The district spreadsheet: a template with one row per school (pre-filled with what the portal holds) and its
/// import. An import checks every row first and writes nothing unless all rows are good; a row equal to what the
/// portal holds changes nothing, so importing the same file twice changes nothing the second time.
/// </summary>
public sealed class FilingImport(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    private enum Kind { Number, YesNo, Wireless, Text }

    private sealed record Column(string Header, PropertyInfo Property, Kind Kind);

    private const string CodeHeader = "学校代码";
    private const string NameHeader = "学校名称";

    private static readonly string[] WirelessText = ["无", "部分覆盖", "主要教学场所", "全覆盖"];

    /// <summary>The file's columns: Chinese headers as districts read them, in the order of the school form.</summary>
    private static readonly IReadOnlyList<Column> Columns =
    [
        Col("下行带宽(Mbps)", nameof(SchoolSurvey.DownlinkMbps)), Col("上行带宽(Mbps)", nameof(SchoolSurvey.UplinkMbps)),
        Col("光纤接入", nameof(SchoolSurvey.HasFibre), Kind.YesNo), Col("支持IPv6", nameof(SchoolSurvey.HasIpv6), Kind.YesNo),
        Col("无线覆盖", nameof(SchoolSurvey.Wireless), Kind.Wireless),
        Col("教室数", nameof(SchoolSurvey.Classrooms)), Col("多媒体教室数", nameof(SchoolSurvey.MultimediaClassrooms)),
        Col("互动式多媒体教室数", nameof(SchoolSurvey.InteractiveClassrooms)), Col("学生终端数", nameof(SchoolSurvey.StudentTerminals)),
        Col("教师终端数", nameof(SchoolSurvey.TeacherTerminals)), Col("智慧教室数", nameof(SchoolSurvey.SmartClassrooms)),
        Col("创客空间数", nameof(SchoolSurvey.MakerSpaces)), Col("教师数", nameof(SchoolSurvey.Teachers)),
        Col("开通空间教师数", nameof(SchoolSurvey.TeachersWithSpace)), Col("三年级及以上学生数", nameof(SchoolSurvey.StudentsGrade3Up)),
        Col("开通空间学生数", nameof(SchoolSurvey.StudentsWithSpace)), Col("专递课堂", nameof(SchoolSurvey.UsesSpecialDelivery), Kind.YesNo),
        Col("名师课堂", nameof(SchoolSurvey.UsesFamousTeacher), Kind.YesNo), Col("名校网络课堂", nameof(SchoolSurvey.UsesFamousSchool), Kind.YesNo),
        Col("编程教育课时", nameof(SchoolSurvey.ProgrammingHours)), Col("视频监控点位数", nameof(SchoolSurvey.SurveillancePoints)),
        Col("已接入点位数", nameof(SchoolSurvey.SurveillancePointsConnected)), Col("食堂已接入", nameof(SchoolSurvey.CanteenConnected), Kind.YesNo),
        Col("校门已接入", nameof(SchoolSurvey.GateConnected), Kind.YesNo), Col("操场已接入", nameof(SchoolSurvey.PlaygroundConnected), Kind.YesNo),
        Col("校园综合管理系统", nameof(SchoolSurvey.HasCampusSystem), Kind.YesNo), Col("情况说明", nameof(SchoolSurvey.Narrative), Kind.Text),
    ];

    private static Column Col(string header, string property, Kind kind = Kind.Number) =>
        new(header, typeof(SchoolSurvey).GetProperty(property)!, kind);

    public async Task<byte[]> TemplateAsync(AccessScope scope, int periodId, int districtId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, schools) = await LoadAsync(db, scope, periodId, districtId, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var current = await db.Filings.AsNoTracking().Where(f => f.PeriodId == periodId && ids.Contains(f.SchoolId)).ToDictionaryAsync(f => f.SchoolId, f => f.Survey, ct);
        var previous = await db.Filings.AsNoTracking().Where(f => f.PeriodId != periodId && ids.Contains(f.SchoolId))
            .OrderByDescending(f => f.PeriodId).Select(f => new { f.SchoolId, f.Survey }).ToListAsync(ct);

        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "学校填报", [CodeHeader, NameHeader, .. Columns.Select(c => c.Header)], schools.Select(object?[] (school) =>
        {
            var survey = current.GetValueOrDefault(school.Id) ?? previous.FirstOrDefault(p => p.SchoolId == school.Id)?.Survey ?? new SchoolSurvey();
            return [school.Code, school.Name, .. Columns.Select(c => Format(c.Property.GetValue(survey)))];
        }));
        Spreadsheet.Sheet(workbook, "填写说明", ["填写说明"],
        [
            ["是/否列填写“是”或“否”；无线覆盖填写“无”“部分覆盖”“主要教学场所”或“全覆盖”；数量填写非负整数。"],
            ["互动式多媒体教室数 ≤ 多媒体教室数 ≤ 教室数；开通空间人数不超过对应总人数；请勿修改学校代码。"],
        ]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "OrgUnit", districtId.ToString(), $"filing template {period.Name}: {schools.Count} schools"));
        await db.SaveChangesAsync(ct);
        return stream.ToArray();
    }

    public async Task<ImportResult> ImportAsync(AccessScope scope, int periodId, int districtId, Stream file, bool submit, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, schools) = await LoadAsync(db, scope, periodId, districtId, ct);
        if (!period.IsOpenOn(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)))
            throw new DomainException(ErrorCodes.PeriodNotOpen, period.Name, period.ClosesOn);

        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(file);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail(new ImportError(0, null, ErrorCodes.ImportNotXlsx));
        }
        using var _ = workbook;
        var sheet = workbook.Worksheets.First();
        var header = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString().Trim(), c => c.Address.ColumnNumber);
        var missing = new[] { CodeHeader }.Concat(Columns.Select(c => c.Header)).Where(h => !header.ContainsKey(h)).ToList();
        if (missing.Count > 0) return Fail(missing.Select(h => new ImportError(1, null, ErrorCodes.ImportMissingColumn, h)).ToArray());

        var byCode = schools.ToDictionary(s => s.Code);
        var errors = new List<ImportError>();
        var parsed = new List<(int Row, OrgUnit School, SchoolSurvey Survey)>();
        var seen = new HashSet<string>();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= lastRow; r++)
        {
            var row = sheet.Row(r);
            var code = row.Cell(header[CodeHeader]).GetString().Trim();
            if (code.Length == 0 && row.IsEmpty()) continue;
            if (!byCode.TryGetValue(code, out var school)) { errors.Add(new ImportError(r, code, ErrorCodes.ImportUnknownSchool, code)); continue; }
            if (!seen.Add(code)) { errors.Add(new ImportError(r, code, ErrorCodes.ImportDuplicateSchool, code)); continue; }
            var survey = new SchoolSurvey();
            var rowErrors = errors.Count;
            foreach (var column in Columns)
            {
                var text = row.Cell(header[column.Header]).GetString().Trim();
                if (!TryParse(column, text, out var value)) errors.Add(new ImportError(r, code, CodeFor(column), column.Header, text));
                else column.Property.SetValue(survey, value);
            }
            errors.AddRange(SurveyRules.Validate(survey).Select(e => new ImportError(r, code, e.Code, e.Args.Select(HeaderOf).ToArray())));
            if (errors.Count == rowErrors) parsed.Add((r, school, survey));
        }
        if (parsed.Count == 0 && errors.Count == 0) errors.Add(new ImportError(0, null, ErrorCodes.ImportEmpty));

        var ids = parsed.Select(p => p.School.Id).ToList();
        var filings = await db.Filings.Include(f => f.History).Where(f => f.PeriodId == periodId && ids.Contains(f.SchoolId)).ToDictionaryAsync(f => f.SchoolId, ct);
        var changes = new List<(OrgUnit School, SchoolSurvey Survey)>();
        foreach (var (row, school, survey) in parsed)
        {
            var filing = filings.GetValueOrDefault(school.Id);
            if (filing is not null && filing.Survey == survey) continue;
            if (filing is not null && !filing.IsEditable) { errors.Add(new ImportError(row, school.Code, ErrorCodes.FilingWrongState, filing.Status)); continue; }
            changes.Add((school, survey));
        }
        if (errors.Count > 0) return Fail([.. errors]);

        var now = clock.GetUtcNow().UtcDateTime;
        var submitted = 0;
        foreach (var (school, survey) in changes)
        {
            if (!filings.TryGetValue(school.Id, out var filing))
                db.Filings.Add(filing = SchoolFiling.Start(periodId, school.Id, null, now));
            filing.SaveDraft(survey, scope.UserName, now, FilingAction.Imported);
            if (submit && SurveyRules.Missing(survey).Count == 0)
            {
                filing.Submit(scope.UserName, now);
                submitted++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new ImportResult([], parsed.Count, changes.Count, parsed.Count - changes.Count, submitted);
    }

    private static ImportResult Fail(params ImportError[] errors) => new(errors, 0, 0, 0, 0);

    private static object HeaderOf(object arg) => arg is string field && Columns.FirstOrDefault(c => c.Property.Name == field) is { } c ? c.Header : arg;

    private static string CodeFor(Column column) => column.Kind switch
    {
        Kind.YesNo => ErrorCodes.ImportNotYesNo,
        Kind.Wireless => ErrorCodes.ImportBadWireless,
        _ => ErrorCodes.ImportNotANumber,
    };

    private static bool TryParse(Column column, string text, out object? value)
    {
        value = null;
        if (text.Length == 0) return true;
        switch (column.Kind)
        {
            case Kind.Text:
                value = text;
                return true;
            case Kind.Number when int.TryParse(text, out var number):
                value = number;
                return true;
            case Kind.Number when decimal.TryParse(text, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                value = (int)d;
                return true;
            case Kind.YesNo when text is "是" or "否" or "1" or "0" or "Y" or "N":
                value = text is "是" or "1" or "Y";
                return true;
            case Kind.Wireless when Array.IndexOf(WirelessText, text) is >= 0 and var level:
                value = (WirelessCoverage)level;
                return true;
            default:
                return false;
        }
    }

    private static object? Format(object? value) => value switch
    {
        bool b => b ? "是" : "否",
        WirelessCoverage w => WirelessText[(int)w],
        _ => value,
    };

    private static async Task<(ReportingPeriod Period, List<OrgUnit> Schools)> LoadAsync(
        EduGovDbContext db, AccessScope scope, int periodId, int districtId, CancellationToken ct)
    {
        var district = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == districtId && u.Kind == OrgUnitKind.District, ct)
            ?? throw new NotFoundException("District");
        if (!scope.CanReviewFilingsOf(district.Path)) throw new ForbiddenException("import filings");
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId && p.CityId == district.ParentId, ct)
            ?? throw new NotFoundException("Period");
        var schools = await db.OrgUnits.Where(s => s.ParentId == districtId).OrderBy(s => s.Code).ToListAsync(ct);
        return (period, schools);
    }
}
