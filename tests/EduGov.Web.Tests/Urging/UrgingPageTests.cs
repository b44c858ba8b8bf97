using System.Text.RegularExpressions;
using Bunit;
using EduGov.Domain.Urging;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Components.Pages.Urging;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Urging;

/// <summary>/urgings and /urgings/{id} as each demo account sees them, on the demo 督办.</summary>
public sealed partial class UrgingPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IRenderedComponent<UrgingList> List(string user)
    {
        _ctx.SignInAs(user);
        var page = _ctx.RenderPage<UrgingList>();
        page.WaitForAssertion(() => page.FindAll("#urging-table td.requirement").Count.ShouldBeGreaterThan(0), TimeSpan.FromSeconds(10));
        return page;
    }

    private int IdOf(string requirement)
    {
        using var scope = _ctx.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext();
        return db.Urgings.Where(u => u.Requirement == requirement).Select(u => u.Id).Single();
    }

    private IRenderedComponent<UrgingDetail> Detail(string user, string requirement)
    {
        _ctx.SignInAs(user);
        var id = IdOf(requirement);
        var page = _ctx.RenderPage<UrgingDetail>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("#urging-history"), TimeSpan.FromSeconds(10));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<UrgingList> page, string requirement) =>
        page.FindAll("#urging-table tbody tr").Single(tr => tr.QuerySelector("td.requirement")?.TextContent.Contains(requirement) == true);

    /// <summary>What a user reads never shows a resource key ("Urging.Round") or an identifier ("LateFiling").</summary>
    private static void ShouldReadAsChinese(string markup)
    {
        var text = Tags().Replace(markup, " ");
        RawKey().Matches(text).Select(m => m.Value).ShouldBeEmpty();
        foreach (var name in Enum.GetNames<UrgingSubject>().Concat(Enum.GetNames<UrgingStatus>()).Concat(Enum.GetNames<UrgingAction>()))
            text.ShouldNotContain(name);
    }

    [Fact]
    public void District_SeesItsOwnAndItsSchoolsUrgings_OverdueAndEscalationInWords()
    {
        var page = List("district");

        Row(page, DemoUrgings.DistrictRectification).QuerySelector(".overdue")!.TextContent.ShouldContain("已逾期 2 天");
        Row(page, DemoUrgings.SchoolAssessment).QuerySelector(".escalated")!.TextContent.ShouldBe("已升级至渝中区");
        Row(page, DemoUrgings.IndicatorPressed).QuerySelector(".urging-round")!.TextContent.ShouldBe("第 2 次督办");
        Row(page, DemoUrgings.WirelessRequirement).QuerySelector(".urging-status")!.TextContent.ShouldContain("已答复");
        page.Markup.ShouldNotContain(DemoUrgings.JiangbeiFiling);
        page.Find("#new-urging");
        ShouldReadAsChinese(page.Markup);
    }

    [Fact]
    public void Principal_SeesOnlyItsSchool_AndIssuesNothing()
    {
        var page = List("principal");

        page.FindAll("#urging-table tbody tr td.requirement").Select(td => td.TextContent.Trim()).ShouldBe([DemoUrgings.PrincipalFiling]);
        page.FindAll("#new-urging").ShouldBeEmpty();
    }

    [Fact]
    public void List_FilteredToOverdue_ShowsOnlyTheOverdue()
    {
        var page = List("district");

        page.Find(".urging-filter [data-filter='Overdue']").Click();

        page.WaitForAssertion(() => page.FindAll("#urging-table tbody tr td.requirement").Select(td => td.TextContent.Trim())
            .ShouldBe([DemoUrgings.SchoolAssessment, DemoUrgings.DistrictRectification]));
    }

    [Fact]
    public void Detail_TheTargetAnswers_WithExplanationAndPlan_AndTheHistoryShowsIt()
    {
        var page = Detail("principal", DemoUrgings.PrincipalFiling);
        page.Find("#urging-subject").TextContent.ShouldContain("填报逾期：2026年度填报");
        page.Find("#urging-subject .subject-link").GetAttribute("href").ShouldStartWith("/filing/");
        page.FindAll("#close-urging").ShouldBeEmpty();

        page.Find("#answer-urging").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find(".explanation-text textarea"));
        _ctx.Dialogs.Find("#save-answer").HasAttribute("disabled").ShouldBeTrue();   // nothing written yet
        _ctx.Dialogs.Find(".explanation-text textarea").Input("信息管理员调岗，交接未完成");
        _ctx.Dialogs.Find(".plan-text textarea").Input("本周五前完成填报并提交审核");
        _ctx.Dialogs.Find("#save-answer").Click();

        page.WaitForAssertion(() => page.Find(".urging-status").TextContent.ShouldContain("已答复"));
        page.Find("#urging-answer .explanation").TextContent.ShouldBe("信息管理员调岗，交接未完成");
        page.Find("#urging-history").TextContent.ShouldContain("答复 · 校长（渝中区）（");
        page.FindAll("#answer-urging").ShouldBeEmpty();
        ShouldReadAsChinese(page.Markup);
    }

    [Fact]
    public void Detail_TheIssuerOfAnAnsweredUrging_ClosesIt()
    {
        var page = Detail("district", DemoUrgings.WirelessRequirement);
        page.Find("#to-decide").TextContent.ShouldContain("对方已答复");
        page.Find("#urging-answer .plan").TextContent.ShouldBe(DemoUrgings.WirelessPlan);

        page.Find("#close-urging").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find("#save-close"));
        _ctx.Dialogs.Find("#save-close").Click();

        page.WaitForAssertion(() => page.Find(".urging-status").TextContent.ShouldContain("已办结"));
        page.FindAll("#to-decide").ShouldBeEmpty();
    }

    [Fact]
    public void Detail_TheIssuerPressesAgain_WithANewRequirement()
    {
        var page = Detail("commission", DemoUrgings.DistrictRectification);
        page.Find("#to-decide").TextContent.ShouldContain("尚未答复");

        page.Find("#press-urging").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find(".press-text textarea"));
        _ctx.Dialogs.Find(".press-text textarea").Input("逾期仍未答复，请三日内报送整改计划");
        _ctx.Dialogs.Find("#save-press").Click();

        page.WaitForAssertion(() => page.Find(".urging-round").TextContent.ShouldBe("第 2 次督办"));
        page.Find("#urging-requirement").TextContent.ShouldBe("逾期仍未答复，请三日内报送整改计划");
        page.FindAll(".overdue").ShouldBeEmpty();
    }

    [Fact]
    public void Detail_AnUnknownIdOrOneOutOfScope_SaysNotFound()
    {
        _ctx.SignInAs("principal");
        var other = IdOf(DemoUrgings.DistrictFiling);   // to the district: not the principal's

        foreach (var id in new[] { other, int.MaxValue })
        {
            var page = _ctx.RenderPage<UrgingDetail>(p => p.Add(x => x.Id, id));
            page.WaitForAssertion(() => page.Markup.ShouldContain("未找到"));
            page.Markup.ShouldNotContain(DemoUrgings.DistrictFiling);
        }
    }

    [Fact]
    public void IssueDialog_FromNewUrging_IssuesToASchool_AboutItsFiling()
    {
        var page = List("district");

        page.Find("#new-urging").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find(".target-picker input"));
        _ctx.Dialogs.Markup.ShouldContain("请先选择督办对象");
        ShouldReadAsChinese(_ctx.Dialogs.Markup);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\b(Urging|Enum|Nav|Field|Error|Filing)\.[A-Za-z]+")]
    private static partial Regex RawKey();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
