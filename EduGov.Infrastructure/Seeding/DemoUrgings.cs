namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// The demo 督办 of 重庆市, in every state: 渝中区 asked about its late 2026 filing (to answer), about its overdue rectification
/// item (逾期), and pressed again about a lagging indicator; the demo principal's school asked by the district about its filing;
/// another school of 渝中区 long overdue on its 等级测评 and gone up to the district; one of the district's schools answered and
/// waiting for the district to close it; 江北区's filing 督办 closed. Dates are counted back from the day the demo is seeded.
/// </summary>
public static class DemoUrgings
{
    public const string DistrictFiling = "请督促辖区内尚未提交的学校于 5 日内完成 2026 年度填报，并报送进度情况";
    public const string PrincipalFiling = "你校尚未开始 2026 年度填报，请于 5 日内完成填报并提交区教委审核";
    public const string DistrictRectification = "督导整改事项已逾期，请说明未完成原因并报送整改计划";
    public const string SchoolAssessment = "你校智慧校园综合平台未按期开展等级测评，请说明原因并报送测评安排";
    public const string IndicatorFirst = "小学三年级及以上学生网络学习空间开通率低于年度目标，请说明原因和提升措施";
    public const string IndicatorPressed = "答复未列出各校开通时间表，请补充分校推进计划";
    public const string IndicatorExplanation = "部分学校平台账号批量开通延迟，已与平台运营方对接";
    public const string IndicatorPlan = "12 月底前完成全部学校学生空间开通";
    public const string WirelessRequirement = "校园无线网络覆盖未达区级目标，请报送整改计划";
    public const string WirelessExplanation = "教学楼改造导致无线接入点未恢复";
    public const string WirelessPlan = "寒假期间完成全部教学楼无线接入点安装";
    public const string JiangbeiFiling = "请于 5 日内完成 2025 年度填报审核工作";
    public const string JiangbeiExplanation = "审核人员已补齐，积压填报已于当周审核完毕";
    public const string JiangbeiPlan = "建立填报审核周报制度";
}
