using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Organisation;

public sealed class AccessScopeTests
{
    private const string Chongqing = "/500000/";
    private const string Yuzhong = "/500000/500103/";
    private const string School = "/500000/500103/5001030001/";
    private const string OtherSchool = "/500000/500103/5001030002/";
    private const string Changsha = "/430100/";

    private static AccessScope As(Role role, string? path) => new("u", role, path);

    [Fact]
    public void Admin_ReadsEverything_ButEditsNoPlan()
    {
        var admin = As(Role.Admin, null);
        admin.CanRead(Changsha).ShouldBeTrue();
        admin.CanEditPlansOf(Chongqing).ShouldBeFalse();
        admin.CanManageUsers.ShouldBeTrue();
    }

    [Fact]
    public void Principal_ReadsOnlyItsSchool_AndSeesThePlansAboveIt()
    {
        var principal = As(Role.Principal, School);
        principal.CanRead(School).ShouldBeTrue();
        principal.CanRead(OtherSchool).ShouldBeFalse();
        principal.CanRead(Yuzhong).ShouldBeFalse();
        principal.CanSeePlanOf(Chongqing).ShouldBeTrue();
        principal.CanSeePlanOf(Yuzhong).ShouldBeTrue();
        principal.CanSeePlanOf(Changsha).ShouldBeFalse();
        principal.CanEditPlansOf(School).ShouldBeFalse();
        principal.CanRecordValuesFor(School).ShouldBeFalse();
    }

    [Fact]
    public void Commission_EditsPlansInItsCity_NotElsewhere()
    {
        var commission = As(Role.Commission, Chongqing);
        commission.CanEditPlansOf(Chongqing).ShouldBeTrue();
        commission.CanEditPlansOf(Yuzhong).ShouldBeTrue();
        commission.CanEditPlansOf(Changsha).ShouldBeFalse();
        commission.CanRecordValuesFor(School).ShouldBeTrue();
    }

    [Fact]
    public void District_RecordsForItsUnits_ButEditsNoPlan()
    {
        var district = As(Role.District, Yuzhong);
        district.CanRecordValuesFor(Yuzhong).ShouldBeTrue();
        district.CanRecordValuesFor(Chongqing).ShouldBeFalse();
        district.CanEditPlansOf(Yuzhong).ShouldBeFalse();
    }

    [Fact]
    public void Inspector_ReadsItsRegion_WritesNothingHere()
    {
        var inspector = As(Role.Inspector, Chongqing);
        inspector.CanRead(School).ShouldBeTrue();
        inspector.CanRead(Changsha).ShouldBeFalse();
        inspector.CanEditPlansOf(Chongqing).ShouldBeFalse();
        inspector.CanRecordValuesFor(School).ShouldBeFalse();
    }

    [Fact]
    public void PrefixOfACode_IsNotInside()
    {
        // 50010 is not a parent of 500103: paths end with "/" so a prefix of a code never matches.
        As(Role.District, "/500000/50010/").CanRead(Yuzhong).ShouldBeFalse();
    }

    [Fact]
    public void UserWithoutUnit_SeesNothing() => As(Role.District, null).CanRead(Yuzhong).ShouldBeFalse();

    [Theory]
    [InlineData(Role.Admin, null, true)]
    [InlineData(Role.Admin, OrgUnitKind.City, false)]
    [InlineData(Role.Commission, OrgUnitKind.City, true)]
    [InlineData(Role.Commission, OrgUnitKind.District, false)]
    [InlineData(Role.District, OrgUnitKind.District, true)]
    [InlineData(Role.Principal, OrgUnitKind.School, true)]
    [InlineData(Role.Principal, null, false)]
    [InlineData(Role.Inspector, OrgUnitKind.District, true)]
    [InlineData(Role.Inspector, OrgUnitKind.School, false)]
    public void RoleRules_MatchRoleToUnitLevel(Role role, OrgUnitKind? kind, bool allowed)
    {
        if (allowed) RoleRules.CheckUnit(role, kind);
        else Should.Throw<DomainException>(() => RoleRules.CheckUnit(role, kind)).Code.ShouldBe(ErrorCodes.RoleUnitMismatch);
    }
}
