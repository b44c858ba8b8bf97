using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

/// <summary>
/// The plan catalog as files for other systems: an Excel workbook (规划, 任务措施, 指标, 目标值, 里程碑) and a CSV with
/// one row per indicator target, which carries every quantitative target with its plan, year and value.
/// Column names are Chinese, as the people who open these files read them.
/// </summary>
public sealed class CatalogExport(PlanService plans, IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public static readonly string[] TargetColumns =
        ["规划", "文号", "发文机关", "所属单位", "任务编号", "指标编码", "指标名称", "单位", "方向", "取值方式", "统计口径", "基线值", "基线年份", "目标年份", "目标值", "目标说明", "备注"];

    public async Task<byte[]> ToXlsxAsync(AccessScope scope, CancellationToken ct = default)
    {
        var catalog = await plans.LoadAllAsync(scope, ct);
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "规划", ["编号", "规划", "文号", "发文机关", "所属单位", "印发日期", "起始年份", "截止年份", "概要"],
            catalog.Select(p => new object?[] { p.Id, p.Title, p.DocumentNumber, p.Issuer, p.OrgUnit.Name, p.IssuedOn?.ToString("yyyy-MM-dd"), p.StartYear, p.EndYear, p.Summary }));
        Spreadsheet.Sheet(workbook, "任务措施", ["规划", "编号", "所属部分", "任务/措施", "牵头单位", "责任单位", "要点"],
            catalog.SelectMany(p => p.Tasks.Select(t => new object?[] { p.Title, t.Number, t.Section, t.Title, t.LeadUnit, t.ResponsibleUnits, t.Summary })));
        Spreadsheet.Sheet(workbook, "指标", ["规划", "任务编号", "指标编码", "指标名称", "单位", "方向", "取值方式", "计算口径", "统计口径", "基线值", "基线年份", "备注"],
            catalog.SelectMany(p => p.Indicators.OrderBy(i => i.Code).Select(i => new object?[]
            {
                p.Title, i.Task?.Number, i.Code, i.Name, i.Unit, DirectionText(i.Direction), SourceText(i.Source), i.MetricKey,
                i.Population, i.Baseline, i.BaselineYear, i.Note,
            })));
        Spreadsheet.Sheet(workbook, "目标值", TargetColumns, TargetRows(catalog));
        Spreadsheet.Sheet(workbook, "里程碑", ["规划", "任务编号", "里程碑", "到期年份", "状态", "备注"],
            catalog.SelectMany(p => p.Milestones.OrderBy(m => m.DueYear).Select(m => new object?[]
                { p.Title, m.Task?.Number, m.Title, m.DueYear, StatusText(m.Status), m.Note })));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await RecordAsync(scope, "xlsx", catalog.Count, ct);
        return stream.ToArray();
    }

    public async Task<byte[]> ToCsvAsync(AccessScope scope, CancellationToken ct = default)
    {
        var catalog = await plans.LoadAllAsync(scope, ct);
        var csv = Csv.Write(TargetRows(catalog).Prepend(TargetColumns));
        await RecordAsync(scope, "csv", catalog.Count, ct);
        return csv;
    }

    private static IEnumerable<object?[]> TargetRows(IEnumerable<Plan> catalog) =>
        from p in catalog
        from i in p.Indicators.OrderBy(i => i.Code)
        from t in i.Targets.OrderBy(t => t.Year)
        select new object?[]
        {
            p.Title, p.DocumentNumber, p.Issuer, p.OrgUnit.Name, i.Task?.Number, i.Code, i.Name, i.Unit,
            DirectionText(i.Direction), SourceText(i.Source), i.Population, i.Baseline, i.BaselineYear,
            t.Year, t.Value, t.Note, i.Note,
        };

    private async Task RecordAsync(AccessScope scope, string format, int plans, CancellationToken ct)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "Plan", null, $"{format}: {plans} plans"));
        await db.SaveChangesAsync(ct);
    }

    public static string DirectionText(Direction d) => d == Direction.Increase ? "不低于" : "不高于";
    public static string SourceText(ValueSource s) => s == ValueSource.Computed ? "计算" : "填报";
    private static string StatusText(MilestoneStatus s) => s switch
    {
        MilestoneStatus.Completed => "已完成",
        MilestoneStatus.InProgress => "推进中",
        _ => "未开始",
    };
}
