using Microsoft.Data.Sqlite;
using EduGov.Infrastructure;

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

    /// <summary>Uploaded files live under the content root unless an absolute path is configured.</summary>
    public static void ResolveFilesPath(this ConfigurationManager configuration, string contentRoot)
    {
        var key = $"{EduGovOptions.Section}:{nameof(EduGovOptions.FilesPath)}";
        configuration[key] = Path.GetFullPath(configuration[key] ?? new EduGovOptions().FilesPath, contentRoot);
    }

    /// <summary>Demo accounts with a published password must never exist in production.</summary>
    public static void RefuseDemoDataInProduction(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EduGovOptions.Section).Get<EduGovOptions>() ?? new EduGovOptions();
        if (options.Demo.Enabled && builder.Environment.IsProduction())
            throw new InvalidOperationException(
                "EduGov:Demo:Enabled is true in the Production environment. Demo data (and its demo accounts) is for the embedded default only.");
    }
}
