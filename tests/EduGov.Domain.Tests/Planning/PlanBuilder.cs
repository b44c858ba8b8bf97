using EduGov.Domain.Planning;

namespace EduGov.Domain.Tests.Planning;

internal static class PlanBuilder
{
    public static Plan NewPlan(int start = 2018, int end = 2022) =>
        EduGov.Domain.Planning.Plan.Create(new PlanDetails("重庆市智慧教育五年工作方案", "渝府办发〔2019〕27号", "重庆市人民政府办公厅", 1, null, start, end, null));

    public static IndicatorDetails Details(string code = "I-1", string unit = "%", Direction direction = Direction.Increase,
        ValueSource source = ValueSource.Reported, string? metric = null, decimal? baseline = null, int? baselineYear = null, string? task = null) =>
        new(code, "互动式多媒体教学设备占比", unit, direction, source, metric, baseline, baselineYear, null, null, task);

    public static Indicator Indicator(Plan plan, params (int Year, decimal Value)[] targets) =>
        plan.AddIndicator(Details(), targets.Select(t => new TargetDetails(t.Year, t.Value, null)));
}
