using EduGov.Domain.Security;

namespace EduGov.Domain.Notifications;

/// <summary>What the daily reminders say, to whom (the users of <see cref="UnitId"/>), and about what.</summary>
public sealed record Reminder(int UnitId, string Subject, string Title, string Body, string? Link);

/// <summary>
/// The rules of the daily reminders: a filing deadline within <see cref="FilingDaysAhead"/> days, a 等级测评 due soon or
/// overdue, a rectification or remediation item past its deadline. Each stage is its own subject, so a user is told once
/// when a deadline comes near and once more when it has passed.
/// </summary>
public static class Reminders
{
    public const int FilingDaysAhead = 7;

    /// <summary>A school that has not submitted, from <see cref="FilingDaysAhead"/> days before the deadline to the deadline itself.</summary>
    public static Reminder? FilingDeadline(int schoolId, int periodId, string periodName, DateOnly closesOn, bool submitted, DateOnly today)
    {
        var daysLeft = closesOn.DayNumber - today.DayNumber;
        if (submitted || daysLeft < 0 || daysLeft > FilingDaysAhead) return null;
        var when = daysLeft == 0 ? "今天截止" : $"还剩 {daysLeft} 天（{closesOn:yyyy-MM-dd} 截止）";
        return new Reminder(schoolId, $"filing:{periodId}:{schoolId}:soon", $"{periodName}填报即将截止", $"本校尚未提交{periodName}的填报，{when}。", "/filing");
    }

    public static Reminder? AssessmentDue(int unitId, int systemId, string systemName, AssessmentDue due)
    {
        return due.State switch
        {
            DueState.DueSoon => new Reminder(unitId, $"assessment:{systemId}:soon", "等级测评即将到期",
                $"信息系统「{systemName}」的等级测评将于 {due.DueOn:yyyy-MM-dd} 到期，还剩 {due.DaysLeft} 天。", "/security"),
            DueState.Overdue => new Reminder(unitId, $"assessment:{systemId}:overdue", "等级测评已逾期",
                $"信息系统「{systemName}」的等级测评已于 {due.DueOn:yyyy-MM-dd} 到期，已逾期 {-due.DaysLeft} 天。", "/security"),
            _ => null,
        };
    }

    /// <summary>An open item from the day after its deadline (the same boundary as the items' own overdue flag).</summary>
    public static Reminder? ItemOverdue(string kind, int unitId, int itemId, string text, DateOnly deadline, DateOnly today, string link)
    {
        if (today <= deadline) return null;
        var (title, what) = kind == "rectification" ? ("整改事项已逾期", "督导整改事项") : ("安全整改项已逾期", "安全整改项");
        return new Reminder(unitId, $"{kind}:{itemId}:overdue", title,
            $"{what}「{Shorten(text)}」已于 {deadline:yyyy-MM-dd} 到期，已逾期 {today.DayNumber - deadline.DayNumber} 天。", link);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
