using EduGov.Domain.Common;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Exchange;

public sealed class ApiClientTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

    private static ApiClient Client(ApiPermissions permissions = ApiPermissions.Values | ApiPermissions.Filings, int days = 30) =>
        ApiClient.Create("渝教云", 7, OrgUnitKind.District, null, permissions, days, "admin", Now).Client;

    [Theory]
    [InlineData(OrgUnitKind.City, Role.Commission)]
    [InlineData(OrgUnitKind.District, Role.District)]
    [InlineData(OrgUnitKind.School, Role.Principal)]
    public void Create_WithoutRole_ReadsAsTheStaffOfItsUnit(OrgUnitKind kind, Role role) =>
        ApiClient.Create("c", 1, kind, null, ApiPermissions.All, 30, "admin", Now).Client.Role.ShouldBe(role);

    [Fact]
    public void Create_InspectorOfADistrict_ReadsAsAnInspector() =>
        ApiClient.Create("c", 1, OrgUnitKind.District, Role.Inspector, ApiPermissions.All, 30, "admin", Now).Client.Role.ShouldBe(Role.Inspector);

    [Theory]
    [InlineData(OrgUnitKind.School, Role.Inspector)]
    [InlineData(OrgUnitKind.City, Role.Admin)]
    [InlineData(OrgUnitKind.District, Role.Principal)]
    public void Create_RoleTheUnitCannotHave_Throws(OrgUnitKind kind, Role role) =>
        Should.Throw<DomainException>(() => ApiClient.Create("c", 1, kind, role, ApiPermissions.All, 30, "admin", Now))
            .Code.ShouldBe(ErrorCodes.RoleUnitMismatch);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ApiClient.MaxDays + 1)]
    public void Create_DaysOutOfRange_Throws(int days) =>
        Should.Throw<DomainException>(() => Client(days: days)).Code.ShouldBe(ErrorCodes.ApiClientDays);

    [Fact]
    public void Create_NoPermission_Throws() =>
        Should.Throw<DomainException>(() => Client(ApiPermissions.None)).Code.ShouldBe(ErrorCodes.ApiClientPermissions);

    [Fact]
    public void Create_BlankName_Throws() =>
        Should.Throw<DomainException>(() => ApiClient.Create("  ", 1, OrgUnitKind.City, null, ApiPermissions.All, 30, "admin", Now))
            .Code.ShouldBe(ErrorCodes.Required);

    [Fact]
    public void Create_KeepsOnlyTheHashOfTheSecret()
    {
        var (client, secret) = ApiClient.Create("c", 1, OrgUnitKind.City, null, ApiPermissions.All, 30, "admin", Now);

        secret.ShouldStartWith(ApiSecret.Prefix);
        ApiSecret.LooksLikeOne(secret).ShouldBeTrue();
        client.SecretHash.ShouldBe(ApiSecret.HashOf(secret));
        client.SecretHash.ShouldNotContain(secret[ApiSecret.Prefix.Length..]);
        client.ExpiresAtUtc.ShouldBe(Now.AddDays(30));
    }

    [Fact]
    public void New_TwoSecrets_Differ_AndCarry32Bytes()
    {
        var (a, b) = (ApiSecret.New(), ApiSecret.New());

        a.ShouldNotBe(b);
        Convert.FromBase64String(a[ApiSecret.Prefix.Length..].Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBe(32);
    }

    [Fact]
    public void StatusAt_BeforeExpiry_IsActive_AndFromExpiryOn_IsExpired()
    {
        var client = Client(days: 30);

        client.StatusAt(Now.AddDays(30).AddSeconds(-1)).ShouldBe(ApiClientStatus.Active);
        client.StatusAt(Now.AddDays(30)).ShouldBe(ApiClientStatus.Expired);
    }

    [Fact]
    public void Revoke_Active_IsRevoked_AndASecondRevokeThrows()
    {
        var client = Client();

        client.Revoke("admin", Now.AddHours(1));

        client.StatusAt(Now.AddHours(2)).ShouldBe(ApiClientStatus.Revoked);
        client.RevokedBy.ShouldBe("admin");
        Should.Throw<DomainException>(() => client.Revoke("admin", Now.AddHours(3))).Code.ShouldBe(ErrorCodes.ApiClientRevoked);
    }

    [Fact]
    public void Permits_OnlyTheAreasGiven()
    {
        var client = Client(ApiPermissions.Values | ApiPermissions.Filings);

        client.Permits(ApiPermissions.Values).ShouldBeTrue();
        client.Permits(ApiPermissions.Filings).ShouldBeTrue();
        client.Permits(ApiPermissions.Security).ShouldBeFalse();
        client.Permits(ApiPermissions.None).ShouldBeFalse();
    }

    [Fact]
    public void ScopeAt_IsTheStaffScopeOfItsUnit_UnderTheClientsName()
    {
        var scope = Client().ScopeAt("/500000/500103/");

        (scope.UserName, scope.Role, scope.OrgPath).ShouldBe(("api:渝教云", Role.District, "/500000/500103/"));
    }

    [Fact]
    public void MarkUsed_WithinAMinute_ChangesNothing()
    {
        var client = Client();

        client.MarkUsed(Now).ShouldBeTrue();
        client.MarkUsed(Now.AddSeconds(59)).ShouldBeFalse();
        client.MarkUsed(Now.AddMinutes(1)).ShouldBeTrue();
        client.LastUsedAtUtc.ShouldBe(Now.AddMinutes(1));
    }
}
