using EduGov.Infrastructure.Seeding;

namespace EduGov.Infrastructure;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

/// <summary>The "EduGov" configuration section.</summary>
public sealed class EduGovOptions
{
    public const string Section = "EduGov";

    /// <summary>
    /// Sqlite (embedded default), or for several web instances SqlServer or PostgreSql (also meant for the 信创 databases of
    /// its family); the connection string is ConnectionStrings:EduGov.
    /// </summary>
    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    public DemoOptions Demo { get; set; } = new();

    /// <summary>Where uploaded files (evidence) are kept: outside the web root, served only through scope checks.</summary>
    public string FilesPath { get; set; } = "App_Data/files";

    /// <summary>How often a level-2 system is re-assessed (等级测评), in months; levels 3 and above follow GB/T 22239 practice.</summary>
    public int Level2AssessmentMonths { get; set; } = 24;

    /// <summary>Where the embedded default keeps the keys it makes for itself (audit chain, Data Protection certificate): never in the database.</summary>
    public string KeysPath { get; set; } = "App_Data/keys";

    public AuditOptions Audit { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

    public DataProtectionOptions DataProtection { get; set; } = new();

    public BrowserOptions Browser { get; set; } = new();

    public JobSchedules Jobs { get; set; } = new();

    public NotificationOptions Notifications { get; set; } = new();

    public BackupOptions Backup { get; set; } = new();

    public MonitoringOptions Monitoring { get; set; } = new();
    public ApiOptions Api { get; set; } = new();
}

/// <summary>What /healthz checks and who may read the details of /healthz and the metrics on /metrics.</summary>
public sealed class MonitoringOptions
{
    /// <summary>
    /// A secret that Prometheus (or any monitoring system) sends as "Authorization: Bearer …" to read /metrics and the details of
    /// /healthz; without it only a signed-in administrator may. Never logged.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Free space on the disk of <see cref="EduGovOptions.FilesPath"/> below which /healthz answers 503 (uploads and documents would fail).</summary>
    public long MinFreeDiskMegabytes { get; set; } = 1024;
}

/// <summary>The exchange API that API clients (service accounts) read.</summary>
public sealed class ApiOptions
{
    /// <summary>How many calls one client may make in a minute; beyond it the API answers 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>The most rows one page of the exchange API holds.</summary>
    public int MaxPageSize { get; set; } = 1000;
}

/// <summary>The nightly backup (等保 2.0: 重要数据的本地备份与恢复): where its copies go and how many are kept.</summary>
public sealed class BackupOptions
{
    /// <summary>
    /// The folder the nightly job writes its copies into, one folder each (edugov-yyyyMMdd-HHmmss); relative paths are under
    /// the content root. Point it at another disk: a copy on the disk it protects is lost with that disk.
    /// </summary>
    public string Path { get; set; } = "App_Data/backups";

    /// <summary>How many nightly copies are kept: after a new one is made, the oldest beyond this are deleted.</summary>
    public int Keep { get; set; } = 7;
}

/// <summary>The outbound channels' outbox: how deliveries are sent and retried.</summary>
public sealed class NotificationOptions
{
    /// <summary>
    /// The portal's address as users reach it (e.g. https://edugov.cq.edu.cn), so a message sent outward links to the page
    /// where it is dealt with; without it the message names the page's path.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Attempts in all for one delivery before it is marked failed (an administrator may send it again).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Deliveries one run of the job sends at most (the rest wait for the next minute).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long one webhook post or SMTP conversation may take before it counts as failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public Domain.Notifications.DeliveryRetry Retry => new(MaxAttempts, FirstRetryDelay, MaxRetryDelay);
}

/// <summary>
/// Quartz cron expressions (seconds first) of the scheduled jobs, in the server's time zone. They are the schedules of a
/// new database; once the 任务调度 page changes one, the stored schedule is kept across restarts.
/// </summary>
public sealed class JobSchedules
{
    /// <summary>The schedule's name in the Quartz tables: the same on every web instance that shares it.</summary>
    public string SchedulerName { get; set; } = "EduGov";

