namespace EduGov.Domain.Security;

/// <summary>符合 / 基本符合 / 不符合.</summary>
public enum AssessmentResult { Conforming = 1, BasicallyConforming, NonConforming }

public enum DueState { NotRequired = 1, Current, DueSoon, Overdue }

/// <summary>When a system's next 等级测评 is due, and how that stands today.</summary>
public sealed record AssessmentDue(DateOnly? DueOn, DueState State, int? DaysLeft);

/// <summary>
/// 等级测评 frequency by level: level 3 yearly, levels 4 and 5 twice a year, level 2 on the interval the commission
/// configures, level 1 never. A system never assessed, or whose level changed after its last assessment, is due
/// from the day it was registered at that level.
/// </summary>
public static class AssessmentSchedule
{
    public const int DueSoonDays = 30;

    public static int? IntervalMonths(int level, int level2Months) => level switch
    {
        1 => null,
        2 => level2Months,
        3 => 12,
        _ => 6,
    };

    /// <summary>The next due date from the last assessment made at the system's current level.</summary>
    public static AssessmentDue Due(int level, DateOnly levelSince, DateOnly? lastAssessedAtLevel, int level2Months, DateOnly today)
    {
        if (IntervalMonths(level, level2Months) is not { } months) return new AssessmentDue(null, DueState.NotRequired, null);
        var counts = lastAssessedAtLevel is { } last && last >= levelSince;
        var due = counts ? lastAssessedAtLevel!.Value.AddMonths(months) : levelSince;
        var days = due.DayNumber - today.DayNumber;
        var state = days < 0 ? DueState.Overdue : days <= DueSoonDays ? DueState.DueSoon : DueState.Current;
        return new AssessmentDue(due, state, days);
    }

    /// <summary>A level-3+ system has a current assessment when it is not overdue (due today still counts).</summary>
    public static bool IsCurrent(AssessmentDue due) => due.State is DueState.Current or DueState.DueSoon;
}
