using System.Globalization;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Exchange;
using EduGov.Infrastructure.Identity;
using EduGov.Web.Exchange;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Api;

/// <summary>
/// The exchange API (一数一源): read-only lists for other platforms, scoped like the pages, paged by id, narrowed by unit
/// code (the unit and everything under it), indicator code and year, and — where rows keep when they changed — by
/// updatedSince. Bad input answers 400 with a problem saying what is wrong.
/// </summary>
public static class ExchangeEndpoints
{
    public const int DefaultPageSize = 100;

    public static void MapExchangeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exchange").WithTags("Exchange")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/org-units", ([AsParameters] ExchangeRequest request, string? unit, string? updatedSince) =>
                request.ReadAsync(unit, year: null, updatedSince, (e, scope, filter, page, ct) => e.OrgUnitsAsync(scope, filter, page, ct)))
            .Area(ApiPermissions.OrgUnits, "ListOrgUnits", "Org units in scope (a unit and everything under it with unit=CODE). They keep no modification time: sync them in full.");

        api.MapGet("/indicator-values", ([AsParameters] ExchangeRequest request, string? unit, string? indicator, int? year, string? updatedSince) =>
                request.ReadAsync(unit, year, updatedSince, (e, scope, filter, page, ct) => e.IndicatorValuesAsync(scope, filter with { IndicatorCode = indicator }, page, ct),
                    acceptsUpdatedSince: true))
            .Area(ApiPermissions.Values, "ListIndicatorValues", "Stored indicator values by indicator, unit and year, each with the link to where it came from (sources).");

        api.MapGet("/filings", ([AsParameters] ExchangeRequest request, string? unit, int? year, string? updatedSince) =>
                request.ReadAsync(unit, year, updatedSince, (e, scope, filter, page, ct) => e.ApprovedFilingsAsync(scope, filter, page, ct), acceptsUpdatedSince: true))
            .Area(ApiPermissions.Filings, "ListApprovedFilings", "Approved school filings' figures; updatedSince compares the approval time.");

        api.MapGet("/training-compliance", ([AsParameters] ExchangeRequest request, string? unit, string? indicator, int? year, string? updatedSince) =>
                request.ReadAsync(unit, year, updatedSince, (e, scope, filter, page, ct) => e.ComplianceAsync(scope, filter with { IndicatorCode = indicator }, page, ct)))
            .Area(ApiPermissions.Training, "ListTrainingCompliance", "Per school and training rule (its indicator) and year: teachers who met the rule of those it applies to.");

        api.MapGet("/security/summary", ([AsParameters] ExchangeRequest request, string unit) =>
                request.ReadAsync(unit, year: null, updatedSince: null, (e, scope, filter, page, ct) => e.SecuritySummaryAsync(scope, filter.UnitId!.Value, page, ct)))
            .Area(ApiPermissions.Security, "GetSecuritySummary", "A unit's 等保 register totals and rates, and a page of its districts' or schools'.");

        api.MapGet("/security/items", ([AsParameters] ExchangeRequest request, string? unit, string? updatedSince) =>
                request.ReadAsync(unit, year: null, updatedSince, (e, scope, filter, page, ct) => e.OpenSecurityItemsAsync(scope, filter, page, ct)))
            .Area(ApiPermissions.Security, "ListOpenSecurityItems", "The register's remediation items not yet closed.");

        api.MapGet("/inspections", ([AsParameters] ExchangeRequest request, string? unit, int? year, string? updatedSince) =>
                request.ReadAsync(unit, year, updatedSince, (e, scope, filter, page, ct) => e.InspectionsAsync(scope, filter, page, ct), acceptsUpdatedSince: true))
            .Area(ApiPermissions.Supervision, "ListInspections", "督导检查 of units in scope; updatedSince compares when the inspection was recorded.");

        api.MapGet("/rectifications", ([AsParameters] ExchangeRequest request, string? unit, string? updatedSince) =>
                request.ReadAsync(unit, year: null, updatedSince, (e, scope, filter, page, ct) => e.RectificationsAsync(scope, filter, page, ct), acceptsUpdatedSince: true))
            .Area(ApiPermissions.Supervision, "ListRectifications", "Rectification items of units in scope; updatedSince compares their latest step.");
    }

    private static RouteHandlerBuilder Area(this RouteHandlerBuilder endpoint, ApiPermissions area, string name, string summary) =>
        endpoint.RequireAuthorization(ExchangeApi.Policy(area)).WithName(name).WithSummary(summary);

    /// <summary>What every list takes: the paging, and the caller's services. Bound from the query and the request.</summary>
    public sealed class ExchangeRequest
    {
        public int? Page { get; init; }
        public int? PageSize { get; init; }
        public required HttpContext Http { get; init; }
        public required ExchangeService Exchange { get; init; }
        public required IOptions<EduGovOptions> Options { get; init; }

        public async Task<Results<Ok<T>, ProblemHttpResult>> ReadAsync<T>(string? unit, int? year, string? updatedSince,
            Func<ExchangeService, AccessScope, ExchangeFilter, PageQuery, CancellationToken, Task<T>> read, bool acceptsUpdatedSince = false)
        {
            var max = Options.Value.Api.MaxPageSize;
            if (Page is < 1) return Bad("page 须为 1 或更大的整数 page must be 1 or more.");
            if (PageSize is < 1 || PageSize > max) return Bad($"pageSize 须在 1 至 {max} 之间 pageSize must be from 1 to {max}.");
            if (year is < 2000 or > 2100) return Bad("year 须为 2000 至 2100 的年份 year must be from 2000 to 2100.");
            DateTime? since = null;
            if (updatedSince is not null)
            {
                if (!acceptsUpdatedSince)
                    return Bad("此数据不记录修改时间，不支持 updatedSince，请全量同步 These rows keep no modification time: leave out updatedSince and sync them in full.");
                if (!DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    return Bad($"updatedSince 须为 ISO 8601 时间 updatedSince must be an ISO 8601 date and time, e.g. 2026-12-01T00:00:00Z: {updatedSince}");
                since = at.UtcDateTime;
            }
            var scope = Http.User.ToScope();
            var filter = new ExchangeFilter(Year: year);
            if (unit is not null)
            {
                // A unit out of scope gets the same answer as an unknown one: nothing about it leaks.
                if (await Exchange.UnitAsync(scope, unit, Http.RequestAborted) is not { } found) return Bad($"单位代码不存在 unknown unit code: {unit}");
                filter = filter with { UnitId = found.Id, UnitPath = found.Path };
            }
            return TypedResults.Ok(await read(Exchange, scope, filter, new PageQuery(Page ?? 1, PageSize ?? DefaultPageSize, since),
                Http.RequestAborted));
        }

        private static ProblemHttpResult Bad(string title) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title);
    }
}
