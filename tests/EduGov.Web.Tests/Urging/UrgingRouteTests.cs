using System.Net;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Urging;

/// <summary>The 督办 pages through the real pipeline: a bad or foreign id answers 404 (the not-found page), never 500.</summary>
public sealed class UrgingRouteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private int IdOf(string requirement)
    {
        using var scope = portal.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<EduGovDbContext>().Urgings.Where(u => u.Requirement == requirement).Select(u => u.Id).Single();
    }

    [Fact]
    public async Task Detail_OfAnotherUnitsUrging_OrAnUnknownOne_AnswersNotFound()
    {
        var principal = await portal.SignedInAsync("principal");

        foreach (var path in new[] { $"/urgings/{IdOf(DemoUrgings.DistrictFiling)}", "/urgings/2147483647", "/urgings/0", "/urgings/abc" })
        {
            var response = await principal.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(DemoUrgings.DistrictFiling);
        }
    }

    [Fact]
    public async Task Detail_OfItsOwnUrging_AndTheList_Answer200()
    {
        var principal = await portal.SignedInAsync("principal");

        (await principal.GetAsync($"/urgings/{IdOf(DemoUrgings.PrincipalFiling)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await principal.GetAsync("/urgings?filter=overdue")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await principal.GetAsync("/urgings?filter=%00nonsense")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
