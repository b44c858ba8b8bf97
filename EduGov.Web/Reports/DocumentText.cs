using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Supervision;

namespace EduGov.Web.Reports;

/// <summary>The words the white paper and the supervision report share: a plan's paragraph, the areas' names, why a value is missing.</summary>
public static class DocumentText
{
    /// <summary>
    /// A plan's paragraph for a unit: its period, its counts by status, and the indicators furthest from their targets,
    /// each as a sentence on the unit's value (<paramref name="subject"/>: 全市, 渝中区).
    /// </summary>
    public static string PlanSummary(PlanProgress plan, int year, string subject, string missingWhere)
    {
        var reported = plan.Lines.Where(l => l.Status != ProgressStatus.NoData).ToList();
        var text = $"规划期 {plan.StartYear}—{plan.EndYear} 年" + (plan.DocumentNumber is { } number ? $"（{number}）" : "")
            + (plan.EndYear < year ? $"，已于 {plan.EndYear} 年期满，以下按期末目标衡量" : "") + "。"
            + $"{year} 年 {plan.Lines.Count} 项指标中，{reported.Count} 项有数据：达成 {plan.Count(ProgressStatus.Achieved)} 项，进展中 {plan.Count(ProgressStatus.OnTrack)} 项，滞后 {plan.Count(ProgressStatus.Lagging)} 项"
            + (plan.Count(ProgressStatus.NoData) is > 0 and var missing ? $"；{missing} 项暂无数据，见{missingWhere}" : "") + "。";
        var furthest = Furthest(reported, year, 3).ToList();
        return furthest.Count == 0 ? text
            : text + $"距目标差距最大的 {furthest.Count} 项：" + string.Concat(furthest.Select(l => Narrative.Sentence(l.Facts(subject, year))));
    }

    /// <summary>The lines furthest short of their targets, as a share of each target.</summary>
    public static IEnumerable<IndicatorLine> Furthest(IEnumerable<IndicatorLine> lines, int year, int count) =>
        lines.Select(l => (Line: l, Facts: l.Facts("", year))).Where(x => x.Facts.Gap > 0)
            .OrderByDescending(x => x.Facts.RelativeGap).ThenBy(x => x.Line.Code).Take(count).Select(x => x.Line);

    public static string AreaName(string area) => area switch
    {
        "Filing" => "基础环境与装备覆盖",
        "Training" => "教师信息素养培训",
        "Designations" => "示范创建",
        "Security" => "网络安全",
        _ => area,
    };

    public static string WhyMissing(IndicatorLine line) => line.Area switch
    {
        null => "由规划主管部门按年度录入，尚未录入",
        "Filing" => "尚无审核通过的学校年度填报",
        "Training" => "尚无教师培训记录",
        "Designations" => "尚无示范创建认定",
        "Security" => "尚无信息系统等级保护登记",
        _ => "尚无计算所需的数据",
    };
}
