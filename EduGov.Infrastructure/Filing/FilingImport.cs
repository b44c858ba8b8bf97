using System.Diagnostics;
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

/// <summary>The district template: its file name names the district and the period.</summary>
public sealed record FilingTemplate(string FileName, byte[] Content);

/// <summary>
/// The district spreadsheet: a template with one row per school (pre-filled with what the portal holds) and its
/// import. An import reads the file through <see cref="TableFile"/> (Excel, Excel 97–2003 or text, streamed), checks
/// every row first and writes nothing unless all rows are good; a row equal to what the portal holds changes nothing,
/// so importing the same file twice changes nothing the second time. An empty cell keeps the figure the portal holds:
/// a cleared or unreadable cell must never erase a school's data.
/// </summary>
public sealed class FilingImport(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock, EduGovMetrics metrics)
{
    /// <summary>A district has a few hundred schools; a file with more rows is not its filing.</summary>
    public const int MaxRows = 5_000;

    /// <summary>A district's filled template is a few hundred KB.</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>A district's template unpacks to well under 1 MB; the 200 MB workbooks seen were padded with formatting.</summary>
    public const long MaxUnpackedBytes = 20L * 1024 * 1024;

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

    /// <summary>The titles the file must have; 学校名称 is there for people and is not read.</summary>
    private static readonly string[] Headers = [CodeHeader, .. Columns.Select(c => c.Header)];

