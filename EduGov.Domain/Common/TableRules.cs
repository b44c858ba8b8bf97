using System.Globalization;
using System.Text.RegularExpressions;

namespace EduGov.Domain.Common;

/// <summary>
/// What an uploaded table may hold, decided without reading a file: its column titles, how its text is separated,
/// how far a compressed workbook may unpack, and which dates are read. Every import reads through one reader
/// (Infrastructure's TableFile) that applies these rules.
/// </summary>
public static partial class TableRules
{
    /// <summary>An entry this small may compress as well as it likes: the ratio check is for parts that could flood memory.</summary>
    public const long RatioCheckedFrom = 1024 * 1024;

    /// <summary>The earliest date an import reads: older ones are typing mistakes (1900-01-01 is Excel's zero).</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    /// <summary>
    /// Where each expected column is among the titles (compared trimmed), and the expected columns that are missing or
    /// that more than one column claims: which of two 教室数 columns holds the figures cannot be guessed.
    /// Other columns, even repeated, are not read and do not matter.
    /// </summary>
    public static (Dictionary<string, int> Index, List<string> Missing, List<string> Repeated) Titles(IReadOnlyList<string> titles, IReadOnlyList<string> columns)
    {
        var index = new Dictionary<string, int>();
        List<string> missing = [], repeated = [];
        foreach (var column in columns)
        {
            var at = -1;
            for (var i = 0; i < titles.Count; i++)
            {
                if (titles[i].Trim() != column) continue;
                if (at >= 0) { repeated.Add(column); break; }
                at = i;
            }
            if (at < 0) missing.Add(column);
            else index[column] = at;
        }
        return (index, missing, repeated);
    }

    /// <summary>
    /// The separator of a text table, told from its title row: the most frequent of comma, tab and semicolon outside
    /// quotes (Excel's "Unicode 文本" uses tabs, a European "CSV" semicolons); a comma when there is none.
    /// </summary>
    public static char Separator(string titleLine)
    {
        int commas = 0, tabs = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in titleLine)
        {
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == ',') commas++;
            else if (c == '\t') tabs++;
            else if (c == ';') semicolons++;
        }
        if (tabs > commas && tabs >= semicolons) return '\t';
        return semicolons > commas ? ';' : ',';
    }

    /// <summary>
    /// A compressed workbook is refused before it is opened when the sizes its entries declare add up to more than
    /// <paramref name="maxUnpackedBytes"/>, or when a large entry unpacks to more than <paramref name="maxRatio"/> times its
    /// compressed size (a zip bomb: 1.8 MB that unpacks to 200 MB). Real sheets compress 5 to 30 times.
    /// </summary>
    public static void CheckPacked(IEnumerable<(long Compressed, long Unpacked)> entries, long maxUnpackedBytes, int maxRatio)
    {
        long total = 0;
        foreach (var (compressed, unpacked) in entries)
        {
            total += unpacked;
            if (total > maxUnpackedBytes || (unpacked >= RatioCheckedFrom && unpacked > Math.Max(compressed, 1) * maxRatio))
                throw UnpacksTooLarge(maxUnpackedBytes, maxRatio);
        }
    }

    public static DomainException UnpacksTooLarge(long maxUnpackedBytes, int maxRatio) =>
        new(ErrorCodes.ImportUnpacksTooLarge, maxUnpackedBytes / 1024 / 1024, maxRatio);

    /// <summary>
    /// A date written in a form that cannot be misread: year first (2025-06-03, 2025/6/3, 2025.6.3, optionally with a
    /// time after it), 2025年6月3日, or an Excel date serial number (what a date cell holds). 06/30/2025 and 03/04/2025 are
    /// refused: whether 03/04 is March or April depends on the machine that wrote it. The date must lie within
    /// <paramref name="earliest"/> .. <paramref name="latest"/>.
    /// </summary>
    public static bool TryDate(string text, DateOnly earliest, DateOnly latest, out DateOnly date)
    {
        date = default;
        text = text.Trim();
        var m = YearFirst().Match(text);
        if (!m.Success) m = Chinese().Match(text);
        if (m.Success)
        {
            if (!DateOnly.TryParseExact($"{m.Groups["y"].Value}-{m.Groups["m"].Value.PadLeft(2, '0')}-{m.Groups["d"].Value.PadLeft(2, '0')}",
                    "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return false;
        }
        else if (Serial().IsMatch(text) && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial)
                 && serial < 2958466)
            date = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        else
            return false;
        return date >= earliest && date <= latest;
    }

    /// <summary>2025-06-03, 2025/6/3 or 2025.6.3 (one separator throughout), perhaps with the time a date cell carries.</summary>
    [GeneratedRegex(@"^(?<y>\d{4})(?<s>[-/.])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?$")]
    private static partial Regex YearFirst();

    [GeneratedRegex(@"^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日?$")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^\d{1,7}(\.\d+)?$")]
    private static partial Regex Serial();
}
