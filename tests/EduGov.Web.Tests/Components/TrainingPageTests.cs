using Bunit;
using EduGov.Web.Components.Pages.Training;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Components;

public sealed class TrainingPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IReadOnlyList<string> IdNumbersShownTo(string user)
    {
        _ctx.SignInAs(user);
        var page = _ctx.RenderPage<TeacherList>();
        page.WaitForAssertion(() => page.FindAll("td.id-number").Count.ShouldBeGreaterThan(5), TimeSpan.FromSeconds(10));
        return page.FindAll("td.id-number").Select(td => td.TextContent.Trim()).Where(t => t != "—").ToList();
    }

    [Fact]
    public void Principal_WhoKeepsTheRegistry_SeesFullIdNumbers()
    {
        var ids = IdNumbersShownTo("principal");
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => id.Length == 18 && !id.Contains('*'));
    }

    [Theory]
    [InlineData("inspector")]
    [InlineData("commission")]
    public void OtherRoles_SeeThemMasked(string user)
    {
        var ids = IdNumbersShownTo(user);
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => id.Contains("********") && id.Length == 16);
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
