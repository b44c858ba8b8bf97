using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Training;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Api;

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        // Workbooks a person can fill (drop-downs, date and number cells, instructions); their sample rows never import.
        app.MapGet("/training/templates/records.xlsx", async (TrainingImport import, CancellationToken ct) =>
            Workbook(await import.TemplateAsync(ct), TrainingImport.TemplateName)).RequireAuthorization();
        app.MapGet("/training/templates/teachers.xlsx", () => Workbook(TeacherImport.Template(), TeacherImport.TemplateName)).RequireAuthorization();
        // The CSV templates of old, still linked from bookmarks and the pages of before: their sample row replaced a real
        // teacher, so they now lead to the workbooks.
        app.MapGet("/training/templates/records.csv", () => Results.Redirect("/training/templates/records.xlsx")).RequireAuthorization();
        app.MapGet("/training/templates/teachers.csv", () => Results.Redirect("/training/templates/teachers.xlsx")).RequireAuthorization();
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

    private static IResult Workbook(byte[] content, string fileName) =>
        Results.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
}
