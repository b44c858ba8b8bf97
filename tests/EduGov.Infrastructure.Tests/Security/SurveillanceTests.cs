using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Security;

public sealed class SurveillanceTests : IAsyncLifetime
{
    private static readonly AccessScope Bazhou = new("bazhou", Role.District, "/511900/511902/");
    private static readonly SurveillanceAreas AllFour = new(true, true, true, true);

    private TestDatabase _db = default!;
    private SecurityService Security => _db.Get<SecurityService>();
    private FilingService Filings => _db.Get<FilingService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<SurveillanceRow> RowAsync(AccessScope scope, string schoolCode) =>
        (await Security.SurveillanceAsync(scope, schoolCode, false, 0, 20)).Items.Single();

    private async Task<SecurityTotals> TotalsAsync(AccessScope scope, string unitCode) =>
        (await Security.DashboardAsync(scope, await _db.UnitIdAsync(unitCode))).Unit.Totals;

    [Fact]
    public async Task TheRegister_StandsWhileNewer_ThenALaterApprovedFilingTakesOver()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var before = await RowAsync(Scopes.Principal, DemoUsers.PrincipalSchoolCode);
        before.Current.ShouldBeSameAs(before.Filing);        // the demo's approved 2025 filing
        before.Current!.Areas.Areas.ShouldBe(3);
        var district = await TotalsAsync(Scopes.District, "500103");

        await Security.SaveSurveillanceAsync(Scopes.Principal, school, AllFour);
        var recorded = await RowAsync(Scopes.Principal, DemoUsers.PrincipalSchoolCode);
        recorded.Current.ShouldBeSameAs(recorded.Register);
        (recorded.Current!.Areas, recorded.RegisterBy, recorded.FullyConnected).ShouldBe((AllFour, "principal", true));
        var withRegister = await TotalsAsync(Scopes.District, "500103");
        (withRegister.KeyAreas, withRegister.KeyAreasConnected).ShouldBe((district.KeyAreas + 1, district.KeyAreasConnected - before.Current.Areas.Connected + 4));

        var period = (await Filings.CurrentPeriodAsync(Scopes.District))!.Id;
        var view = await Filings.GetAsync(Scopes.Principal, period, school);
        var version = await Filings.SubmitAsync(Scopes.Principal, period, school, view.Version,
            view.Survey with { CanteenConnected = false, GateConnected = true, PlaygroundConnected = false });
        await Filings.ApproveAsync(Scopes.District, (await Filings.GetAsync(Scopes.District, period, school)).FilingId!.Value, version);

