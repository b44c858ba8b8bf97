using System.Text;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Training;
using EduGov.Web.Cli;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Cli;

/// <summary>`import training|teachers|filing` on the portal's own database, as an operator runs it for a named account.</summary>
public sealed class ImportCommandTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edugov-cli-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ImportCommand.RunAsync(portal.Services, args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private EduGovDbContext Open() => portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext();

    private async Task<(int Teachers, int Records, int Filings)> CountsAsync()
    {
        await using var db = Open();
        return (await db.Teachers.CountAsync(), await db.TrainingRecords.CountAsync(), await db.Filings.CountAsync());
    }

    [Fact]
    public async Task Training_GoodFile_Exits0_PrintsTheCounts_AndWrites()
    {
        await using var db = Open();
        var teacher = await db.Teachers.Where(t => t.StaffNumber == "0001002" && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Code == DemoUsers.PrincipalSchoolCode))
            .SingleAsync();
        var file = Write("records.csv", string.Join("\n", [string.Join(",", TrainingImport.Columns),
            $"ZS2025-000001,示例-{DemoUsers.PrincipalSchoolCode},0001099,王小红,NT2-101,2025-06-30,30,20",
            $"CLI-000001,{DemoUsers.PrincipalSchoolCode},0001002,{teacher.Name},OT-501,2025年6月3日,6,0"]));

        var (exit, output, _) = await RunAsync("import", "training", "--file", file, "--user", "principal");

        exit.ShouldBe(0);
        output.ShouldContain("已跳过模板示例行 1 行");
        output.ShouldContain("导入完成：读取 1 行，新增 1 行、更新 0 行、未变化 0 行");
        (await db.TrainingRecords.SingleAsync(r => r.CertificateNumber == "CLI-000001")).TeacherId.ShouldBe(teacher.Id);
        (await portal.LastAuditAsync("principal", "Import")).Entity.ShouldBe("TrainingRecord");
    }

    [Fact]
    public async Task Teachers_StaffNumberOfAnotherName_Exits2_PrintsTheRowInChinese_AndWritesNothing()
    {
        var file = Write("teachers.csv", string.Join(",", TeacherImport.Columns) + $"\n{DemoUsers.PrincipalSchoolCode},0001001,张三,女,数学,教师,在职,\n");
        var counts = await CountsAsync();

        var (exit, output, _) = await RunAsync("import", "teachers", "--file", file, "--user", "district");

        exit.ShouldBe(2);
        output.ShouldContain("发现 1 处问题，未写入任何数据");
        output.ShouldContain("2\t0001001\t教职工号“0001001”在系统中是“李洋”，文件中是“张三”");
        (await CountsAsync()).ShouldBe(counts);
        await using var db = Open();
        (await db.Teachers.Where(t => t.StaffNumber == "0001001" && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Code == DemoUsers.PrincipalSchoolCode))
            .Select(t => t.Name).SingleAsync()).ShouldBe("李洋");
    }

    [Fact]
    public async Task Teachers_TemplateAsDownloaded_Exits2_SayingItsSampleRowsWereSkipped()
    {
        var file = Write("教师名册导入模板.xlsx", TeacherImport.Template());
        var counts = await CountsAsync();

        var (exit, output, _) = await RunAsync("import", "teachers", "--file", file, "--user", "principal");

        exit.ShouldBe(2);
        output.ShouldContain("已跳过模板示例行 2 行");
        output.ShouldContain("文件中没有要导入的数据");
        (await CountsAsync()).ShouldBe(counts);
    }

    [Fact]
    public async Task Teachers_ByAnAccountThatKeepsNoRegistry_Exits2_Forbidden()
    {
        var file = Write("teachers.csv", string.Join(",", TeacherImport.Columns) + $"\n{DemoUsers.PrincipalSchoolCode},X-1,王新,男,语文,教师,在职,\n");

        var (exit, _, errors) = await RunAsync("import", "teachers", "--file", file, "--user", "inspector");

        exit.ShouldBe(2);
        errors.ShouldContain("您没有执行此操作的权限");
    }

    [Fact]
    public async Task Training_FileThatIsNoTable_Exits2_WithTheReason()
    {
        var file = Write("records.xlsx", [0x89, .. "PNG\r\n"u8, 0x1A, 0x00, 0x00, 0x00, 0x0D]);

        var (exit, _, errors) = await RunAsync("import", "training", "--file", file, "--user", "district");

        exit.ShouldBe(2);
        errors.ShouldContain("不是可识别的表格文件");
    }

    [Fact]
    public async Task Filing_DistrictTemplate_ByPeriodName_Exits0()
    {
        var district = new AccessScope("district", Role.District, "/500000/500103/");
        using var scope = portal.Services.CreateScope();
        var period = (await scope.ServiceProvider.GetRequiredService<FilingService>().CurrentPeriodAsync(district))!;
        int districtId;
        await using (var db = Open()) districtId = await db.OrgUnits.Where(u => u.Code == "500103").Select(u => u.Id).SingleAsync();
        var template = await scope.ServiceProvider.GetRequiredService<FilingImport>().TemplateAsync(district, period.Id, districtId);
        var file = Write(template.FileName, template.Content);

        var (exit, output, errors) = await RunAsync("import", "filing", "--file", file, "--user", "district", "--period", period.Name);

        (exit, errors).ShouldBe((0, ""));
        output.ShouldContain("导入完成：读取");
    }

    [Fact]
    public async Task Filing_ByAPrincipal_Exits2_AskingForADistrictAccount()
    {
        var file = Write("filing.csv", "学校代码\n");

        var (exit, _, errors) = await RunAsync("import", "filing", "--file", file, "--user", "principal", "--period", "1");

        exit.ShouldBe(2);
        errors.ShouldContain("须为区县教委用户");
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "grades", "--file", "{file}", "--user", "district")]
    [InlineData("import", "training", "--user", "district")]
    [InlineData("import", "training", "--file", "{file}")]
    [InlineData("import", "training", "--file", "{folder}/missing.csv", "--user", "district")]
    [InlineData("import", "training", "--file", "{file}", "--user", "nobody")]
    [InlineData("import", "training", "--file", "{file}", "--user", "district", "--period", "1")]
    [InlineData("import", "filing", "--file", "{file}", "--user", "district")]
    [InlineData("import", "filing", "--file", "{file}", "--user", "district", "--period", "no-such-period")]
    [InlineData("import", "teachers", "--file", "{file}", "--user")]
    public async Task BadArguments_Exit2_WithTheUsage_AndWriteNothing(params string[] args)
    {
        var file = Write("records.csv", string.Join(",", TrainingImport.Columns) + "\n");
        var counts = await CountsAsync();

        var (exit, output, errors) = await RunAsync([.. args.Select(a => a.Replace("{file}", file).Replace("{folder}", _folder))]);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        errors.ShouldContain("用法 usage:");
        (await CountsAsync()).ShouldBe(counts);
    }
}
