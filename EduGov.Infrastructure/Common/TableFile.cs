using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduGov.Domain.Common;
using ExcelDataReader;

namespace EduGov.Infrastructure.Common;

/// <summary>One data row of an uploaded table, its fields reached by column title.</summary>
public sealed class TableRow(int number, string?[] fields, IReadOnlyDictionary<string, int> columns)
{
    /// <summary>The row's number as the user sees it in the file (the title row is 1).</summary>
    public int Number { get; } = number;

    public string this[string column] => columns[column] < fields.Length ? fields[columns[column]]?.Trim() ?? "" : "";
}

/// <summary>
/// An uploaded table, read a row at a time so that a file of a million rows never sits in memory, whatever program
/// wrote it: Excel (.xlsx, first sheet), Excel 97–2003 (.xls) or text (CSV or tab-separated; UTF-8, UTF-16 with a
/// byte-order mark, or GB18030/GBK as Chinese Excel and WPS save it). The format is told by the content, never by the
/// name. The first row holds the column titles; every expected column must be there once, in any order.
/// Whole-file refusals throw a <see cref="DomainException"/>; refusals of the titles or of single rows go to the
/// caller's <c>fail</c>, and those rows are not returned.
/// </summary>
public static class TableFile
{
    /// <summary>Enough for the largest file the portal expects: a city's training records (about a million).</summary>
    public const int DefaultMaxRows = 1_000_000;

    /// <summary>A million rows of eight columns unpack to about 300 MB of sheet XML.</summary>
    public const long DefaultMaxUnpackedBytes = 512L * 1024 * 1024;

    /// <summary>Sheets compress 5 to 30 times; Apache POI refuses beyond 100 too.</summary>
    public const int MaxRatio = 100;

    /// <summary>A record longer than this is a quote never closed, not data: stop before it swallows the file.</summary>
    private const int MaxRecordBytes = 1024 * 1024;

    private static readonly Encoding Gb18030;

    static TableFile()
    {
        // GB18030 (a superset of GBK) and the code pages of .xls files come from this provider, absent by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936);
    }

    /// <summary>
    /// The file's data rows. A row with a formula cell that has no usable value is reported for that column with
    /// <paramref name="keyColumn"/> (the first column by default) as its key, never read as blank. More than
    /// <paramref name="maxRows"/> data rows, or a workbook that unpacks to more than <paramref name="maxUnpackedBytes"/>,
    /// is refused.
    /// </summary>
    public static IEnumerable<TableRow> Read(Stream file, IReadOnlyList<string> columns, Action<ImportError> fail,
        int maxRows = DefaultMaxRows, long maxUnpackedBytes = DefaultMaxUnpackedBytes, string? keyColumn = null)
    {
        var rows = Sniff(file) switch
        {
            Format.Xlsx => Refusing(ReadXlsx(file, maxUnpackedBytes), () => new DomainException(ErrorCodes.ImportNotXlsx)),
            Format.Xls => Refusing(ReadXls(file), () => new DomainException(ErrorCodes.FileDamaged, ".xls")),
            Format.Text => Refusing(ReadText(file), () => new DomainException(ErrorCodes.FileDamaged, ".csv")),
            _ => throw new DomainException(ErrorCodes.ImportNotTable),
        };
        return WithTitles(rows, columns, fail, maxRows, keyColumn ?? columns[0]);
    }

    /// <summary>A date in an unambiguous form (see <see cref="TableRules.TryDate"/>), from 1990 to the end of next year unless told otherwise.</summary>
    public static bool TryDate(string text, out DateOnly date, DateOnly? earliest = null, DateOnly? latest = null) =>
        TableRules.TryDate(text, earliest ?? TableRules.EarliestDate, latest ?? new DateOnly(DateTime.Today.Year + 1, 12, 31), out date);

    private static IEnumerable<TableRow> WithTitles(IEnumerable<(int Number, string?[] Fields)> rows, IReadOnlyList<string> columns,
        Action<ImportError> fail, int maxRows, string keyColumn)
    {
        using var enumerator = rows.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            fail(new ImportError(0, null, ErrorCodes.ImportEmpty));
            yield break;
        }
        var titles = enumerator.Current.Fields.Select(f => (f ?? "").TrimStart('\uFEFF')).ToArray();
        var (index, missing, repeated) = TableRules.Titles(titles, columns);
        foreach (var column in missing) fail(new ImportError(1, null, ErrorCodes.ImportMissingColumn, column));
        foreach (var column in repeated) fail(new ImportError(1, null, ErrorCodes.ImportRepeatedColumn, column));
        if (missing.Count + repeated.Count > 0) yield break;

