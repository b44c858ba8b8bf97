using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Tests.Support;

namespace EduGov.Infrastructure.Tests.Files;

public sealed class SpreadsheetTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void LooksLikeFormula_TextStartingLikeAFormula_IsTrue(string text) => Spreadsheet.LooksLikeFormula(text).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("渝中第1中学")]
    [InlineData("1+1")]
    [InlineData(" =1+1")]
    [InlineData("a=b")]
    public void LooksLikeFormula_OrdinaryText_IsFalse(string text) => Spreadsheet.LooksLikeFormula(text).ShouldBeFalse();

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-5", "'-5")]
    [InlineData("张三", "张三")]
    [InlineData("a,b", "\"a,b\"")]
    public void CsvField_Text_IsNeutralisedAndQuoted(string text, string field) => Csv.Field(text).ShouldBe(field);

    [Fact]
    public void CsvField_Numbers_StayNumbers()
    {
        Csv.Field(-5m).ShouldBe("-5");
        Csv.Field(-12.5m).ShouldBe("-12.5");
        Csv.Field(-3).ShouldBe("-3");
        Csv.Field(null).ShouldBe("");
    }

    [Fact]
    public void CsvWrite_ReadsBackAsTheFieldsWritten()
    {
        var bytes = Csv.Write([["姓名", "学时"], ["=1+1", -2m]]);

        var lines = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Select(Csv.Split).Last().ShouldBe(["'=1+1", "-2"]);
    }

    [Fact]
    public void Sheet_FormulaLikeText_IsAStringCellWithQuotePrefix_AndNegativeNumbersStayNumbers()
    {
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "s", ["名称", "值"], [["=HYPERLINK(\"http://x\",\"y\")", -5m], ["0012", 3]]);
        var bytes = Save(workbook);

        // Read as Excel would: the sheet's XML, not ClosedXML's model of it.
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = document.WorkbookPart!;
        var cells = part.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        cells.Values.ShouldAllBe(c => c.CellFormula == null);
        cells["A2"].DataType!.Value.ShouldBe(CellValues.SharedString);
        var format = (CellFormat)part.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)cells["A2"].StyleIndex!.Value);
        format.QuotePrefix!.Value.ShouldBeTrue();
        (cells["B2"].DataType?.Value ?? CellValues.Number).ShouldBe(CellValues.Number);
        cells["B2"].CellValue!.Text.ShouldBe("-5");
        cells["A3"].DataType!.Value.ShouldBe(CellValues.SharedString);

        using var reopened = new XLWorkbook(new MemoryStream(bytes));
        reopened.Worksheet("s").Cell("A2").ShouldBeTextNotFormula("=HYPERLINK(\"http://x\",\"y\")");
        reopened.Worksheet("s").Cell("A3").GetString().ShouldBe("0012");
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
