using EduGov.Infrastructure.Bulletins;
using EduGov.Infrastructure.Identity;

namespace EduGov.Web.Api;

public static class BulletinEndpoints
{
    /// <summary>One version of a bulletin as its PDF, to users who may open the bulletin (404 otherwise, as for an unknown id).</summary>
    public static void MapBulletinEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/bulletins/{id:int}/{version:int}.pdf", async (HttpContext http, BulletinService bulletins, int id, int version) =>
        {
            var (document, number, content) = await bulletins.OpenAsync(http.User.ToScope(), id, version, http.RequestAborted);
            return Results.File(content, "application/pdf", $"{number} {document.Title}（第{document.Version}版）.pdf");
        }).RequireAuthorization();
}
