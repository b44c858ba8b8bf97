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

    [Fact]
    public async Task SchoolsOutsideTheScope_AreUnknown_AndOnlyRegistryKeepersMayImport()
    {
        var result = await Import.ImportAsync(Scopes.OtherDistrict, File($"{School},X-1,某某,女,语文,教师,在职,"));

        result.Errors.Single().Code.ShouldBe(ErrorCodes.ImportUnknownSchool);
        await Should.ThrowAsync<ForbiddenException>(() => Import.ImportAsync(Scopes.Commission, File($"{School},X-2,某某,女,语文,教师,在职,")));
    }
}
