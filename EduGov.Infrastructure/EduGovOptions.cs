using EduGov.Infrastructure.Seeding;

namespace EduGov.Infrastructure;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>The "EduGov" configuration section.</summary>
public sealed class EduGovOptions
{
    public const string Section = "EduGov";

    /// <summary>Sqlite (embedded default) or SqlServer (production); the connection string is ConnectionStrings:EduGov.</summary>
    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    public DemoOptions Demo { get; set; } = new();

    /// <summary>Where uploaded files (evidence) are kept: outside the web root, served only through scope checks.</summary>
    public string FilesPath { get; set; } = "App_Data/files";

    /// <summary>How often a level-2 system is re-assessed (等级测评), in months; levels 3 and above follow GB/T 22239 practice.</summary>
    public int Level2AssessmentMonths { get; set; } = 24;

    public BrowserOptions Browser { get; set; } = new();

    public JobSchedules Jobs { get; set; } = new();
}

/// <summary>Quartz cron expressions (seconds first) of the scheduled jobs, in the server's time zone.</summary>
public sealed class JobSchedules
{
    /// <summary>Every computed indicator recounted from its base data: nightly at 02:00.</summary>
    public string RecountIndicators { get; set; } = "0 0 2 * * ?";
}

/// <summary>The headless browser that prints documents to PDF: the system's Chromium, Chrome or Edge, never a download.</summary>
public sealed class BrowserOptions
{
    /// <summary>The browser's executable; by default EDUGOV_CHROMIUM, else /usr/bin/chromium (Debian's package).</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Instead of a path, an installed channel: "chrome" or "msedge".</summary>
    public string? Channel { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Load demo schools, demo accounts and demo values. Refused in the Production environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>Demo: a few hundred schools over all districts. City: about 9,000 schools under 重庆市, for load work.</summary>
    public DemoScale Scale { get; set; } = DemoScale.Demo;

    public int Seed { get; set; } = 2019;
}