    /// <summary>
    /// This instance's name in a cluster, as the run history shows it (e.g. the machine's name); unique on every instance
    /// that shares the schedule. AUTO: Quartz makes one of the host name and the start time.
    /// </summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How often a clustered instance tells the others it is alive; one silent for about twice this is taken for
    /// dead, and the jobs it was running are run again on another (Quartz's recovery).</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>Every computed indicator recounted from its base data: nightly at 02:00.</summary>
    public string RecountIndicators { get; set; } = "0 0 2 * * ?";

    /// <summary>Reminders of deadlines near and items overdue, as in-app notifications: daily at 07:00.</summary>
    public string SendReminders { get; set; } = "0 0 7 * * ?";

    /// <summary>Unanswered 督办 past their deadline marked overdue, and escalated to the superior when long overdue: daily at 06:30.</summary>
    public string EscalateUrgings { get; set; } = "0 30 6 * * ?";

    /// <summary>Every district's 督导报告: quarterly, at 03:00 on the first day of January, April, July and October.</summary>
    public string MakeSupervisionReports { get; set; } = "0 0 3 1 1,4,7,10 ?";

    /// <summary>Every city's 白皮书 of the previous year: yearly, on 20 January at 04:00.</summary>
    public string MakeWhitePapers { get; set; } = "0 0 4 20 1 ?";

    /// <summary>The whole audit chain checked, administrators told of a break: nightly at 01:30.</summary>
    public string VerifyAuditTrail { get; set; } = "0 30 1 * * ?";

    /// <summary>A backup of the database and the evidence and document files, the oldest beyond Backup:Keep deleted: nightly at 01:00.</summary>
    public string MakeBackup { get; set; } = "0 0 1 * * ?";

    /// <summary>The outbox of the outbound channels (企业微信, 钉钉, e-mail) sent: every minute.</summary>
    public string DeliverNotifications { get; set; } = "0 * * * * ?";

    /// <summary>Runs in all for a job that keeps failing (the first and its retries).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each further retry waits that much longer.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A firing later than this (the portal was down or busy) is a misfire: it runs once on return, recorded as a catch-up.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The headless browser that prints documents to PDF: the system's Chromium, Chrome or Edge, never a download.</summary>
public sealed class BrowserOptions
{
    /// <summary>The browser's executable; by default <see cref="Supervision.SystemBrowser.ExecutablePath"/>.</summary>
    public string? ExecutablePath { get; set; }

    /// <summary>Instead of a path, an installed channel: "chrome" or "msedge".</summary>
    public string? Channel { get; set; }
}

public sealed class AuditOptions
{
    /// <summary>The audit chain's key, base64 of at least 32 random bytes, the same on every instance; else one is made under KeysPath.</summary>
    public string? ChainKey { get; set; }
}

/// <summary>登录连接超时自动退出: sessions kept on the server, ended by sign-out, lock, or a change to the account.</summary>
public sealed class SessionOptions
{
    /// <summary>A session with no request and no input on an open page for this long is over.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session is over this long after sign-in.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open page asks whether its session still stands (a lock elsewhere reaches it within this time).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The certificate that encrypts the Data Protection keys kept in the database (they sign every cookie).</summary>
public sealed class DataProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx) file with the private key; else the embedded default makes one under KeysPath.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class DemoOptions
{
    /// <summary>Load demo schools, demo accounts and demo values. Refused in the Production environment.</summary>
    public bool Enabled { get; set; }

    /// <summary>Demo: a few hundred schools over all districts. City: about 9,000 schools under 重庆市, for load work.</summary>
    public DemoScale Scale { get; set; } = DemoScale.Demo;

    public int Seed { get; set; } = 2019;
}
