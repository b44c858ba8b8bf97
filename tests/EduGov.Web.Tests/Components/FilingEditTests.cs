using Bunit;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Organisation;
using EduGov.Web.Components.Pages.Filing;
using EduGov.Tests;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class FilingEditTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IRenderedComponent<FilingEdit> RenderOwnFiling(string user, bool saveDraftFirst = false)
    {
        var scope = _ctx.SignInAs(user);
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = filings.CurrentPeriodAsync(scope).Result!.Id;
        var school = _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "5001030001").Result.Single().Id;
        if (saveDraftFirst) filings.SaveDraftAsync(scope, period, school, null, filings.GetAsync(scope, period, school).Result.Survey).Wait();
        var page = _ctx.RenderPage<FilingEdit>(p => p.Add(x => x.PeriodId, period).Add(x => x.SchoolId, school));
        page.WaitForAssertion(() => page.FindAll("[data-field]").Count.ShouldBeGreaterThan(10));
        return page;
    }

    private static void Type(IRenderedComponent<FilingEdit> page, string field, string value) =>
        page.Find($"[data-field='{field}'] input").Change(value);

    [Fact]
    public void InteractiveAboveMultimedia_ShowsTheErrorAsTheUserTypes()
    {
        var page = RenderOwnFiling("principal");
        var multimedia = int.Parse(page.Find("[data-field='MultimediaClassrooms'] input").GetAttribute("value")!);

        Type(page, "InteractiveClassrooms", (multimedia + 1).ToString());

        page.WaitForAssertion(() => page.Find("[data-field='InteractiveClassrooms']").TextContent.ShouldContain("不能大于“多媒体教室数”"));
        page.Markup.ShouldContain("还有 1 处需要修改");
    }

    [Fact]
    public void StudentsWithSpaceAboveStudents_AndNegativeCounts_AreFlagged()
    {
        var page = RenderOwnFiling("principal");
        Type(page, "StudentsGrade3Up", "100");
        Type(page, "StudentsWithSpace", "101");
        Type(page, "MakerSpaces", "-1");

        page.WaitForAssertion(() => page.Find("[data-field='StudentsWithSpace']").TextContent.ShouldContain("不能大于"), TimeSpan.FromSeconds(2));
        page.Find("[data-field='MakerSpaces']").TextContent.ShouldContain("不能为负数");
    }

    [Fact]
    public void SubmittingWithEmptyFields_MarksThem_AndSavesNothing()
    {
        var page = RenderOwnFiling("principal");
        Type(page, "Classrooms", "");

        page.Find("#submit-filing").Click();

        page.WaitForAssertion(() => page.Find(".form-error").TextContent.ShouldContain("未填写"));
        page.Find("[data-field='Classrooms']").TextContent.ShouldContain("此项为必填项");
        page.Find(".filing-status").GetAttribute("data-status").ShouldBe("NotStarted");
    }

    [Fact]
    public void Inspector_SeesTheFormAsText_WithoutInputsOrActions()
    {
        var page = RenderOwnFiling("inspector");
        page.FindAll("#submit-filing").ShouldBeEmpty();
        page.FindAll("#approve-filing").ShouldBeEmpty();
        page.FindAll("[data-field] input, [data-field] textarea, #narrative textarea").ShouldBeEmpty();
        page.Find("[data-field='Classrooms'] .survey-value-label").TextContent.ShouldBe("教室数");
        page.Find("[data-field='Classrooms'] .survey-value-text").TextContent.ShouldMatch(@"^[\d,]+$|^—$");
    }

    /// <summary>Submits from the form: the button, then the confirmation's own 提交审核.</summary>
    private void SubmitAndConfirm(IRenderedComponent<FilingEdit> page)
    {
        page.Find("#submit-filing").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("确认提交"));
        _ctx.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "提交审核").Click();
    }

    [Fact]
    public void Submit_AsksForConfirmation_AndACancelSubmitsNothing()
    {
        var page = RenderOwnFiling("principal");

        page.Find("#submit-filing").Click();

        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("提交后由区县教委审核，审核期间不能修改"));
        _ctx.Dialogs.Markup.ShouldContain("渝中第1中学");
        _ctx.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "取消").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldNotContain("确认提交"));
        page.Find(".filing-status").GetAttribute("data-status").ShouldBe("NotStarted");

        SubmitAndConfirm(page);
        page.WaitForAssertion(() => page.Find(".filing-status").GetAttribute("data-status").ShouldBe("Submitted"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnApprovedFiling_ReadsAsText_WithWhoApprovedItAndWhen()
    {
        var scope = _ctx.SignInAs("district");
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filings.CurrentPeriodAsync(scope))!.Id;
        var yuzhong = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "500103")).First(u => u.Code == "500103").Id;
        var approved = (await filings.ListAsync(scope, period, yuzhong, new FilingQuery(Status: EduGov.Domain.Filing.FilingStatus.Approved))).Items.First();
        var view = (await filings.GetAsync(scope, period, approved.SchoolId));

        var page = _ctx.RenderPage<FilingEdit>(p => p.Add(x => x.PeriodId, period).Add(x => x.SchoolId, approved.SchoolId));

        page.WaitForAssertion(() => page.Find("#approved-notice"));
        page.Find("#approved-notice").TextContent.ShouldContain($"本表已由渝中区教委于 {view.Approval!.AtUtc.ToLocalTime():yyyy-MM-dd HH:mm} 审核通过");
        page.FindAll("[data-field] input, [data-field] .mud-select, #narrative textarea").ShouldBeEmpty();
        page.FindAll(".survey-value").Count.ShouldBeGreaterThan(20);
        page.Find("[data-field='HasFibre'] .survey-value-text").TextContent.ShouldBeOneOf("是", "否");
        page.Find("[data-field='DownlinkMbps'] .survey-value-text").TextContent.ShouldEndWith(" Mbps");
    }

    [Fact]
    public async Task History_ShowsYesNoAndNumbers_AndPeopleByNameAndUnit()
    {
        var scope = _ctx.SignInAs("principal");
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filings.CurrentPeriodAsync(scope))!.Id;
        var school = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "5001030001")).Single().Id;
        var survey = (await filings.GetAsync(scope, period, school)).Survey;
        await filings.SaveDraftAsync(scope, period, school, null, survey with { PlaygroundConnected = !(survey.PlaygroundConnected ?? false), StudentTerminals = 1234 });
        static string YesNo(bool? b) => b switch { true => "是", false => "否", null => "—" };

        var page = _ctx.RenderPage<FilingEdit>(p => p.Add(x => x.PeriodId, period).Add(x => x.SchoolId, school));

        page.WaitForAssertion(() => page.Find(".filing-history"));
        var history = page.Find(".filing-history").TextContent;
        history.ShouldContain($"操场监控已接入：{YesNo(survey.PlaygroundConnected)} → {YesNo(!(survey.PlaygroundConnected ?? false))}");
        history.ShouldContain($"学生终端数：{survey.StudentTerminals:#,0} → 1,234");
        history.ShouldNotContain("False");
        history.ShouldNotContain("True");
        page.Find(".filing-history .history-by").TextContent.ShouldBe("校长（渝中区）（渝中第1中学）");
    }

    [Fact]
    public async Task History_InEnglish_SaysYesAndNo()
    {
        var scope = _ctx.SignInAs("principal");
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filings.CurrentPeriodAsync(scope))!.Id;
        var school = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "5001030001")).Single().Id;
        var survey = (await filings.GetAsync(scope, period, school)).Survey;
        await filings.SaveDraftAsync(scope, period, school, null, survey with { PlaygroundConnected = false });
        await filings.SaveDraftAsync(scope, period, school, (await filings.GetAsync(scope, period, school)).Version, survey with { PlaygroundConnected = true });
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");

        var page = _ctx.RenderPage<FilingEdit>(p => p.Add(x => x.PeriodId, period).Add(x => x.SchoolId, school));

        page.WaitForAssertion(() => page.Find(".filing-history").TextContent.ShouldContain("Playground connected: No → Yes"));
    }

    [Fact]
    public void Attach_BeforeTheFirstSave_SavesTheDraftWithTheFile()
    {
        var page = RenderOwnFiling("principal");
        page.Find(".filing-status").GetAttribute("data-status").ShouldBe("NotStarted");
        var input = page.Find("input[type='file']");
        input.GetAttribute("accept")!.ShouldStartWith("image/*,application/pdf");
        input.HasAttribute("capture").ShouldBeFalse();   // the camera is offered, not forced

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Pdf, "验收单.pdf"));

        page.WaitForAssertion(() => page.Find("a[href^='/files/evidence/']").TextContent.ShouldBe("验收单.pdf"), TimeSpan.FromSeconds(5));
        page.Find(".filing-status").GetAttribute("data-status").ShouldBe("Draft");
        page.FindAll(".form-error").ShouldBeEmpty();
    }

    public static TheoryData<string, byte[], string> RefusedUploads => new()
    {
        { "验收单.pdf", SampleFiles.HtmlBehindPdfHeader, "文件已损坏或不完整" },
        { "空.pdf", [], "文件是空的" },
        { "照片.pdf", SampleFiles.Png, "文件内容与扩展名 .pdf 不符" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public void Upload_RefusedFile_ShowsWhy_AndListsNothing(string name, byte[] content, string message)
    {
        var page = RenderOwnFiling("principal", saveDraftFirst: true);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(content, name));

        page.WaitForAssertion(() => page.Find(".form-error").TextContent.ShouldContain(message));
        page.FindAll("a[href^='/files/evidence/']").ShouldBeEmpty();
    }

    // Made here, not in the theory's data: xUnit serialises each data row at discovery, and 11 MB of it took the test host to 16 GB.
    [Fact]
    public void Upload_FileOverTheLimit_ShowsTheLimit_AndListsNothing() =>
        Upload_RefusedFile_ShowsWhy_AndListsNothing("扫描件.pdf", [.. SampleFiles.Pdf, .. new byte[11 * 1024 * 1024]], "10 MB");

    [Fact]
    public void Upload_NameWithFolders_IsListedUnderItsLastPart()
    {
        var page = RenderOwnFiling("principal", saveDraftFirst: true);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(SampleFiles.Pdf, @"..\..\y.pdf"));

        page.WaitForAssertion(() => page.Find("a[href^='/files/evidence/']").TextContent.ShouldBe("y.pdf"));
    }

    [Fact]
    public void AnOutlier_IsFlaggedAsThePrincipalTypes_AndTheFilingIsSubmittedOnlyOnceExplained()
    {
        var page = RenderOwnFiling("principal");
        var terminals = int.Parse(page.Find("[data-field='StudentTerminals'] input").GetAttribute("value")!);

        Type(page, "StudentTerminals", (terminals * 10).ToString());

        page.WaitForAssertion(() => page.Find("[data-field='StudentTerminals'] .field-flag").TextContent.ShouldContain($"本次"));
        page.Find("#unexplained").TextContent.ShouldBe("还有 1 项异常数据未说明");
        page.Find("#submit-filing").Click();
        page.WaitForAssertion(() => page.Find(".form-error").TextContent.ShouldBe("“学生终端数”的数据异常尚未说明，请填写情况说明后再提交。"));
        page.Find("[data-field='StudentTerminals'] .flag-explanation").TextContent.ShouldContain("请说明该数据的变化原因");
        page.Find(".filing-status").GetAttribute("data-status").ShouldBe("NotStarted");

        page.Find("[data-field='StudentTerminals'] .flag-explanation textarea").Input("新建平板实验班，按生配备");
        page.WaitForAssertion(() => page.FindAll("#unexplained").ShouldBeEmpty());
        SubmitAndConfirm(page);

        page.WaitForAssertion(() => page.Find(".filing-status").GetAttribute("data-status").ShouldBe("Submitted"), TimeSpan.FromSeconds(5));
        page.Find("[data-field='StudentTerminals'] .field-flag-explanation").TextContent.ShouldBe("学校说明：新建平板实验班，按生配备");
        page.FindAll("[data-field='StudentTerminals'] input").ShouldBeEmpty();   // submitted: read as text
        page.Find("[data-field='StudentTerminals'] .survey-value-text").TextContent.ShouldBe($"{terminals * 10:#,0}");
    }

    [Fact]
    public async Task TheDistrict_ComparesEachFigure_SeesTheFlagAndItsExplanation_AndReturnsJustThatFigure()
    {
        var scope = _ctx.SignInAs("district");
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filings.CurrentPeriodAsync(scope))!.Id;
        var yuzhong = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "500103")).First(u => u.Code == "500103").Id;
        var flagged = (await filings.ListAsync(scope, period, yuzhong, new FilingQuery(Status: EduGov.Domain.Filing.FilingStatus.Submitted, PageSize: 200)))
            .Items.First(r => r.Flags > 0);
        var page = _ctx.RenderPage<FilingEdit>(p => p.Add(x => x.PeriodId, period).Add(x => x.SchoolId, flagged.SchoolId));

        page.WaitForAssertion(() => page.Find("#filing-comparison").TextContent.ShouldContain("逐项核对"));
        page.FindAll("[data-field] input").ShouldBeEmpty();   // the comparison replaces the read-only form
        var row = page.Find("#filing-comparison td.field-name[data-field='StudentTerminals']").ParentElement!;
        row.TextContent.ShouldContain("学校说明：本学期起两个平板教学实验班");
        row.ClassList.ShouldContain("changed");
        page.FindAll("#filing-comparison td.field-name").Count.ShouldBeLessThan(28);   // what changed or was flagged first

        row.QuerySelector(".return-field input")!.Change(true);
        page.WaitForAssertion(() => page.Find(".return-reason textarea").GetAttribute("value").ShouldBe("说明不足以解释该数据，请核实"));
        page.Find("#return-filing").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find("#comment-ok").HasAttribute("disabled").ShouldBeFalse());   // the comment is optional
        _ctx.Dialogs.Find("#comment-ok").Click();

        page.WaitForAssertion(() => page.Find(".filing-status").GetAttribute("data-status").ShouldBe("Returned"), TimeSpan.FromSeconds(5));
        // The district may file for its schools: its form now shows the returned figure with its reason, and no other.
        page.FindAll("[data-field]").Select(f => f.GetAttribute("data-field")).ShouldBe(["StudentTerminals"]);
        page.Find("#returned-fields").TextContent.ShouldContain("学生终端数：说明不足以解释该数据，请核实");
        page.Find("[data-field='StudentTerminals'] .field-returned").TextContent.ShouldBe("退回理由：说明不足以解释该数据，请核实");
    }

    [Fact]
    public async Task TheCommission_TunesThePeriodsQualityRules()
    {
        var scope = _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<FilingOverview>();
        await page.WaitForAssertionAsync(() => page.Find("#edit-period"), TimeSpan.FromSeconds(10));

        page.Find("#edit-period").Click();
        await _ctx.Dialogs.WaitForAssertionAsync(() => _ctx.Dialogs.Find("#quality-thresholds").TextContent.ShouldContain("跳变倍数"), TimeSpan.FromSeconds(10));
        _ctx.Dialogs.Find("#jump-factor").GetAttribute("value").ShouldBe("3");
        _ctx.Dialogs.Find("#jump-factor").Change("5");
        _ctx.Dialogs.Find("#period-save").Click();

        var filings = _ctx.Services.GetRequiredService<FilingService>();
        await _ctx.Dialogs.WaitForAssertionAsync(() => _ctx.Dialogs.FindAll("#quality-thresholds").ShouldBeEmpty(), TimeSpan.FromSeconds(10));   // saved and closed
        (await filings.CurrentPeriodAsync(scope))!.Quality.ShouldBe(new EduGov.Domain.Filing.QualityThresholds(JumpFactor: 5));
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
