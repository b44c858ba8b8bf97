using EduGov.Domain.Common;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class TrainingServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _schoolId, _indicatorId, _courseId;
    private TrainingService Training => _db.Get<TrainingService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.Open();
        _schoolId = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        _indicatorId = await db.Indicators.Where(i => i.Code == "CQ5-21").Select(i => i.Id).SingleAsync();
        _courseId = await db.Courses.Where(c => c.Code == "NT2-101").Select(c => c.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>The stored CQ5-21 (素养培训覆盖率, counted for 2020) of the principal's school, 渝中区 and 重庆市.</summary>
    private async Task<decimal[]> SharesAsync()
    {
        await using var db = _db.Open();
        string[] codes = [DemoUsers.PrincipalSchoolCode, "500103", "500000"];
        var values = await db.IndicatorValues.Where(v => v.IndicatorId == _indicatorId && v.Year == 2020 && codes.Contains(v.OrgUnit.Code))
            .Select(v => new { v.OrgUnit.Code, v.Value }).ToDictionaryAsync(v => v.Code, v => v.Value);
        return codes.Select(c => values[c]).ToArray();
    }

    private async Task<int> ShortTeacherAsync() => (await ShortTeachersAsync(1)).Single();

    private async Task<List<int>> ShortTeachersAsync(int count)
    {
        var detail = await _db.Get<TrainingDashboard>().DetailAsync(Scopes.Principal, _schoolId, _indicatorId);
        var staffNumbers = detail.Short.Take(count).Select(s => s.StaffNumber).ToList();
        await using var db = _db.Open();
        return await db.Teachers.Where(t => t.SchoolId == _schoolId && staffNumbers.Contains(t.StaffNumber)).Select(t => t.Id).ToListAsync();
    }

    [Fact]
    public async Task AddRecord_ForAShortTeacher_RaisesSchoolDistrictAndCity_AsAFullRecountWould()
    {
        var before = await SharesAsync();
        // Enough teachers that the district's share, kept to one decimal, moves too.
        var teachers = await ShortTeachersAsync(10);

        foreach (var teacher in teachers)
            await Training.AddRecordAsync(Scopes.Principal, teacher, new NewRecord(_courseId, new DateOnly(2020, 6, 1), 30, 20, $"ONE-BY-ONE-{teacher}"));
        var after = await SharesAsync();
        await _db.Get<ComplianceService>().RecomputeAsync();

        after.Zip(before).ShouldAllBe(p => p.First > p.Second);
        (await SharesAsync()).ShouldBe(after);
    }

    [Fact]
    public async Task AddRecord_WithACertificateAlreadyRecorded_IsRefused_AndNothingChanges()
    {
        var teacher = await ShortTeacherAsync();
        await Training.AddRecordAsync(Scopes.Principal, teacher, new NewRecord(_courseId, new DateOnly(2020, 6, 1), 30, 20, "DUP-1"));
        var before = await SharesAsync();

        var error = await Should.ThrowAsync<DomainException>(() =>
            Training.AddRecordAsync(Scopes.Principal, teacher, new NewRecord(_courseId, new DateOnly(2020, 7, 1), 10, 5, "DUP-1")));

        error.Code.ShouldBe(ErrorCodes.CertificateTaken);
        (await Training.TeacherAsync(Scopes.Principal, teacher)).Records.Count(r => r.CertificateNumber == "DUP-1").ShouldBe(1);
        (await SharesAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task AddRecord_ByRolesThatDoNotKeepTheRegistry_IsForbidden()
    {
        var teacher = await ShortTeacherAsync();
        var record = new NewRecord(_courseId, new DateOnly(2020, 6, 1), 30, 20, "X-1");

        await Should.ThrowAsync<ForbiddenException>(() => Training.AddRecordAsync(Scopes.Inspector, teacher, record));
        await Should.ThrowAsync<ForbiddenException>(() => Training.AddRecordAsync(Scopes.Commission, teacher, record));
        await Should.ThrowAsync<NotFoundException>(() => Training.AddRecordAsync(Scopes.OtherDistrict, teacher, record));
    }

    [Fact]
    public async Task TeacherWhoLeaves_NoLongerCounts()
    {
        var teacher = await ShortTeacherAsync();
        var file = await Training.TeacherAsync(Scopes.Principal, teacher);
        var before = await SharesAsync();
        var t = file.Teacher;

        await Training.SaveTeacherAsync(Scopes.Principal, teacher, _schoolId,
            new TeacherDetails(t.StaffNumber, t.Name, t.Gender, t.Subject, t.Post, TeacherStatus.Left, t.IdNumber));

        (await SharesAsync())[0].ShouldBeGreaterThan(before[0]);
    }

    [Fact]
    public async Task SaveTeacher_AddsToTheRegistry_AndRefusesAStaffNumberTaken()
    {
        var details = new TeacherDetails("N-001", "新教师", Gender.Female, "语文", Post.Teacher, TeacherStatus.Active, null);

        var id = await Training.SaveTeacherAsync(Scopes.District, null, _schoolId, details);
        var error = await Should.ThrowAsync<DomainException>(() => Training.SaveTeacherAsync(Scopes.Principal, null, _schoolId, details with { Name = "另一位" }));

        error.Code.ShouldBe(ErrorCodes.StaffNumberTaken);
        (await Training.TeacherAsync(Scopes.Principal, id)).Teacher.Name.ShouldBe("新教师");
        await Should.ThrowAsync<ForbiddenException>(() => Training.SaveTeacherAsync(Scopes.Commission, null, _schoolId, details with { StaffNumber = "N-002" }));
        await Should.ThrowAsync<NotFoundException>(() => Training.SaveTeacherAsync(Scopes.OtherDistrict, null, _schoolId, details with { StaffNumber = "N-003" }));
    }

    [Fact]
    public async Task TeacherPage_WithFullIdNumbers_IsRecordedOnce_WithTheUnitAndCount()
    {
        var page = await Training.TeachersAsync(Scopes.Principal, null, 0, 20);

        var entry = (await _db.LastAuditAsync("principal", "ViewIdNumbers"))!;
        (entry.Entity, entry.EntityId).ShouldBe(("Teacher", null));
        var shown = page.Items.Count(t => t.IdNumber is not null);
        shown.ShouldBeGreaterThan(0);
        entry.Details.ShouldBe($"{page.Items[0].SchoolName}: {shown} ID numbers, page 1");
        page.Items.ShouldAllBe(t => t.IdNumber == null || !entry.Details!.Contains(t.IdNumber));
    }

    [Fact]
    public async Task TeacherPage_WithMaskedIdNumbers_IsNotRecorded()
    {
        await Training.TeachersAsync(Scopes.Inspector, null, 0, 20);
        (await _db.LastAuditAsync("inspector", "ViewIdNumbers")).ShouldBeNull();
    }

    [Fact]
    public async Task TeacherFile_WithTheFullIdNumber_IsRecordedForThatTeacher()
    {
        var teacher = await ShortTeacherAsync();

        await Training.TeacherAsync(Scopes.District, teacher);

        var entry = (await _db.LastAuditAsync("district", "ViewIdNumbers"))!;
        (entry.Entity, entry.EntityId).ShouldBe(("Teacher", teacher.ToString()));
    }

    [Fact]
    public async Task TeacherFile_ShowsTheRecordsAndWhereTheTeacherStands()
    {
        var teacher = await ShortTeacherAsync();
        await Training.AddRecordAsync(Scopes.Principal, teacher, new NewRecord(_courseId, new DateOnly(2020, 6, 1), 30, 20, "FILE-1"));

        var file = await Training.TeacherAsync(Scopes.Principal, teacher);

        file.Records.ShouldContain(r => r.CertificateNumber == "FILE-1" && r.Hours == 30);
        file.Standings.Single(s => s.Code == "CQ5-21").Compliance.Met.ShouldBeTrue();
        (await Training.TeacherAsync(Scopes.Inspector, teacher)).Teacher.IdNumber?.ShouldContain("********");
    }
}
