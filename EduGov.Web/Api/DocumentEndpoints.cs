using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Supervision;

namespace EduGov.Web.Api;

public static class DocumentEndpoints
{
    /// <summary>An archived document, only to users who can see its unit.</summary>
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/documents/{id:int}.pdf", async (HttpContext http, DocumentArchive archive, int id) =>
        {
            var (document, content) = await archive.OpenAsync(http.User.ToScope(), id, http.RequestAborted);
            return Results.File(content, "application/pdf", $"{document.Title}（第{document.Version}版）.pdf");
        }).RequireAuthorization();
}
