using ClosedXML.Excel;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// Every Excel sheet the portal writes: a bold frozen title row, numbers as numbers, text as text, columns sized for
/// Chinese. Text is written so that it can never run as a formula in Excel or WPS (formula injection), whoever typed it.
/// </summary>
public static class Spreadsheet
{
    /// <summary>
    /// Text a spreadsheet would take for a formula (=, +, -, @) or that hides one behind a tab or carriage return;
    /// such text must be written as text. Only text: a number written as a number stays one, negative or not.
    /// </summary>
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static IXLWorksheet Sheet(XLWorkbook workbook, string name, string[] header, IEnumerable<object?[]> rows)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var c = 0; c < header.Length; c++) Set(sheet.Cell(1, c + 1), header[c]);
        sheet.Row(1).Style.Font.Bold = true;
        var widths = header.Select(DisplayWidth).ToArray();
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                Set(sheet.Cell(r, c + 1), row[c]);
                widths[c] = Math.Max(widths[c], DisplayWidth(row[c]?.ToString()));
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        // Measured by hand: ClosedXML's AdjustToContents needs libgdiplus, which servers rarely have.
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = Math.Clamp(widths[c] + 2, 8, 60);
        return sheet;
    }

    /// <summary>A number as a number; anything else as a plain string cell, never a formula.</summary>
    public static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null: break;
            case decimal d: cell.Value = d; break;
            case int n: cell.Value = n; break;
            default:
                var text = value.ToString() ?? "";
                // SetValue keeps the string as it is (the Value setter would turn "0012" into a number).
                cell.SetValue(text);
                // The quote prefix keeps it text even when someone edits the cell and presses Enter.
                if (LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
                break;
        }
    }

    /// <summary>Width in Excel character units: a CJK character takes two.</summary>
    private static int DisplayWidth(string? text) => text?.Sum(ch => ch > 0x2E80 ? 2 : 1) ?? 0;
}
