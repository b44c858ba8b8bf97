using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Bulletins;

/// <summary>One district's filing figures for a period, as the bulletin counts them.</summary>
/// <param name="Completed">Schools whose filing stands submitted or approved (a returned one is not complete until submitted again).</param>
/// <param name="OnTime">Complete schools that first submitted on or before the deadline.</param>
public sealed record DistrictFiling(int UnitId, string Code, string Name, int Schools, int Completed, int Approved, int OnTime)
{
    public decimal? CompletionRate => BulletinRules.Rate(Completed, Schools);
    public decimal? TimelinessRate => BulletinRules.Rate(OnTime, Schools);
    public int Outstanding => Schools - Completed;
}

/// <summary>A district in the ranking: 1 is the best; districts with equal (printed) rates share a rank; none without schools.</summary>
public sealed record RankedDistrict(DistrictFiling Figures, int? Rank);

/// <summary>
/// The rules a bulletin states its figures by, so the page, the PDF and the tests agree:
/// <list type="bullet">
/// <item>完成 (complete): the school's filing stands submitted or approved; 完成率 = complete ÷ schools that file.</item>
/// <item>按时 (on time): the school is complete and first submitted on or before the deadline (the period's last day,
///   local time); 及时率 = on time ÷ schools that file, never above 完成率. Before the deadline the two are equal.</item>
/// <item>未完成 (outstanding): not complete — not started, a draft, or returned and not yet submitted again; after the
///   deadline such a school is 逾期 (late).</item>
/// <item>Ranking: by completion rate, then timeliness rate, both as printed (one decimal); equal rates share a rank.</item>
/// <item>进度滞后 (lagging) districts: among the last <see cref="LaggingCount"/> places of the ranking (a tie at the
///   boundary included) and below the city's own completion rate — so a district at or above the city is never named.</item>
/// </list>
/// </summary>
public static class BulletinRules
{
    public const int LaggingCount = 5;

    /// <summary>Schools listed by name at most; the rest are counted ("等 N 所").</summary>
    public const int SchoolsListed = 30;

    /// <summary>Overdue rectification items listed at most.</summary>
    public const int ItemsListed = 20;

    /// <summary>Districts named under each lagging indicator at most (the furthest behind).</summary>
    public const int DistrictsPerIndicator = 3;

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    public static bool IsComplete(FilingStatus? status) => status is FilingStatus.Submitted or FilingStatus.Approved;

    public static bool IsOnTime(DateOnly? firstSubmittedOn, DateOnly closesOn) => firstSubmittedOn is { } on && on <= closesOn;

    /// <summary>Counts toward 按时报送: complete now, and first submitted by the deadline.</summary>
    public static bool CountsOnTime(FilingStatus? status, DateOnly? firstSubmittedOn, DateOnly closesOn) =>
        IsComplete(status) && IsOnTime(firstSubmittedOn, closesOn);

    /// <summary>The deadline has passed: from the day after the period's last day.</summary>
    public static bool IsPastDeadline(DateOnly closesOn, DateOnly today) => today > closesOn;

    /// <summary>Submitted, but first after the deadline (逾期报送).</summary>
    public static bool SubmittedLate(DateOnly? firstSubmittedOn, DateOnly closesOn) => firstSubmittedOn is { } on && on > closesOn;

    public static int DaysOverdue(DateOnly deadline, DateOnly today) => Math.Max(0, today.DayNumber - deadline.DayNumber);

