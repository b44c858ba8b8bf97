using System.Text.RegularExpressions;
using System.Xml.Linq;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Web.Tests.Localisation;

/// <summary>zh-CN (the neutral resources) and en-US are both complete: every key the code asks for is in both.</summary>
public sealed partial class ResourceTests
{
    private static readonly string WebProject = FindWebProject();
    private static readonly Dictionary<string, string> Chinese = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Load("SharedResource.en-US.resx");

    [Fact]
    public void BothLanguages_HaveTheSameKeys_AndNoEmptyText()
    {
        Chinese.Keys.Except(English.Keys).ShouldBeEmpty();
        English.Keys.Except(Chinese.Keys).ShouldBeEmpty();
        Chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).ShouldBeEmpty();
        // A count's unit may have no English word: 12 个 is "12".
        English.Where(e => string.IsNullOrWhiteSpace(e.Value) && !e.Key.StartsWith("Unit.")).ShouldBeEmpty();
    }

    [Fact]
    public void EveryKeyUsedInTheCode_IsInTheResources()
    {
        var used = Directory.EnumerateFiles(WebProject, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        used.Count.ShouldBeGreaterThan(100);
        used.Where(k => !Chinese.ContainsKey(k)).ShouldBeEmpty();
    }

    [Fact]
    public void EveryDomainErrorCode_HasAMessage() =>
        typeof(ErrorCodes).GetFields().Select(f => $"Error.{f.GetValue(null)}").Where(k => !Chinese.ContainsKey(k)).ShouldBeEmpty();

    [Fact]
    public void EveryEnumValueShown_HasAName()
    {
        Type[] shown = [typeof(Role), typeof(OrgUnitKind), typeof(SchoolType), typeof(Direction), typeof(ValueSource), typeof(MilestoneStatus), typeof(ProgressStatus),
            typeof(Domain.Filing.FilingStatus), typeof(Domain.Filing.FilingAction), typeof(Domain.Filing.FilingStep), typeof(Domain.Filing.WirelessCoverage),
            typeof(Domain.Training.Gender), typeof(Domain.Training.Post), typeof(Domain.Training.TeacherStatus), typeof(Domain.Training.CourseCategory), typeof(Domain.Training.CourseMode),
            typeof(Domain.Designations.Tier), typeof(Domain.Designations.DesignationTarget), typeof(Domain.Designations.ApplicationStatus), typeof(Domain.Designations.ApplicationAction),
            typeof(Domain.Designations.DesignationStatus), typeof(Domain.Designations.ReevaluationDecision), typeof(Domain.Security.Hosting), typeof(Domain.Security.AssessmentResult),
            typeof(Domain.Security.SecurityLayer), typeof(Domain.Security.RiskSeverity), typeof(Domain.Security.RemediationStatus), typeof(Domain.Security.CheckKind), typeof(Domain.Security.IncidentCategory),
            typeof(Domain.Supervision.InspectionStatus), typeof(Domain.Supervision.RectificationStatus), typeof(Domain.Supervision.RectificationAction),
            typeof(Domain.Urging.UrgingSubject), typeof(Domain.Urging.UrgingStatus), typeof(Domain.Urging.UrgingAction),
            typeof(Domain.Notifications.NotificationKind), typeof(Domain.Notifications.KindGroup), typeof(Domain.Notifications.ChannelKind),
            typeof(Domain.Notifications.SmtpSecurity), typeof(Domain.Notifications.DeliveryStatus),
            typeof(Domain.Workbench.WorkKind), typeof(Domain.Workbench.WorkArea), typeof(Domain.Workbench.Urgency), typeof(Domain.Workbench.DateMeaning)];
        shown.SelectMany(t => Enum.GetNames(t).Select(n => $"Enum.{t.Name}.{n}")).Where(k => !Chinese.ContainsKey(k)).ShouldBeEmpty();
    }

    [Fact]
    public void EveryNotificationKind_SaysWhatItIsFor() =>
        Enum.GetNames<Domain.Notifications.NotificationKind>().Select(n => $"NotificationKind.Help.{n}").Where(k => !Chinese.ContainsKey(k)).ShouldBeEmpty();

    [Fact]
    public void EveryMetric_HasAName() =>
        MetricCatalog.All.Select(m => $"Metric.{m.Key}").Where(k => !Chinese.ContainsKey(k)).ShouldBeEmpty();

    /// <summary>The audit trail names each changed column: every column of every table has a name in both languages.</summary>
    [Fact]
    public void EveryColumnTheAuditTrailNames_HasAName()
    {
        using var db = new Infrastructure.Data.SqliteDbContext(new DbContextOptionsBuilder<Infrastructure.Data.SqliteDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        var columns = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Select(p => p.Name).Distinct().ToList();
        columns.Count.ShouldBeGreaterThan(100);
        var localizer = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions { ResourcesPath = "Resources" }),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).Create(typeof(SharedResource));
        columns.Where(c => EduGov.Web.Components.Pages.Admin.AuditText.AuditField(localizer, c) == c).Order().ShouldBeEmpty();
    }

    [GeneratedRegex("""L\["([A-Za-z0-9_.\-]+)"[\],]""")]
    private static partial Regex KeyPattern();

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static string FindWebProject()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EduGov.sln"))) return Path.Combine(dir.FullName, "EduGov.Web");
        throw new DirectoryNotFoundException("EduGov.sln not found above the test output.");
    }
}
