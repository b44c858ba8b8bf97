using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Seeding;
using EduGov.Web;
using EduGov.Infrastructure.Supervision;
using EduGov.Web.Api;
using EduGov.Web.Cli;
using EduGov.Web.Exchange;
using EduGov.Web.Components;
using EduGov.Web.Identity;
using EduGov.Web.Operations;
using EduGov.Web.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.ResolveSqlitePath(builder.Environment.ContentRootPath);
builder.Configuration.ResolveFolders(builder.Environment.ContentRootPath);
builder.RefuseDemoDataInProduction();
builder.AddSecurityBaseline();
builder.AddMonitoring();

builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddScoped<IDocumentGenerator, DocumentGenerator>();
// The workbench's live-refresh hook: one per circuit, so a notification in one browser refreshes only that user's pages.
builder.Services.AddScoped<EduGov.Web.Components.Pages.Workbench.TaskRefresh>();
builder.Services.AddScoped<EduGov.Infrastructure.Bulletins.IBulletinPrinter, DocumentGenerator>();
// Chinese text as characters, not numeric entities, in server-rendered HTML.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.AddMudServices();
builder.Services.AddTransient<MudBlazor.MudLocalizer, EduGov.Web.Components.Layout.PortalMudLocalizer>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthentication(ExchangeApi.CookieOrBearer).AddExchangeApi(builder).AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.Cookie.Name = "EduGov.Auth";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SameSite = SameSiteMode.Lax;
    cookie.LoginPath = "/account/login";
    cookie.AccessDeniedPath = "/account/denied";
    cookie.Events.OnRedirectToLogin = ApiAware(StatusCodes.Status401Unauthorized);
    cookie.Events.OnRedirectToAccessDenied = ApiAware(StatusCodes.Status403Forbidden);
});
builder.Services.AddServerSessions();
builder.Services.AddAuthorization();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
});

var app = builder.Build();

// Before the start-up seeding: a backup only reads, and a restore must not migrate or seed the database it replaces
// (nor fail on the damaged one it is there to replace).
if (args is ["backup" or "restore", ..]) return await BackupCommand.RunAsync(app.Services, args);
await app.Services.GetRequiredService<DataSeeder>().InitializeAsync();
if (args is ["report", ..]) return await ReportCommand.RunAsync(app.Services, args);
if (args is ["audit", ..]) return await AuditCommand.RunAsync(app.Services, args);
if (args is ["import", ..]) return await ImportCommand.RunAsync(app.Services, args);
if (args is ["client", ..]) return await ClientCommand.RunAsync(app.Services, args);

app.UseSecurityBaseline();
app.UseExceptionHandler();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(Cultures.Default),
    SupportedCultures = Cultures.Supported.Select(c => new CultureInfo(c)).ToList(),
    SupportedUICultures = Cultures.Supported.Select(c => new CultureInfo(c)).ToList(),
    RequestCultureProviders = [new CookieRequestCultureProvider()],
});
app.UseAuthentication();
app.UseExchangeApi();
app.UseUserLogScope();
app.UseAuthorization();
app.UseTwoFactorSetup();
app.UsePageQueryValidation();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAccountEndpoints();
app.MapPlanApi();
app.MapFilingEndpoints();
app.MapTrainingEndpoints();
app.MapDesignationEndpoints();
app.MapSecurityEndpoints();
app.MapDocumentEndpoints();
app.MapBulletinEndpoints();
app.MapAuditEndpoints();
app.MapWorkbenchEndpoints();
app.MapExchangeEndpoints();
app.MapExchangeDocument();
app.MapHealth();
app.MapMetrics();

app.Run();
return 0;

static Func<Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, Task>
    ApiAware(int status) => context =>
{
    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(Monitoring.MetricsPath)) context.Response.StatusCode = status;
    else context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
};

public partial class Program;
