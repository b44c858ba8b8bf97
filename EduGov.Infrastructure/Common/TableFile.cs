using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduGov.Domain.Common;

namespace EduGov.Infrastructure.Common;

/// <summary>One data row of an uploaded table, its fields reached by column title.</summary>
public sealed class TableRow(int number, string[] fields, IReadOnlyDictionary<string, int> columns)
{
    /// <summary>The row's number as the user sees it in the file (the title row is 1).</summary>
    public int Number { get; } = number;

    public string this[string column] => columns[column] < fields.Length ? fields[columns[column]].Trim() : "";
}

/// <summary>
/// An uploaded table, CSV (UTF-8, RFC 4180) or Excel (.xlsx, first sheet), read a row at a time so that a file of
/// a million rows never sits in memory. The format is told by the content (an .xlsx is a zip), not by the name.
/// The first row holds the column titles; every expected column must be there, in any order.
/// </summary>
public static class TableFile
{
    public static IEnumerable<TableRow> Read(Stream file, IReadOnlyList<string> columns, Action<ImportError> fail)
    {
        var rows = IsZip(file) ? ReadXlsx(file) : ReadCsv(file);
        return WithTitles(rows, columns, fail);
    }

    /// <summary>A date as 2025-06-30 (or 2025/6/30), or as an Excel date serial number.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParse(text, CultureInfo.InvariantCulture, out date)) return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) || serial is < 1 or > 2958465) return false;
        date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        return true;
    }

    private static IEnumerable<TableRow> WithTitles(IEnumerable<(int Number, string[] Fields)> rows, IReadOnlyList<string> columns, Action<ImportError> fail)
    {
        using var enumerator = rows.GetEnumerator();
        var titles = enumerator.MoveNext() ? enumerator.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToArray() : [];
        var index = columns.ToDictionary(c => c, c => Array.IndexOf(titles, c));
        var missing = columns.Where(c => index[c] < 0).ToList();
        if (missing.Count > 0)
        {
            foreach (var column in missing) fail(new ImportError(1, null, ErrorCodes.ImportMissingColumn, column));
            yield break;
        }
        while (enumerator.MoveNext())
        {
            var (number, fields) = enumerator.Current;
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            yield return new TableRow(number, fields, index);
        }
    }

    private static bool IsZip(Stream file)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static IEnumerable<(int, string[])> ReadCsv(Stream file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
            yield return (++number, Csv.Split(line));
    }

    /// <summary>The first sheet through the SAX reader: one row element at a time, never the sheet's whole DOM.</summary>
    private static IEnumerable<(int, string[])> ReadXlsx(Stream file)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(file, isEditable: false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FormatException or InvalidDataException or IOException)
        {
            throw new DomainException(ErrorCodes.ImportNotXlsx);
        }
        using (document)
        {
            var workbook = document.WorkbookPart ?? throw new DomainException(ErrorCodes.ImportNotXlsx);
            var strings = SharedStrings(workbook);
            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()?.Id?.Value;
            if (firstSheet is null) yield break;
            using var reader = OpenXmlReader.Create((WorksheetPart)workbook.GetPartById(firstSheet));
            var number = 0;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                number = row.RowIndex is { } index ? (int)index.Value : number + 1;
                var fields = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : fields.Count;
                    while (fields.Count < column) fields.Add("");
                    fields.Add(Text(cell, strings));
                }
                yield return (number, [.. fields]);
            }
        }
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                strings.Add(reader.LoadCurrentElement()!.InnerText);
        return strings;
    }

    private static string Text(Cell cell, List<string> strings)
    {
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value != CellValues.SharedString) return value;
        return int.TryParse(value, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
    }

    /// <summary>The zero-based column of a cell reference: "A7" is 0, "AB12" is 27.</summary>
    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return column - 1;
    }
}
