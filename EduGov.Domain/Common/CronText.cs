using System.Globalization;

namespace EduGov.Domain.Common;

/// <summary>
/// A Quartz cron expression (seconds, minutes, hours, day of month, month, day of week[, year]) said in words for the
/// scheduling page, in Chinese or English: every minute (or every n minutes), the daily, weekly, monthly, quarterly and
/// yearly schedules operators set; anything else is shown as the expression itself.
/// </summary>
public static class CronText
{
    private static readonly string[] Weekdays = ["日", "一", "二", "三", "四", "五", "六"];
    private static readonly string[] EnglishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] WeekdayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>The words of a schedule in Chinese.</summary>
    public static string Describe(string expression) => Describe(expression, english: false);

    /// <summary>The words of a schedule in the language of <paramref name="culture"/>: English for an English culture, Chinese otherwise.</summary>
    public static string Describe(string expression, CultureInfo culture) =>
        Describe(expression, english: culture.TwoLetterISOLanguageName == "en");

    private static string Describe(string expression, bool english)
    {
        var f = expression.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length is < 6 or > 7 || f.Length == 7 && f[6] != "*") return expression;
        var (second, minute, hour, day, month, weekday) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        var everyDay = day is "*" or "?" && month == "*" && weekday is "*" or "?";
        if (everyDay && second == "0" && hour == "*" && minute == "*") return english ? "Every minute" : "每分钟";
        if (everyDay && second == "0" && hour == "*" && minute.StartsWith("*/") && IsNumber(minute[2..], 2, 59))
            return english ? $"Every {int.Parse(minute[2..])} minutes" : $"每 {int.Parse(minute[2..])} 分钟";
        if (!IsNumber(second, 0, 59) || !IsNumber(minute, 0, 59) || !IsNumber(hour, 0, 23)) return expression;
        var time = $"{int.Parse(hour):00}:{int.Parse(minute):00}" + (int.Parse(second) == 0 ? "" : $":{int.Parse(second):00}");

        if (everyDay) return english ? $"Daily at {time}" : $"每天 {time}";
        if (day == "?" && month == "*" && Days(weekday) is { } days)
            return english
                ? $"Every {string.Join(", ", days.Select(d => EnglishWeekdays[d]))} at {time}"
                : $"每周{string.Join("、", days.Select(d => Weekdays[d]))} {time}";
        if (weekday != "?" && weekday != "*" || !IsNumber(day, 1, 31)) return expression;
        if (month == "*") return english ? $"Monthly on day {day} at {time}" : $"每月{day}日 {time}";
        if (Numbers(month, 1, 12) is not { } months) return expression;
        if (months.SequenceEqual([1, 4, 7, 10]))
            return english ? $"Quarterly on day {day} of Jan, Apr, Jul and Oct at {time}" : $"每季度首月{day}日（1、4、7、10月）{time}";
        return english
            ? $"Yearly on {string.Join(", ", months.Select(m => $"{day} {EnglishMonths[m - 1]}"))} at {time}"
            : $"每年{string.Join("、", months)}月{day}日 {time}";
    }

    private static bool IsNumber(string field, int min, int max) => int.TryParse(field, out var n) && n >= min && n <= max;

    private static int[]? Numbers(string field, int min, int max)
    {
        var parts = field.Split(',');
        return parts.All(p => IsNumber(p, min, max)) ? parts.Select(int.Parse).ToArray() : null;
    }

    /// <summary>Days of the week by name (MON) or Quartz number (1 = Sunday … 7 = Saturday), as 0 = Sunday … 6.</summary>
    private static int[]? Days(string field)
    {
        var days = new List<int>();
        foreach (var part in field.ToUpperInvariant().Split(','))
        {
            var named = Array.IndexOf(WeekdayNames, part);
            if (named >= 0) days.Add(named);
            else if (IsNumber(part, 1, 7)) days.Add(int.Parse(part) - 1);
            else return null;
        }
        return [.. days];
    }
}
