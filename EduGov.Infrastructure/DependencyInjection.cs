using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Training;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Jobs;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EduGovOptions>(configuration.GetSection(EduGovOptions.Section));
        var options = configuration.GetSection(EduGovOptions.Section).Get<EduGovOptions>() ?? new EduGovOptions();
        var connectionString = configuration.GetConnectionString("EduGov")
            ?? throw new InvalidOperationException("ConnectionStrings:EduGov is not set.");

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<EduGovMetrics>();
        services.AddSingleton(sp => AuditKey.From(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EduGovOptions>>().Value));
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Notifications.NotificationHub>();
        services.AddSingleton<Notifications.NotificationInterceptor>();
        services.AddSingleton<AuditTrail>();
        services.AddDbContextFactory(options.DatabaseProvider, connectionString);
        services.AddScoped<EduGovDbContext>(sp => sp.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext());
        var certificate = DataProtectionCertificate.Load(options);
        services.AddDataProtection().SetApplicationName("EduGov").PersistKeysToDbContext<EduGovDbContext>()
            .ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);

        services.AddIdentityCore<AppUser>(identity =>
            {
                identity.Password.RequiredLength = 8;
                identity.Password.RequireNonAlphanumeric = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<EduGovDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        services.AddScoped<AccountService>();
        services.AddSingleton<SessionEvents>();
        services.AddSingleton<SessionService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<OrgUnitService>();
        services.AddScoped<PlanService>();
        services.AddScoped<ProgressService>();
        services.AddScoped<ValueSourcesService>();
        services.AddScoped<CatalogExport>();
        services.AddScoped<AuditService>();
        services.AddScoped<FilingService>();
        services.AddScoped<CoverageService>();
        services.AddScoped<CoverageDashboard>();
        services.AddScoped<FilingImport>();
        services.AddScoped<EvidenceStore>();
        services.AddScoped<TrainingImport>();
        services.AddScoped<ComplianceService>();
        services.AddScoped<TrainingService>();
        services.AddScoped<TrainingDashboard>();
        services.AddScoped<CourseService>();
        services.AddScoped<RuleService>();
        services.AddScoped<TeacherImport>();
        services.AddScoped<ProgrammeService>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<DesignationService>();
        services.AddScoped<EduGov.Infrastructure.Security.SecurityService>();
        services.AddScoped<HealthService>();
        services.AddScoped<Supervision.InspectionService>();
        services.AddScoped<Supervision.DocumentData>();
        services.AddScoped<Supervision.DocumentArchive>();
        services.AddSingleton<Supervision.IPdfPrinter, Supervision.ChromiumPdfPrinter>();
        services.AddSingleton<DataSeeder>();

        services.AddScoped<Planning.ComputedIndicators>();
        services.AddScoped<Supervision.ScheduledDocuments>();
        services.AddScoped<Notifications.ReminderService>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Urging.UrgingService>();
        services.AddScoped<Notifications.PreferenceService>();
        services.AddScoped<Notifications.ChannelService>();
        services.AddScoped<Notifications.DeliveryService>();
        services.AddScoped<Notifications.OutboxSender>();
        services.AddSingleton<Notifications.ChannelProtector>();
        services.AddSingleton<Notifications.ChannelSender>();
        services.AddHttpClient(Notifications.ChannelSender.HttpClientName, client => client.Timeout = options.Notifications.SendTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false, UseProxy = true });
        services.AddScoped<Workbench.WorkbenchService>();
        services.AddScoped<Bulletins.BulletinData>();
        services.AddScoped<Bulletins.BulletinService>();
        services.AddScoped<Bulletins.IUrgingSource>(sp => sp.GetRequiredService<Urging.UrgingService>());
        services.AddScoped<Jobs.SchedulerService>();
        services.AddScoped<Backups.BackupService>();
        services.AddScoped<Exchange.ApiClientService>();
        services.AddScoped<Exchange.ExchangeService>();
        services.AddJobs(options, connectionString);
        return services;
    }

    // A list in a query (ids.Contains(x)) goes as one parameter (JSON, or an array on PostgreSQL), not one per item: the lists
    // here run to a city's 9,000 schools or 400,000 teachers, beyond SQL Server's 2,100 parameters and SQLite's 32,766.
    private static void AddDbContextFactory(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        void Configure(IServiceProvider sp, DbContextOptionsBuilder builder) =>
            // Notifications first: the deliveries it adds to a save are audited with the rest of it.
            builder.AddInterceptors(sp.GetRequiredService<Notifications.NotificationInterceptor>(), sp.GetRequiredService<AuditInterceptor>());

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContextFactory<SqliteDbContext>((sp, b) =>
                    Configure(sp, b.UseSqlite(connectionString, sql => sql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))));
                services.AddSingleton<IDbContextFactory<EduGovDbContext>, Upcast<SqliteDbContext>>();
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContextFactory<SqlServerDbContext>((sp, b) =>
                    Configure(sp, b.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure().UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))));
                services.AddSingleton<IDbContextFactory<EduGovDbContext>, Upcast<SqlServerDbContext>>();
                break;
            // No retrying strategy here: it refuses the transactions that imports and the audit chain open themselves.
            case DatabaseProvider.PostgreSql:
                services.AddDbContextFactory<PostgreSqlDbContext>((sp, b) =>
                    Configure(sp, b.UseNpgsql(connectionString, sql => sql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))));
                services.AddSingleton<IDbContextFactory<EduGovDbContext>, Upcast<PostgreSqlDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {provider}.");
        }
    }

    /// <summary>Hands out the provider's context as the shared <see cref="EduGovDbContext"/> type services use.</summary>
    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<EduGovDbContext> where T : EduGovDbContext
    {
        public EduGovDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