    public async Task<FilingTemplate> TemplateAsync(AccessScope scope, int periodId, int districtId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (district, period, schools) = await LoadAsync(db, scope, periodId, districtId, ct);
        var ids = schools.Select(s => s.Id).ToList();
        var current = await db.Filings.AsNoTracking().Where(f => f.PeriodId == periodId && ids.Contains(f.SchoolId)).ToDictionaryAsync(f => f.SchoolId, f => f.Survey, ct);
        var previous = await db.Filings.AsNoTracking().Where(f => f.PeriodId != periodId && ids.Contains(f.SchoolId))
            .OrderByDescending(f => f.PeriodId).Select(f => new { f.SchoolId, f.Survey }).ToListAsync(ct);

        using var workbook = new XLWorkbook();
        var sheet = Spreadsheet.Sheet(workbook, "学校填报", [CodeHeader, NameHeader, .. Columns.Select(c => c.Header)], schools.Select(object?[] (school) =>
        {
            var survey = current.GetValueOrDefault(school.Id) ?? previous.FirstOrDefault(p => p.SchoolId == school.Id)?.Survey ?? new SchoolSurvey();
            return [school.Code, school.Name, .. Columns.Select(c => Format(c.Property.GetValue(survey)))];
        }));
        Describe(sheet, schools.Count);
        Spreadsheet.Sheet(workbook, "填写说明", ["填写说明"],
        [
            ["每行一所学校，请勿修改学校代码；可删去不填的学校行。表中已预填系统现有数据（本期未填的学校为上期数据）。"],
            ["是/否列从下拉框选择“是”或“否”；无线覆盖选择“无”“部分覆盖”“主要教学场所”或“全覆盖”；数量填写非负整数。"],
            ["互动式多媒体教室数 ≤ 多媒体教室数 ≤ 教室数；开通空间人数不超过对应总人数。"],
            ["空白单元格表示保持系统中的原值不变（不会清空已填数据）。"],
            ["请直接填写数值，不要使用公式：含公式而没有计算结果或结果为错误值（如 #DIV/0!）的单元格会被拒绝。"],
            [$"可另存为 .xls、.csv 或文本文件后导入；每个文件不超过 {MaxRows} 行。导入时先检查全部行，全部正确才写入。"],
        ]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "OrgUnit", districtId.ToString(), $"filing template {period.Name}: {schools.Count} schools"));
        await db.SaveChangesAsync(ct);
        return new FilingTemplate(FileName($"{district.Name}_{period.Name}_学校填报模板.xlsx"), stream.ToArray());
    }

    /// <summary>
    /// What a person filling the sheet needs beside the values: the school's code and name stay in view, codes are
    /// text (a leading zero survives), counts are whole numbers of at least 0, and enumerated columns are drop-downs.
    /// </summary>
    private static void Describe(IXLWorksheet sheet, int schools)
    {
        sheet.SheetView.Freeze(1, 2);
        var last = Math.Max(2, schools + 1);
        sheet.Range(2, 1, last, 1).Style.NumberFormat.Format = "@";
        for (var c = 0; c < Columns.Count; c++)
        {
            var range = sheet.Range(2, c + 3, last, c + 3);
            var column = Columns[c];
            if (column.Kind == Kind.Text) continue;
            var validation = range.SetDataValidation();
            validation.IgnoreBlanks = true;
            validation.ErrorTitle = column.Header;
            switch (column.Kind)
            {
                case Kind.YesNo:
                    validation.List("\"是,否\"", true);
                    validation.ErrorMessage = "请选择“是”或“否”。";
                    break;
                case Kind.Wireless:
                    validation.List($"\"{string.Join(",", WirelessText)}\"", true);
                    validation.ErrorMessage = "请从下拉框中选择。";
                    break;
                default:
                    range.Style.NumberFormat.Format = "0";
                    validation.WholeNumber.EqualOrGreaterThan(0);
                    validation.ErrorMessage = "请填写非负整数。";
                    break;
            }
        }
    }

    /// <summary>A district or period name may hold characters a file system refuses.</summary>
    private static string FileName(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c));

    public async Task<ImportOutcome> ImportAsync(AccessScope scope, int periodId, int districtId, Stream file, bool submit, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await factory.OpenAsync(scope, ct);
        var (_, period, schools) = await LoadAsync(db, scope, periodId, districtId, ct);
        if (!period.IsOpenOn(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)))
            throw new DomainException(ErrorCodes.PeriodNotOpen, period.Name, period.ClosesOn);

        var ids = schools.Select(s => s.Id).ToList();
        var filings = await db.Filings.Include(f => f.History.OrderBy(x => x.Id)).Where(f => f.PeriodId == periodId && ids.Contains(f.SchoolId)).ToDictionaryAsync(f => f.SchoolId, ct);
        var byCode = schools.ToDictionary(s => s.Code);
        var errors = new ImportErrorList();
        var parsed = new List<(int Row, OrgUnit School, SchoolSurvey Survey)>();
        var seen = new HashSet<string>();
        foreach (var row in TableFile.Read(file, Headers, errors.Add, MaxRows, MaxUnpackedBytes))
        {
            var code = row[CodeHeader];
            if (!byCode.TryGetValue(code, out var school)) { errors.Add(new ImportError(row.Number, code, ErrorCodes.ImportUnknownSchool, code)); continue; }
            if (!seen.Add(code)) { errors.Add(new ImportError(row.Number, code, ErrorCodes.ImportDuplicateSchool, code)); continue; }
            var survey = filings.GetValueOrDefault(school.Id)?.Survey is { } stored ? stored with { } : new SchoolSurvey();
            var rowErrors = errors.Count;
            foreach (var column in Columns)
            {
                var text = row[column.Header];
                if (text.Length == 0) continue;
                if (!TryParse(column, text, out var value)) errors.Add(new ImportError(row.Number, code, CodeFor(column), column.Header, text));
                else column.Property.SetValue(survey, value);
            }
            foreach (var e in SurveyRules.Validate(survey)) errors.Add(new ImportError(row.Number, code, e.Code, e.Args.Select(HeaderOf).ToArray()));
            if (errors.Count == rowErrors) parsed.Add((row.Number, school, survey));
        }
        if (parsed.Count == 0 && errors.Count == 0) errors.Add(new ImportError(0, null, ErrorCodes.ImportEmpty));

        var changes = new List<(OrgUnit School, SchoolSurvey Survey)>();
        foreach (var (row, school, survey) in parsed)
        {
            var filing = filings.GetValueOrDefault(school.Id);
            if (filing is null ? survey == new SchoolSurvey() : filing.Survey == survey) continue;
            if (filing is not null && !filing.IsEditable) { errors.Add(new ImportError(row, school.Code, ErrorCodes.FilingWrongState, filing.Status)); continue; }
            changes.Add((school, survey));
        }
        if (errors.Count > 0) return metrics.Imported("filing", ImportOutcome.Refused(errors, parsed.Count, watch));

        var now = clock.GetUtcNow().UtcDateTime;
        var basis = await CheckBases.LoadAsync(db, period, changes.Select(c => c.School).ToList(), ct);
        int added = 0, submitted = 0;
        foreach (var (school, survey) in changes)
        {
            if (!filings.TryGetValue(school.Id, out var filing))
            {
                db.Filings.Add(filing = SchoolFiling.Start(periodId, school.Id, null, now));
                added++;
            }
            filing.SaveDraft(survey, FilingService.Flags(filing, basis(school).Check(survey, school.School!), null), scope.UserName, now, FilingAction.Imported);
            // A figure flagged and not yet explained keeps its filing a draft, for the school to explain or correct.
            if (submit && SurveyRules.Missing(survey).Count == 0 && filing.Flags.All(f => f.Explanation is not null))
            {
                filing.Submit(scope.UserName, now);
                submitted++;
            }
        }
        await db.SaveChangesAsync(ct);
        return metrics.Imported("filing", new ImportOutcome([], 0, parsed.Count, added, changes.Count - added, parsed.Count - changes.Count, watch.Elapsed, submitted));
    }

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

    private static async Task<(OrgUnit District, ReportingPeriod Period, List<OrgUnit> Schools)> LoadAsync(
        EduGovDbContext db, AccessScope scope, int periodId, int districtId, CancellationToken ct)
    {
        var district = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == districtId && u.Kind == OrgUnitKind.District, ct)
            ?? throw new NotFoundException("District");
        if (!scope.CanReviewFilingsOf(district.Path)) throw new ForbiddenException("import filings");
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId && p.CityId == district.ParentId, ct)
            ?? throw new NotFoundException("Period");
        var schools = await db.OrgUnits.Where(s => s.ParentId == districtId).OrderBy(s => s.Code).ToListAsync(ct);
        return (district, period, schools);
    }
}
