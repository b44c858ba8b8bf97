using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;

namespace EduGov.Infrastructure.Tests.Organisation;

/// <summary>Every role sees exactly its scope, through every service that reads org units, plans and values.</summary>
public sealed class ScopingTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private OrgUnitService Units => _db.Get<OrgUnitService>();
    private PlanService Plans => _db.Get<PlanService>();

    public static TheoryData<string, string[]> VisiblePlans => new()
    {
        { "admin", ["500000", "500000", "500103", "430100", "511900"] },
        { "commission", ["500000", "500000", "500103"] },
        { "district", ["500000", "500000", "500103"] },
        { "principal", ["500000", "500000", "500103"] },
        { "inspector", ["500000", "500000", "500103"] },
        { "jiangbei", ["500000", "500000"] },
        { "changsha", ["430100"] },
    };

    [Theory]
    [InlineData("admin", "500000")]        // every city: the one with data, not 长沙市 first by code
    [InlineData("changsha", "430100")]     // the user's own city, with data or without
    [InlineData("district", "500103")]
    public async Task DefaultRoot_IsTheUsersOwnUnit_OrForAnAdministratorTheCityWithData(string user, string code) =>
        (await Units.DefaultRootAsync(ScopeOf(user))).ShouldBe(await _db.UnitIdAsync(code));

    [Theory]
    [MemberData(nameof(VisiblePlans))]
    public async Task PlanList_ShowsThePlansThatBindOrBelongToTheScope(string user, string[] issuerCodes)
    {
        var plans = await Plans.ListAsync(ScopeOf(user));
        var codes = new List<string>();
        foreach (var plan in plans) codes.Add((await Plans.GetAsync(ScopeOf(user), plan.Id)).OrgUnitCode);
        codes.ShouldBe(issuerCodes, ignoreOrder: true);
    }

    [Theory]
    [InlineData("principal")]
    [InlineData("district")]
    [InlineData("commission")]
    [InlineData("inspector")]
    public async Task PlanById_OutOfScope_IsNotFound(string user)
    {
        var changsha = await _db.PlanIdAsync("430100", "长沙");
        await Should.ThrowAsync<NotFoundException>(() => Plans.GetAsync(ScopeOf(user), changsha));
    }

    [Fact]
    public async Task Principal_OpensOwnSchool_ButNotTheSchoolNextDoor()
    {
        var own = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var neighbour = await _db.UnitIdAsync("5001030002");

        (await Units.GetAsync(Scopes.Principal, own)).Unit.Code.ShouldBe(DemoUsers.PrincipalSchoolCode);
        await Should.ThrowAsync<NotFoundException>(() => Units.GetAsync(Scopes.Principal, neighbour));
        var district = await _db.UnitIdAsync("500103");
        await Should.ThrowAsync<NotFoundException>(() => Units.GetAsync(Scopes.Principal, district));
    }

    [Fact]
    public async Task District_ListsItsSchools_ButNotAnotherDistrict()
    {
        var yuzhong = await _db.UnitIdAsync("500103");
        var jiangbei = await _db.UnitIdAsync("500105");

        var schools = await Units.ChildrenAsync(Scopes.District, yuzhong, new OrgUnitQuery(PageSize: 100));
        schools.Total.ShouldBeGreaterThan(0);
        schools.Items.ShouldAllBe(s => s.Code.StartsWith("500103"));
        await Should.ThrowAsync<NotFoundException>(() => Units.ChildrenAsync(Scopes.District, jiangbei, new OrgUnitQuery()));
    }

    [Fact]
    public async Task Search_NeverReturnsUnitsOutsideTheScope()
    {
        var found = await Units.SearchAsync(Scopes.District, "小学", 500);
        found.ShouldNotBeEmpty();
        found.ShouldAllBe(u => u.Path.StartsWith("/500000/500103/"));
    }

    [Fact]
    public async Task Roots_AreTheCitiesForAdmin_AndTheOwnUnitForEveryoneElse()
    {
        (await Units.RootsAsync(Scopes.Admin)).Select(r => r.Name).ShouldBe(["长沙市", "重庆市", "巴中市"], ignoreOrder: true);
        (await Units.RootsAsync(Scopes.District)).Single().Name.ShouldBe("渝中区");
        (await Units.RootsAsync(Scopes.Principal)).Single().Code.ShouldBe(DemoUsers.PrincipalSchoolCode);
    }

    [Fact]
    public async Task Children_FilterSortAndPage_InTheDatabase()
    {
        var yuzhong = await _db.UnitIdAsync("500103");
        var all = await Units.ChildrenAsync(Scopes.District, yuzhong, new OrgUnitQuery(PageSize: 100));
        var primary = await Units.ChildrenAsync(Scopes.District, yuzhong, new OrgUnitQuery(SchoolType: SchoolType.Primary, PageSize: 100));
        var biggest = await Units.ChildrenAsync(Scopes.District, yuzhong, new OrgUnitQuery(SortBy: "Students", Descending: true, PageSize: 1));

        primary.Items.ShouldAllBe(s => s.SchoolType == SchoolType.Primary);
        primary.Total.ShouldBeLessThan(all.Total);
        biggest.Items.Single().Students.ShouldBe(all.Items.Max(s => s.Students));
        biggest.Total.ShouldBe(all.Total);
    }

    [Fact]
    public async Task Progress_ForAnotherSchool_IsNotFoundForAPrincipal()
    {
        var plan = await _db.PlanIdAsync("500103", "渝中区");
        var progress = _db.Get<ProgressService>();

        (await progress.GetAsync(Scopes.Principal, plan, null, 2026)).OrgUnitCode.ShouldBe(DemoUsers.PrincipalSchoolCode);
        await Should.ThrowAsync<NotFoundException>(() => progress.GetAsync(Scopes.Principal, plan, "5001030002", 2026));
    }

    private static AccessScope ScopeOf(string user) => user switch
    {
        "admin" => Scopes.Admin,
        "commission" => Scopes.Commission,
        "district" => Scopes.District,
        "principal" => Scopes.Principal,
        "inspector" => Scopes.Inspector,
        "jiangbei" => Scopes.OtherDistrict,
        "changsha" => Scopes.ChangshaCommission,
        _ => throw new ArgumentOutOfRangeException(nameof(user)),
    };
}
