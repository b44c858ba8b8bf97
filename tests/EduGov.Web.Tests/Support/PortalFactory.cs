using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Identity;
using EduGov.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Support;

/// <summary>The whole portal in memory (real Program, real middleware) on a seeded SQLite file of its own.</summary>
public partial class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"edugov-api-{Guid.NewGuid():N}.db");

    /// <summary>The portal's address as its users reach it, which documents link to.</summary>
    public const string PublicUrl = "https://edugov.example.cn";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:EduGov", $"Data Source={_path};Pooling=False");
        builder.UseSetting("EduGov:Demo:Enabled", "true");
        // The demo's evidence files (and the tests' uploads) beside the database, deleted with it.
        builder.UseSetting("EduGov:FilesPath", _path + "-files");
        builder.UseSetting("EduGov:Jobs:SchedulerName", $"api-{Guid.NewGuid():N}");
        builder.UseSetting("EduGov:Audit:ChainKey", DemoDatabase.ChainKey);
        builder.UseSetting("EduGov:Notifications:PublicUrl", PublicUrl);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (StartsFromTheDemo) DemoDatabase.CopyTo(_path, Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
    }

    /// <summary>Whether the portal starts on a copy of the seeded demo database rather than seeding its own at start-up.</summary>
    protected virtual bool StartsFromTheDemo => true;

    /// <summary>Configuration a test's own portal adds to the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    /// <summary>A signed-out client that shows redirects instead of following them, at the factory's base address.</summary>
    public virtual HttpClient Anonymous() =>
        CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser that only replays the given Cookie header (a copied or stolen cookie).</summary>
    public HttpClient WithCookieHeader(string cookie)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>The sign-in cookie a client holds, as the Cookie header a browser would send.</summary>
    public static async Task<string> CookieHeaderAsync(HttpClient client)
    {
        // The test handler keeps its cookies to itself: a page that echoes nothing still lets us read them off the request.
        var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        var response = await client.SendAsync(request);
        return response.RequestMessage!.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : "";
    }

    // Each authenticator code opens one sign-in, so a third sign-in within 30 s waits for the next code: the accounts with a
    // second factor sign in once per portal and the tests share that session.
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _secondFactorSessions = new();

    /// <summary>
    /// Signs in the way a script would: read the form's anti-forgery token, post the form, keep the cookie. Admin and
    /// commission share one signed-in client per portal.
    /// </summary>
    public Task<HttpClient> SignedInAsync(string userName, string password = "Demo@12345") =>
        userName is "admin" or "commission"
            ? _secondFactorSessions.GetOrAdd(userName, _ => new(() => SignInFreshAsync(userName, password))).Value
            : SignInFreshAsync(userName, password);

    /// <summary>A sign-in of its own, for a test that changes its client's state (cookies, language, session).</summary>
    public async Task<HttpClient> SignInFreshAsync(string userName, string password = "Demo@12345")
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, userName, password);
        if (RedirectPath(response).StartsWith("/account/2fa"))
            response = await PostFormAsync(client, "/account/2fa", "two-factor", new() { ["Input.Code"] = await Authenticator.NextCodeAsync(userName) });
        var landed = RedirectPath(response);
        if (landed == "" || landed.StartsWith("/account"))
            throw new InvalidOperationException($"Sign-in of {userName} answered {response.StatusCode} {response.Headers.Location}.");
        return client;
    }

    /// <summary>A new account of the role in 重庆市, made directly through Identity, with the password Strong@Pass1.</summary>
    public async Task CreateAccountAsync(string userName, Role role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EduGovDbContext>();
        var city = await db.OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = userName, Role = role, OrgUnitId = city }, "Strong@Pass1");
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Where a redirect points, as a path and query ("" when it is not a redirect).</summary>
    public static string RedirectPath(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location is { } to
            ? new Uri(new Uri("http://localhost"), to).PathAndQuery
            : "";

    /// <summary>The demo admin's and commission's authenticator, one per portal: each of its codes is used once.</summary>
    public DemoAuthenticator Authenticator { get; } = new();

    /// <summary>Posts a server-rendered form the way a browser does: its anti-forgery token first.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync(path);
        fields["_handler"] = formName;
        fields["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs out with the portal's own sign-out button: the form and anti-forgery token of the home page.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        var home = await client.GetStringAsync("/");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(home).Groups[1].Value,
        }));
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password) =>
        PostFormAsync(client, "/account/login", "login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The latest audit entry of one user and action.</summary>
    public async Task<AuditEntry> LastAuditAsync(string actor, string action)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(a => a.Actor == actor && a.Action == action).OrderByDescending(a => a.Id).FirstAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        if (Directory.Exists(_path + "-files")) Directory.Delete(_path + "-files", recursive: true);
    }
}
