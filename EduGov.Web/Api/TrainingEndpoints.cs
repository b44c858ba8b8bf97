using System.Text;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Training;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

public static class TrainingEndpoints
{
    /// <summary>The follow-up list of one rule as CSV (UTF-8 with BOM for Excel): who is short, and by how many hours.</summary>
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/training/short/{indicatorId:int}.csv", async (HttpContext http, TrainingService training, IStringLocalizer<SharedResource> L, int indicatorId) =>
        {
            var rows = await training.ShortAsync(http.User.ToScope(), indicatorId, limit: int.MaxValue, http.RequestAborted);
            var csv = new StringBuilder();
            csv.AppendJoin(',', L["Training.School"], L["Field.StaffNumber"], L["Training.Name"], L["Field.Post"], L["Training.HoursDone"], L["Training.PracticeDone"], L["Training.HoursShort"], L["Training.PracticeShort"])
                .Append("\r\n");
            foreach (var r in rows)
                csv.AppendJoin(',', Csv.Quote(r.SchoolName), Csv.Quote(r.StaffNumber), Csv.Quote(r.Name), L.Enum(r.Post), r.Hours.ToString("0.#"), r.PracticeHours.ToString("0.#"),
                    r.HoursShort.ToString("0.#"), r.PracticeShort.ToString("0.#")).Append("\r\n");
            return Results.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", "未达标名单.csv");
        }).RequireAuthorization();
}
