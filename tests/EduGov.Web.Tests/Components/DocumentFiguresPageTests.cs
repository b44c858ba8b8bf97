using Bunit;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Supervision;
using EduGov.Tests;
using EduGov.Web.Components.Pages.Supervision;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class DocumentFiguresPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>Two versions of 渝中区's 2024 report, the interactive-board share up from 38.5% to 40.1%, and a 2023 report archived before figures were kept.</summary>
    private async Task<(int V1, int V2, int Old)> ArchiveAsync(AccessScope scope)
    {
        var archive = _ctx.Services.GetRequiredService<DocumentArchive>();
        var district = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "500103")).Single(u => u.Code == "500103").Id;
        PrintedDocument Report(decimal share) => new(DocumentKind.SupervisionReport, district, 2024, "渝中区2024年度教育信息化督导报告", SampleFiles.Pdf,
            Figures: [new("CQ5-03", "渝中区 互动式多媒体教学设备占比", share, "%"), new("inspections", "督导检查", 2, "次"), new("urgings", "收到督办", 3, "件")]);
        var v1 = await archive.AddAsync(Report(38.5m), "inspector");
        var v2 = await archive.AddAsync(Report(40.1m), "inspector");
        var old = await archive.AddAsync(new PrintedDocument(DocumentKind.SupervisionReport, district, 2023, "渝中区2023年度教育信息化督导报告", SampleFiles.Pdf), "inspector");
        return (v1.Id, v2.Id, old.Id);
    }

    [Fact]
    public async Task AVersion_ShowsTheFiguresItWasMadeFrom_AndASearchNarrowsThem()
    {
        var scope = _ctx.SignInAs("district");
        var (v1, _, _) = await ArchiveAsync(scope);

        var page = _ctx.RenderPage<DocumentFiguresPage>(p => p.Add(x => x.Id, v1));
        page.WaitForAssertion(() => page.FindAll("#document-figures tbody tr").Count.ShouldBe(3));
        page.Find("#document-version").TextContent.ShouldContain("第 1 版");
        page.Find("#document-figures").TextContent.ShouldContain("38.5%");

        page.Find(".figure-search input").Input("督办");
        page.WaitForAssertion(() => page.FindAll("#document-figures tbody tr").Single().TextContent.ShouldContain("3件"));
    }

    [Fact]
    public async Task ComparingTwoVersions_ListsOnlyTheFiguresThatChanged()
    {
        var scope = _ctx.SignInAs("district");
        var (v1, v2, _) = await ArchiveAsync(scope);

        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/documents/{v2}?with={v1}");
        var page = _ctx.RenderPage<DocumentFiguresPage>(p => p.Add(x => x.Id, v2));
        page.WaitForAssertion(() => page.Find("#changes-title").TextContent.ShouldContain("第 1 版与第 2 版相比有变化的数据（1 项）"));
        var row = page.FindAll("#figure-changes tbody tr").Single();
        row.TextContent.ShouldContain("互动式多媒体教学设备占比");
        row.TextContent.ShouldContain("38.5%");
        row.TextContent.ShouldContain("40.1%");
        row.TextContent.ShouldContain("+1.6");
    }

    [Fact]
    public async Task AVersionArchivedBeforeFiguresWereKept_SaysSo()
    {
        var scope = _ctx.SignInAs("district");
        var (_, _, old) = await ArchiveAsync(scope);

        var page = _ctx.RenderPage<DocumentFiguresPage>(p => p.Add(x => x.Id, old));
        page.WaitForAssertion(() => page.Find("#document-figures").TextContent.ShouldContain("此版本生成于保存数据快照之前"));
    }

    [Fact]
    public async Task ADocumentOfAUnitTheUserCannotSee_IsNotFound()
    {
        _ctx.SignInAs("principal");   // a school of 渝中区: the district's report is not its to read
        var (v1, _, _) = await ArchiveAsync(new AccessScope("commission", Role.Commission, "/500000/"));

        var page = _ctx.RenderPage<DocumentFiguresPage>(p => p.Add(x => x.Id, v1));
        page.WaitForAssertion(() => page.Markup.ShouldContain("未找到"));
        page.Markup.ShouldNotContain("38.5%");
    }
}
