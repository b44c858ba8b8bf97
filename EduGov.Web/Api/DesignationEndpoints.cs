using EduGov.Domain.Designations;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Identity;

namespace EduGov.Web.Api;

public static class DesignationEndpoints
{
    /// <summary>A programme's designated units as Excel, with the list's filters; every export is audited.</summary>
    public static void MapDesignationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/programmes/{id:int}/designations.xlsx", async (HttpContext http, DesignationService designations, int id, int? batch, int? district, DesignationStatus? status) =>
        {
            var bytes = await designations.ExportAsync(http.User.ToScope(), id, new DesignationFilter(batch, district, status), http.RequestAborted);
            return Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "认定名单.xlsx");
        }).RequireAuthorization();
}

public static class SecurityEndpoints
{
    /// <summary>The 等保 register of the user's scope as Excel, for the annual filing; every export is audited.</summary>
    public static void MapSecurityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/security/register.xlsx", async (HttpContext http, EduGov.Infrastructure.Security.SecurityService security) =>
            Results.File(await security.ExportAsync(http.User.ToScope(), http.RequestAborted), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "信息系统登记表.xlsx"))
            .RequireAuthorization();
}
