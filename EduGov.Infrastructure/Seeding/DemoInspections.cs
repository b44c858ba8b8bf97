using System.Text;
using EduGov.Domain.Supervision;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// A demo checklist for each city's 督导检查 (six areas, 100 points); the inspections of 2024 and 2025, closed (every item
/// answered with evidence and accepted); and 渝中区's autumn inspection: scored, with one item of the district's already past
/// its deadline and one of a school still in time.
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

    /// <summary>The districts of 重庆市 inspected in 2024 and 2025, and when: 渝中区 both years.</summary>
    public static readonly (string District, DateOnly On)[] History =
    [
        ("500103", new(2024, 5, 14)), ("500105", new(2024, 5, 21)), ("500112", new(2024, 10, 15)), ("500101", new(2024, 11, 5)),
        ("500103", new(2025, 4, 22)), ("500106", new(2025, 5, 13)), ("500107", new(2025, 10, 21)), ("500102", new(2025, 11, 4)),
    ];

    private static readonly string[] Strengths =
    [
        "区域教育城域网和学校网络基础较好，多媒体设备配备齐全", "教育信息化领导小组和工作机制健全，年度任务推进有序",
        "“三个课堂”常态化开展，城乡学校结对帮扶覆盖面广", "智慧校园建设起步早，示范学校带动作用明显",
    ];

    /// <summary>Something inspectors found wanting, what they required, and how the unit answered.</summary>
    public sealed record Issue(string Finding, string Requirement, string Answer);

    public static readonly Issue[] Issues =
    [
        new("部分学校网络学习空间开通后使用率低", "制定网络学习空间应用提升计划，组织全员应用培训",
            "已印发网络学习空间应用提升计划，完成全员应用培训，空间月活跃率明显提高"),
        new("重要数据尚未异地备份，数据容灾能力不足", "重要数据实现异地备份，完善数据容灾方案",
            "已与市教育数据中心签订异地备份协议，重要数据每日异地备份，并完成一次恢复演练"),
        new("部分信息系统未按期开展等级测评", "督促未测评的信息系统完成等级测评并备案", "未测评的信息系统已全部完成等级测评并报公安机关备案"),
        new("农村学校多媒体设备老化，常态化使用不足", "制定农村学校多媒体设备更新计划并纳入年度预算", "设备更新计划已纳入年度预算，首批教室已完成招标和安装"),
        new("教师信息技术应用能力提升培训学时未达标的比例偏高", "组织未达标教师补修培训学时", "已组织集中补训，未达标教师全部补足学时并取得证书"),
        new("网络安全应急演练未覆盖全部学校", "组织所有学校开展网络安全应急演练", "所有学校已完成年度网络安全应急演练并提交演练报告"),
    ];

    /// <summary>A district's scores in a past inspection: the checklist's usual scores give or take two, drawn from the seed.</summary>
    public static IReadOnlyList<decimal> ScoresOf(string district, int year, int seed)
    {
        var random = new Random(seed ^ int.Parse(district) ^ year);
        return Checklist.Select((line, i) => Math.Clamp(Scores[i] + random.Next(-2, 3), 0, line.MaxScore)).ToList();
    }

    /// <summary>The two (different) issues a past inspection found at a district, and the findings written from them.</summary>
    public static (Issue[] Items, string Findings) IssuesOf(string district, int year, int seed)
    {
        var random = new Random(seed ^ int.Parse(district) ^ year ^ 0x155E);
        var first = random.Next(Issues.Length);
        var second = (first + 1 + random.Next(Issues.Length - 1)) % Issues.Length;
        return ([Issues[first], Issues[second]], $"{Strengths[random.Next(Strengths.Length)]}；{Issues[first].Finding}；{Issues[second].Finding}。");
    }

    /// <summary>
    /// The evidence a unit attached to its answer: a one-page PDF written by hand (its cross-reference offsets right), small but a
    /// real file that any reader opens and the upload check accepts.
    /// </summary>
    public static byte[] EvidencePdf(string reference)
    {
        var text = $"BT /F1 18 Tf 72 720 Td (EduGov demo evidence: {reference}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {text.Length} >>\nstream\n{text}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
