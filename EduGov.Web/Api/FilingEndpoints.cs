using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.StaticFiles;

namespace EduGov.Web.Api;

/// <summary>Files of the filing area: evidence (only within the caller's scope) and the district import template.</summary>
public static class FilingEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapFilingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/evidence/{id:int}", async (HttpContext http, EvidenceStore store, int id) =>
        {
            var (file, content) = await store.OpenAsync(http.User.ToScope(), id, http.RequestAborted);
            var type = ContentTypes.TryGetContentType(file.FileName, out var t) ? t : "application/octet-stream";
            return Results.File(content, type, file.FileName);
        }).RequireAuthorization();

        app.MapGet("/filing/{periodId:int}/districts/{districtId:int}/template.xlsx", async (HttpContext http, FilingImport import, int periodId, int districtId) =>
        {
            var template = await import.TemplateAsync(http.User.ToScope(), periodId, districtId, http.RequestAborted);
            return Results.File(template.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.FileName);
        }).RequireAuthorization();
    }
}
