using System.Text;
using ClosedXML.Excel;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Planning;

public sealed class CatalogExportTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private CatalogExport Export => _db.Get<CatalogExport>();

    [Fact]
    public async Task Xlsx_HasOneSheetPerPartAndEveryTarget()
    {
        var bytes = await Export.ToXlsxAsync(Scopes.Admin);

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        workbook.Worksheets.Select(w => w.Name).ShouldBe(["规划", "任务措施", "指标", "目标值", "里程碑"]);
        var targets = workbook.Worksheet("目标值");
        (targets.LastRowUsed().RowNumber() - 1).ShouldBe(117);
        var interactive = targets.RowsUsed().Where(r => r.Cell(7).GetString() == "互动式多媒体教学设备占比")
            .Select(r => (r.Cell(14).GetValue<int>(), r.Cell(15).GetValue<decimal>())).ToList();
        interactive.ShouldBe([(2020, 40m), (2022, 60m)]);
        (workbook.Worksheet("规划").LastRowUsed().RowNumber() - 1).ShouldBe(5);
    }

    [Fact]
    public async Task Csv_IsUtf8WithBom_OneRowPerTarget()
    {
        var bytes = await Export.ToCsvAsync(Scopes.Admin);

        bytes.Take(3).ShouldBe(Encoding.UTF8.Preamble.ToArray());
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("规划,文号,发文机关");
        lines.Length.ShouldBe(1 + 117);
        lines.ShouldContain(l => l.Contains("渝府办发〔2019〕27号") && l.Contains(",互动式多媒体教学设备占比,%,") && l.Contains(",2022,60,"));
    }

    [Fact]
    public async Task Csv_ForAPrincipal_HoldsOnlyThePlansThatBindTheSchool()
    {
        var text = Encoding.UTF8.GetString(await Export.ToCsvAsync(Scopes.Principal));
        text.ShouldContain("渝中区数字教育建设行动方案");
        text.ShouldNotContain("长沙市");
        text.ShouldNotContain("巴中市");
    }

    [Fact]
    public async Task Export_IsRecordedInTheAuditTrail()
    {
        await Export.ToCsvAsync(Scopes.Inspector);
        await using var db = _db.Open();
        (await db.AuditEntries.AnyAsync(a => a.Actor == "inspector" && a.Action == "Export")).ShouldBeTrue();
    }

    [Fact]
    public async Task PlanTitledLikeAFormula_IsExportedAsText()
    {
        const string title = "=HYPERLINK(\"http://x\",\"y\")";
        var plans = _db.Get<PlanService>();
        var id = await _db.PlanIdAsync("430100", "长沙市智慧教育");
        var plan = (await plans.GetAsync(Scopes.ChangshaCommission, id)).Plan;
        await plans.UpdateAsync(Scopes.ChangshaCommission, id, plan.Version,
            new PlanDetails(title, plan.DocumentNumber, plan.Issuer, plan.OrgUnitId, plan.IssuedOn, plan.StartYear, plan.EndYear, plan.Summary));

        using var workbook = new XLWorkbook(new MemoryStream(await Export.ToXlsxAsync(Scopes.Admin)));
        var csv = Encoding.UTF8.GetString(await Export.ToCsvAsync(Scopes.Admin)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        workbook.Worksheet("规划").CellWith(title).ShouldBeTextNotFormula(title);
        workbook.Worksheet("目标值").CellsUsed().Where(c => c.GetString() == title).ShouldAllBe(c => !c.HasFormula && c.Style.IncludeQuotePrefix);
        var rows = csv.Select(Csv.Split).Where(f => f[1] == plan.DocumentNumber).ToList();
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(f => f[0] == "'" + title);
    }
}
