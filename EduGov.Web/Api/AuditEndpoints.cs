using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Identity;
using EduGov.Web.Components.Pages.Admin;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

public static class AuditEndpoints
{
    /// <summary>The audit trail as a workbook, with the filters of the audit page; the export is itself audited.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/audit/export.xlsx", async (HttpContext http, AuditService audit, IStringLocalizer<SharedResource> L, TimeProvider clock,
            string? actor, string? unit, string? action, string? entity, DateOnly? from, DateOnly? to, string? q) =>
        {
            var query = new AuditQuery(actor, unit, action, entity, from, to, q);
            var workbook = await audit.ExportAsync(http.User.ToScope(), query, row => L.ExportRow(row, clock), L.ExportHeader(), http.RequestAborted);
            return Results.File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "审计日志.xlsx");
        }).RequireAuthorization(policy => policy.RequireRole(nameof(Role.Admin)));
}
