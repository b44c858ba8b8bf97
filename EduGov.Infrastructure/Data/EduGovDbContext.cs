using EduGov.Domain.Audit;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Domain.Designations;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Domain.Jobs;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Data;

/// <summary>
/// The portal's database. Each provider has a subclass (<see cref="SqliteDbContext"/>, <see cref="SqlServerDbContext"/>,
/// <see cref="PostgreSqlDbContext"/>) so that each keeps its own migrations; the model is this one.
/// </summary>
public abstract class EduGovDbContext : IdentityUserContext<AppUser>, IDataProtectionKeyContext
{
    protected EduGovDbContext(DbContextOptions options) : base(options) =>
        // Every save in a transaction, even of one row, so its audit entries are sealed in the same commit.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;

    /// <summary>Who is writing through this context; the audit trail records it.</summary>
    public string Actor { get; set; } = "system";

    /// <summary>The org path of the actor's unit, so the audit trail can be read by unit.</summary>
    public string? ActorUnit { get; set; }

    /// <summary>Audit entries of this context's saves, waiting for their transaction to commit.</summary>
    public PendingAudit PendingAudit { get; } = new();

    /// <summary>
    /// An entry a service records itself (an export, a download, a sign-in), written by the next save: never a tracked row,
    /// since the chain gives its id when it is sealed.
    /// </summary>
    public void Audit(AuditEntry entry)
    {
        entry.AttributeTo(Actor, ActorUnit);
        PendingAudit.Add(entry);
    }

    /// <summary>Bulk loads (seeding, later imports) write one summary entry instead of one per row.</summary>
    public bool AuditRows { get; set; } = true;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<IndicatorValue> IndicatorValues => Set<IndicatorValue>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Domain.Identity.UserSession> UserSessions => Set<Domain.Identity.UserSession>();
    internal DbSet<Audit.AuditChainHead> AuditChainHeads => Set<Audit.AuditChainHead>();
    public DbSet<ReportingPeriod> ReportingPeriods => Set<ReportingPeriod>();
    public DbSet<SchoolFiling> Filings => Set<SchoolFiling>();
    public DbSet<FilingEvent> FilingEvents => Set<FilingEvent>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<Teacher> Teachers => Set<Teacher>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<ComplianceRule> ComplianceRules => Set<ComplianceRule>();
    public DbSet<ComplianceTally> ComplianceTallies => Set<ComplianceTally>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<InformationSystem> InformationSystems => Set<InformationSystem>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<RemediationItem> RemediationItems => Set<RemediationItem>();
    public DbSet<SecurityCheck> SecurityChecks => Set<SecurityCheck>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<SurveillanceAccess> SurveillanceAccess => Set<SurveillanceAccess>();
    public DbSet<GeneratedDocument> GeneratedDocuments => Set<GeneratedDocument>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    /// <summary>Users whose notifications this context's saves added or changed, told once the transaction commits.</summary>
    internal Notifications.PendingNotices PendingNotices { get; } = new();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<Inspection> Inspections => Set<Inspection>();
    public DbSet<RectificationItem> RectificationItems => Set<RectificationItem>();
    public DbSet<Domain.Urging.UrgingCase> Urgings => Set<Domain.Urging.UrgingCase>();
    public DbSet<Domain.Bulletins.Bulletin> Bulletins => Set<Domain.Bulletins.Bulletin>();
    public DbSet<Domain.Bulletins.BulletinIssue> BulletinIssues => Set<Domain.Bulletins.BulletinIssue>();
    public DbSet<Domain.Bulletins.BulletinMention> BulletinMentions => Set<Domain.Bulletins.BulletinMention>();
    public DbSet<Domain.Exchange.ApiClient> ApiClients => Set<Domain.Exchange.ApiClient>();

    /// <summary>ASP.NET Data Protection keys, shared by every web instance so cookies and circuits survive a switch.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EduGovDbContext).Assembly);
    }
}

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : EduGovDbContext(options);

public sealed class SqlServerDbContext(DbContextOptions<SqlServerDbContext> options) : EduGovDbContext(options);

public sealed class PostgreSqlDbContext(DbContextOptions<PostgreSqlDbContext> options) : EduGovDbContext(options)
{
    /// <summary>
    /// The model's DateTimes are UTC instants (…Utc) or calendar dates, kept without a zone as SQLite and SQL Server keep
    /// them; so here too ("timestamp without time zone", not Npgsql's default timestamptz). Npgsql refuses a DateTime of
    /// Kind Utc for that type, so the Kind is dropped on the way in; values read back are Unspecified, as from SQLite.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        builder.Properties<DateTime>().HaveColumnType("timestamp without time zone").HaveConversion<KindDropped>();
        builder.Properties<DateTime?>().HaveColumnType("timestamp without time zone").HaveConversion<KindDropped>();
    }

    private sealed class KindDropped() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);
}
