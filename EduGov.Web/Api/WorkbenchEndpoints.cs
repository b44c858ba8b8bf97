using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Workbench;
using EduGov.Web.Components.Pages.Workbench;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

/// <summary>
/// GET /api/me/tasks: the signed-in user's workbench (工作台) as JSON, for a mobile client or an integration — the same tasks, in
/// the same order and words (in the language of the culture cookie, Chinese by default), as the home page.
/// </summary>
public static class WorkbenchEndpoints
{
    public sealed record TaskDto(
        WorkKind Kind, WorkArea Area, Urgency Urgency, string Title, string Subject, int Count, DateOnly? Date, DateMeaning? DateMeaning, int? Days,
        string? When, string? DateText, IReadOnlyList<string> Details, string? State, string? Note, int? Overdue, int? Done, int? Total,
        decimal? DonePercent, decimal? OnTimePercent, string Link);

    public sealed record TasksDto(DateOnly Today, int Total, int Alerts, int Overdue, int DueSoon, IReadOnlyList<TaskDto> Tasks);

    public static void MapWorkbenchEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/tasks", async (HttpContext http, WorkbenchService workbench, IStringLocalizer<SharedResource> localizer) =>
            Results.Ok(ToDto(await workbench.TasksAsync(http.User.ToScope(), http.RequestAborted), localizer)))
            .RequireAuthorization();

    public static TasksDto ToDto(WorkList list, IStringLocalizer localizer) =>
        new(list.Today, list.Total, list.Alerts, list.Overdue, list.DueSoon, list.Tasks.Select(task =>
        {
            var item = task.Item;
            return new TaskDto(item.Kind, item.Area, task.Urgency, WorkText.Title(localizer, item.Kind), WorkText.Subject(localizer, item), item.Count,
                item.Date, item.Date is null ? null : item.DateMeaning, task.Days, WorkText.When(localizer, task), WorkText.Date(localizer, item),
                WorkText.Details(localizer, item), WorkText.State(localizer, item), WorkText.Note(localizer, item), item.Overdue, item.Done, item.Total,
                item.DonePercent, item.OnTimePercent, item.Link);
        }).ToList());
}
