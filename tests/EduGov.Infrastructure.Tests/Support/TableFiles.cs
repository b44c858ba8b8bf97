using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NPOI.HSSF.UserModel;

namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// The files districts really send, made by the tests (never fetched): text in each encoding Chinese Excel and WPS
/// save, workbooks of both generations, formula cells as Excel leaves them, and the broken and hostile ones.
/// </summary>
public static class TableFiles
{
    static TableFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding(54936);

    public static byte[] Text(string content, Encoding encoding, bool bom = false) =>
        [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(content)];

    public static byte[] Csv(params string[] lines) => Text(string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));

    public static byte[] Xlsx(params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Sheet1");
        for (var r = 0; r < rows.Length; r++)
        for (var c = 0; c < rows[r].Length; c++)
            EduGov.Infrastructure.Common.Spreadsheet.Set(sheet.Cell(r + 1, c + 1), rows[r][c]);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A cell as Excel writes it: a value, or a formula with the value it cached when it last calculated (if any).</summary>
    public sealed record XCell(string? Value, string? Formula = null, bool Error = false, bool Number = false);

    /// <summary>A workbook written cell by cell with the Open XML SDK, for formula cells exactly as Excel leaves them.</summary>
    public static byte[] XlsxCells(params XCell[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var spec = rows[r][c];
                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    if (spec.Formula is not null) cell.CellFormula = new CellFormula(spec.Formula);
                    if (spec.Error) cell.DataType = CellValues.Error;
                    else if (!spec.Number && spec.Value is not null) cell.DataType = spec.Formula is null ? CellValues.InlineString : CellValues.String;
                    if (spec.Value is not null && spec.Formula is null && !spec.Number && !spec.Error)
                        cell.InlineString = new InlineString(new Text(spec.Value));
                    else if (spec.Value is not null) cell.CellValue = new CellValue(spec.Value);
                    row.Append(cell);
                }
                data.Append(row);
            }
            part.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    public static XCell[] Texts(params string[] values) => [.. values.Select(v => new XCell(v))];

    /// <summary>An Excel 97–2003 workbook, as bureaus' older machines still save.</summary>
    public static byte[] Xls(params object?[][] rows)
    {
        var workbook = new HSSFWorkbook();
        var sheet = workbook.CreateSheet("Sheet1");
        for (var r = 0; r < rows.Length; r++)
        {
            var row = sheet.CreateRow(r);
            for (var c = 0; c < rows[r].Length; c++)
                switch (rows[r][c])
                {
                    case null: break;
                    case double d: row.CreateCell(c).SetCellValue(d); break;
                    case int i: row.CreateCell(c).SetCellValue(i); break;
                    case var v: row.CreateCell(c).SetCellValue(v.ToString()); break;
                }
        }
        using var stream = new MemoryStream();
        workbook.Write(stream);
        return stream.ToArray();
    }

    /// <summary>A workbook whose sheet unpacks to <paramref name="megabytes"/> MB of padding from a few hundred KB.</summary>
    public static byte[] ZipBomb(int megabytes)
    {
        var valid = Xlsx(["学校代码"], ["500103001"]);
        using var stream = new MemoryStream();
        stream.Write(valid);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            var padding = new byte[1024 * 1024];
            Array.Fill(padding, (byte)' ');
            for (var i = 0; i < megabytes; i++) sheet.Write(padding);
            sheet.Write("</sheetData></worksheet>"u8);
        }
        return stream.ToArray();
    }

    public static byte[] Truncated(byte[] file) => file[..(file.Length / 2)];
}
