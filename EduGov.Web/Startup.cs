using Microsoft.Data.Sqlite;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Identity;

namespace EduGov.Web;

public static class Cultures
{
    public const string Default = "zh-CN";
    public static readonly string[] Supported = ["zh-CN", "en-US"];
}

internal static class Startup
{
    /// <summary>A relative SQLite file is kept under the content root, and its folder is made on first start.</summary>
    public static void ResolveSqlitePath(this ConfigurationManager configuration, string contentRoot)
    {
        var options = configuration.GetSection(EduGovOptions.Section).Get<EduGovOptions>() ?? new EduGovOptions();
        if (options.DatabaseProvider != DatabaseProvider.Sqlite) return;
        var connection = new SqliteConnectionStringBuilder(configuration.GetConnectionString("EduGov"));
        if (connection.DataSource is "" or ":memory:" || connection.Mode == SqliteOpenMode.Memory) return;
        var path = Path.GetFullPath(connection.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        connection.DataSource = path;
        configuration["ConnectionStrings:EduGov"] = connection.ToString();
    }

    /// <summary>Uploaded files, the embedded default's keys and the nightly backups live under the content root unless an absolute path is configured.</summary>
    public static void ResolveFolders(this ConfigurationManager configuration, string contentRoot)
    {
        var defaults = new EduGovOptions();
        foreach (var (name, value) in new[] { (nameof(EduGovOptions.FilesPath), defaults.FilesPath), (nameof(EduGovOptions.KeysPath), defaults.KeysPath),
                     ("Backup:Path", defaults.Backup.Path) })
        {
            var key = $"{EduGovOptions.Section}:{name}";
            configuration[key] = Path.GetFullPath(configuration[key] ?? value, contentRoot);
        }
    }

    /// <summary>Demo accounts with a published password must never exist in production.</summary>
    public static void RefuseDemoDataInProduction(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EduGovOptions.Section).Get<EduGovOptions>() ?? new EduGovOptions();
        if (options.Demo.Enabled && builder.Environment.IsProduction())
            throw new InvalidOperationException(
                "EduGov:Demo:Enabled is true in the Production environment. Demo data (and its demo accounts) is for the embedded default only.");
    }

    /// <summary>
    /// An account that needs a second factor and has not set it up opens nothing but its set-up page, sign-out and the
    /// static files those pages use: no other page, API call or download.
    /// </summary>
    public static void UseTwoFactorSetup(this WebApplication app) => app.Use(async (http, next) =>
    {
        var allowed = http.Request.Path.StartsWithSegments("/account")
                      || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;
        if (allowed || !http.User.HasClaim(ScopeClaims.TwoFactorPending, "true"))
        {
            await next();
            return;
        }
        if (http.Request.Path.StartsWithSegments("/api"))
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Set up two-factor sign-in first: /account/2fa/setup").ExecuteAsync(http);
        else
            http.Response.Redirect("/account/2fa/setup");
    });
}
