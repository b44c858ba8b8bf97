using System.Text.RegularExpressions;
using Bunit;
using EduGov.Domain.Bulletins;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Bulletins;
using EduGov.Tests;
using EduGov.Web.Components.Pages.Bulletins;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

/// <summary>The bulletin pages as each role sees them: Chinese words, never a resource key or a code's identifier.</summary>
public sealed partial class BulletinPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    public BulletinPageTests() =>
        // The PDF itself is the document tests'; here a stand-in prints it, registered before any service is resolved.
        _ctx.Services.AddScoped<IBulletinPrinter, StandInPrinter>();

    /// <summary>A resource key (Bulletins.Publish, Enum.BulletinReason.LowCompletion) or an identifier of the code shown as text.</summary>
    private static void ShouldShowNoKeyOrIdentifier(string markup)
    {
        var text = Tags().Replace(markup, " ");
        KeyLike().Matches(text).Select(m => m.Value).ShouldBeEmpty();
        foreach (var identifier in Enum.GetNames<BulletinReason>().Concat(["BulletinReport", "PeriodId", "UnitId", "NamedUnit", "OrgUnitKind", "District ", "School "]))
            text.ShouldNotContain(identifier, Case.Sensitive);
    }

    private async Task<Published> PublishAsync()
    {
        var service = _ctx.Services.GetRequiredService<BulletinService>();
        var commission = new AccessScope("commission", Role.Commission, "/500000/");
        var period = (await service.PeriodsAsync(commission)).Single(p => p.Year == 2026);
        return await service.PublishAsync(commission, period.PeriodId);
    }

    [Fact]
    public void Commission_PreviewsTheFigures_ThenPublishes_AndTheBulletinIsListed()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<BulletinList>();
        page.WaitForAssertion(() => page.FindAll(".bulletin-figures .stat-card").Count.ShouldBe(6), TimeSpan.FromSeconds(20));

        page.Find(".preview-caption").TextContent.ShouldContain("渝教督〔");
        page.Find(".bulletin-figures").TextContent.ShouldContain("全市填报完成率");
        page.Find(".named-panel").TextContent.ShouldContain("发布后将通知的单位");
        ShouldShowNoKeyOrIdentifier(page.Markup);

        page.Find("#publish").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("并通知被点名的"));
        ShouldShowNoKeyOrIdentifier(_ctx.Dialogs.Markup);
        _ctx.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "发布通报").Click();

        page.WaitForAssertion(() => page.Find("#bulletin-table").TextContent.ShouldContain("关于2026年度教育信息化工作推进情况的通报"), TimeSpan.FromSeconds(20));
        page.Find("#bulletin-table .version").TextContent.ShouldBe("第 1 版");
        page.WaitForAssertion(() => page.Find("#publish").TextContent.ShouldContain("发布第 2 版"), TimeSpan.FromSeconds(20));
        ShouldShowNoKeyOrIdentifier(page.Markup);
    }

    [Fact]
    public async Task District_OpensABulletinOfItsCity_WithItsVersionsAndTheUnitsNamed()
    {
        _ctx.SignInAs("district");
        var published = await PublishAsync();

        var page = _ctx.RenderPage<BulletinDetail>(p => p.Add(x => x.Id, published.BulletinId));
        page.WaitForAssertion(() => page.Find("#version-table").TextContent.ShouldContain("第 1 版"), TimeSpan.FromSeconds(20));

        page.Find("#bulletin-number").TextContent.ShouldContain(published.Number);
        page.Find("#version-table").TextContent.ShouldContain("重庆市教委信息化处");
        page.FindAll("#named-units .named-unit").Select(u => u.GetAttribute("data-unit")).Distinct().Count().ShouldBe(published.UnitsTold);
        page.FindAll("#named-units .named-group .mud-typography-subtitle2").ShouldAllBe(r => r.TextContent.Contains("个单位") && !r.TextContent.Any(char.IsAsciiLetter));
        page.FindAll("#publish-again").ShouldBeEmpty();   // the district reads, the commission publishes
        ShouldShowNoKeyOrIdentifier(page.Markup);
    }

    [Fact]
    public void Principal_HasNoPublishForm_AndAnUnknownBulletinIsNotFound()
    {
        _ctx.SignInAs("principal");
        var list = _ctx.RenderPage<BulletinList>();
        list.WaitForAssertion(() => list.Find("#bulletin-table").TextContent.ShouldContain("尚无已发布的通报"), TimeSpan.FromSeconds(20));
        list.FindAll("#publish-bulletin").ShouldBeEmpty();
        ShouldShowNoKeyOrIdentifier(list.Markup);

        var detail = _ctx.Render<BulletinDetail>(p => p.Add(x => x.Id, 999_999));
        detail.WaitForAssertion(() => detail.Markup.ShouldContain("未找到"));
    }

    [GeneratedRegex(@"\b(Bulletins|Enum|Nav|Documents|Table|Common)\.[A-Za-z]+")]
    private static partial Regex KeyLike();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    private sealed class StandInPrinter : IBulletinPrinter
    {
        public Task<byte[]> PrintAsync(BulletinReport report, CancellationToken ct = default) => Task.FromResult(SampleFiles.Pdf);
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
