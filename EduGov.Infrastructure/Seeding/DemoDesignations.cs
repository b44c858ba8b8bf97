using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// Demo programmes of 重庆市: the 示范学校 programme with a batch designated each year from 2019 to 2025 (re-evaluated every year
/// since, a few warned) and its 2026 window open now, and the 示范区县 programme with its 2020 and 2022 batches (the plan's
/// milestone years) and its window open now for districts' applications.
/// </summary>
public static class DemoDesignations
{
    public const int FirstBatch = 2019, LastBatch = 2025;

    /// <summary>The district programme's batches: the 2018–2022 plan's milestone years.</summary>
    public static readonly int[] DistrictBatches = [2020, 2022];

    public static readonly IReadOnlyList<Criterion> SchoolRubric =
        [new("基础环境", 20), new("教学应用", 30), new("管理服务", 20), new("安全保障", 15), new("特色创新", 15)];

    public static readonly IReadOnlyList<Criterion> DistrictRubric =
        [new("统筹推进", 25), new("基础设施", 25), new("应用成效", 30), new("保障机制", 20)];

    public static ProgrammeDetails Schools(int? indicatorId, DateOnly opens, DateOnly closes) =>
        new("市级智慧校园建设示范学校", Tier.Municipal, DesignationTarget.Schools, indicatorId, opens, closes, SchoolRubric);

    public static ProgrammeDetails Districts(int? indicatorId, DateOnly opens, DateOnly closes) =>
        new("市级智慧教育应用示范区县", Tier.Municipal, DesignationTarget.Districts, indicatorId, opens, closes, DistrictRubric);

    /// <summary>A past batch's window: March and April of its year.</summary>
    public static (DateOnly Opens, DateOnly Closes) Window(int batch) => (new DateOnly(batch, 3, 1), new DateOnly(batch, 4, 30));

    /// <summary>The day a past batch was designated, and reviewed.</summary>
    public static DateOnly DesignatedOn(int batch) => new(batch, 6, 20);

    private static readonly int[] Numbers = [23, 16, 27, 12, 21, 18, 9];

    /// <summary>The batch's 认定文号, e.g. 渝教信〔2024〕18号.</summary>
    public static string DocumentNumber(int batch, DesignationTarget target) =>
        $"渝教信〔{batch}〕{Numbers[batch - FirstBatch] + (target == DesignationTarget.Districts ? 1 : 0)}号";

    /// <summary>How many schools a batch designates: about 1.2% of the city's schools (about 110 a year at city scale, 5 in the demo).</summary>
    public static int BatchSize(int schools, int batch, int seed) =>
        Math.Max(3, (int)Math.Round(schools * (0.01 + 0.004 * new Random(seed ^ batch).NextDouble())));

    /// <summary>
    /// <paramref name="count"/> of the candidates not designated yet (by code), drawn from the seed and the batch (teaching points do
    /// not apply to be 示范学校).
    /// </summary>
    public static List<OrgUnit> Pick(IEnumerable<OrgUnit> candidates, ISet<string> designated, int count, int batch, int seed)
    {
        var random = new Random(seed ^ batch ^ 0xDE51);
        return candidates.Where(u => !designated.Contains(u.Code) && u.School?.Type != SchoolType.TeachingPoint)
            .Select(u => (Unit: u, Key: random.Next())).OrderBy(x => x.Key).Take(count).Select(x => x.Unit).ToList();
    }

    /// <summary>A batch's applications, taken through the district (for schools) and two reviewers, ready to be designated.</summary>
    public static IEnumerable<Application> Batch(Programme programme, IEnumerable<OrgUnit> units, int seed)
    {
        var batch = programme.Batch;
        var at = DesignatedOn(batch).AddDays(-10).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        var random = new Random(seed ^ batch);
        var schools = programme.Target == DesignationTarget.Schools;
        var (kind, applicant) = schools ? (OrgUnitKind.School, "principal") : (OrgUnitKind.District, "district");
        foreach (var unit in units)
        {
            var application = Application.Start(programme, kind, unit.Id, programme.OpensOn.AddDays(14), applicant, at);
            var self = programme.Criteria.Select(c => (decimal?)Math.Round(c.MaxScore * (0.75m + random.Next(0, 25) / 100m))).ToList();
            application.SaveDraft(programme, self, programme.Criteria.Select(c => (string?)$"{c.Name}：对照评审细则自评").ToList(), applicant, at);
            application.Submit(programme, programme.OpensOn.AddDays(19), applicant, at);
            if (schools) application.Recommend(null, "同意推荐", "district", at);
            application.AssignReviewers(["inspector", "expert"], "commission", at);
            foreach (var reviewer in new[] { "inspector", "expert" })
                application.Score(programme, reviewer, programme.Criteria.Select(c => Math.Round(c.MaxScore * (0.7m + random.Next(0, 30) / 100m))).ToList(), null, at);
            yield return application;
        }
    }

    /// <summary>
    /// A designated unit's yearly reports from the year after its batch to 2025, each decided in January: most confirmed, about one
    /// in twelve warned (限期整改) and confirmed again the next year; in the 2025 re-evaluation the first of the 2024 batch is warned.
    /// </summary>
    public static void Reevaluate(Designation designation, Programme programme, bool warnedIn2025, int seed)
    {
        var random = new Random(seed ^ designation.UnitId ^ 0x4EE7);
        for (var year = designation.Batch + 1; year <= LastBatch; year++)
        {
            var on = new DateOnly(year + 1, 1, 20);
            var at = on.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
            var warned = year == LastBatch ? warnedIn2025 : random.Next(12) == 0;
            designation.FileReport(programme, year, programme.Criteria.Select(c => Math.Round(c.MaxScore * (warned ? 0.6m : 0.8m))).ToList(),
                $"{year} 年度示范建设报告", programme.Target == DesignationTarget.Schools ? "principal" : "district", at);
            designation.Decide(year, warned ? ReevaluationDecision.Warned : ReevaluationDecision.Confirmed, warned ? "教学应用深度不足，限期三个月整改" : null,
                on, "commission", at);
        }
    }
}
