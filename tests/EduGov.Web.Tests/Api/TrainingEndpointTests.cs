using System.Net;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Api;

public sealed class TrainingEndpointTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<(int Unit, int Indicator)> IdsAsync(string unitCode)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        return (await db.OrgUnits.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(),
            await db.Indicators.Where(i => i.Code == "CQ5-21").Select(i => i.Id).SingleAsync());
    }

    [Fact]
    public async Task ShortList_OfThePrincipalsSchool_IsACsvWithEveryTeacherShort()
    {
        var client = await portal.SignedInAsync("principal");
        var (school, indicator) = await IdsAsync(DemoUsers.PrincipalSchoolCode);

        var response = await client.GetAsync($"/training/short/{indicator}.csv?unit={school}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("学校,教职工号,姓名,岗位");
        lines.Length.ShouldBeGreaterThan(1);
        lines.Skip(1).ShouldAllBe(l => l.StartsWith("渝中第1中学,"));
        var entry = await portal.LastAuditAsync("principal", "Export");
        (entry.Entity, entry.EntityId, entry.Details).ShouldBe(("OrgUnit", school.ToString(), $"training short list of indicator {indicator}: {lines.Length - 1} teachers"));
    }

    [Fact]
    public async Task ShortList_NameLikeAFormula_IsWrittenAsText()
    {
        const string name = "=HYPERLINK(\"http://x\",\"y\")";
        var client = await portal.SignedInAsync("principal");
        var (school, indicator) = await IdsAsync(DemoUsers.PrincipalSchoolCode);
        var staffNumber = Csv.Split((await ShortLinesAsync(client, indicator, school))[1])[1];
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync())
            await db.Teachers.Where(t => t.SchoolId == school && t.StaffNumber == staffNumber).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, name));

        var fields = (await ShortLinesAsync(client, indicator, school)).Select(Csv.Split).Single(f => f[1] == staffNumber);

        fields[2].ShouldBe("'" + name);
        decimal.Parse(fields[6]).ShouldBeGreaterThan(0);
    }

    private static async Task<string[]> ShortLinesAsync(HttpClient client, int indicator, int unit) =>
        (await client.GetStringAsync($"/training/short/{indicator}.csv?unit={unit}")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData("principal", "500103")]   // the district above the principal's school
    [InlineData("commission", "500000")]  // a city's list is not offered: drill down to a district
    [InlineData("district", "500105")]    // another district
    public async Task ShortList_OutsideWhatTheUserMayList_Is404(string user, string unitCode)
    {
        var client = await portal.SignedInAsync(user);
        var (unit, indicator) = await IdsAsync(unitCode);

        (await client.GetAsync($"/training/short/{indicator}.csv?unit={unit}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ShortList_WithoutAUnit_Is400_AndOfAnUnknownRule_404()
    {
        var client = await portal.SignedInAsync("principal");
        var (school, indicator) = await IdsAsync(DemoUsers.PrincipalSchoolCode);

        (await client.GetAsync($"/training/short/{indicator}.csv")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/training/short/999999.csv?unit={school}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/training/templates/records.xlsx", "培训记录导入模板.xlsx", "证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时")]
    [InlineData("/training/templates/teachers.xlsx", "教师名册导入模板.xlsx", "学校代码,教职工号,姓名,性别,学科,岗位,状态,身份证号")]
    public async Task Templates_AreWorkbooksNamedInChinese_WithTheColumnsTheImportsRead(string url, string fileName, string header)
    {
        var client = await portal.SignedInAsync("district");

        var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(fileName);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        string.Join(",", sheet.Row(1).CellsUsed().Select(c => c.GetString())).ShouldBe(header);
        workbook.Worksheets.Select(w => w.Name).ShouldContain("填写说明");
    }

    [Theory]
    [InlineData("/training/templates/records.csv", "/training/templates/records.xlsx")]
    [InlineData("/training/templates/teachers.csv", "/training/templates/teachers.xlsx")]
    public async Task OldCsvTemplates_LeadToTheWorkbooks(string url, string workbook)
    {
        var client = await portal.SignedInAsync("district");

        PortalFactory.RedirectPath(await client.GetAsync(url)).ShouldBe(workbook);
    }
}
