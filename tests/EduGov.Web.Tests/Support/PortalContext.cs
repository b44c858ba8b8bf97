using System.Globalization;
using System.Security.Claims;
using Bunit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Seeding;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace EduGov.Web.Tests.Support;

/// <summary>
/// A bUnit context wired like the portal: MudBlazor, zh-CN resources, and the real infrastructure services on a
/// seeded SQLite database file, signed in as one of the demo accounts.
/// </summary>
public sealed class PortalContext : BunitContext
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"edugov-bunit-{Guid.NewGuid():N}.db");

    public PortalContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        JSInterop.Mode = JSRuntimeMode.Loose;
        DemoDatabase.CopyTo(_path);
        var configuration = DemoDatabase.Configuration(_path);
        // Started as the portal starts: the seeder finds the copied data and adds nothing.
        DemoDatabase.SeedAsync(configuration).GetAwaiter().GetResult();
        Services.AddLogging();
        Services.AddDataProtection();
        Services.AddInfrastructure(configuration);
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddScoped<EduGov.Web.Components.Pages.Workbench.TaskRefresh>();
    }

    /// <summary>Signs in as a demo account: the claims its cookie would carry.</summary>
    public AccessScope SignInAs(string userName)
    {
        var account = DemoUsers.All.Single(a => a.UserName == userName);
        var path = account.OrgUnitCode switch
        {
            null => null,
            "500000" => "/500000/",
            "500103" => "/500000/500103/",
            var school => $"/500000/500103/{school}/",
        };
        var auth = AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(account.Role.ToString());
        var claims = new List<Claim> { new(ScopeClaims.DisplayName, account.DisplayName) };
        if (path is not null) claims.Add(new Claim(ScopeClaims.OrgPath, path));
        auth.SetClaims([.. claims]);
        return new AccessScope(userName, account.Role, path);
    }

    /// <summary>Where the page's open dialogs render.</summary>
    public IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>Renders a page with the providers the layout gives it (dialogs and snackbars).</summary>
    public IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent
    {
        Dialogs = Render<MudDialogProvider>();
        return Render(parameters ?? (_ => { }));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        if (Directory.Exists(_path + "-files")) Directory.Delete(_path + "-files", recursive: true);
    }
}
