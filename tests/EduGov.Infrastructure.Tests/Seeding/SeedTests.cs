using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Seeding;

public sealed class SeedTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;

    [Theory]
    [InlineData("500000", "重庆市", 38)]
    [InlineData("430100", "长沙市", 9)]
    [InlineData("511900", "巴中市", 5)]
    public async Task Cities_HaveTheirRealDistricts(string code, string name, int districts)
    {
        await using var db = _db.Open();
        var city = await db.OrgUnits.SingleAsync(u => u.Code == code);
        city.Name.ShouldBe(name);
        (await db.OrgUnits.CountAsync(u => u.ParentId == city.Id && u.Kind == OrgUnitKind.District)).ShouldBe(districts);
    }

    [Fact]
    public async Task Chongqing_IncludesItsAutonomousCountiesAndYuzhong()
    {
        await using var db = _db.Open();
        var names = await db.OrgUnits.Where(u => u.Path.StartsWith("/500000/") && u.Kind == OrgUnitKind.District).Select(u => u.Name).ToListAsync();
        names.ShouldContain("渝中区");
        names.ShouldContain("彭水苗族土家族自治县");
        names.ShouldContain("城口县");
    }

    [Fact]
    public async Task DemoSchools_EveryDistrictHasSchoolsOfRealisticTypes()
    {
        await using var db = _db.Open();
        var districtsWithout = await db.OrgUnits.Where(d => d.Kind == OrgUnitKind.District)
            .CountAsync(d => !db.OrgUnits.Any(s => s.ParentId == d.Id));
        districtsWithout.ShouldBe(0);
        var types = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School).Select(u => u.School!.Type).Distinct().ToListAsync();
        types.Count.ShouldBe(Enum.GetValues<SchoolType>().Length);
        (await db.OrgUnits.AnyAsync(u => u.Code == DemoUsers.PrincipalSchoolCode && u.Path.StartsWith("/500000/500103/"))).ShouldBeTrue();
    }

    [Fact]
    public void DemoSchools_SameSeed_SameSchools()
    {
        var first = Generate(2019);
        var second = Generate(2019);
        second.ShouldBe(first);
        Generate(7).ShouldNotBe(first);

        static List<string> Generate(int seed)
        {
            var district = OrgUnit.CreateRoot("500000", "重庆市").AddDistrict("500103", "渝中区");
            return DemoSchools.For(district, 30, seed).Select(s => $"{s.Code} {s.Name} {s.School}").ToList();
        }
    }

    [Fact]
    public void CityScale_GivesAboutNineThousandSchoolsUnderChongqing()
    {
        var chongqing = Divisions.Cities.Single(c => c.Name == "重庆市");
        var total = chongqing.Districts.Sum(d => DemoSchools.CountFor(d.Code, 2019, DemoScale.City, chongqing.Districts.Count));
        total.ShouldBeInRange(8800, 9200);
    }

    [Fact]
    public async Task Catalog_HoldsTheFiveSeedPlansAttachedToTheirIssuers()
    {
        await using var db = _db.Open();
        var plans = await db.Plans.Select(p => new { p.Title, p.DocumentNumber, Unit = p.OrgUnit.Name }).ToListAsync();
        plans.Count.ShouldBe(5);
        plans.ShouldContain(p => p.DocumentNumber == "渝府办发〔2019〕27号" && p.Unit == "重庆市");
        plans.ShouldContain(p => p.DocumentNumber == "长政办发〔2019〕49号" && p.Unit == "长沙市");
        plans.ShouldContain(p => p.Title.StartsWith("渝中区数字教育建设行动方案") && p.Unit == "渝中区");
        plans.ShouldContain(p => p.Title.StartsWith("巴中市教育信息化2.0实施方案") && p.Unit == "巴中市");
        plans.ShouldContain(p => p.Title.Contains("促进信息技术与教育教学融合创新的指导意见") && p.Unit == "重庆市");
    }

    [Theory]
    [InlineData("500000", "互动式多媒体教学设备占比", 2020, 40)]
    [InlineData("500000", "互动式多媒体教学设备占比", 2022, 60)]
    [InlineData("500000", "市级智慧校园建设示范学校", 2020, 350)]
    [InlineData("500000", "市级智慧校园建设示范学校", 2022, 500)]
    [InlineData("500000", "市级智慧教育应用示范区县", 2022, 10)]
    [InlineData("500000", "中小学百名学生终端拥有数", 2020, 15)]
    [InlineData("500000", "普通高中精品选修在线课程", 2022, 500)]
    [InlineData("500103", "市级“名校网络课堂”建设示范学校", 2027, 3)]
    [InlineData("500103", "培养数字化教育骨干教师", 2027, 100)]
    [InlineData("511900", "中小学校（教学点）互联网带宽（下行）", 2020, 200)]
    [InlineData("511900", "中小学校（教学点）互联网带宽（上行）", 2020, 40)]
    [InlineData("511900", "教师全员培训学时（每人）", 2022, 50)]
    [InlineData("511900", "其中实践应用学时（每人）", 2022, 30)]
    [InlineData("511900", "学校食堂、校门、操场等重要场所视频监控接入率", 2021, 100)]
    [InlineData("511900", "创客教育试点学校", 2020, 12)]
    [InlineData("430100", "新建在线网络名师工作室空间", 2022, 100)]
    public async Task Catalog_HasTheDocumentsTargets(string unitCode, string indicator, int year, decimal value)
    {
        await using var db = _db.Open();
        var targets = await db.Indicators.Where(i => i.Plan.OrgUnit.Code == unitCode && i.Name == indicator)
            .SelectMany(i => i.Targets).Where(t => t.Year == year).Select(t => t.Value).ToListAsync();
        targets.ShouldContain(value);
    }

    [Fact]
    public async Task Catalog_EveryIndicatorHasATargetAndComputedOnesAMetric()
    {
        await using var db = _db.Open();
        var indicators = await db.Indicators.Include(i => i.Targets).ToListAsync();
        indicators.Count.ShouldBe(99);
        indicators.ShouldAllBe(i => i.Targets.Count > 0);
        indicators.Where(i => i.Source == ValueSource.Computed).ShouldAllBe(i => MetricCatalog.Contains(i.MetricKey!));
        indicators.Sum(i => i.Targets.Count).ShouldBe(117);
    }

    [Fact]
    public async Task IndicatorsAddedToTheSeedLater_ReachAnExistingDatabase_AtTheNextStart()
    {
        await using var database = await TestDatabase.CreateAsync(demo: false);
        await using (var db = database.Open())
            await db.Indicators.Where(i => i.Code == "CQ5-24" || i.Code == "CQ5-25").ExecuteDeleteAsync();

        await database.Get<DataSeeder>().InitializeAsync();

        await using var read = database.Open();
        (await read.Indicators.Where(i => i.Code == "CQ5-24" || i.Code == "CQ5-25").Select(i => i.MetricKey).ToListAsync())
            .ShouldBe(["security.filed_rate", "security.assessed_rate"], ignoreOrder: true);
    }

    [Fact]
    public async Task Catalog_HasQualitativeMilestones()
    {
        await using var db = _db.Open();
        (await db.Milestones.AnyAsync(m => m.Title == "渝中区教育数字大脑建成投用" && m.DueYear == 2025)).ShouldBeTrue();
        (await db.Milestones.AnyAsync(m => m.Title.StartsWith("建成巴中教育e平台") && m.DueYear == 2021)).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangshaTasks_KeepTheirLeadAndResponsibleUnits()
    {
        await using var db = _db.Open();
        var task = await db.PlanTasks.SingleAsync(t => t.Plan.OrgUnit.Code == "430100" && t.Number == "三（二）");
        task.LeadUnit.ShouldBe("市数据资源局");
        task.ResponsibleUnits!.ShouldContain("市知识产权局");
    }

    [Fact]
    public async Task DemoAccounts_ExistWithTheirRolesAndUnits()
    {
        await using var db = _db.Open();
        var users = await db.Users.Include(u => u.OrgUnit).ToListAsync();
        users.Select(u => u.UserName).ShouldBe(["admin", "commission", "district", "principal", "inspector", "expert"], ignoreOrder: true);
        users.Single(u => u.UserName == "district").OrgUnit!.Name.ShouldBe("渝中区");
        users.Single(u => u.UserName == "principal").OrgUnit!.Kind.ShouldBe(OrgUnitKind.School);
    }

    [Fact]
    public async Task WithoutDemoData_NoDemoAccountsOrSchools_ButTheCatalogIsThere()
    {
        await using var database = await TestDatabase.CreateAsync(demo: false);
        await using var db = database.Open();
        (await db.Users.CountAsync()).ShouldBe(0);
        (await db.OrgUnits.CountAsync(u => u.Kind == OrgUnitKind.School)).ShouldBe(0);
        (await db.Plans.CountAsync()).ShouldBe(5);
    }

    [Fact]
    public async Task Initialize_RunTwice_AddsNothing()
    {
        await using var db = _db.Open();
        var before = (await db.OrgUnits.CountAsync(), await db.Plans.CountAsync(), await db.IndicatorValues.CountAsync(), await db.Users.CountAsync());
        await _db.Get<DataSeeder>().InitializeAsync();
        var after = (await db.OrgUnits.CountAsync(), await db.Plans.CountAsync(), await db.IndicatorValues.CountAsync(), await db.Users.CountAsync());
        after.ShouldBe(before);
    }
}
