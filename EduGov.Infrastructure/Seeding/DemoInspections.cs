using EduGov.Domain.Supervision;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// A demo checklist for each city's 督导检查 (six areas, 100 points), and 渝中区's autumn inspection: scored, with one
/// item of the district's already past its deadline and one of a school still in time.
/// </summary>
public static class DemoInspections
{
    public static readonly IReadOnlyList<ChecklistItemDetails> Checklist =
    [
        new("组织领导", "成立教育信息化领导小组，明确分管领导和责任部门", 10, 1),
        new("规划落实", "制定本单位实施方案，年度任务按期推进", 10, 2),
        new("规划落实", "规划指标数据按时、准确填报", 5, 3),
        new("基础设施", "宽带网络校校通，无线网络覆盖主要教学场所", 10, 4),
        new("基础设施", "多媒体教学设备配备并常态化使用", 10, 5),
        new("教学应用", "师生网络学习空间开通并常态化应用", 10, 6),
        new("教学应用", "信息技术与课堂教学深度融合，开展“三个课堂”", 15, 7),
        new("教师培训", "教师信息技术应用能力提升培训学时达标", 15, 8),
        new("网络安全", "落实网络安全等级保护制度，信息系统定级、备案、测评", 10, 9),
        new("网络安全", "网络安全责任制落实，定期开展应急演练", 5, 10),
    ];

    /// <summary>What the inspectors gave each line, in the checklist's order (83 of 100).</summary>
    public static readonly IReadOnlyList<decimal> Scores = [9, 8, 4, 9, 8, 7, 12, 13, 8, 5];

    public static readonly string[] Inspectors = ["陈明", "刘芳"];

    public static readonly string[] IndicatorCodes = ["CQ5-01", "CQ5-13", "CQ5-24", "YZ-04"];

    public const string Findings = "区域教育城域网和学校网络基础较好，多媒体设备配备齐全；网络学习空间应用不均衡，部分学校开通后使用率低；" +
                                   "区教育数据中心重要数据尚未异地备份，数据容灾能力不足。";

    public const string OverdueRequirement = "区教育数据中心重要数据实现异地备份，完善数据容灾方案";

    public const string SchoolRequirement = "提高网络学习空间使用率，制定空间应用提升计划并组织全员应用培训";
}