    /// <summary>Best first; districts without schools last and unranked.</summary>
    public static IReadOnlyList<RankedDistrict> Rank(IEnumerable<DistrictFiling> districts)
    {
        var ordered = districts.OrderByDescending(d => d.Schools > 0).ThenByDescending(d => d.CompletionRate).ThenByDescending(d => d.TimelinessRate)
            .ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedDistrict>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var d = ordered[i];
            if (d.Schools == 0) { ranked.Add(new RankedDistrict(d, null)); continue; }
            var tied = i > 0 && ranked[i - 1].Rank is not null
                       && (ordered[i - 1].CompletionRate, ordered[i - 1].TimelinessRate) == (d.CompletionRate, d.TimelinessRate);
            ranked.Add(new RankedDistrict(d, tied ? ranked[i - 1].Rank : i + 1));
        }
        return ranked;
    }

    /// <summary>The districts a bulletin names as lagging (进度滞后), worst first.</summary>
    public static IReadOnlyList<RankedDistrict> LaggingDistricts(IReadOnlyList<RankedDistrict> ranked, decimal? cityRate, int count = LaggingCount)
    {
        var placed = ranked.Where(r => r.Rank is not null).ToList();
        if (placed.Count == 0 || cityRate is null || count < 1) return [];
        var boundary = placed[Math.Max(0, placed.Count - count)].Rank!.Value;
        return placed.Where(r => r.Rank >= boundary && r.Figures.CompletionRate < cityRate).Reverse().ToList();
    }

    /// <summary>"甲、乙、丙" — or, when more are counted than named, "甲、乙、丙等 12 所".</summary>
    public static string NameList(IEnumerable<string> names, int total, string measure)
    {
        var shown = names.ToList();
        var joined = string.Join("、", shown);
        return total > shown.Count ? $"{joined}等 {total} {measure}" : joined;
    }

    private static readonly string[] Digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    /// <summary>一, 二 … 十, 十一 … 九十九: the numbering of a document's sections.</summary>
    public static string Numeral(int n)
    {
        if (n is < 1 or > 99) throw new ArgumentOutOfRangeException(nameof(n));
        if (n <= 10) return Digits[n];
        var (tens, ones) = (n / 10, n % 10);
        return (tens == 1 ? "十" : Digits[tens] + "十") + (ones == 0 ? "" : Digits[ones]);
    }

    /// <summary>Who issues a city's bulletins, the prefix of their numbers, and whom they are addressed to (主送).</summary>
    public static (string Issuer, string Prefix, string Addressees) IssuerOf(string cityName) => cityName switch
    {
        "重庆市" => ("重庆市教育委员会", "渝教督", "各区县（自治县）教委"),
        "长沙市" => ("长沙市教育局", "长教督", "各区县（市）教育局"),
        "巴中市" => ("巴中市教育局", "巴教督", "各县（区）教育局"),
        _ => ($"{cityName}教育局", $"{(cityName.Length > 0 ? cityName[..1] : "")}教督", "各区县教育行政部门"),
    };

    /// <summary>渝教督〔2026〕3号.</summary>
    public static string Number(string cityName, int year, int sequence) => $"{IssuerOf(cityName).Prefix}〔{year}〕{sequence}号";
}

/// <summary>
/// Who may publish and who may open a bulletin. A bulletin is the commission's, about its whole city and addressed to every
/// district of it (主送各区县): the commission, the city's inspectors and every district's staff open all of the city's
/// bulletins; a school opens a bulletin only when a version of it names the school; administrators open all.
/// </summary>
public static class BulletinAccess
{
    public static bool CanPublishBulletinsOf(this AccessScope scope, string cityPath) => scope.Role == Role.Commission && scope.CanRead(cityPath);

    public static bool CanOpenBulletin(this AccessScope scope, string cityPath, IEnumerable<string> namedPaths) =>
        scope.CanRead(cityPath)
        || (scope.Role is Role.District or Role.Inspector && scope.Lineage.Contains(cityPath))
        || namedPaths.Any(scope.CanRead);
}

/// <summary>
/// The units a bulletin names (点名), each with all its reasons: a unit is named when the bulletin calls it out — a lagging
/// district, a school in the list of those that have not completed filing, the responsible unit of a listed overdue
/// rectification item, a district among the furthest behind on an indicator, a unit with an overdue 督办 — and a school's
/// district is named with it. The full ranking of every district names no one by itself.
/// </summary>
public sealed class NamedUnits
{
    private readonly Dictionary<int, BulletinReason> _reasons = [];

    /// <param name="districtId">The district a named school or item belongs to: named for the same reason.</param>
    public NamedUnits Name(int unitId, BulletinReason reason, int? districtId = null)
    {
        _reasons[unitId] = _reasons.GetValueOrDefault(unitId) | reason;
        if (districtId is { } district && district != unitId) _reasons[district] = _reasons.GetValueOrDefault(district) | reason;
        return this;
    }

    public IReadOnlyDictionary<int, BulletinReason> All => _reasons;

    /// <summary>The reasons as a notification states them to the unit ("填报完成率排名靠后；督导整改事项逾期").</summary>
    public static string Describe(BulletinReason reasons, bool school, bool pastDeadline)
    {
        var parts = new List<string>();
        if (reasons.HasFlag(BulletinReason.LowCompletion)) parts.Add("填报完成率排名靠后");
        if (reasons.HasFlag(BulletinReason.SchoolsOutstanding))
            parts.Add((school ? "本校" : "所属学校") + (pastDeadline ? "逾期未完成填报" : "尚未完成填报"));
        if (reasons.HasFlag(BulletinReason.RectificationOverdue)) parts.Add(school ? "本校督导整改事项逾期" : "督导整改事项逾期");
        if (reasons.HasFlag(BulletinReason.IndicatorBehind)) parts.Add("规划指标进展滞后");
        if (reasons.HasFlag(BulletinReason.UrgingOutstanding)) parts.Add("督办事项逾期未办结");
        return string.Join("；", parts);
    }
}
