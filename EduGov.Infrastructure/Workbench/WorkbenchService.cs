using System.Reflection;
using EduGov.Domain.Organisation;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Workbench;

/// <summary>
/// Marks a method of <see cref="WorkbenchService"/> as a source of tasks for the given roles. A source has the signature
/// <c>Task&lt;IEnumerable&lt;WorkItem&gt;&gt; Name(EduGovDbContext db, WorkContext context, CancellationToken ct)</c>, reads its
/// area's own tables within the user's scope (a few aggregated queries, never one per row) and says nothing of order or urgency:
/// <see cref="WorkRules"/> decides those. Adding a source (e.g. 督办 to answer) is one such method, in a file of its own if
/// wished (the class is partial): it is found at start-up.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TaskSourceAttribute(params Role[] roles) : Attribute
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>The user's own org unit, as the sources need it.</summary>
public sealed record WorkUnit(int Id, string Code, string Name, OrgUnitKind Kind, string Path);

/// <summary>A reporting period of the user's city that the workbench looks at: the open ones, or else the latest.</summary>
public sealed record WorkPeriod(int Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, bool IsOpen);

/// <summary>What every source needs to know, read once per request: who asks, on which day, their unit and their city's current periods.</summary>
public sealed record WorkContext(AccessScope Scope, DateOnly Today, DateTime NowUtc, TimeZoneInfo Zone, WorkUnit? Unit, IReadOnlyList<WorkPeriod> Periods)
{
    /// <summary>A school's principal sees each of its things as a task of its own; a district or city sees them summed.</summary>
    public bool OneByOne => Unit?.Kind == OrgUnitKind.School;

    /// <summary>The local day of a time stored in UTC.</summary>
    public DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>The UTC instant a local day ends (a deadline is met until midnight).</summary>
    public DateTime EndOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);
}

/// <summary>
/// The workbench (工作台): each role's to-do list, derived from the areas' own tables (never a second copy of their state) within
/// the user's scope. The home page and <c>GET /api/me/tasks</c> both read it. The sources run one after another on one context;
/// the rules of urgency and order are the Domain's (<see cref="WorkRules"/>).
/// </summary>
public sealed partial class WorkbenchService(IDbContextFactory<EduGovDbContext> factory, AuditTrail trail, IOptions<EduGovOptions> options,
    TimeProvider clock)
{
    private delegate Task<IEnumerable<WorkItem>> Source(WorkbenchService service, EduGovDbContext db, WorkContext context, CancellationToken ct);

    private sealed record SourceEntry(string Name, IReadOnlyList<Role> Roles, Source Read);

    private static readonly IReadOnlyList<SourceEntry> Sources = Discover();

    /// <summary>The names of the sources that make a role's list (for tests and diagnostics).</summary>
    public static IReadOnlyList<string> SourcesOf(Role role) => Sources.Where(s => s.Roles.Contains(role)).Select(s => s.Name).ToList();

    public async Task<WorkList> TasksAsync(AccessScope scope, CancellationToken ct = default)
    {
        // One context for all the sources, one after another: each is a few small aggregated queries, and side by side on contexts
        // of their own they cost twice the processor time (a connection and a context each) for no gain on a busy server.
        await using var db = await factory.OpenAsync(scope, ct);
        var context = await ContextAsync(db, scope, ct);
        var items = new List<WorkItem>();
        foreach (var source in Sources.Where(s => s.Roles.Contains(scope.Role)))
            items.AddRange(await source.Read(this, db, context, ct));
        return WorkRules.Arrange(items, context.Today);
    }

    private async Task<WorkContext> ContextAsync(EduGovDbContext db, AccessScope scope, CancellationToken ct)
    {
        var zone = clock.LocalTimeZone;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var now = clock.GetUtcNow().UtcDateTime;
        if (scope.OrgPath is null) return new WorkContext(scope, today, now, zone, null, []);
        var cityPath = scope.Lineage[0];
        var unit = await db.OrgUnits.Where(u => u.Path == scope.OrgPath)
            .Select(u => new WorkUnit(u.Id, u.Code, u.Name, u.Kind, u.Path)).SingleOrDefaultAsync(ct);
        var periods = await (from p in db.ReportingPeriods
                             join c in db.OrgUnits on p.CityId equals c.Id
                             where c.Path == cityPath
                             select new { p.Id, p.Name, p.OpensOn, p.ClosesOn }).ToListAsync(ct);
        var open = periods.Where(p => p.OpensOn <= today && today <= p.ClosesOn).ToList();
        var current = open.Count > 0 ? open : periods.Where(p => p.OpensOn <= today).OrderByDescending(p => p.ClosesOn).Take(1).ToList();
        return new WorkContext(scope, today, now, zone, unit,
            current.Select(p => new WorkPeriod(p.Id, p.Name, p.OpensOn, p.ClosesOn, p.OpensOn <= today && today <= p.ClosesOn)).ToList());
    }

    private static List<SourceEntry> Discover()
    {
        var sources = new List<SourceEntry>();
        foreach (var method in typeof(WorkbenchService).GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public))
        {
            if (method.GetCustomAttribute<TaskSourceAttribute>() is not { } attribute) continue;
            var read = (Source?)Delegate.CreateDelegate(typeof(Source), null, method, throwOnBindFailure: false)
                ?? throw new InvalidOperationException($"Task source {method.Name} must be Task<IEnumerable<WorkItem>> {method.Name}(EduGovDbContext, WorkContext, CancellationToken).");
            sources.Add(new SourceEntry(method.Name, attribute.Roles, read));
        }
        return sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>The pages where the work is done: every task links to one of these.</summary>
public static class WorkLinks
{
    public static string Filing(int periodId, int schoolId) => $"/filing/{periodId}/schools/{schoolId}";
    public static string Review(int periodId, int districtId) => $"/filing/{periodId}/districts/{districtId}";
    public const string Rectifications = "/supervision/rectifications";
    public static string Inspection(int id) => $"/supervision/inspections/{id}";
    public const string Security = "/security";
    public static string Training(int unitId, int indicatorId) => $"/training?unit={unitId}&indicator={indicatorId}";
    public static string Programme(int id) => $"/programmes/{id}";
    public static string Application(int id) => $"/applications/{id}";
    public static string Progress(int planId, string unitCode) => $"/plans/{planId}/progress?orgUnit={Uri.EscapeDataString(unitCode)}";
    public static string Urging(int id) => $"/urgings/{id}";
    public static string Urgings(string filter) => $"/urgings?filter={filter}";
    public const string Notifications = "/notifications";
    public const string Jobs = "/jobs";
    public const string Users = "/admin/users";
    public const string Audit = "/admin/audit";
}