        var filed = await RowAsync(Scopes.District, DemoUsers.PrincipalSchoolCode);
        filed.Current.ShouldBeSameAs(filed.Filing);
        (filed.Current!.Areas.Areas, filed.Current.Areas.Connected, filed.FullyConnected).ShouldBe((3, 1, false));
        var withFiling = await TotalsAsync(Scopes.District, "500103");
        (withFiling.KeyAreas, withFiling.KeyAreasConnected).ShouldBe((district.KeyAreas, district.KeyAreasConnected - before.Current.Areas.Connected + 1));
    }

    [Fact]
    public async Task BazhongsIndicator_ReadsTheSchoolsAccess_RolledUpAsARatioOfAreas()
    {
        var schoolCode = await FirstSchoolWithoutRegisterAsync("/511900/511902/");
        await Security.SaveSurveillanceAsync(Bazhou, await _db.UnitIdAsync(schoolCode), AllFour);

        (await ValueAsync(schoolCode)).ShouldBe(100m);
        var totals = await TotalsAsync(Bazhou, "511902");
        (await ValueAsync("511902")).ShouldBe(totals.SurveillanceRate);
        totals.SurveillanceRate.ShouldBe(Math.Round(100m * totals.KeyAreasConnected / totals.KeyAreas, 1));
        (await ValueAsync("511900")).ShouldNotBeNull();
    }

    [Fact]
    public async Task AChangeRewritesOnlyItsLineage_AndAgreesWithAFullRecount()
    {
        var schoolCode = await FirstSchoolWithoutRegisterAsync("/511900/511902/");
        var before = await SecurityValuesAsync();
        await Security.SaveSurveillanceAsync(Bazhou, await _db.UnitIdAsync(schoolCode), new SurveillanceAreas(false, false, false, false));
        var afterChange = await SecurityValuesAsync();
        afterChange.Where(v => !before.Contains(v)).Select(v => v.Unit).Order().ShouldBe(new[] { "511900", "511902", schoolCode }.Order());

        await Security.RecountAsync();
        (await SecurityValuesAsync()).ShouldBe(afterChange, ignoreOrder: true);

        // A school with systems of its own: its level-2 and level-3 counts reach its value, its district's and the city's.
        await Security.SaveSystemAsync(Scopes.Principal, null, new SystemDetails("校园安防平台", null, "保卫处", 3, false, "50010313001-99", new DateOnly(2025, 9, 1), Hosting.Local));
        var afterSystem = await SecurityValuesAsync();
        afterSystem.ShouldContain(v => v.Unit == DemoUsers.PrincipalSchoolCode && v.Indicator == "CQ5-24");
        await Security.RecountAsync();
        (await SecurityValuesAsync()).ShouldBe(afterSystem, ignoreOrder: true);
    }

    private async Task<List<(string Indicator, string Unit, decimal Value)>> SecurityValuesAsync()
    {
        await using var db = _db.Open();
        var rows = await db.IndicatorValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && SecurityService.Metrics.Contains(i.MetricKey!)))
            .Select(v => new { Indicator = db.Indicators.Where(i => i.Id == v.IndicatorId).Select(i => i.Code).Single(), v.OrgUnit.Code, v.Value }).ToListAsync();
        return rows.Select(r => (r.Indicator, r.Code, r.Value)).ToList();
    }

    [Fact]
    public async Task OnlyTheSchoolAndItsDistrict_RecordAccess_OthersSeeWithinTheirScope()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        await Should.ThrowAsync<NotFoundException>(() => Security.SaveSurveillanceAsync(Scopes.OtherDistrict, school, AllFour));
        await Should.ThrowAsync<ForbiddenException>(() => Security.SaveSurveillanceAsync(Scopes.Inspector, school, AllFour));
        await Should.ThrowAsync<ForbiddenException>(() => Security.SaveSurveillanceAsync(Scopes.Commission, school, AllFour));
        var notASchool = await _db.UnitIdAsync("500103");
        await Should.ThrowAsync<NotFoundException>(() => Security.SaveSurveillanceAsync(Scopes.District, notASchool, AllFour));
        await using (var db = _db.Open()) (await db.SurveillanceAccess.CountAsync(a => a.SchoolId == school)).ShouldBe(0);

        await Security.SaveSurveillanceAsync(Scopes.District, school, AllFour);
        (await RowAsync(Scopes.Inspector, DemoUsers.PrincipalSchoolCode)).CanEdit.ShouldBeFalse();
        (await RowAsync(Scopes.District, DemoUsers.PrincipalSchoolCode)).CanEdit.ShouldBeTrue();
        (await Security.SurveillanceAsync(Scopes.OtherDistrict, DemoUsers.PrincipalSchoolCode, false, 0, 20)).Total.ShouldBe(0);
        (await Security.SurveillanceAsync(Scopes.Principal, null, false, 0, 20)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task TheList_Pages_AndFiltersSchoolsNotFullyConnected()
    {
        var all = await Security.SurveillanceAsync(Scopes.District, null, false, 0, 5);
        all.Items.Count.ShouldBe(5);
        var incomplete = await Security.SurveillanceAsync(Scopes.District, null, true, 0, 100);
        incomplete.Items.ShouldAllBe(r => !r.FullyConnected);
        incomplete.Total.ShouldBeLessThan(all.Total);
        var secondPage = await Security.SurveillanceAsync(Scopes.District, null, false, 1, 5);
        secondPage.Items.Select(r => r.SchoolId).ShouldNotContain(all.Items[0].SchoolId);
    }

    private async Task<string> FirstSchoolWithoutRegisterAsync(string districtPath)
    {
        await using var db = _db.Open();
        return await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith(districtPath) && !db.SurveillanceAccess.Any(a => a.SchoolId == u.Id))
            .OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
    }

    /// <summary>BZ-18 (重要场所视频监控接入率) of a unit this year, or null.</summary>
    private async Task<decimal?> ValueAsync(string unitCode)
    {
        await using var db = _db.Open();
        return await db.IndicatorValues.Where(v => v.Year == DateTime.Now.Year && v.OrgUnit.Code == unitCode && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "BZ-18"))
            .Select(v => (decimal?)v.Value).SingleOrDefaultAsync();
    }
}
