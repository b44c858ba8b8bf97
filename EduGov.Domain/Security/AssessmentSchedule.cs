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

    /// <summary>A level-3+ system has a current assessment when it was assessed at its level and is not overdue (due today still counts).</summary>
    public static bool HasCurrentAssessment(int level, DateOnly levelSince, DateOnly? lastAssessedAtLevel, int level2Months, DateOnly today) =>
        lastAssessedAtLevel is { } last && last >= levelSince
        && Due(level, levelSince, last, level2Months, today).State is DueState.Current or DueState.DueSoon;
}

/// <summary>One 等级测评 of a system: who assessed it, when, at which level, with what result.</summary>
public sealed class Assessment
{
    private Assessment() { }

    public int Id { get; private set; }
    public int SystemId { get; private set; }
    public DateOnly AssessedOn { get; private set; }
    public string Body { get; private set; } = "";
    public int Level { get; private set; }
    public AssessmentResult Result { get; private set; }
    public decimal Score { get; private set; }

    public static Assessment Record(InformationSystem system, DateOnly on, string body, AssessmentResult result, decimal score, DateOnly today)
    {
        if (on > today) throw new Common.DomainException(Common.ErrorCodes.DateInFuture, on);
        if (score is < 0 or > 100) throw new Common.DomainException(Common.ErrorCodes.PercentOutOfRange, "Score");
        if (!Enum.IsDefined(result)) throw new Common.DomainException(Common.ErrorCodes.Required, "Result");
        return new Assessment
        {
            SystemId = system.Id, AssessedOn = on, Body = Common.Guard.Required(body, 100, "Body"), Level = system.Level, Result = result, Score = score,
        };
    }
}
