using EduGov.Domain.Workbench;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Components.Pages.Workbench;

/// <summary>
/// A task in words, the same on the home page and in <c>GET /api/me/tasks</c>: its title, subject, how urgent it is in days
/// ("逾期 3 天", "还剩 15 天", "已等待 6 天"), its date, and the lines that say what it counts. Never an identifier or a resource key.
/// </summary>
public static class WorkText
{
    /// <summary>Kinds whose count is the point of the task, shown even when it is one.</summary>
    private static readonly HashSet<WorkKind> Counted =
    [
        WorkKind.FilingsToReview, WorkKind.SchoolsNotStarted, WorkKind.DistrictFilingBehind, WorkKind.TeachersShort, WorkKind.IndicatorsBehind,
        WorkKind.UnreadNotifications, WorkKind.ApplicationsToRecommend, WorkKind.ApplicationsToAssign, WorkKind.ApplicationsToDesignate,
        WorkKind.AccountsLocked, WorkKind.UsersNeverSignedIn, WorkKind.UrgingsOpen, WorkKind.UrgingsToClose,
    ];

    public static string Title(IStringLocalizer L, WorkKind kind) => L.Enum(kind);

    /// <summary>
    /// What the task is about: a job's name from the resources, else the data (a period, a unit, a plan, a requirement); a task about
    /// the system as a whole (the audit chain) is named by its note (审计链完整：已核验 N 条), or says where to go: a link always has words.
    /// </summary>
    public static string Subject(IStringLocalizer L, WorkItem item) =>
        item.SubjectKey is { } key && L[key] is { ResourceNotFound: false } named ? named.Value
        : item.Subject.Length > 0 ? item.Subject
        : item.Note ?? L["Workbench.Open"];

    /// <summary>How the task stands in days: overdue, due today, days left, planned in, waited; or that it needs attention now.</summary>
    public static string? When(IStringLocalizer L, WorkTask task)
    {
        if (task.Urgency == Urgency.Alert) return L["Workbench.Alert"];
        if (task.Days is not { } days) return null;
        return task.Item.DateMeaning switch
        {
            DateMeaning.Waiting => days <= 0 ? L["Workbench.Waiting.Today"] : L["Workbench.Waiting.Days", days],
            DateMeaning.Planned => days < 0 ? L["Workbench.Planned.Late", -days] : days == 0 ? L["Workbench.Planned.Today"] : L["Workbench.Planned.In", days],
            _ => days < 0 ? L["Workbench.Due.Late", -days] : days == 0 ? L["Workbench.Due.Today"] : L["Workbench.Due.Left", days],
        };
    }

    /// <summary>The date itself: the deadline (the earliest of several), the planned day, or since when (the oldest of several).</summary>
    public static string? Date(IStringLocalizer L, WorkItem item)
    {
        if (item.Date is not { } date) return null;
        var value = date.ToDateTime(TimeOnly.MinValue);
        // Several things waiting: the date is the oldest. Several deadlines summed (they carry how many are overdue): the earliest.
        // Schools, districts or teachers under one deadline share it.
        return item.DateMeaning switch
        {
            DateMeaning.Waiting => L[item.Count > 1 ? "Workbench.Waiting.Oldest" : "Workbench.Waiting.Since", value],
            DateMeaning.Planned => L["Workbench.Planned.On", value],
            _ => L[item is { Count: > 1, Overdue: not null } ? "Workbench.Due.Earliest" : "Workbench.Due.On", value],
        };
    }

    /// <summary>What the task counts and how far it has come: "12 所学校", "已提交 8/20（40%）", "按时提交 35%", "其中逾期 2 项".</summary>
    public static IReadOnlyList<string> Details(IStringLocalizer L, WorkItem item)
    {
        var lines = new List<string>();
        if (item.Count > 1 || Counted.Contains(item.Kind))
            lines.Add(L[L[$"Workbench.Count.{item.Kind}"].ResourceNotFound ? "Workbench.Count.Other" : $"Workbench.Count.{item.Kind}", item.Count]);
        if (item.Overdue is > 0 && item.Count > 1) lines.Add(L["Workbench.OverdueOf", item.Overdue]);
        if (item is { Done: { } done, Total: { } total })
        {
            var key = item.Kind switch
            {
                WorkKind.TeachersShort => "Workbench.Progress.Met",
                WorkKind.IndicatorsBehind => "Workbench.Progress.OnTrack",
                _ => "Workbench.Progress.Submitted",
            };
            lines.Add(L[key, done, total, item.DonePercent ?? 0]);
        }
        if (item.OnTimePercent is { } onTime) lines.Add(L["Workbench.OnTime", onTime]);
        return lines;
    }

    /// <summary>The data worth reading with the task, introduced where it needs it (the return comment, the lagging indicators).</summary>
    public static string? Note(IStringLocalizer L, WorkItem item) => item.Note is not { Length: > 0 } note || item is { Subject.Length: 0, SubjectKey: null } ? null : item.Kind switch
    {
        WorkKind.FilingReturned => L["Workbench.ReturnComment", note],
        WorkKind.IndicatorsBehind => L["Workbench.LaggingCodes", note],
        // The commission's districts carry the period's name: the group already says what it is.
        WorkKind.DistrictFilingBehind => null,
        _ => note,
    };

    /// <summary>Where the thing stands (an application's status), by the enum's display name.</summary>
    public static string? State(IStringLocalizer L, WorkItem item) =>
        item.State is { } state && L[$"Enum.{state.GetType().Name}.{state}"] is { ResourceNotFound: false } text ? text.Value : null;
}
