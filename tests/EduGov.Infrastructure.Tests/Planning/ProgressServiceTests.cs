using EduGov.Domain.Common;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Tests.Support;

namespace EduGov.Infrastructure.Tests.Planning;

public sealed class ProgressServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ProgressService Progress => _db.Get<ProgressService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demo: false);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Plan, int Chongqing, IndicatorProgressRow Courses)> SetUpAsync()
    {
        var plan = await _db.PlanIdAsync("500000", "五年工作方案");
        var report = await Progress.GetAsync(Scopes.Commission, plan, null, 2020);
        return (plan, report.OrgUnitId, report.Rows.Single(r => r.Name == "普通高中精品选修在线课程"));
    }

    [Fact]
    public async Task Get_WithoutValues_IsNoDataAgainstTheYearsTarget()
    {
        var (_, _, courses) = await SetUpAsync();
        courses.TargetYear.ShouldBe(2020);
        courses.TargetValue.ShouldBe(160);
        courses.Status.ShouldBe(ProgressStatus.NoData);
    }

    [Fact]
    public async Task Record_ThenGet_ShowsTheLatestValueAtOrBeforeTheYear()
    {
        var (plan, chongqing, courses) = await SetUpAsync();
        await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2020, 172, "市教委统计"));
        await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2021, 300, null));

        var in2020 = (await Progress.GetAsync(Scopes.Commission, plan, "500000", 2020)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);
        var in2021 = (await Progress.GetAsync(Scopes.Commission, plan, "500000", 2021)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);

        (in2020.Actual, in2020.Status).ShouldBe((172m, ProgressStatus.Achieved));
        (in2021.Actual, in2021.TargetValue, in2021.Status).ShouldBe((300m, 500m, ProgressStatus.Lagging));
    }

    [Fact]
    public async Task Get_ProjectsTheRecordedYears_ToTheTargetYear()
    {
        var (plan, chongqing, courses) = await SetUpAsync();
        foreach (var (year, value) in new[] { (2019, 40m), (2020, 172m), (2021, 300m) })
            await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, year, value, null));

        var in2021 = (await Progress.GetAsync(Scopes.Commission, plan, "500000", 2021)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);
        var in2020 = (await Progress.GetAsync(Scopes.Commission, plan, "500000", 2020)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);

        in2021.History.Select(p => p.Year).ShouldBe([2019, 2020, 2021]);
        in2021.ObservedAnnualGain.ShouldBe(130);        // the median of 132, 130 and 128 a year
        in2021.Projection.ShouldBe(430);                // 40 in 2019 and 130 a year, in 2022
        in2021.RequiredAnnualGain.ShouldBe(200);        // 500 − 300 in the one year left
        in2021.Outlook.ShouldBe(Outlook.AtRisk);        // 130 of the 200 still open
        in2021.Trajectory!.Expected(2021).ShouldBe(330);
        (in2020.Outlook, in2020.History.Count).ShouldBe((Outlook.Achieved, 2));
    }

    [Fact]
    public async Task Get_ForADistrict_LeavesTheCitysTotalOfACount_Unjudged()
    {
        var plan = await _db.PlanIdAsync("500000", "五年工作方案");
        var city = await Progress.GetAsync(Scopes.Commission, plan, "500000", 2022);
        var district = await Progress.GetAsync(Scopes.Commission, plan, "500103", 2022);

        var count = city.Rows.Single(r => r.Code == "CQ5-22");   // 市级智慧教育应用示范区县
        count.TargetValue.ShouldNotBeNull();
        var there = district.Rows.Single(r => r.Code == "CQ5-22");
        (there.TargetValue, there.Outlook).ShouldBe((null, null));
        there.Status.ShouldNotBe(ProgressStatus.Lagging);
    }

    [Fact]
    public async Task Warnings_ListTheDistrictsOffTheirPath_FurthestBehindFirst_WithinScope()
    {
        var (plan, _, courses) = await SetUpAsync();   // 普通高中精品选修在线课程: 160 in 2020, 500 in 2022
        var series = new Dictionary<string, decimal[]>
        {
            ["500103"] = [100, 200, 350],   // ahead of the path (330 in 2021) but projected to 475: at risk
            ["500105"] = [50, 60, 70],      // ten a year: expected to miss, 260 behind the path
            ["500112"] = [200, 400, 600],   // already met
        };
        foreach (var (code, values) in series)
            for (var i = 0; i < values.Length; i++)
                await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, await _db.UnitIdAsync(code), 2019 + i, values[i], null));

        var warnings = (await Progress.WarningsAsync(Scopes.Commission, 2021)).Where(w => w.Code == "CQ5-08").ToList();
        var own = await Progress.WarningsAsync(Scopes.District, 2021);

        warnings.Select(w => (w.OrgUnitCode, w.Outlook)).ShouldBe([("500105", Outlook.WillMiss), ("500103", Outlook.AtRisk)]);
        (warnings[0].Trajectory.Gap, warnings[0].Trajectory.Behind).ShouldBe((260m, 260m / 500));
        (warnings[0].Expected, warnings[0].Latest).ShouldBe((330m, new YearValue(2021, 70)));
        warnings[0].PlanId.ShouldBe(plan);
        own.Where(w => w.Code == "CQ5-08").Select(w => w.OrgUnitCode).ShouldBe(["500103"]);   // a district sees its own line, not its peers
        (await Progress.WarningsAsync(Scopes.Commission, 2025)).ShouldNotContain(w => w.PlanId == plan);   // the plan ended in 2022
    }

    [Fact]
    public async Task ACountWhoseProgrammeIsOpen_ButHasDesignatedNoOne_IsZero_NotNoData()
    {
        var plan = await _db.PlanIdAsync("500000", "五年工作方案");
        var year = DateTime.Now.Year;
        var before = (await Progress.GetAsync(Scopes.Commission, plan, "500000", year)).Rows.Single(r => r.Code == "CQ5-22");
        before.Status.ShouldBe(ProgressStatus.NoData);   // no programme counts toward it yet

        var today = DateOnly.FromDateTime(DateTime.Now);
        await _db.Get<EduGov.Infrastructure.Designations.ProgrammeService>().SaveAsync(Scopes.Commission, null, new EduGov.Domain.Designations.ProgrammeDetails(
            "市级智慧教育应用示范区县", EduGov.Domain.Designations.Tier.Municipal, EduGov.Domain.Designations.DesignationTarget.Districts, before.IndicatorId,
            today.AddDays(-10), today.AddDays(30), [new("应用成效", 100)]));

        var city = (await Progress.GetAsync(Scopes.Commission, plan, "500000", year)).Rows.Single(r => r.Code == "CQ5-22");
        var district = (await Progress.GetAsync(Scopes.Commission, plan, "500103", year)).Rows.Single(r => r.Code == "CQ5-22");
        (city.Actual, city.ActualYear, city.Status).ShouldBe((0m, year, ProgressStatus.Lagging));
        (district.Actual, district.Status).ShouldBe((0m, ProgressStatus.OnTrack));
    }

    [Fact]
    public async Task Record_SameYearTwice_RevisesTheValue()
    {
        var (plan, chongqing, courses) = await SetUpAsync();
        await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2020, 100, null));
        await Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2020, 170, "更正"));

        var row = (await Progress.GetAsync(Scopes.Commission, plan, null, 2020)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);
        (row.Actual, row.ActualNote).ShouldBe((170m, "更正"));
    }

    [Fact]
    public async Task Record_ForAComputedIndicator_IsRefused()
    {
        var plan = await _db.PlanIdAsync("500000", "五年工作方案");
        var report = await Progress.GetAsync(Scopes.Commission, plan, null, 2020);
        var computed = report.Rows.First(r => r.Source == ValueSource.Computed);

        var error = await Should.ThrowAsync<DomainException>(() =>
            Progress.RecordAsync(Scopes.Commission, new RecordValue(computed.IndicatorId, report.OrgUnitId, 2020, 50, null)));
        error.Code.ShouldBe(ErrorCodes.ValueNotAllowedForComputed);
    }

    [Fact]
    public async Task Record_BadValue_LeavesNothingBehind()
    {
        var (plan, chongqing, courses) = await SetUpAsync();
        await Should.ThrowAsync<DomainException>(() => Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2020, -1, null)));
        await Should.ThrowAsync<DomainException>(() => Progress.RecordAsync(Scopes.Commission, new RecordValue(courses.IndicatorId, chongqing, 2999, 10, null)));

        var row = (await Progress.GetAsync(Scopes.Commission, plan, null, 2020)).Rows.Single(r => r.IndicatorId == courses.IndicatorId);
        row.Actual.ShouldBeNull();
    }

    [Fact]
    public async Task Record_ByInspectorOrForAUnitOutsideTheScope_IsRefused()
    {
        var (_, chongqing, courses) = await SetUpAsync();
        await Should.ThrowAsync<ForbiddenException>(() => Progress.RecordAsync(Scopes.Inspector, new RecordValue(courses.IndicatorId, chongqing, 2020, 10, null)));
        await Should.ThrowAsync<NotFoundException>(() => Progress.RecordAsync(Scopes.District, new RecordValue(courses.IndicatorId, chongqing, 2020, 10, null)));
    }

    [Fact]
    public async Task Record_ByDistrictForItsOwnUnit_IsAllowed()
    {
        var plan = await _db.PlanIdAsync("500103", "渝中区");
        var report = await Progress.GetAsync(Scopes.District, plan, null, 2026);
        var resources = report.Rows.Single(r => r.Name == "基础教育精品课资源");
        report.CanRecord.ShouldBeTrue();

        await Progress.RecordAsync(Scopes.District, new RecordValue(resources.IndicatorId, report.OrgUnitId, 2025, 260, null));

        var row = (await Progress.GetAsync(Scopes.District, plan, null, 2026)).Rows.Single(r => r.IndicatorId == resources.IndicatorId);
        (row.Actual, row.ActualYear, row.TargetValue, row.Status).ShouldBe((260m, 2025, 500m, ProgressStatus.OnTrack));
    }
}
