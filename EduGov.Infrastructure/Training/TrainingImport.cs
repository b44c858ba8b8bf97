using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace EduGov.Infrastructure.Training;

/// <summary>
/// Completion records from a training platform's export, CSV or Excel (证书编号, 学校代码, 教职工号, 姓名, 课程编号, 完成日期, 学时,
/// 实践学时). The file is read once, a row at a time, inside one transaction: every row is checked, and the new records
/// are inserted as long as no row has failed; the first bad row rolls the transaction back (other writers wait no
/// longer) and the rest are still checked for the list the user reads, so nothing is written unless every row is good.
/// (Reading the file twice, to check and then to write, cost more than the inserts.) The reading and checking run on a
/// second core beside the writing. Memory stays bounded by the registry (a lookup of teachers and courses) and one
/// 8-byte hash per certificate, never by the file. A certificate already recorded
/// with the same figures is skipped, so importing a file again adds nothing. A template's sample rows are skipped, and
/// a row whose 姓名 is not the registry's name for its school and staff number refuses the file.
/// </summary>
public sealed class TrainingImport(IDbContextFactory<EduGovDbContext> factory, ComplianceService compliance, TimeProvider clock, EduGovMetrics metrics)
{
    public const int BatchSize = 5_000;

    public static readonly string[] Columns = ["证书编号", "学校代码", "教职工号", "姓名", "课程编号", "完成日期", "学时", "实践学时"];

    /// <summary>A city's million completion records make a CSV of about 80 MB.</summary>
    public const long MaxUploadBytes = 150L * 1024 * 1024;

    public const string TemplateName = "培训记录导入模板.xlsx";

    private sealed record Row(int Number, string Certificate, int TeacherId, int SchoolId, int CourseId, DateOnly CompletedOn, decimal Hours, decimal Practice);

    private readonly record struct Registered(int Id, int SchoolId, string Name);

    /// <summary>What one import checks rows against: loaded once, read by every row.</summary>
    private sealed record Lookups(Dictionary<(string, string), Registered> Teachers, Dictionary<string, int> Courses, DateOnly Today, DateOnly LatestDate);

    public async Task<ImportOutcome> ImportAsync(AccessScope scope, Stream file, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!scope.CanImportTraining) throw new ForbiddenException("import training records");
        var watch = Stopwatch.StartNew();
        await using var db = await factory.OpenAsync(scope, ct);
        db.AuditRows = false;

        var teachers = await (from t in db.Teachers
                              join s in db.OrgUnits.VisibleTo(scope) on t.SchoolId equals s.Id
                              select new { s.Code, t.StaffNumber, t.Id, t.SchoolId, t.Name }).AsNoTracking()
            .ToDictionaryAsync(t => (t.Code, t.StaffNumber), t => new Registered(t.Id, t.SchoolId, t.Name), ct);
        var courses = await db.Courses.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var lookups = new Lookups(teachers, courses, today, new DateOnly(today.Year + 1, 12, 31));

