using Bunit;
using EduGov.Web.Components.Layout;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Components;

public sealed class NavMenuTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    [Fact]
    public void Admin_SeesAdministration()
    {
        _ctx.SignInAs("admin");
        var menu = _ctx.Render<NavMenu>();
        menu.Markup.ShouldContain("用户管理");
        menu.Markup.ShouldContain("审计日志");
        menu.Markup.ShouldContain("规划目录");
    }

    [Fact]
    public void Principal_SeesOwnSchool_AndNoAdministration()
    {
        _ctx.SignInAs("principal");
        var menu = _ctx.Render<NavMenu>();
        menu.Markup.ShouldContain("本校");
        menu.Markup.ShouldNotContain("用户管理");
    }

    [Fact]
    public void Commission_SeesOrganisationAndPlans_NoAdministration()
    {
        _ctx.SignInAs("commission");
        var menu = _ctx.Render<NavMenu>();
        menu.Markup.ShouldContain("组织机构");
        menu.Markup.ShouldContain("规划目录");
        menu.Markup.ShouldNotContain("审计日志");
    }

    [Fact]
    public void Principal_SeesInspectionsAndRectification_ButNotTheChecklist()
    {
        _ctx.SignInAs("principal");
        var menu = _ctx.Render<NavMenu>();
        menu.Markup.ShouldContain("/supervision/rectifications");
        menu.Markup.ShouldContain("/supervision/inspections");
        menu.Markup.ShouldNotContain("/supervision/checklist");
    }

    [Fact]
    public void Inspector_SeesTheChecklist()
    {
        _ctx.SignInAs("inspector");
        _ctx.Render<NavMenu>().Markup.ShouldContain("/supervision/checklist");
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
