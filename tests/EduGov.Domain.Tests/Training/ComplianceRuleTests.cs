using EduGov.Domain.Common;
using EduGov.Domain.Training;

namespace EduGov.Domain.Tests.Training;

public sealed class ComplianceRuleTests
{
    private static readonly Post[] AllPosts = Enum.GetValues<Post>();

    // 巴中: every teacher ≥ 50 学时, of which ≥ 30 实践应用, by 2022 (the plan runs 2020–2022).
    private static readonly ComplianceRule Bazhong = ComplianceRule.Create(1, 50, 30, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31), AllPosts, []);

    // 重庆: leadership training (领导力) for school leaders by 2020.
    private static readonly ComplianceRule Leadership = ComplianceRule.Create(2, 1, 0, new DateOnly(2018, 1, 1), new DateOnly(2020, 12, 31),
        [Post.Principal, Post.VicePrincipal, Post.MiddleManager], [CourseCategory.Leadership]);

    private static (DateOnly, CourseCategory, decimal, decimal) R(int year, decimal hours, decimal practice, CourseCategory category = CourseCategory.Ability20) =>
        (new DateOnly(year, 6, 1), category, hours, practice);

    [Fact]
    public void ExactlyFiftyAndThirty_IsMet()
    {
        var result = Bazhong.Evaluate([R(2021, 30, 20), R(2022, 20, 10)]);
        (result.Hours, result.PracticeHours, result.Met).ShouldBe((50m, 30m, true));
    }

    [Fact]
    public void HalfAnHourShort_IsNotMet_AndSaysHowMuchIsMissing()
    {
        var result = Bazhong.Evaluate([R(2021, 49.5m, 30)]);
        result.Met.ShouldBeFalse();
        (result.HoursShort, result.PracticeShort).ShouldBe((0.5m, 0m));
    }

    [Fact]
    public void EnoughHoursButTooLittlePractice_IsNotMet()
    {
        var result = Bazhong.Evaluate([R(2021, 60, 29)]);
        (result.Met, result.PracticeShort).ShouldBe((false, 1m));
    }

    [Fact]
    public void RecordsOutsideTheWindow_DoNotCount()
    {
        var result = Bazhong.Evaluate([R(2019, 50, 30), (new DateOnly(2023, 1, 1), CourseCategory.Ability20, 50m, 30m), R(2020, 10, 5)]);
        (result.Hours, result.Met).ShouldBe((10m, false));
    }

    [Fact]
    public void WindowEdges_AreIncluded() =>
        Bazhong.Evaluate([(new DateOnly(2020, 1, 1), CourseCategory.Other, 25m, 15m), (new DateOnly(2022, 12, 31), CourseCategory.Other, 25m, 15m)]).Met.ShouldBeTrue();

    [Fact]
    public void SeveralPlans_JudgeTheSameRecordsByTheirOwnRules()
    {
        // The 2019 leadership course counts for 重庆's rule (2018–2020) but is before 巴中's window (2020–2022).
        (DateOnly, CourseCategory, decimal, decimal)[] records = [R(2019, 8, 0, CourseCategory.Leadership), R(2021, 45, 30)];

        Leadership.Evaluate(records).Met.ShouldBeTrue();
        Bazhong.Evaluate(records).HoursShort.ShouldBe(5m);
    }

    [Fact]
    public void OnlyTheRulesCategoriesCount()
    {
        Leadership.Evaluate([R(2019, 40, 0, CourseCategory.Ability20)]).Met.ShouldBeFalse();
        Leadership.Evaluate([R(2019, 2, 0, CourseCategory.Leadership)]).Met.ShouldBeTrue();
    }

    [Fact]
    public void Rules_ApplyToTheirPostsOnly()
    {
        Leadership.AppliesTo(Post.Principal).ShouldBeTrue();
        Leadership.AppliesTo(Post.Teacher).ShouldBeFalse();
        Bazhong.AppliesTo(Post.ItSpecialist).ShouldBeTrue();
    }

    [Fact]
    public void NoRecords_LacksEverything()
    {
        var result = Bazhong.Evaluate([]);
        (result.HoursShort, result.PracticeShort, result.Met).ShouldBe((50m, 30m, false));
    }

    [Fact]
    public void Rule_WithPracticeAboveHoursOrNoPosts_IsRefused()
    {
        Should.Throw<DomainException>(() => ComplianceRule.Create(1, 30, 50, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31), AllPosts, []));
        Should.Throw<DomainException>(() => ComplianceRule.Create(1, 50, 30, new DateOnly(2020, 1, 1), new DateOnly(2022, 12, 31), [], []));
    }

    [Fact]
    public void YearsOf_AClosedWindow_AreEachOfItsYears() =>
        Bazhong.YearsOf(new DateOnly(2026, 5, 1)).ShouldBe([2020, 2021, 2022]);

    [Fact]
    public void YearsOf_AnOpenWindow_RunToThisYear() =>
        Bazhong.YearsOf(new DateOnly(2021, 5, 1)).ShouldBe([2020, 2021]);

    [Fact]
    public void YearsOf_AWindowNotYetBegun_IsThisYearOnly() =>
        Bazhong.YearsOf(new DateOnly(2019, 5, 1)).ShouldBe([2019]);

    [Fact]
    public void JudgeByYear_CountsTheHoursCompletedUpToEachYearsEnd()
    {
        var byYear = Bazhong.JudgeByYear([(2020, 20m, 10m), (2021, 20m, 10m), (2022, 15m, 15m)], new DateOnly(2026, 5, 1));

        byYear.Keys.ShouldBe([2020, 2021, 2022]);
        (byYear[2020].Hours, byYear[2020].Met).ShouldBe((20m, false));
        (byYear[2021].Hours, byYear[2021].PracticeShort).ShouldBe((40m, 10m));
        (byYear[2022].Hours, byYear[2022].PracticeHours, byYear[2022].Met).ShouldBe((55m, 35m, true));
    }

    [Fact]
    public void JudgeByYear_NoRecords_LacksEverythingEachYear() =>
        Leadership.JudgeByYear([], new DateOnly(2026, 5, 1)).Values.ShouldAllBe(c => !c.Met && c.HoursShort == 1);
}
