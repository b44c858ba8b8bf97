using System.Net;
using EduGov.Infrastructure.Data;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Security;

/// <summary>An unexpected failure answers Problem Details without a stack trace, and keeps the security headers (a portal of its own: it breaks its database).</summary>
public sealed class ErrorAnswerTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task AnException_AnswersProblemDetails_WithTheHeaders_AndNoStackTrace()
    {
        var client = await portal.SignedInAsync("district");
        using (var scope = portal.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<EduGovDbContext>().Database.ExecuteSqlRawAsync("ALTER TABLE Plans RENAME TO PlansGone");

        var response = await client.GetAsync("/api/plans");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("no such table");
        body.ShouldNotContain("Exception");
        body.ShouldNotContain(" at ");
        SecurityHeadersTests.Missing(response).ShouldBeEmpty();
    }
}
