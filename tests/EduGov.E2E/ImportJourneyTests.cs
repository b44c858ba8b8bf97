using ClosedXML.Excel;
using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class ImportJourneyTests(PortalServer portal)
{
    private const string PrincipalSchool = "5001030001";

    /// <summary>
    /// A district officer downloads the district's template, fills it in a hurry, reads what is wrong, downloads the
    /// list, corrects the same file and chooses it again.
    /// </summary>
    [Fact]
    public async Task District_ImportsItsTemplate_ReadsTheBadRows_AndImportsTheCorrectedFileAgain()
    {
        var page = await portal.SignInAsync("district");
        await page.SetViewportSizeAsync(1440, 900);
        await page.ClickAsync("a[href='/filing']");
        await page.Locator("a[href^='/filing/'][href$='/import']").First.ClickAsync();
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".import-limits")).ToContainTextAsync("20 MB");

        var template = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='template.xlsx']").ClickAsync());
        template.SuggestedFilename.ShouldStartWith("渝中区_");
        var file = Path.Combine(Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}", template.SuggestedFilename);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await template.SaveAsAsync(file);
        var (classrooms, stored) = Edit(file, sheet =>
        {
            // The other journeys file for the principal's school: this one leaves it alone, as a district may.
            sheet.RowsUsed().Single(r => r.Cell(1).GetString() == PrincipalSchool).Delete();
            var column = sheet.Row(1).CellsUsed().Single(c => c.GetString() == "教室数").Address.ColumnNumber;
            var stored = sheet.Cell(2, column).GetString();
            sheet.Cell(2, column).SetValue("很多");
            sheet.Cell(3, column).FormulaA1 = "1/0";
            return (column, stored);
        });

        await page.GetByLabel("完整的行导入后直接提交").UncheckAsync();
        var input = page.Locator("input[type=file]");
        await input.SetInputFilesAsync(file);
        var refusal = page.Locator(".import-error");
        await Assertions.Expect(refusal).ToContainTextAsync("发现 2 处问题，未写入任何数据", new() { Timeout = 30_000 });
        var reasons = page.Locator(".import-errors tbody");
        await Assertions.Expect(reasons).ToContainTextAsync("“教室数”应为数字，实际为“很多”");
        await Assertions.Expect(reasons).ToContainTextAsync("请填写数值，不要使用公式");
        (await input.EvaluateAsync<int>("i => i.files.length")).ShouldBe(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Screenshots, "import-refused.png"), FullPage = true });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Screenshots, "import-refused-phone.png"), FullPage = true });
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await PortalServer.ResizeAsync(page, 1440);

        var list = await page.RunAndWaitForDownloadAsync(() => page.Locator(".import-errors-download").ClickAsync());
        list.SuggestedFilename.ShouldEndWith("_问题清单.xlsx");
        await using (var stream = File.OpenRead(await list.PathAsync()))
        using (var errors = new XLWorkbook(stream))
            errors.Worksheet(1).RowsUsed().Count().ShouldBe(3);

        Edit(file, sheet =>
        {
            sheet.Cell(2, classrooms).SetValue(stored);
            sheet.Cell(3, classrooms).Clear();
            return 0;
        });
        await input.SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator(".import-done")).ToContainTextAsync("导入完成：读取", new() { Timeout = 30_000 });
        await Assertions.Expect(refusal).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#choose-file")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Screenshots, "import-done.png"), FullPage = true });
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static T Edit<T>(string file, Func<IXLWorksheet, T> edit)
    {
        using var workbook = new XLWorkbook(file);
        var result = edit(workbook.Worksheet(1));
        workbook.Save();
        return result;
    }
}