        var read = 0;
        while (enumerator.MoveNext())
        {
            var (number, fields) = enumerator.Current;
            if (fields.All(f => f is not null && string.IsNullOrWhiteSpace(f))) continue;
            if (++read > maxRows)
            {
                fail(new ImportError(number, null, ErrorCodes.ImportTooManyRows, maxRows));
                yield break;
            }
            var row = new TableRow(number, fields, index);
            var formula = false;
            foreach (var column in columns)
            {
                if (index[column] >= fields.Length || fields[index[column]] is not null) continue;
                formula = true;
                fail(new ImportError(number, row[keyColumn] is { Length: > 0 } key ? key : null, ErrorCodes.ImportFormula, column));
            }
            if (!formula) yield return row;
        }
    }

    private enum Format { Unknown, Xlsx, Xls, Text }

    private static ReadOnlySpan<byte> Ole2Signature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>
    /// A zip is a workbook (or nothing the import reads), an OLE2 compound file an Excel 97–2003 workbook, and text is
    /// what has a byte-order mark or no control characters but tab and line breaks in its first 64 KB (a PDF, an image
    /// or an executable has them early).
    /// </summary>
    private static Format Sniff(Stream file)
    {
        var head = new byte[64 * 1024];
        file.Position = 0;
        var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        var bytes = head.AsSpan(0, length);
        if (bytes.StartsWith("PK\u0003\u0004"u8)) return Format.Xlsx;
        if (bytes.StartsWith(Ole2Signature)) return Format.Xls;
        if (bytes.StartsWith("%PDF-"u8)) return Format.Unknown;
        if (Bom(bytes) is not null) return Format.Text;
        foreach (var b in bytes)
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not (byte)'\f')
                return Format.Unknown;
        return Format.Text;
    }

    /// <summary>
    /// Runs a parser, turning what it throws on bytes it cannot parse into the refusal the user reads. A parser of
    /// untrusted bytes can fail in ways it does not document; only the portal's own refusals and a cancellation pass.
    /// </summary>
    private static IEnumerable<T> Refusing<T>(IEnumerable<T> rows, Func<DomainException> refusal)
    {
        using var enumerator = rows.GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = enumerator.MoveNext();
            }
            catch (Exception e) when (e is not DomainException and not OperationCanceledException and not OutOfMemoryException)
            {
                throw refusal();
            }
            if (!more) yield break;
            yield return enumerator.Current;
        }
    }

    private static Encoding? Bom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? Encoding.UTF8
        : bytes.StartsWith([(byte)0xFF, (byte)0xFE]) ? Encoding.Unicode
        : bytes.StartsWith([(byte)0xFE, (byte)0xFF]) ? Encoding.BigEndianUnicode
        : null;

    /// <summary>
    /// Text rows through CsvHelper (RFC 4180: a quoted field may hold separators, doubled quotes and line breaks). The
    /// separator is told from the title row; a row's number counts records, as Excel shows them, not lines, and an
    /// empty line counts as the empty row Excel shows for it.
    /// </summary>
    private static IEnumerable<(int, string?[])> ReadText(Stream file)
    {
        var encoding = TextEncoding(file);
        string titleLine;
        using (var peek = new StreamReader(file, encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true))
            titleLine = peek.ReadLine() ?? "";
        file.Position = 0;
        var options = new CsvReaderOptions
        {
            Separator = TableRules.Separator(titleLine),
            HasHeader = false,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MaxRecordSize = MaxRecordBytes,
            Encoding = encoding,
        };
        using var reader = CsvReader.Create(file, options, leaveOpen: true);
        var number = 0;
        while (reader.Read())
        {
            var fields = new string?[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
            yield return (++number, fields);
        }
    }

    /// <summary>
    /// Null when a byte-order mark tells the encoding (the CSV reader honours it); else UTF-8 when every byte of the
    /// file is valid UTF-8, and GB18030 when not: a GBK file is almost never valid UTF-8, a UTF-8 file always is.
    /// </summary>
    private static Encoding? TextEncoding(Stream file)
    {
        Span<byte> head = stackalloc byte[3];
        head = head[..file.ReadAtLeast(head, 3, throwOnEndOfStream: false)];
        file.Position = 0;
        if (Bom(head) is not null) return null;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 16];
        // GetChars, not GetCharCount: only it carries a character cut by the buffer's end over to the next read.
        var chars = new char[buffer.Length + 4];
        try
        {
            for (int read; (read = file.Read(buffer)) > 0;)
                decoder.GetChars(buffer.AsSpan(0, read), chars, flush: false);
            decoder.GetChars([], chars, flush: true);
            return Encoding.UTF8;
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }
        finally
        {
            file.Position = 0;
        }
    }

    /// <summary>
    /// The first sheet through the SAX reader: one row element at a time, never the sheet's whole DOM. The sizes the
    /// zip declares are checked before the workbook is opened; they bound what is unpacked, since .NET's zip reader
    /// stops at the declared size of an entry.
    /// </summary>
    private static IEnumerable<(int, string?[])> ReadXlsx(Stream file, long maxUnpackedBytes)
    {
        using (var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true))
        {
            if (zip.GetEntry("xl/workbook.xml") is null) throw new DomainException(ErrorCodes.ImportNotTable);
            TableRules.CheckPacked(zip.Entries.Select(e => (e.CompressedLength, e.Length)), maxUnpackedBytes, MaxRatio);
        }
        file.Position = 0;
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
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
            var fields = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : fields.Count;
                while (fields.Count < column) fields.Add("");
                fields.Add(Text(cell, strings));
            }
            yield return (number, [.. fields]);
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

    /// <summary>
    /// A cell's text: a formula gives the value Excel cached when it last calculated; null when it has none or holds an
    /// error (#DIV/0!, #REF!), so that the caller refuses it rather than reading a blank.
    /// </summary>
    private static string? Text(Cell cell, List<string> strings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.Error || (cell.CellFormula is not null && cell.CellValue is null)) return null;
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var value = cell.CellValue?.Text ?? "";
        if (type != CellValues.SharedString) return value;
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

    /// <summary>
    /// The first sheet of an Excel 97–2003 workbook through ExcelDataReader, which streams its records. Numbers come as
    /// invariant text and dates as ISO dates, as the other formats give them.
    /// </summary>
    private static IEnumerable<(int, string?[])> ReadXls(Stream file)
    {
        using var reader = ExcelReaderFactory.CreateBinaryReader(file, new ExcelReaderConfiguration { LeaveOpen = true });
        var number = 0;
        while (reader.Read())
        {
            var fields = new string?[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
                fields[i] = reader.GetValue(i) switch
                {
                    null => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    bool b => b ? "1" : "0",
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
            yield return (++number, fields);
        }
    }
}
