using System.Net;
using EduGov.Infrastructure.Data;
using EduGov.Web.Cli;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Audit;

/// <summary>`audit verify` and /healthz on the portal's own database, before and after an entry is edited around the triggers.</summary>
public sealed class AuditVerifyCommandTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AuditVerify_NamesTheFirstBrokenEntry_AndHealthSaysSo()
    {
        var admin = await portal.SignedInAsync("admin");
        (await RunAsync()).ShouldSatisfyAllConditions(r => r.Exit.ShouldBe(0), r => r.Output.ShouldStartWith("审计链完整"));
        (await portal.Anonymous().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var db = portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Details = 'nothing happened' WHERE Id = 5");
        }

        (await RunAsync()).ShouldSatisfyAllConditions(r => r.Exit.ShouldBe(1), r => r.Output.ShouldStartWith("审计链断裂于第 5 条"));
        var health = await admin.GetAsync("/healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).ShouldContain("\"audit\":\"broken at entry 5: Altered\"");
    }

    [Fact]
    public async Task Audit_WithoutVerify_ShowsItsUsage() => (await AuditCommand.RunAsync(portal.Services, ["audit", "check"])).ShouldBe(2);

    private async Task<(int Exit, string Output)> RunAsync()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = await AuditCommand.RunAsync(portal.Services, ["audit", "verify"]);
            return (exit, output.ToString());
        }
        finally
        {
            Console.SetOut(console);
        }
    }
}
