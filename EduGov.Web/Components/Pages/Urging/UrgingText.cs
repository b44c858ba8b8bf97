using EduGov.Domain.Urging;
using EduGov.Infrastructure.Urging;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace EduGov.Web.Components.Pages.Urging;

/// <summary>How a 督办's state reads and looks, the same on every page that shows one: always in words, colour only as a second cue.</summary>
public static class UrgingText
{
    public static Color ColorOf(UrgingStatus status) => status switch
    {
        UrgingStatus.Closed => Color.Success,
        UrgingStatus.Answered => Color.Info,
        _ => Color.Warning,
    };

    /// <summary>"已逾期 3 天", "今天到期", "还剩 5 天" for a 督办 waiting for its answer; nothing once answered.</summary>
    public static string? DeadlineWords(this IStringLocalizer localizer, UrgingRow row, DateOnly today)
    {
        if (row.Status != UrgingStatus.Issued) return null;
        if (row.Overdue) return localizer["Urging.OverdueDays", row.DaysOverdue];
        var left = row.Deadline.DayNumber - today.DayNumber;
        return left <= 0 ? localizer["Urging.DueToday"] : localizer["Urging.DueIn", left];
    }

    /// <summary>The requirement a 督办 starts with when opened from where the lateness is seen; the issuer edits it.</summary>
    public static string DefaultRequirement(UrgingSubject subject) => subject switch
    {
        UrgingSubject.LateFiling => "请尽快完成填报并提交审核，说明未按期填报的原因和完成时间。",
        UrgingSubject.OverdueRectification => "该整改事项已逾期，请说明未完成原因，报送整改计划并按期完成整改。",
        UrgingSubject.OverdueRemediation => "该安全整改项已逾期，请说明原因并报送整改计划。",
        UrgingSubject.LaggingIndicator => "该指标进展滞后于年度目标，请说明原因并报送提升措施。",
        UrgingSubject.AssessmentDue => "请按期开展等级测评，说明测评安排。",
        _ => "",
    };
}
