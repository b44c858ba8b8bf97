using System.Globalization;
using System.Text;

namespace EduGov.Infrastructure.Common;

/// <summary>
/// CSV as the portal reads and writes it (RFC 4180: quoted fields, doubled quotes inside). Every CSV the portal writes
/// goes through <see cref="Write"/>: UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly.
/// </summary>
public static class Csv
{
    public static byte[] Write(IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// A number as a number; text that a spreadsheet would run as a formula gets a leading quote (OWASP's advice for
    /// CSV, which has no cell types); a field with a comma, quote or line break is quoted.
    /// </summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
            int or long => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
            _ => AsText(value.ToString() ?? ""),
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    private static string AsText(string text) => Spreadsheet.LooksLikeFormula(text) ? "'" + text : text;

    /// <summary>One line split into fields.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
