using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Training;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/training/templates/records.csv", () => Template(TrainingImport.Columns, ["CQ2026-000001", "5001030001", "0001001", "张三", "NT2-101", "2026-06-30", "30", "20"]))
            .RequireAuthorization();
        app.MapGet("/training/templates/teachers.csv", () => Template(TeacherImport.Columns, ["5001030001", "0001001", "张三", "女", "数学", "教师", "在职", ""]))
            .RequireAuthorization();
        // The follow-up list of one rule for a district or school as CSV: who is short, and by how many hours.
        app.MapGet("/training/short/{indicatorId:int}.csv", async (HttpContext http, TrainingDashboard dashboard, IStringLocalizer<SharedResource> L, int indicatorId, int unit) =>
        {
            var rows = await dashboard.ExportShortAsync(http.User.ToScope(), unit, indicatorId, http.RequestAborted);
            string[] header = [L["Training.School"], L["Field.StaffNumber"], L["Training.Name"], L["Field.Post"], L["Training.HoursDone"], L["Training.PracticeDone"],
                L["Training.HoursShort"], L["Training.PracticeShort"]];
            var csv = Csv.Write(rows.Select(r => new object?[] { r.SchoolName, r.StaffNumber, r.Name, L.Enum(r.Post), r.Hours, r.PracticeHours, r.HoursShort, r.PracticeShort })
                .Prepend(header));
            return Results.File(csv, "text/csv; charset=utf-8", "未达标名单.csv");
        }).RequireAuthorization();
    }

    /// <summary>A file with the columns an import expects and one example row.</summary>
    private static IResult Template(IEnumerable<string> columns, string[] example) =>
        Results.File(Csv.Write([columns, example]), "text/csv; charset=utf-8", "模板.csv");
}
