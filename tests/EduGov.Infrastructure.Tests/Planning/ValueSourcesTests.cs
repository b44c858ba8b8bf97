using EduGov.Domain.Filing;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Planning;

public sealed class ValueSourcesTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private ValueSourcesService Sources => fixture.Db.Get<ValueSourcesService>();

    private async Task<int> IndicatorAsync(string code) => await Sources.IndicatorIdAsync(Scopes.Commission, code);

    [Theory]
    [InlineData("CQ5-01", "500000", 2020)]   // 宽带网络校校通: a share of schools
    [InlineData("CQ5-03", "500000", 2022)]   // 互动式多媒体教学设备占比: of the multimedia classrooms
    [InlineData("CQ5-03", "500103", 2019)]
    [InlineData("CQ5-03", "500103", 2025)]
    [InlineData("CQ5-13", "500105", 2021)]   // 小学三年级及以上学生网络学习空间开通率
    [InlineData("YZ-02", "500103", 2024)]    // 学校接入带宽: the lowest of the schools
    public async Task TheParts_AddUpToTheStoredValue_Exactly(string code, string unit, int year)
    {
        var sources = await Sources.GetAsync(Scopes.Commission, await IndicatorAsync(code), unit, year);

        sources.Value.ShouldNotBeNull();
        sources.Missing.ShouldBeNull();
        sources.Parts.ShouldNotBeNull().ShouldNotBeEmpty();
        if (sources.Formula == FormulaKind.Minimum)
            sources.Parts.Min(p => p.Value).ShouldBe(sources.Value);
        else
        {
            var (top, bottom) = (sources.Parts.Sum(p => p.Numerator!.Value), sources.Parts.Sum(p => p.Denominator!.Value));
            (top, bottom).ShouldBe((sources.NumeratorTotal!.Value, sources.DenominatorTotal!.Value));
            Coverage.Share(top, bottom).ShouldBe(sources.Value);
        }
        sources.Period.ShouldNotBeNull().ShouldContain(year.ToString());
    }

    [Theory]
    [InlineData("CQ5-21", "500000", 2020)]   // 教师智慧教育素养培训覆盖率: the city's, from its districts
    [InlineData("CQ5-21", "500103", 2020)]   // a district's, from its schools
    [InlineData("CQ5-20", "500000", 2020)]   // 管理者领导力培训覆盖率
    public async Task ATrainingShare_IsTheTeachersWhoMetTheRule_OverThoseItAppliesTo_AddingUpExactly(string code, string unit, int year)
    {
        var sources = await Sources.GetAsync(Scopes.Commission, await IndicatorAsync(code), unit, year);

        sources.Value.ShouldNotBeNull();
        (sources.Formula, sources.Numerator, sources.Denominator, sources.Missing).ShouldBe((FormulaKind.Share, "TrainingMet", "TrainingApplicable", null));
        var parts = sources.Parts.ShouldNotBeNull();
        parts.ShouldNotBeEmpty();
        parts.ShouldAllBe(p => p.Filing == null);
        (parts.Sum(p => p.Numerator!.Value), parts.Sum(p => p.Denominator!.Value)).ShouldBe((sources.NumeratorTotal!.Value, sources.DenominatorTotal!.Value));
        Math.Round(100m * sources.NumeratorTotal!.Value / sources.DenominatorTotal!.Value, 1).ShouldBe(sources.Value!.Value);

        await using var db = fixture.Db.Open();
        var tallies = await db.ComplianceTallies.Where(t => t.IndicatorId == sources.IndicatorId && t.Year == year
            && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Path.StartsWith("/500000/" + (unit == "500000" ? "" : unit + "/")))).ToListAsync();
        (tallies.Sum(t => t.Met), tallies.Sum(t => t.Total)).ShouldBe((sources.NumeratorTotal!.Value, sources.DenominatorTotal!.Value));
    }

    [Fact]
    public async Task ACitysParts_AreItsDistricts_ADistrictsAreItsSchools_EachWithTheFilingThatSuppliedIt()
    {
        var interactive = await IndicatorAsync("CQ5-03");

        var city = await Sources.GetAsync(Scopes.Commission, interactive, "500000", 2025);
        var district = await Sources.GetAsync(Scopes.Commission, interactive, "500103", 2025);

        city.Parts!.ShouldContain(p => p.OrgUnitName == "渝中区" && p.Filing == null);
        city.Parts!.Single(p => p.OrgUnitCode == "500103").Value.ShouldBe(district.Value);
        (city.Numerator, city.Denominator).ShouldBe(("InteractiveClassrooms", "MultimediaClassrooms"));
        district.Parts!.ShouldAllBe(p => p.Filing != null && p.Filing.ApprovedAtUtc != null && p.Filing.ApprovedBy != null);
        district.Counted.ShouldBe(district.Parts!.Count);
        city.Counted.ShouldBeGreaterThan(district.Counted);
        await using var db = fixture.Db.Open();
        var filing = district.Parts![0].Filing!;
        (await db.Filings.SingleAsync(f => f.Id == filing.FilingId)).Status.ShouldBe(FilingStatus.Approved);
    }

    [Fact]
    public async Task AReportedValue_SaysWhoRecordedIt_AndAMissingOneSaysWhy()
    {
        var courses = await IndicatorAsync("CQ5-08");
        await fixture.Db.Get<ProgressService>().RecordAsync(Scopes.Commission, new RecordValue(courses, await fixture.Db.UnitIdAsync("500000"), 2019, 120, "市教委统计年报"));

        var recorded = await Sources.GetAsync(Scopes.Commission, courses, "500000", 2019);
        var missing = await Sources.GetAsync(Scopes.Commission, courses, "500000", 2001);
        var noFilings = await Sources.GetAsync(Scopes.Commission, await IndicatorAsync("CQ5-03"), "500000", 2001);

        (recorded.Value, recorded.Source, recorded.RecordedBy, recorded.Note).ShouldBe((120m, ValueSource.Reported, "重庆市教委信息化处", "市教委统计年报"));
        (missing.Value, missing.Missing).ShouldBe((null, MissingReason.NotRecorded));
        noFilings.Missing.ShouldBeOneOf(MissingReason.NoPeriod, MissingReason.NoApprovedFilings);
    }

    [Theory]
    [InlineData("CQ5-23", "500000", 2025)]   // 市级智慧校园建设示范学校: the city's count, by district
    [InlineData("CQ5-23", "500103", 2025)]   // 渝中区's, each designated school
    [InlineData("CQ5-22", "500000", 2022)]   // 市级智慧教育应用示范区县: designated districts
    public async Task ACount_IsTheDesignationsStandingInTheYear(string code, string unit, int year)
    {
        var sources = await Sources.GetAsync(Scopes.Commission, await IndicatorAsync(code), unit, year);

        sources.Formula.ShouldBe(FormulaKind.Count);
        sources.Value.ShouldNotBeNull().ShouldBeGreaterThan(0);
        sources.Parts!.Sum(p => p.Numerator!.Value).ShouldBe((int)sources.Value!.Value);
        sources.NumeratorTotal.ShouldBe((int)sources.Value!.Value);
        if (unit != "500000") sources.Parts!.ShouldAllBe(p => p.Designation != null && p.Designation.DesignatedOn.Year <= year);
    }

    [Theory]
    [InlineData("CQ5-24", "500000")]   // 二级以上信息系统等级保护备案率: the city's, from its districts and its own systems
    [InlineData("CQ5-25", "500000")]   // 三级以上信息系统按期完成等级测评比例
    [InlineData("YZ-15", "500103")]    // 渝中区's plan: from its schools and its own systems
    public async Task ASecurityRate_IsCountedFromTheRegister_AddingUpToTheStoredValue(string code, string unit)
    {
        var year = DateTime.Now.Year;
        var indicator = await IndicatorAsync(code);
        var sources = await Sources.GetAsync(Scopes.Commission, indicator, unit, year);

        sources.Value.ShouldNotBeNull();
        (sources.Formula, sources.Missing).ShouldBe((FormulaKind.Share, null));
        var parts = sources.Parts.ShouldNotBeNull();
        parts.ShouldNotBeEmpty();
        (parts.Sum(p => p.Numerator!.Value), parts.Sum(p => p.Denominator!.Value)).ShouldBe((sources.NumeratorTotal!.Value, sources.DenominatorTotal!.Value));
        Coverage.Share(sources.NumeratorTotal!.Value, sources.DenominatorTotal!.Value).ShouldBe(sources.Value);

        await using var db = fixture.Db.Open();
        var level = code == "CQ5-25" ? 3 : 2;
        var systems = await db.InformationSystems.Where(s => s.Level >= level
            && db.OrgUnits.Any(u => u.Id == s.OwnerUnitId && u.Path.StartsWith("/500000/" + (unit == "500000" ? "" : unit + "/")))).ToListAsync();
        sources.DenominatorTotal.ShouldBe(systems.Count);
        if (code != "CQ5-25") sources.NumeratorTotal.ShouldBe(systems.Count(s => s.FilingNumber != null && s.FiledOn != null));
        // The unit's own systems are a part of their own, named by the unit.
        parts.Count(p => p.OrgUnitCode == unit).ShouldBe(systems.Any(s => db.OrgUnits.Any(u => u.Id == s.OwnerUnitId && u.Code == unit)) ? 1 : 0);

        var earlier = await Sources.GetAsync(Scopes.Commission, indicator, unit, year - 1);
        (earlier.Missing, earlier.Parts).ShouldBe((MissingReason.PastRegister, []));
    }

    [Fact]
    public async Task OutOfScope_IsNotFound()
    {
        var interactive = await IndicatorAsync("CQ5-03");

        await Should.ThrowAsync<NotFoundException>(() => Sources.GetAsync(Scopes.District, interactive, "500000", 2025));          // the city, from a district
        await Should.ThrowAsync<NotFoundException>(() => Sources.GetAsync(Scopes.OtherDistrict, interactive, "500103", 2025));   // a peer district
        await Should.ThrowAsync<NotFoundException>(() => Sources.GetAsync(Scopes.ChangshaCommission, interactive, "500103", 2025));
        await Should.ThrowAsync<NotFoundException>(() => Sources.GetAsync(Scopes.Commission, 999_999, "500103", 2025));
        (await Sources.GetAsync(Scopes.District, interactive, "500103", 2025)).Parts.ShouldNotBeEmpty();
    }
}
