using EduGov.Domain.Common;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Exchange;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Exchange;

public sealed class ApiClientServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ApiClientService Clients => _db.Get<ApiClientService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<(ApiClientRow Client, string Secret)> CreateAsync(string name = "渝教云", string unit = DemoUsers.DistrictCode,
        ApiPermissions permissions = ApiPermissions.All, Role? role = null) =>
        Clients.CreateAsync(Scopes.Admin, new NewApiClient(name, unit, permissions, 30, role));

    [Fact]
    public async Task Create_StoresOnlyTheHash_AndTheAuditTrailNeverHoldsTheSecretOrItsHash()
    {
        var (client, secret) = await CreateAsync();

        await using var db = _db.Open();
        var stored = await db.ApiClients.SingleAsync(c => c.Id == client.Id);
        stored.SecretHash.ShouldBe(ApiSecret.HashOf(secret));
        (client.UnitCode, client.Role, client.Status).ShouldBe((DemoUsers.DistrictCode, Role.District, ApiClientStatus.Active));
        var added = await db.AuditEntries.Where(a => a.Entity == nameof(ApiClient) && a.Action == "Added").SingleAsync();
        added.Details.ShouldNotBeNull().ShouldContain("渝教云");
        (await db.AuditEntries.AnyAsync(a => a.Details!.Contains(secret) || a.Details!.Contains(stored.SecretHash))).ShouldBeFalse();
    }

    [Fact]
    public async Task Create_UnknownUnitCode_Throws() =>
        (await Should.ThrowAsync<DomainException>(() => CreateAsync(unit: "999999"))).Code.ShouldBe(ErrorCodes.UnknownUnitCode);

    [Fact]
    public async Task Create_NameTaken_Throws()
    {
        await CreateAsync();

        (await Should.ThrowAsync<DomainException>(() => CreateAsync())).Code.ShouldBe(ErrorCodes.ApiClientNameTaken);
    }

    [Fact]
    public async Task List_NotAnAdministrator_IsForbidden() =>
        await Should.ThrowAsync<ForbiddenException>(() => Clients.ListAsync(Scopes.Commission));

    [Fact]
    public async Task Authenticate_ActiveClient_ReadsAsTheStaffOfItsUnit_AndNotesTheUse()
    {
        var (client, secret) = await CreateAsync(permissions: ApiPermissions.Values);

        var caller = (await Clients.AuthenticateAsync(secret)).ShouldNotBeNull();

        (caller.Status, caller.Permissions).ShouldBe((ApiClientStatus.Active, ApiPermissions.Values));
        (caller.Scope.UserName, caller.Scope.Role, caller.Scope.OrgPath).ShouldBe(("api:渝教云", Role.District, "/500000/500103/"));
        (await Clients.ListAsync(Scopes.Admin)).Single(c => c.Id == client.Id).LastUsedAtUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task Authenticate_InspectorOfTheCity_ReadsAsAnInspector()
    {
        var (_, secret) = await CreateAsync(unit: "500000", role: Role.Inspector);

        (await Clients.AuthenticateAsync(secret))!.Scope.ShouldSatisfyAllConditions(
            s => s.Role.ShouldBe(Role.Inspector), s => s.OrgPath.ShouldBe("/500000/"));
    }

    [Fact]
    public async Task Authenticate_UnknownOrMalformedToken_IsNobody()
    {
        await CreateAsync();

        (await Clients.AuthenticateAsync(ApiSecret.New())).ShouldBeNull();
        (await Clients.AuthenticateAsync("not-a-token")).ShouldBeNull();
    }

    [Fact]
    public async Task Authenticate_Revoked_IsRevoked_AndTheRefusalIsAudited()
    {
        var (_, secret) = await CreateAsync();
        await Clients.RevokeAsync(Scopes.Admin, "渝教云");

        (await Clients.AuthenticateAsync(secret))!.Status.ShouldBe(ApiClientStatus.Revoked);

        (await _db.LastAuditAsync("api:渝教云", "ApiRefused"))!.Details.ShouldBe("Revoked");
        (await _db.LastAuditAsync("admin", "Modified"))!.Entity.ShouldBe(nameof(ApiClient));
    }

    [Fact]
    public async Task Authenticate_PastItsExpiry_IsExpired()
    {
        var (client, secret) = await CreateAsync();
        await using (var db = _db.Open())
            await db.ApiClients.Where(c => c.Id == client.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1)));

        (await Clients.AuthenticateAsync(secret))!.Status.ShouldBe(ApiClientStatus.Expired);
        (await Clients.ListAsync(Scopes.Admin)).Single().Status.ShouldBe(ApiClientStatus.Expired);
    }

    [Fact]
    public async Task Revoke_Twice_Throws()
    {
        await CreateAsync();
        await Clients.RevokeAsync(Scopes.Admin, "渝教云");

        (await Should.ThrowAsync<DomainException>(() => Clients.RevokeAsync(Scopes.Admin, "渝教云"))).Code.ShouldBe(ErrorCodes.ApiClientRevoked);
    }

    [Fact]
    public async Task RecordCall_WritesAnEntryUnderTheClientsName_InItsUnit()
    {
        var (_, secret) = await CreateAsync();
        var caller = (await Clients.AuthenticateAsync(secret))!;

        await Clients.RecordCallAsync(caller, "GET /api/exchange/org-units?page=2", 200);

        var entry = (await _db.LastAuditAsync("api:渝教云", "ApiRead"))!;
        (entry.Details, entry.ActorUnit, entry.EntityId).ShouldBe(("GET /api/exchange/org-units?page=2 → 200", "/500000/500103/", caller.Id.ToString()));
    }
}
