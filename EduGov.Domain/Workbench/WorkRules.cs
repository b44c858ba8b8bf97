using EduGov.Domain.Security;

namespace EduGov.Domain.Workbench;

/// <summary>
/// The rules of the workbench: how urgent a task is on a day, how many days it has left or has waited, and the order the
/// home page and <c>GET /api/me/tasks</c> list the tasks in — alerts, then overdue (the longest overdue first), then due
/// soon (the nearest first), then the rest; within a kind, the oldest waiting first and the least advanced first.
/// </summary>
public static class WorkRules
{
    /// <summary>A deadline this close is "due soon" (the daily reminders' window for filings).</summary>
    public const int DueSoonDays = 7;

    /// <summary>The longest subject a task carries; longer text (a requirement, a finding) is cut with an ellipsis.</summary>
    public const int SubjectLength = 60;

    public static WorkArea AreaOf(WorkKind kind) => kind switch
    {
        WorkKind.FilingReturned or WorkKind.FilingNotStarted or WorkKind.FilingDraft or WorkKind.FilingSubmitted or WorkKind.FilingsToReview
            or WorkKind.SchoolsNotStarted or WorkKind.DistrictFilingBehind => WorkArea.Filing,
        WorkKind.UrgingToAnswer or WorkKind.UrgingsEscalated or WorkKind.UrgingsOpen or WorkKind.UrgingsToClose => WorkArea.Urging,
        WorkKind.RectificationToAnswer or WorkKind.RectificationToVerify or WorkKind.InspectionPlanned => WorkArea.Supervision,
        WorkKind.AssessmentDue or WorkKind.RemediationToFix or WorkKind.RemediationToConfirm => WorkArea.Security,
        WorkKind.ReviewToScore or WorkKind.ApplicationsToRecommend or WorkKind.ApplicationsToAssign or WorkKind.ApplicationsToDesignate
            or WorkKind.ApplicationDraft or WorkKind.ProgrammeOpen or WorkKind.ApplicationPending => WorkArea.Designations,
        WorkKind.TeachersShort => WorkArea.Training,
        WorkKind.IndicatorsBehind => WorkArea.Planning,
        WorkKind.UnreadNotifications => WorkArea.Messages,
        WorkKind.JobFailed or WorkKind.AuditChainBroken or WorkKind.AccountsLocked or WorkKind.UsersNeverSignedIn or WorkKind.AuditChainUnchecked
            or WorkKind.AuditChainIntact => WorkArea.System,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Kinds that need someone now, whatever their date: something of the system's own is broken.</summary>
    public static bool IsAlert(WorkKind kind) => kind is WorkKind.JobFailed or WorkKind.AuditChainBroken;

    /// <summary>How close a deadline must be to count as due soon: 30 days for a 等级测评 (as on the security page), else a week.</summary>
    public static int DueSoonDaysOf(WorkKind kind) => kind == WorkKind.AssessmentDue ? AssessmentSchedule.DueSoonDays : DueSoonDays;

    /// <summary>
    /// A deadline or planned day: overdue from the day after it, due soon within the kind's window (the day itself included),
    /// otherwise normal; <see cref="WorkTask.Days"/> is the days left (negative when overdue). A waiting date is normal and
    /// gives the days waited.
    /// </summary>
    public static WorkTask Judge(WorkItem item, DateOnly today)
    {
        var days = item.Date is not { } date ? (int?)null
            : item.DateMeaning == DateMeaning.Waiting ? today.DayNumber - date.DayNumber
            : date.DayNumber - today.DayNumber;
        if (IsAlert(item.Kind)) return new WorkTask(item, Urgency.Alert, days);
        if (days is not { } d || item.DateMeaning == DateMeaning.Waiting) return new WorkTask(item, Urgency.Normal, days);
        var urgency = d < 0 ? Urgency.Overdue : d <= DueSoonDaysOf(item.Kind) ? Urgency.DueSoon : Urgency.Normal;
        return new WorkTask(item, urgency, d);
    }

    /// <summary>Judges every task and puts them in the workbench's order, grouped by kind.</summary>
    public static WorkList Arrange(IEnumerable<WorkItem> items, DateOnly today)
    {
        var tasks = items.Select(i => Judge(i, today))
            .OrderBy(t => t.Urgency)
            .ThenBy(t => t.Item.Date ?? DateOnly.MaxValue)
            .ThenBy(t => t.Item.DonePercent ?? decimal.MaxValue)
            .ThenByDescending(t => t.Item.Count)
            .ThenBy(t => t.Item.Subject, StringComparer.Ordinal)
            .ToList();
        var groups = tasks.GroupBy(t => t.Item.Kind)
            .Select(g => new WorkGroup(g.Key, g.ToList()))
            .OrderBy(g => g.Urgency)
            .ThenBy(g => g.Kind)
            .ToList();
        return new WorkList(today, groups);
    }

    /// <summary>A long text (a requirement, a finding) cut to <see cref="SubjectLength"/> characters for a task's subject.</summary>
    public static string Shorten(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > SubjectLength ? trimmed[..(SubjectLength - 1)] + "…" : trimmed;
    }
}
