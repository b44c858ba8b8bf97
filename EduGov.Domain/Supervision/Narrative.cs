using EduGov.Domain.Planning;

namespace EduGov.Domain.Supervision;

/// <summary>
/// The figures one sentence of a document is written from: an indicator of a unit in a year, the year before, the
/// target that applies and, for a city or district, how many of the units below it reported and met it. <paramref name="AsOf"/>
/// is the year of a value older than the document's (an indicator reported only in its plan's years).
/// </summary>
public sealed record IndicatorFacts(string Subject, string Name, string Unit, Direction Direction, decimal? Value, decimal? Previous,
    int? TargetYear, decimal? Target, int Units = 0, int Reported = 0, int Met = 0, int? AsOf = null)
{
    public bool IsPercent => Unit == "%";

    /// <summary>How far the value is short of the target, in the indicator's unit; 0 when met, null without a value or target.</summary>
    public decimal? Gap => Value is { } v && Target is { } t ? Math.Max(0, Direction == Direction.Increase ? Narrative.Round(t) - Narrative.Round(v) : Narrative.Round(v) - Narrative.Round(t)) : null;

    /// <summary>The gap as a share of the target, so indicators of different units can be ranked by how far behind they are.</summary>
    public decimal? RelativeGap => Gap is { } g && Target is { } t && t != 0 ? g / t : null;

    /// <summary>The change since the year before, in the indicator's unit (a percentage's in points).</summary>
    public decimal? Change => Value is { } v && Previous is { } p ? Narrative.Round(v) - Narrative.Round(p) : null;

    /// <summary>A change for the better: up for an indicator that should rise, down for one that should fall.</summary>
    public decimal? Improvement => Change is { } c ? Direction == Direction.Increase ? c : -c : null;
}

/// <summary>A unit short of its targets, with its largest shortfalls.</summary>
public sealed record UnitShortfalls(string Subject, IReadOnlyList<IndicatorFacts> Gaps)
{
    public string Sentence => Narrative.ShortfallSentence(Subject, Gaps);
}

/// <summary>
/// Writes a document's analysis in plain Chinese from its figures, e.g. "全市互动式多媒体教学设备占比 47.2%，较上年提高
/// 3.1 个百分点，距 2022 年目标 60% 仍差 12.8 个百分点；38 个区县中 9 个已达标。" Figures are rounded to one decimal
/// before any difference is taken, so the numbers of a sentence add up as printed.
/// </summary>
public static class Narrative
{
    public static decimal Round(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>47.2%, 87Gbps, 12所.</summary>
    public static string Amount(decimal value, string unit) => $"{Round(value):0.#}{unit}";

    /// <summary>A difference: 3.1 个百分点 for percentages, 13Gbps otherwise.</summary>
    public static string Difference(decimal value, string unit) => unit == "%" ? $"{Round(Math.Abs(value)):0.#} 个百分点" : Amount(Math.Abs(value), unit);

    public static string ChangeText(IndicatorFacts f) => f.Change switch
    {
        null => "",
        0 => "与上年持平",
        > 0 and decimal c => $"较上年提高 {Difference(c, f.Unit)}",
        decimal c => $"较上年下降 {Difference(c, f.Unit)}",
    };

    public static string GapText(IndicatorFacts f) => (f.Gap, f.Target, f.TargetYear) switch
    {
        (null, _, _) or (_, null, _) or (_, _, null) => "",
        (0, var t, var y) => $"已达到 {y} 年目标 {Amount(t.Value, f.Unit)}",
        (var g, var t, var y) => $"距 {y} 年目标 {Amount(t.Value, f.Unit)} 仍差 {Difference(g.Value, f.Unit)}",
    };

    /// <summary>One sentence on an indicator; without a value, says so rather than guessing.</summary>
    public static string Sentence(IndicatorFacts f)
    {
        if (f.Value is not { } value) return $"{f.Subject}{f.Name}暂无数据。";
        var asOf = f.AsOf is { } year ? $"（{year} 年）" : "";
        var clauses = new[] { $"{f.Subject}{f.Name} {Amount(value, f.Unit)}{asOf}", ChangeText(f), GapText(f) }.Where(c => c.Length > 0);
        var sentence = string.Join("，", clauses);
        if (f.Units > 0 && f.Target is not null)
            sentence += f.Reported == f.Units
                ? $"；{f.Units} 个区县中 {f.Met} 个已达标"
                : $"；{f.Units} 个区县中 {f.Reported} 个有数据，其中 {f.Met} 个已达标";
        return sentence + "。";
    }

    /// <summary>A district's gain: 江北区互动式多媒体教学设备占比由 40.1% 提高到 52.3%，提高 12.2 个百分点。</summary>
    public static string GainSentence(IndicatorFacts f) =>
        f is { Value: { } v, Previous: { } p, Change: { } c }
            ? $"{f.Subject}{f.Name}由 {Amount(p, f.Unit)} {(c >= 0 ? "提高" : "下降")}到 {Amount(v, f.Unit)}，{(c >= 0 ? "提高" : "下降")} {Difference(c, f.Unit)}。"
            : Sentence(f);

    /// <summary>A unit's largest shortfalls, each with its value and gap: 黔江区：互动式多媒体教学设备占比 31.2%，距目标差 28.8 个百分点；…。</summary>
    public static string ShortfallSentence(string subject, IEnumerable<IndicatorFacts> shortfalls) =>
        subject + "：" + string.Join("；", shortfalls.Select(f => $"{f.Name} {Amount(f.Value!.Value, f.Unit)}，距目标差 {Difference(f.Gap!.Value, f.Unit)}")) + "。";

    /// <summary>
    /// The largest year-on-year improvements among the units, each unit once (its largest), so no sentence repeats a
    /// unit; only percentages, which compare across indicators.
    /// </summary>
    public static IReadOnlyList<IndicatorFacts> LargestGains(IEnumerable<IndicatorFacts> facts, int count) =>
        facts.Where(f => f.IsPercent && f.Improvement > 0)
            .GroupBy(f => f.Subject).Select(g => g.OrderByDescending(f => f.Improvement).ThenBy(f => f.Name).First())
            .OrderByDescending(f => f.Improvement).ThenBy(f => f.Subject).Take(count).ToList();

    /// <summary>
    /// The units furthest behind: those short of the most targets first, then by how far (as a share of each target);
    /// each with its own largest shortfalls.
    /// </summary>
    public static IReadOnlyList<UnitShortfalls> FurthestBehind(IEnumerable<IndicatorFacts> facts, int count, int perUnit = 3) =>
        facts.Where(f => f.Gap > 0)
            .GroupBy(f => f.Subject)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Sum(f => f.RelativeGap)).ThenBy(g => g.Key)
            .Take(count)
            .Select(g => new UnitShortfalls(g.Key, g.OrderByDescending(f => f.RelativeGap).ThenBy(f => f.Name).Take(perUnit).ToList()))
            .ToList();
}
