using ClosedXML.Excel;

namespace EduGov.Infrastructure.Tests.Support;

public static class SheetAssertions
{
    /// <summary>The cell holds the text as a plain string: no formula, and marked to stay text when someone edits it.</summary>
    public static void ShouldBeTextNotFormula(this IXLCell cell, string text)
    {
        cell.HasFormula.ShouldBeFalse();
        cell.DataType.ShouldBe(XLDataType.Text);
        cell.GetString().ShouldBe(text);
        cell.Style.IncludeQuotePrefix.ShouldBeTrue();
    }

    /// <summary>The one cell of the sheet that reads exactly <paramref name="text"/>.</summary>
    public static IXLCell CellWith(this IXLWorksheet sheet, string text) => sheet.CellsUsed().Single(c => c.GetString() == text);
}
