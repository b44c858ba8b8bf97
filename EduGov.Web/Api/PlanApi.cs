using EduGov.Domain.Planning;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Planning;

namespace EduGov.Web.Api;

/// <summary>
/// Read-only JSON for other platforms, authorised like the UI (the same sign-in cookie and the same scope):
/// GET /api/plans, /api/plans/{id}, /api/plans/{id}/progress, the catalog as .xlsx or .csv, and where a value came from,
/// GET /api/values/sources?indicator=CODE&amp;orgUnit=CODE&amp;year=YEAR.
/// </summary>
public static class PlanApi
{
    public sealed record TargetDto(int Year, decimal Value, string? Note);
    public sealed record IndicatorDto(
        int Id, string Code, string Name, string Unit, Direction Direction, ValueSource Source, string? MetricKey,
        decimal? Baseline, int? BaselineYear, string? Population, string? Note, string? TaskNumber, IReadOnlyList<TargetDto> Targets);
    public sealed record TaskDto(int Id, string Number, string Title, string? Section, string? LeadUnit, string? ResponsibleUnits, string? Summary);
    public sealed record MilestoneDto(int Id, string Title, int DueYear, MilestoneStatus Status, bool Overdue, string? TaskNumber, string? Note);
    public sealed record PlanDto(
        int Id, string Title, string? DocumentNumber, string Issuer, string OrgUnitCode, string OrgUnitName, DateOnly? IssuedOn,
        int StartYear, int EndYear, string? Summary, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<IndicatorDto> Indicators,
        IReadOnlyList<MilestoneDto> Milestones);

    public static void MapPlanApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/plans").RequireAuthorization();

        api.MapGet("/", async (HttpContext http, PlanService plans, string? search) =>
            Results.Ok(await plans.ListAsync(http.User.ToScope(), search, http.RequestAborted)));

        api.MapGet("/{id:int}", async (HttpContext http, PlanService plans, TimeProvider clock, int id) =>
        {
            var view = await plans.GetAsync(http.User.ToScope(), id, http.RequestAborted);
            return Results.Ok(ToDto(view, clock.GetLocalNow().Year));
        });

        api.MapGet("/{id:int}/progress", async (HttpContext http, ProgressService progress, TimeProvider clock, int id, string? orgUnit, int? year) =>
            Results.Ok(await progress.GetAsync(http.User.ToScope(), id, orgUnit, year ?? clock.GetLocalNow().Year, http.RequestAborted)));

        // An API client with 指标数值 follows the sources link of its values here.
        app.MapGet("/api/values/sources", async (HttpContext http, ValueSourcesService sources, string indicator, string orgUnit, int year) =>
        {
            var scope = http.User.ToScope();
            var indicatorId = await sources.IndicatorIdAsync(scope, indicator, http.RequestAborted);
            return Results.Ok(await sources.GetAsync(scope, indicatorId, orgUnit, year, http.RequestAborted));
        }).RequireAuthorization(Exchange.ExchangeApi.Policy(Domain.Exchange.ApiPermissions.Values));

        api.MapGet("/export.xlsx", async (HttpContext http, CatalogExport export) =>
            Results.File(await export.ToXlsxAsync(http.User.ToScope(), http.RequestAborted),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "规划目录.xlsx"));

        api.MapGet("/export.csv", async (HttpContext http, CatalogExport export) =>
            Results.File(await export.ToCsvAsync(http.User.ToScope(), http.RequestAborted), "text/csv; charset=utf-8", "规划指标目标值.csv"));
    }

    private static PlanDto ToDto(PlanView view, int currentYear)
    {
        var p = view.Plan;
        return new PlanDto(p.Id, p.Title, p.DocumentNumber, p.Issuer, view.OrgUnitCode, view.OrgUnitName, p.IssuedOn, p.StartYear, p.EndYear, p.Summary,
            p.Tasks.Select(t => new TaskDto(t.Id, t.Number, t.Title, t.Section, t.LeadUnit, t.ResponsibleUnits, t.Summary)).ToList(),
            p.Indicators.OrderBy(i => i.Code).Select(i => new IndicatorDto(i.Id, i.Code, i.Name, i.Unit, i.Direction, i.Source, i.MetricKey,
                i.Baseline, i.BaselineYear, i.Population, i.Note, i.Task?.Number,
                i.Targets.OrderBy(t => t.Year).Select(t => new TargetDto(t.Year, t.Value, t.Note)).ToList())).ToList(),
            p.Milestones.OrderBy(m => m.DueYear).Select(m => new MilestoneDto(m.Id, m.Title, m.DueYear, m.Status, m.IsOverdue(currentYear),
                m.Task?.Number, m.Note)).ToList());
    }
}
