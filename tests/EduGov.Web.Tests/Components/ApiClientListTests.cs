using Bunit;
using EduGov.Domain.Exchange;
using EduGov.Infrastructure.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Seeding;
using MudBlazor;
using EduGov.Web.Components.Pages.Exchange;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class ApiClientListTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();
    private readonly AccessScope _admin;
    private ApiClientService Clients => _ctx.Services.GetRequiredService<ApiClientService>();

    public ApiClientListTests() => _admin = _ctx.SignInAs("admin");

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<ApiClientList> Render(string showing)
    {
        var page = _ctx.RenderPage<ApiClientList>();
        page.WaitForAssertion(() => page.Find("#client-table tbody").TextContent.ShouldContain(showing));
        return page;
    }

    [Fact]
    public async Task ApiClientList_ShowsNameUnitPermissionsExpiryLastUseAndStatus_InChinese()
    {
        await Clients.CreateAsync(_admin, new NewApiClient("渝教云", DemoUsers.DistrictCode, ApiPermissions.Values | ApiPermissions.Filings, 30));

        var row = Render("渝教云").Find("#client-table tbody tr");

        row.TextContent.ShouldContain("渝教云");
        row.TextContent.ShouldContain("渝中区（500103）");
        row.TextContent.ShouldContain("区县教委");
        row.TextContent.ShouldContain("指标数值");
        row.TextContent.ShouldContain("学校填报");
        row.TextContent.ShouldNotContain("网络安全");
        row.TextContent.ShouldContain("从未使用");
        row.TextContent.ShouldContain("有效");
    }

    [Fact]
    public async Task NewClient_ShowsTheSecretOnce_WithACopyButton_AndListsTheClient()
    {
        var page = Render("还没有 API 客户端");
        page.Find("#new-client").Click();
        var dialog = _ctx.Dialogs;
        dialog.WaitForElement("#client-name").Change("区县数据中心");
        var yuzhong = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(_admin, "渝中区")).First(u => u.Code == DemoUsers.DistrictCode);
        var unit = dialog.FindComponent<MudAutocomplete<OrgUnitOption>>();
        await unit.InvokeAsync(() => unit.Instance.SelectOptionAsync(yuzhong));
        dialog.Find("#save-client").Click();

        dialog.WaitForAssertion(() => dialog.Find("#client-secret").GetAttribute("value")!.ShouldStartWith(ApiSecret.Prefix));
        dialog.Markup.ShouldContain("只显示这一次");
        dialog.Find("#copy-secret").Click();
        _ctx.JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        dialog.Find("#close-secret").Click();

        page.WaitForAssertion(() => page.Find("#client-table tbody tr").TextContent.ShouldContain("区县数据中心"));
        page.Find("#client-table tbody tr").TextContent.ShouldContain("渝中区（500103）");
        page.Markup.ShouldNotContain(ApiSecret.Prefix);
    }

    [Fact]
    public async Task Revoke_AfterConfirming_ShowsTheClientRevoked()
    {
        await Clients.CreateAsync(_admin, new NewApiClient("统计系统", "500000", ApiPermissions.All, 30));
        var page = Render("统计系统");

        page.Find(".revoke-client").Click();
        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("此操作不能撤销"));
        _ctx.Dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "吊销").Click();

        page.WaitForAssertion(() => page.Find("#client-table tbody tr").TextContent.ShouldContain("已吊销"));
        page.FindAll(".revoke-client").ShouldBeEmpty();
    }
}
