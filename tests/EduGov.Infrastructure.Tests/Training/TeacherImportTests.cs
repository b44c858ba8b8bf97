using System.Text;
using EduGov.Domain.Common;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class TeacherImportTests : IAsyncLifetime
{
    private const string School = DemoUsers.PrincipalSchoolCode;
    private TestDatabase _db = default!;
    private TeacherImport Import => _db.Get<TeacherImport>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static MemoryStream File(params string[] rows) =>
        new(Encoding.UTF8.GetBytes(string.Join("\n", ["学校代码,教职工号,姓名,性别,学科,岗位,状态,身份证号", .. rows]) + "\n"));

    /// <summary>What Chinese Excel and WPS write for "CSV (逗号分隔)".</summary>
    internal static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    private static string Id(string body17) => body17 + IdNumbers.CheckFor(body17);

    private async Task<Teacher?> FindAsync(string staffNumber)
    {
        await using var db = _db.Open();
        return await db.Teachers.SingleOrDefaultAsync(t => t.StaffNumber == staffNumber && db.OrgUnits.Any(u => u.Id == t.SchoolId && u.Code == School));
    }

    [Fact]
    public async Task GoodFile_AddsNewTeachers_UpdatesKnownOnes_AndAgainChangesNothing()
    {
        var known = (await FindAsync("0001001"))!;
        var file = new[]
        {
            $"{School},IMP-1,李新,女,数学,教师,,{Id("50010319900101123")}",
            $"{School},IMP-2,王新,男,,信息技术专职,在职,",
            $"{School},{known.StaffNumber},{known.Name},{(known.Gender == Gender.Male ? "男" : "女")},{known.Subject},副校长,在职,{known.IdNumber}",
        };

        var first = await Import.ImportAsync(Scopes.Principal, File(file));
        var second = await Import.ImportAsync(Scopes.Principal, File(file));

        (first.Succeeded, first.Added, first.Updated).ShouldBe((true, 2, 1));
        (second.Succeeded, second.Added, second.Updated, second.Unchanged).ShouldBe((true, 0, 0, 3));
        (await FindAsync("IMP-2"))!.Post.ShouldBe(Post.ItSpecialist);
        (await FindAsync(known.StaffNumber))!.Post.ShouldBe(Post.VicePrincipal);
    }

    [Fact]
    public async Task BadRows_AreEachReported_AndNothingIsWritten()
    {
        var result = await Import.ImportAsync(Scopes.District, File(
            $"{School},OK-1,赵一,女,语文,教师,在职,",
            $"9999999999,BAD-3,钱二,女,语文,教师,在职,",
            $"{School},BAD-4,孙三,未知,语文,教师,在职,",
            $"{School},BAD-5,李四,男,语文,老师,在职,",
            $"{School},BAD-6,周五,男,语文,教师,在职,500103199001011230",
            $"{School},OK-1,吴六,男,语文,教师,在职,",
            $"{School},BAD-8,,男,语文,教师,在职,"));

        result.Errors.Select(e => (e.Row, e.Code)).ShouldBe([
            (3, ErrorCodes.ImportUnknownSchool), (4, ErrorCodes.ImportUnknownValue), (5, ErrorCodes.ImportUnknownValue),
            (6, ErrorCodes.IdNumberInvalid), (7, ErrorCodes.ImportDuplicateTeacher), (8, ErrorCodes.Required)], ignoreOrder: true);
        (await FindAsync("OK-1")).ShouldBeNull();
    }

    private async Task<(int Teachers, int Records)> CountsAsync()
    {
        await using var db = _db.Open();
        return (await db.Teachers.CountAsync(), await db.TrainingRecords.CountAsync());
    }

    private static void ShouldBeUnchanged(Teacher? after, Teacher before) =>
        (after!.Name, after.Gender, after.Subject, after.Post, after.Status, after.IdNumber)
            .ShouldBe((before.Name, before.Gender, before.Subject, before.Post, before.Status, before.IdNumber));

    [Fact]
    public async Task OldTemplateSampleRow_OverTheDemoPrincipal_IsRefusedWithBothNames_AndWritesNothing()
    {
        // The demo registry's 0001001 of 渝中第1中学 is its principal, 李洋, who teaches 地理 and has an ID number; the CSV
        // template of before carried her staff number in its sample row and turned her into 张三 / 数学 / 教师.
        var before = (await FindAsync("0001001"))!;
        (before.Name, before.Subject, before.Post).ShouldBe(("李洋", "地理", Post.Principal));
        before.IdNumber.ShouldNotBeNull();
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.Principal, File($"{School},0001001,张三,女,数学,教师,在职,"));

        result.Succeeded.ShouldBeFalse();
        var error = result.Errors.Single();
        (error.Row, error.Key, error.Code).ShouldBe((2, "0001001", ErrorCodes.ImportTeacherNameMismatch));
        error.Args.ShouldBe(["0001001", "李洋", "张三"]);
        ShouldBeUnchanged(await FindAsync("0001001"), before);
        (await CountsAsync()).ShouldBe(counts);
    }

    [Fact]
    public async Task Template_AsDownloaded_WritesNothing_AndSaysItsSampleRowsWereSkipped()
    {
        var before = (await FindAsync("0001001"))!;
        var counts = await CountsAsync();

        var result = await Import.ImportAsync(Scopes.Principal, new MemoryStream(TeacherImport.Template()));

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportEmpty);
        (result.Rows, result.Skipped).ShouldBe((0, 2));
        ShouldBeUnchanged(await FindAsync("0001001"), before);
        (await CountsAsync()).ShouldBe(counts);
    }

    [Fact]
    public async Task SampleRows_BesideRealOnes_AreSkippedAndCounted()
    {
        var result = await Import.ImportAsync(Scopes.Principal, File(
            $"示例-{School},IMP-0,张三,女,数学,教师,在职,",
            $"{School},IMP-1,王新,男,语文,教师,在职,"));

        (result.Succeeded, result.Rows, result.Added, result.Skipped).ShouldBe((true, 1, 1, 1));
        (await FindAsync("IMP-0")).ShouldBeNull();
    }

    [Fact]
    public async Task EmptyCells_OfAKnownTeacher_KeepTheStoredValues_IdNumberEspecially()
    {
        var before = (await FindAsync("0001001"))!;
        before.IdNumber.ShouldNotBeNull();

        var result = await Import.ImportAsync(Scopes.Principal, File($"{School},0001001,{before.Name},,,,,"));

        (result.Succeeded, result.Updated, result.Unchanged).ShouldBe((true, 0, 1));
        ShouldBeUnchanged(await FindAsync("0001001"), before);
    }

    [Fact]
    public async Task FilledCells_OfAKnownTeacher_ChangeOnlyThemselves()
    {
        var before = (await FindAsync("0001001"))!;

        var result = await Import.ImportAsync(Scopes.Principal, File($"{School},0001001,,,信息技术,,退休,"));

        (result.Succeeded, result.Updated).ShouldBe((true, 1));
        var after = (await FindAsync("0001001"))!;
        (after.Name, after.Gender, after.Subject, after.Post, after.Status, after.IdNumber)
            .ShouldBe((before.Name, before.Gender, "信息技术", before.Post, TeacherStatus.Retired, before.IdNumber));
    }

    [Fact]
    public async Task NewTeacher_WithoutGenderOrPost_IsRefused()
    {
        var result = await Import.ImportAsync(Scopes.Principal, File($"{School},NEW-1,王新,,语文,教师,,", $"{School},NEW-2,李新,女,语文,,,"));

        result.Errors.Select(e => (e.Row, e.Code, e.Args[0])).ShouldBe([(2, ErrorCodes.Required, "Gender"), (3, ErrorCodes.Required, "Post")]);
        (await FindAsync("NEW-1")).ShouldBeNull();
    }

    [Fact]
    public async Task GbkCsv_WithChineseNames_StoresTheSameCharacters()
    {
        var bytes = Gb18030().GetBytes("学校代码,教职工号,姓名,性别,学科,岗位,状态,身份证号\r\n" +
                                               $"{School},GBK-1,欧阳娜娜,女,道德与法治,中层,在职,\r\n{School},GBK-2,阿卜杜·热合曼,男,体育,教师,调离,\r\n");

        var result = await Import.ImportAsync(Scopes.Principal, new MemoryStream(bytes));

        (result.Succeeded, result.Added).ShouldBe((true, 2));
        var first = (await FindAsync("GBK-1"))!;
        (first.Name, first.Subject, first.Post).ShouldBe(("欧阳娜娜", "道德与法治", Post.MiddleManager));
        (await FindAsync("GBK-2"))!.Name.ShouldBe("阿卜杜·热合曼");
    }

    [Fact]
    public async Task SchoolsOutsideTheScope_AreUnknown_AndOnlyRegistryKeepersMayImport()
    {
        var result = await Import.ImportAsync(Scopes.OtherDistrict, File($"{School},X-1,某某,女,语文,教师,在职,"));

        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportUnknownSchool);
        await Should.ThrowAsync<ForbiddenException>(() => Import.ImportAsync(Scopes.Commission, File($"{School},X-2,某某,女,语文,教师,在职,")));
    }
}
