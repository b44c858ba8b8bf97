using EduGov.Domain.Training;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class ComplianceServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SeedPlans_CarryTheirTrainingRules()
    {
        await using var db = _db.Open();
        var rule = await db.ComplianceRules.SingleAsync(r => db.Indicators.Any(i => i.Id == r.IndicatorId && i.Code == "BZ-21"));
        (rule.MinHours, rule.MinPracticeHours, rule.WindowStart, rule.WindowEnd).ShouldBe((50m, 30m, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31)));
        rule.Posts.Count.ShouldBe(5);
        (await db.ComplianceRules.CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Bazhong_ShareOfTeachersMeeting50And30_RollsUpAsTheRatioOfCounts()
    {
        await using (var db = _db.Open())
        {
            var schools = await db.OrgUnits.Where(u => u.Path.StartsWith("/511900/511903/") && u.Kind == Domain.Organisation.OrgUnitKind.School)
                .OrderBy(u => u.Code).Take(2).ToListAsync();
            var course = Course.Create(new CourseDetails("NT2", "能力提升工程2.0", "四川省教师研修网", CourseCategory.Ability20, CourseMode.Blended, 50, 30));
            db.Courses.Add(course);
            // School A: 3 teachers, exactly 50/30, 49.5/30 and none. School B: 1 teacher, 50/30.
            var teachers = new[] { (schools[0].Id, "A1"), (schools[0].Id, "A2"), (schools[0].Id, "A3"), (schools[1].Id, "B1") }
                .Select(t => Teacher.Create(t.Item1, new TeacherDetails(t.Item2, t.Item2, Gender.Male, null, Post.Teacher, TeacherStatus.Active, null))).ToList();
            db.Teachers.AddRange(teachers);
            await db.SaveChangesAsync();
            var today = new DateOnly(2026, 1, 1);
            db.TrainingRecords.AddRange(
                TrainingRecord.Create(teachers[0].Id, course.Id, new DateOnly(2021, 5, 1), 50, 30, "A1-1", today),
                TrainingRecord.Create(teachers[1].Id, course.Id, new DateOnly(2021, 5, 1), 49.5m, 30, "A2-1", today),
                TrainingRecord.Create(teachers[1].Id, course.Id, new DateOnly(2019, 5, 1), 20, 10, "A2-0", today),
                TrainingRecord.Create(teachers[3].Id, course.Id, new DateOnly(2022, 12, 31), 50, 30, "B1-1", today));
            await db.SaveChangesAsync();
        }

        await _db.Get<ComplianceService>().RecomputeAsync();

        await using var read = _db.Open();
        var values = await read.IndicatorValues.Where(v => read.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "BZ-21") && v.Year == 2022)
            .Select(v => new { v.OrgUnit.Code, v.Value }).ToDictionaryAsync(v => v.Code, v => v.Value);
        var schoolA = await read.OrgUnits.Where(u => u.Path.StartsWith("/511900/511903/") && u.Kind == Domain.Organisation.OrgUnitKind.School).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
        values[schoolA].ShouldBe(33.3m);   // 1 of 3
        values["511903"].ShouldBe(50.0m);  // 2 of 4, not the average of 33.3% and 100%
        values.ShouldContainKey("511900");  // the city counts 巴州区's demo registry too
    }

    /// <summary>Two teachers of 恩阳区's first school under BZ-21 (50/30, 2020–2022): one meets it in 2021, one never does.</summary>
    private async Task<(int SchoolId, int[] Teachers, int CourseId)> TwoTeachersAsync()
    {
        await using var db = _db.Open();
        var school = await db.OrgUnits.Where(u => u.Path.StartsWith("/511900/511903/") && u.Kind == Domain.Organisation.OrgUnitKind.School).OrderBy(u => u.Code).FirstAsync();
        var course = Course.Create(new CourseDetails("NT2", "能力提升工程2.0", "四川省教师研修网", CourseCategory.Ability20, CourseMode.Blended, 50, 30));
        db.Courses.Add(course);
        var teachers = new[] { "A1", "A2" }.Select(n => Teacher.Create(school.Id, new TeacherDetails(n, n, Gender.Male, null, Post.Teacher, TeacherStatus.Active, null))).ToList();
        db.Teachers.AddRange(teachers);
        await db.SaveChangesAsync();
        var today = new DateOnly(2026, 1, 1);
        db.TrainingRecords.AddRange(
            TrainingRecord.Create(teachers[0].Id, course.Id, new DateOnly(2020, 9, 1), 30, 20, "A1-1", today),
            TrainingRecord.Create(teachers[0].Id, course.Id, new DateOnly(2021, 5, 1), 20, 10, "A1-2", today),
            TrainingRecord.Create(teachers[1].Id, course.Id, new DateOnly(2022, 5, 1), 20, 10, "A2-1", today));
        await db.SaveChangesAsync();
        return (school.Id, teachers.Select(t => t.Id).ToArray(), course.Id);
    }

    private async Task<Dictionary<int, decimal>> YearsAsync(string indicator, int unitId)
    {
        await using var db = _db.Open();
        return await db.IndicatorValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == indicator) && v.OrgUnitId == unitId)
            .ToDictionaryAsync(v => v.Year, v => v.Value);
    }

    [Fact]
    public async Task EachYearOfTheWindow_CountsTheTrainingCompletedByItsEnd()
    {
        var (school, _, _) = await TwoTeachersAsync();

        await _db.Get<ComplianceService>().RecomputeAsync();

        (await YearsAsync("BZ-21", school)).ShouldBe(new Dictionary<int, decimal> { [2020] = 0m, [2021] = 50m, [2022] = 50m });
    }

    [Fact]
    public async Task ARecordOfAnEarlierYear_AtOneSchool_UpdatesThatYearAndTheLaterOnes_ForTheSchoolAndItsDistrict()
    {
        var (school, teachers, course) = await TwoTeachersAsync();
        var service = _db.Get<ComplianceService>();
        await service.RecomputeAsync();
        var district = await _db.UnitIdAsync("511903");
        var before = await YearsAsync("BZ-21", district);

        await using (var db = _db.Open())
        {
            db.TrainingRecords.Add(TrainingRecord.Create(teachers[1], course, new DateOnly(2021, 3, 1), 30, 20, "A2-0", new DateOnly(2026, 1, 1)));
            await db.SaveChangesAsync();
        }
        await service.RecomputeSchoolAsync(school);

        (await YearsAsync("BZ-21", school)).ShouldBe(new Dictionary<int, decimal> { [2020] = 0m, [2021] = 50m, [2022] = 100m });
        var after = await YearsAsync("BZ-21", district);
        after[2020].ShouldBe(before[2020]);
        after[2021].ShouldBe(before[2021]);   // A2 had 30 hours by the end of 2021: not yet 50
        after[2022].ShouldBeGreaterThan(before[2022]);
    }
}
