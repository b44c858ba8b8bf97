using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// Demo programmes of 重庆市: the 示范学校 programme with a 2024 batch already designated (one school warned in its 2025
/// re-evaluation) and its 2026 window open now, and the 示范区县 programme open for districts' applications.
/// </summary>
public static class DemoDesignations
{
    public static readonly IReadOnlyList<Criterion> SchoolRubric =
        [new("基础环境", 20), new("教学应用", 30), new("管理服务", 20), new("安全保障", 15), new("特色创新", 15)];

    public static readonly IReadOnlyList<Criterion> DistrictRubric =
        [new("统筹推进", 25), new("基础设施", 25), new("应用成效", 30), new("保障机制", 20)];

    public static ProgrammeDetails Schools(int? indicatorId, DateOnly opens, DateOnly closes) =>
        new("市级智慧校园建设示范学校", Tier.Municipal, DesignationTarget.Schools, indicatorId, opens, closes, SchoolRubric);

    public static ProgrammeDetails Districts(int? indicatorId, DateOnly opens, DateOnly closes) =>
        new("市级智慧教育应用示范区县", Tier.Municipal, DesignationTarget.Districts, indicatorId, opens, closes, DistrictRubric);

    public static readonly DateTime Reviewed2024 = new(2024, 6, 20, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>The 2024 batch: applications taken through the district and two reviewers, ready to be designated.</summary>
    public static IEnumerable<Application> Batch2024(Programme programme, IEnumerable<OrgUnit> schools)
    {
        var at = Reviewed2024;
        var random = new Random(2024);
        foreach (var school in schools)
        {
            var application = Application.Start(programme, OrgUnitKind.School, school.Id, new DateOnly(2024, 3, 15), "principal", at);
            var self = SchoolRubric.Select(c => (decimal?)Math.Round(c.MaxScore * (0.75m + random.Next(0, 25) / 100m))).ToList();
            application.SaveDraft(programme, self, SchoolRubric.Select(c => (string?)$"{c.Name}：对照评审细则自评").ToList(), "principal", at);
            application.Submit(programme, new DateOnly(2024, 3, 20), "principal", at);
            application.Recommend(null, "同意推荐", "district", at);
            application.AssignReviewers(["inspector", "expert"], "commission", at);
            foreach (var reviewer in new[] { "inspector", "expert" })
                application.Score(programme, reviewer, SchoolRubric.Select(c => Math.Round(c.MaxScore * (0.7m + random.Next(0, 30) / 100m))).ToList(), null, at);
            yield return application;
        }
    }
}
