using System.Text;
using System.Text.RegularExpressions;
using Bunit;
using EduGov.Infrastructure.Filing;
using EduGov.Tests;
using EduGov.Web.Components.Pages.Filing;
using EduGov.Web.Components.Pages.Training;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

/// <summary>What a district officer reads on the import pages, whatever file they choose.</summary>
public sealed partial class ImportPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    static ImportPageTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>A resource key (Import.Done, Error.ImportFormula) or a field name (_recordsError) shown instead of words.</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\b|\b_[a-z]+[A-Z]\w*")]
    private static partial Regex Identifier();

    private static void ShouldShowNoIdentifier(string text) => Identifier().Matches(text).Select(m => m.Value).ShouldBeEmpty();

    private static string Text<T>(IRenderedComponent<T> page) where T : Microsoft.AspNetCore.Components.IComponent =>
        string.Concat(page.Nodes.Select(n => n.TextContent));

    private IRenderedComponent<TrainingImportPage> TrainingPage()
    {
        _ctx.SignInAs("district");
        var page = _ctx.RenderPage<TrainingImportPage>();
        page.WaitForAssertion(() => page.FindComponents<InputFile>().Count.ShouldBe(2));
        return page;
    }

    [Fact]
    public void TrainingImport_OnArrival_ShowsItsLimitsAndNoAlert()
    {
        var page = TrainingPage();

        page.FindAll(".mud-alert").ShouldBeEmpty();
        page.FindAll(".import-limits").Select(l => l.TextContent).ShouldAllBe(t => t.Contains("150 MB") && t.Contains("1,000,000 行"));
        page.FindAll("a[href='/training/templates/records.xlsx'], a[href='/training/templates/teachers.xlsx']").Count.ShouldBe(2);
        ShouldShowNoIdentifier(Text(page));
    }

    [Fact]
    public void TrainingImport_GbkFileWithBadRows_ListsEachRowWithItsKeyAndAChineseReason()
    {
        var page = TrainingPage();
        var csv = Encoding.GetEncoding(54936).GetBytes(
            "证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时\r\n" +
            "GBK-1,5001030001,9999999,张三丰,NT2-101,2025-06-03,30,10\r\n" +
            "GBK-2,5001030001,0001001,李洋,没有这门课,2025-06-03,30,10\r\n" +
            "GBK-3,5001030001,0001001,李洋,NT2-101,03/04/2025,30,10\r\n");

        page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(csv, "培训记录.csv"));

        page.WaitForAssertion(() => page.Find(".import-error").TextContent.ShouldContain("“培训记录.csv”发现 3 处问题，未写入任何数据"), TimeSpan.FromSeconds(10));
        var rows = page.FindAll(".import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        rows.Select(r => (r[0], r[1])).ShouldBe([("2", "GBK-1"), ("3", "GBK-2"), ("4", "GBK-3")]);
        rows[0][2].ShouldContain("9999999");
        rows[1][2].ShouldContain("没有这门课");
        rows[2][2].ShouldContain("03/04/2025");
        page.FindAll(".import-errors-download").ShouldHaveSingleItem();
        ShouldShowNoIdentifier(Text(page));
    }

    [Theory]
    [InlineData("png", "不是可识别的表格文件")]
    [InlineData("truncated", "文件已损坏或不完整")]
    public void TrainingImport_FileThatIsNotATable_SaysWhy_AndThePageStaysUsable(string kind, string message)
    {
        var page = TrainingPage();
        var file = kind == "png" ? SampleFiles.Png : Truncated();

        page.FindComponents<InputFile>()[1].UploadFiles(InputFileContent.CreateFromBinary(file, "名册.xlsx"));

        page.WaitForAssertion(() => page.Find(".import-error").TextContent.ShouldContain(message), TimeSpan.FromSeconds(10));
        page.Find("#choose-teacher-file").HasAttribute("disabled").ShouldBeFalse();
        page.FindAll(".import-progress").ShouldBeEmpty();

        static byte[] Truncated()
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook();
            workbook.AddWorksheet("名册").Cell(1, 1).Value = "学校代码";
            using var stream = new MemoryStream();
            workbook.SaveAs(stream);
            return stream.ToArray()[..(int)(stream.Length / 2)];
        }
    }

    [Fact]
    public async Task FilingImport_TheDistrictsTemplate_ImportsAndSaysWhatChanged()
    {
        var scope = _ctx.SignInAs("district");
        var filing = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filing.CurrentPeriodAsync(scope))!.Id;
        await using var db = await _ctx.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var district = db.OrgUnits.Single(u => u.Code == "500103").Id;
        var template = await _ctx.Services.GetRequiredService<FilingImport>().TemplateAsync(scope, period, district);
        var page = _ctx.RenderPage<FilingImportPage>(p => p.Add(x => x.PeriodId, period).Add(x => x.DistrictId, district));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(template.Content, template.FileName));

        page.WaitForAssertion(() => page.Find(".import-done").TextContent.ShouldMatch(@"导入完成：读取 \d+ 行，新增 \d+ 行、更新 \d+ 行、未变化 \d+ 行"), TimeSpan.FromSeconds(15));
        page.Find(".import-done").TextContent.ShouldContain(template.FileName);
        page.Find(".import-limits").TextContent.ShouldContain("20 MB");
        ShouldShowNoIdentifier(Text(page));
    }

    [Fact]
    public void TrainingImport_FileOverTheLimit_IsRefusedBeforeItIsRead()
    {
        var page = TrainingPage();

        page.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary(new byte[151 * 1024 * 1024], "全市记录.csv"));

        page.WaitForAssertion(() => page.Find(".import-error").TextContent.ShouldContain("文件不能超过 150 MB"), TimeSpan.FromSeconds(10));
        page.FindAll(".import-done").ShouldBeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
