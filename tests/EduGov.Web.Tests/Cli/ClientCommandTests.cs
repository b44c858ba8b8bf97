using System.Net;
using EduGov.Domain.Exchange;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Cli;
using EduGov.Web.Tests.Exchange;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Cli;

/// <summary>`client create|list|revoke` on the portal's own database, as an operator's script runs them.</summary>
public sealed class ClientCommandTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ClientCommand.RunAsync(portal.Services, args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Create_PrintsTheSecretOnce_AndItOpensTheApi()
    {
        var (exit, output, _) = await RunAsync("client", "create", "--name", "渝中数据中心", "--unit", DemoUsers.DistrictCode, "--days", "90", "--permissions", "OrgUnits,Values");

        exit.ShouldBe(0);
        output.ShouldContain("已创建 API 客户端 created: 渝中数据中心（渝中区 500103，District，OrgUnits, Values");
        var secret = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(ApiSecret.Prefix));
        (await portal.WithToken(secret).GetAsync("/api/exchange/org-units")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await portal.WithToken(secret).GetAsync("/api/exchange/filings")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await portal.LastAuditAsync($"cli:{Environment.UserName}", "Added")).Entity.ShouldBe(nameof(ApiClient));
    }

    [Fact]
    public async Task List_ShowsEachClient_WithoutItsSecret_AndRevokeEndsIt()
    {
        var (_, created, _) = await RunAsync("client", "create", "--name", "统计系统", "--unit", "500000", "--days", "30");
        var secret = created.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(ApiSecret.Prefix));

        var (revokeExit, revoked, _) = await RunAsync("client", "revoke", "--name", "统计系统");
        var (listExit, listed, _) = await RunAsync("client", "list");

        (revokeExit, listExit).ShouldBe((0, 0));
        revoked.ShouldContain("已吊销 revoked: 统计系统");
        var line = listed.Split('\n').Single(l => l.StartsWith("统计系统\t"));
        line.ShouldContain("500000\t重庆市\tCommission\tAll\t");
        line.TrimEnd().ShouldEndWith("Revoked");
        listed.ShouldNotContain(secret);
        (await portal.WithToken(secret).GetAsync("/api/exchange/org-units")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("client", "create", "--name", "x", "--unit", "999999", "--days", "30")]
    [InlineData("client", "create", "--name", "x", "--unit", "500000", "--days", "0")]
    [InlineData("client", "create", "--name", "x", "--unit", "500000", "--days", "thirty")]
    [InlineData("client", "create", "--name", "x", "--unit", "500000", "--days", "30", "--permissions", "Everything")]
    [InlineData("client", "create", "--unit", "500000", "--days", "30")]
    [InlineData("client", "revoke", "--name", "nobody")]
    [InlineData("client", "rename")]
    [InlineData("client", "list", "--all")]
    public async Task BadArguments_Exit2_WithAReason(params string[] args)
    {
        var (exit, output, errors) = await RunAsync(args);

        exit.ShouldBe(2);
        errors.ShouldNotBeEmpty();
        output.ShouldNotContain(ApiSecret.Prefix);
    }

    [Fact]
    public async Task Create_UnknownUnit_SaysSoInChinese()
    {
        var (_, _, errors) = await RunAsync("client", "create", "--name", "x", "--unit", "999999", "--days", "30");

        errors.ShouldContain("单位代码“999999”不存在。");
    }
}
