using ClosedXML.Excel;

namespace EduGov.Infrastructure.Common;

/// <summary>Exports' sheets: a bold frozen title row, numbers as numbers, text as text, columns sized for Chinese.</summary>
public static class Spreadsheet
{
    public static void Sheet(XLWorkbook workbook, string name, string[] header, IEnumerable<object?[]> rows)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).Value = header[c];
        sheet.Row(1).Style.Font.Bold = true;
        var widths = header.Select(DisplayWidth).ToArray();
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                var cell = sheet.Cell(r, c + 1);
                switch (row[c])
                {
                    case null: break;
                    case decimal d: cell.Value = d; break;
                    case int n: cell.Value = n; break;
                    default: cell.Value = row[c]!.ToString(); cell.DataType = XLDataType.Text; break;
                }
                widths[c] = Math.Max(widths[c], DisplayWidth(row[c]?.ToString()));
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        // Measured by hand: ClosedXML's AdjustToContents needs libgdiplus, which servers rarely have.
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = Math.Clamp(widths[c] + 2, 8, 60);
    }

    /// <summary>Width in Excel character units: a CJK character takes two.</summary>
    private static int DisplayWidth(string? text) => text?.Sum(ch => ch > 0x2E80 ? 2 : 1) ?? 0;
}