        var errors = new ImportErrorList();
        var seen = new HashSet<ulong>();
        int rows = 0, skipped = 0, added = 0, unchanged = 0;
        var touched = new HashSet<int>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One prepared INSERT reused for every row: EF's change tracking costs more than the insert itself at this
        // volume (90 s against 60 s for a million rows).
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = transaction.GetDbTransaction();
        // Names quoted as the provider quotes them (PostgreSQL folds unquoted ones to lower case), and every parameter
        // typed: PostgreSQL prepares a statement only when it knows its parameters' types.
        var names = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", new[] { "TeacherId", "CourseId", "CompletedOn", "Hours", "PracticeHours", "CertificateNumber" }.Select(names.DelimitIdentifier));
        insert.CommandText = $"INSERT INTO {names.DelimitIdentifier("TrainingRecords")} ({columns}) " +
                             "VALUES (@teacher, @course, @completed, @hours, @practice, @certificate)";
        var parameters = new[]
        {
            ("@teacher", DbType.Int32), ("@course", DbType.Int32), ("@completed", DbType.Date), ("@hours", DbType.Decimal),
            ("@practice", DbType.Decimal), ("@certificate", DbType.String),
        }.Select(p =>
        {
            var parameter = insert.CreateParameter();
            (parameter.ParameterName, parameter.DbType) = p;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await insert.PrepareAsync(ct);

        // The file is read and its rows checked on a second core while this one writes: the writing waits for SQLite,
        // not for the parser (CSV or sheet XML, lookups, rules), and at most a few batches wait between the two.
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ReadAsync(file, lookups, batches.Writer, stop.Token));
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var error in batch.Errors) errors.Add(error);
                (rows, skipped) = (rows + batch.Read, skipped + batch.Skipped);
                await WriteAsync(batch.Rows);
                progress?.Report(new ImportProgress("check", rows));
            }
        }
        finally
        {
            // Writing that stopped early (a database error, a cancellation) stops the reading before the caller closes the file.
            await stop.CancelAsync();
            await Task.WhenAny(reading);
        }
        await reading; // the reader's refusal of the whole file (not a table, too many rows), if any
        if (errors.Count == 0 && rows == 0) errors.Add(new ImportError(0, null, ErrorCodes.ImportEmpty));
        if (errors.Count > 0)
        {
            await RollBackAsync();
            return metrics.Imported("training", ImportOutcome.Refused(errors, rows, watch, skipped));
        }

        progress?.Report(new ImportProgress("write", rows));
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Import", "TrainingRecord", null,
            $"{rows} rows: {added} added, {unchanged} unchanged, {skipped} sample rows skipped"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await compliance.RecomputeSchoolsAsync(touched, ct);
        return metrics.Imported("training", new ImportOutcome([], 0, rows, added, 0, unchanged, watch.Elapsed, Skipped: skipped));

        async Task RollBackAsync()
        {
            if (db.Database.CurrentTransaction is not null) await transaction.RollbackAsync(ct);
        }

        // A batch against the file (a certificate twice) and the records (one recorded with other figures); its new
        // rows are inserted while the file has no error. Rows inserted earlier in this transaction cannot be met again:
        // a certificate seen before is a duplicate and is not looked up.
        async Task WriteAsync(List<Row> batch)
        {
            var fresh = new List<Row>(batch.Count);
            foreach (var row in batch)
            {
                if (seen.Add(Hash(row.Certificate))) fresh.Add(row);
                else errors.Add(new ImportError(row.Number, row.Certificate, ErrorCodes.ImportDuplicateCertificate, row.Certificate));
            }
            var certificates = fresh.Select(r => r.Certificate).ToList();
            var existing = await db.TrainingRecords.AsNoTracking().Where(r => certificates.Contains(r.CertificateNumber))
                .ToDictionaryAsync(r => r.CertificateNumber, ct);
            foreach (var row in fresh)
            {
                if (existing.TryGetValue(row.Certificate, out var record))
                {
                    if (record.TeacherId == row.TeacherId && record.CourseId == row.CourseId && record.CompletedOn == row.CompletedOn
                        && record.Hours == row.Hours && record.PracticeHours == row.Practice) unchanged++;
                    else errors.Add(new ImportError(row.Number, row.Certificate, ErrorCodes.CertificateConflict, row.Certificate));
                    continue;
                }
                if (errors.Count > 0)
                {
                    await RollBackAsync(); // the file is refused: check on, write no more
                    continue;
                }
                (parameters[0].Value, parameters[1].Value, parameters[2].Value) = (row.TeacherId, row.CourseId, row.CompletedOn);
                (parameters[3].Value, parameters[4].Value, parameters[5].Value) = (row.Hours, row.Practice, row.Certificate);
                await insert.ExecuteNonQueryAsync(ct);
                added++;
                touched.Add(row.SchoolId);
            }
        }
    }

    /// <summary>Rows read, in order, with the errors of the rows that failed and the count of sample rows skipped among them.</summary>
    private sealed class Batch
    {
        public List<Row> Rows { get; } = new(BatchSize);
        public List<ImportError> Errors { get; } = [];
        public int Read { get; set; }
        public int Skipped { get; set; }
    }

    /// <summary>
    /// The file's rows in batches of at most <see cref="BatchSize"/> good rows and errors together (a file of a million
    /// bad rows must not gather them in one batch); the channel is completed however the reading ends.
    /// </summary>
    private static async Task ReadAsync(Stream file, Lookups lookups, ChannelWriter<Batch> batches, CancellationToken ct)
    {
        try
        {
            var batch = new Batch();
            foreach (var field in TableFile.Read(file, Columns, e => batch.Errors.Add(e), keyColumn: "证书编号"))
            {
                if (RegistryRows.IsSample(field["学校代码"]))
                {
                    batch.Skipped++;
                    continue;
                }
                batch.Read++;
                if (ParseRow(field, lookups, batch.Errors.Add) is { } row) batch.Rows.Add(row);
                if (batch.Rows.Count + batch.Errors.Count < BatchSize) continue;
                await batches.WriteAsync(batch, ct);
                batch = new Batch();
            }
            await batches.WriteAsync(batch, ct);
        }
        finally
        {
            batches.Complete();
        }
    }

    /// <summary>
    /// The records template: the columns with a sample row, codes as text, 完成日期 as a date cell, 学时 as numbers,
    /// 课程编号 chosen from the catalog (on its own sheet), and the instructions sheet. Uploaded unchanged it writes nothing.
    /// </summary>
    public async Task<byte[]> TemplateAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var courses = await db.Courses.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Code, c.Title, c.Hours, c.PracticeHours }).ToListAsync(ct);
        var maxRows = TableFile.DefaultMaxRows;
        var example = courses.FirstOrDefault();

        using var workbook = new XLWorkbook();
        var sheet = Spreadsheet.Sheet(workbook, "培训记录", Columns,
        [
            ["ZS2025-000001", RegistryRows.SampleMarker + "-5001030001", "0001099", "王小红", example?.Code ?? "NT2-101", null, example?.Hours ?? 30m, example?.PracticeHours ?? 20m],
        ]);
        ImportTemplates.Text(sheet, Columns, "证书编号", "学校代码", "教职工号", "课程编号");
        sheet.Cell(2, Array.IndexOf(Columns, "完成日期") + 1).Value = new DateTime(2025, 6, 30);
        var dates = ImportTemplates.Rule(sheet, Columns, maxRows, "完成日期");
        sheet.Column(Array.IndexOf(Columns, "完成日期") + 1).Style.DateFormat.Format = "yyyy-mm-dd";
        dates.Date.Between(TableRules.EarliestDate.ToDateTime(TimeOnly.MinValue), new DateTime(DateTime.Today.Year + 1, 12, 31));
        dates.ErrorMessage = $"请填写 {TableRules.EarliestDate.Year} 年至明年之间的日期，如 2025-06-30。";
        foreach (var (column, minimum) in new[] { ("学时", 0.1m), ("实践学时", 0m) })
        {
            sheet.Column(Array.IndexOf(Columns, column) + 1).Style.NumberFormat.Format = "0.##";
            var hours = ImportTemplates.Rule(sheet, Columns, maxRows, column);
            hours.Decimal.Between((double)minimum, (double)Course.MaxHours);
            hours.ErrorMessage = $"请填写 {minimum} 至 {Course.MaxHours} 之间的数。";
        }
        var catalog = Spreadsheet.Sheet(workbook, "课程目录", ["课程编号", "课程名称", "学时", "实践学时"],
            courses.Select(c => new object?[] { c.Code, c.Title, c.Hours, c.PracticeHours }));
        if (courses.Count > 0)
        {
            var choice = ImportTemplates.Rule(sheet, Columns, maxRows, "课程编号");
            choice.List(catalog.Range(2, 1, courses.Count + 1, 1), true);
            choice.ErrorMessage = "请从下拉框中选择课程目录中的课程编号。";
        }
        Spreadsheet.Sheet(workbook, "填写说明", ["项目", "说明"],
        [
            ["证书编号", "培训平台发放的证书编号，全市唯一，最长 40 个字符；同一证书重复导入不会重复计入。"],
            ["学校代码、教职工号", "教师所在学校的 10 位代码和教职工号，须是教师名册中已有的教师（先导入名册）。"],
            ["姓名", "必填，须与教师名册中该学校代码、教职工号的姓名一致，否则整个文件不导入（以免学时计到别人名下）。"],
            ["课程编号", "从下拉框选择，见“课程目录”工作表。"],
            ["完成日期", "完成培训的日期，不能晚于今天。"],
            ["学时、实践学时", $"学时大于 0、不超过 {Course.MaxHours}；实践学时不小于 0、不超过学时。"],
            .. ImportTemplates.CommonNotes(maxRows, MaxUploadBytes),
        ]);
        return ImportTemplates.Save(workbook);
    }

    private static Row? ParseRow(TableRow field, Lookups lookups, Action<ImportError> fail)
    {
        var certificate = field["证书编号"];
        var key = certificate.Length > 0 ? certificate : null;
        if (certificate.Length is 0 or > 40) { fail(new ImportError(field.Number, key, ErrorCodes.Required, "CertificateNumber")); return null; }
        var (schoolCode, staffNumber) = (field["学校代码"], field["教职工号"]);
        if (!lookups.Teachers.TryGetValue((schoolCode, staffNumber), out var teacher))
        {
            fail(new ImportError(field.Number, key, ErrorCodes.ImportUnknownTeacher, schoolCode, staffNumber));
            return null;
        }
        if (!lookups.Courses.TryGetValue(field["课程编号"], out var course)) { fail(new ImportError(field.Number, key, ErrorCodes.ImportUnknownCourse, field["课程编号"])); return null; }
        if (!TableFile.TryDate(field["完成日期"], out var date, latest: lookups.LatestDate)) { fail(new ImportError(field.Number, key, ErrorCodes.ImportBadDate, field["完成日期"])); return null; }
        if (!decimal.TryParse(field["学时"], NumberStyles.Number, CultureInfo.InvariantCulture, out var hours))
        {
            fail(new ImportError(field.Number, key, ErrorCodes.ImportNotANumber, "学时", field["学时"]));
            return null;
        }
        if (!decimal.TryParse(field["实践学时"], NumberStyles.Number, CultureInfo.InvariantCulture, out var practice))
        {
            fail(new ImportError(field.Number, key, ErrorCodes.ImportNotANumber, "实践学时", field["实践学时"]));
            return null;
        }
        try
        {
            RegistryRows.CheckRecordName(schoolCode, staffNumber, teacher.Name, field["姓名"]);
            TrainingRecord.Create(teacher.Id, course, date, hours, practice, certificate, lookups.Today);
        }
        catch (DomainException e)
        {
            fail(new ImportError(field.Number, key, e.Code, e.Args));
            return null;
        }
        return new Row(field.Number, certificate, teacher.Id, teacher.SchoolId, course, date, hours, practice);
    }

    /// <summary>64-bit FNV-1a: a million certificates fit in 24 MB, and a collision in a city's files is about 1 in 30 million.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }
        return hash;
    }
}
