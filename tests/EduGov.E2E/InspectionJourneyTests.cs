using Microsoft.Playwright;
using EduGov.Tests;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class InspectionJourneyTests(PortalServer portal)
{
    private const string Requirement = "E2E 完善校园网络安全应急预案并组织一次演练";

    private static ILocator Item(IPage page) => page.Locator("#rectification-table tbody tr", new PageLocatorOptions { HasText = Requirement });

    [Fact]
    public async Task Inspector_RecordsAnInspectionWithAnItem_ThePrincipalAnswersWithEvidence_AndTheInspectorAcceptsIt()
    {
        var inspector = await portal.SignInAsync("inspector");
        await inspector.ClickAsync("a[href='/supervision/inspections']");
        await inspector.ClickAsync("#plan-inspection");
        await inspector.Locator(".mud-dialog .unit-picker input").FillAsync("5001030001");
        await inspector.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "5001030001" }).ClickAsync();
        await inspector.ClickAsync("#save-plan");
        await inspector.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/supervision/inspections/\\d+$"), PortalServer.InPage);
        var inspectionUrl = inspector.Url;

        await inspector.Locator(".inspectors-input input").FillAsync("陈明、刘芳");
        var scores = inspector.Locator("#checklist-scores .checklist-score input");
        await Assertions.Expect(scores).ToHaveCountAsync(10);
        for (var i = 0; i < 10; i++) await scores.Nth(i).FillAsync(i < 2 ? "8" : "5");   // 8 + 8 + 5 × 8 = 56 of 100
        await inspector.Locator(".findings-input textarea").FillAsync("应急预案多年未修订，未开展演练");
        await Assertions.Expect(inspector.Locator("#score-total")).ToContainTextAsync("56");
        await inspector.ClickAsync("#record-inspection");
        await Assertions.Expect(inspector.Locator("#inspection-status")).ToContainTextAsync("已完成");
        await Assertions.Expect(inspector.Locator("#inspection-score")).ToContainTextAsync("56%");

        await inspector.ClickAsync("#add-rectification");
        await Assertions.Expect(inspector.Locator(".mud-dialog .responsible-picker input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("渝中"));
        await inspector.Locator(".mud-dialog .requirement-text textarea").FillAsync(Requirement);
        await inspector.ClickAsync("#save-rectification");
        await Assertions.Expect(Item(inspector)).ToContainTextAsync("待整改");

        // The principal answers from a phone.
        var principal = await portal.SignInAsync("principal");
        await PortalServer.ResizeAsync(principal, 390);
        await principal.GotoAsync(portal.BaseUrl + "/supervision/rectifications");
        await Item(principal).Locator(".answer-item").ClickAsync();
        await principal.Locator(".mud-dialog .answer-text textarea").FillAsync("已修订《校园网络安全应急预案》，11 月组织全校演练");
        await principal.Locator(".mud-dialog .evidence-upload input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "应急演练记录.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf,
        });
        await Assertions.Expect(principal.Locator(".mud-dialog .evidence-file")).ToContainTextAsync("应急演练记录.pdf");
        await principal.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "rectification-answer-390.png") });
        await principal.ClickAsync("#save-answer");
        await Assertions.Expect(Item(principal)).ToContainTextAsync("已答复");
        await Assertions.Expect(Item(principal).Locator(".evidence-link")).ToContainTextAsync("应急演练记录.pdf");
        await principal.EvaluateAsync("window.scrollTo(0, 0)");   // the app bar stays on top of a full-page shot
        await principal.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "rectification-answered-390.png"), FullPage = true });

        await inspector.GotoAsync(inspectionUrl);
        await PortalServer.WaitInteractiveAsync(inspector);
        await Item(inspector).Locator(".accept-item").ClickAsync();
        await Assertions.Expect(Item(inspector)).ToContainTextAsync("已通过");
        await Item(inspector).Locator(".show-history").ClickAsync();
        var history = inspector.Locator("#rectification-table .rectification-history");
        foreach (var step in new[] { "提出整改", "答复", "通过", "校长（渝中区）" })   // the principal by name and unit, not login
            await Assertions.Expect(history).ToContainTextAsync(step);
        await inspector.EvaluateAsync("window.scrollTo(0, 0)");
        await inspector.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "inspection-accepted.png"), FullPage = true });
    }
}
