using EduGov.Domain.Bulletins;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Bulletins;

public sealed class BulletinRulesTests
{
    private static readonly DateOnly Deadline = new(2026, 12, 15);

    private static DistrictFiling District(string code, int schools, int completed, int onTime = 0) =>
        new(int.Parse(code), code, $"区{code}", schools, completed, 0, onTime);

    [Theory]
    [InlineData(FilingStatus.Submitted, true)]
    [InlineData(FilingStatus.Approved, true)]
    [InlineData(FilingStatus.Returned, false)]
    [InlineData(FilingStatus.Draft, false)]
    [InlineData(null, false)]
    public void IsComplete_SubmittedOrApproved_ReturnedIsNot(FilingStatus? status, bool complete) =>
        BulletinRules.IsComplete(status).ShouldBe(complete);

    [Fact]
    public void IsOnTime_OnTheDeadlineDay_IsOnTime_TheDayAfter_IsLate()
    {
        BulletinRules.IsOnTime(Deadline, Deadline).ShouldBeTrue();
        BulletinRules.IsOnTime(Deadline.AddDays(1), Deadline).ShouldBeFalse();
        BulletinRules.IsOnTime(null, Deadline).ShouldBeFalse();
        BulletinRules.SubmittedLate(Deadline.AddDays(1), Deadline).ShouldBeTrue();
        BulletinRules.SubmittedLate(Deadline, Deadline).ShouldBeFalse();
        BulletinRules.SubmittedLate(null, Deadline).ShouldBeFalse();
    }

    [Fact]
    public void CountsOnTime_OnlyWhenCompleteNow()
    {
        BulletinRules.CountsOnTime(FilingStatus.Approved, Deadline.AddDays(-5), Deadline).ShouldBeTrue();
        BulletinRules.CountsOnTime(FilingStatus.Returned, Deadline.AddDays(-5), Deadline).ShouldBeFalse();   // submitted in time, sent back
        BulletinRules.CountsOnTime(FilingStatus.Submitted, Deadline.AddDays(2), Deadline).ShouldBeFalse();
    }

    [Fact]
    public void IsPastDeadline_FromTheDayAfterTheLastDay()
    {
        BulletinRules.IsPastDeadline(Deadline, Deadline).ShouldBeFalse();
        BulletinRules.IsPastDeadline(Deadline, Deadline.AddDays(1)).ShouldBeTrue();
        BulletinRules.DaysOverdue(Deadline, Deadline.AddDays(10)).ShouldBe(10);
        BulletinRules.DaysOverdue(Deadline, Deadline.AddDays(-3)).ShouldBe(0);
    }

    [Fact]
    public void Rate_RoundsToOneDecimal_AndIsNullWithoutSchools()
    {
        BulletinRules.Rate(2, 3).ShouldBe(66.7m);
        BulletinRules.Rate(1, 8).ShouldBe(12.5m);
        BulletinRules.Rate(0, 0).ShouldBeNull();
    }

    [Fact]
    public void Rank_ByCompletionThenTimeliness_EqualRatesShareARank_NoSchoolsLastUnranked()
    {
        var ranked = BulletinRules.Rank([
            District("500101", 10, 5, 5), District("500102", 10, 9, 8), District("500103", 10, 9, 9), District("500104", 20, 18, 18),
            District("500105", 0, 0), District("500106", 4, 1, 1)]);

        ranked.Select(r => (r.Figures.Code, r.Rank)).ShouldBe([
            ("500103", 1), ("500104", 1), ("500102", 3), ("500101", 4), ("500106", 5), ("500105", (int?)null)]);
    }

    [Fact]
    public void Rank_TiesAsPrinted_NotAsExactFractions()
    {
        // 2/3 and 667/1000 both print as 66.7%: a reader sees the same rate, so they share the place.
        var ranked = BulletinRules.Rank([District("500101", 3, 2), District("500102", 1000, 667)]);
        ranked.Select(r => r.Rank).ShouldBe([1, 1]);
    }

    [Fact]
    public void LaggingDistricts_AreTheLastFive_BelowTheCity_WorstFirst()
    {
        var districts = Enumerable.Range(1, 10).Select(i => District($"5001{i:00}", 10, i)).ToList();   // 10% … 100%
        var ranked = BulletinRules.Rank(districts);

        var lagging = BulletinRules.LaggingDistricts(ranked, cityRate: 55m);

        lagging.Select(l => l.Figures.Code).ShouldBe(["500101", "500102", "500103", "500104", "500105"]);
    }

    [Fact]
    public void LaggingDistricts_NeverNamesADistrictAtOrAboveTheCity()
    {
        var ranked = BulletinRules.Rank(Enumerable.Range(1, 10).Select(i => District($"5001{i:00}", 10, i)).ToList());

        BulletinRules.LaggingDistricts(ranked, cityRate: 30m).Select(l => l.Figures.Code).ShouldBe(["500101", "500102"]);
        BulletinRules.LaggingDistricts(ranked, cityRate: 10m).ShouldBeEmpty();
        BulletinRules.LaggingDistricts(ranked, cityRate: null).ShouldBeEmpty();
    }

    [Fact]
    public void LaggingDistricts_ATieAtTheBoundary_IsNamedWhole()
    {
        var ranked = BulletinRules.Rank([
            District("500101", 10, 9), District("500102", 10, 5), District("500103", 10, 5), District("500104", 10, 5),
            District("500105", 10, 3), District("500106", 10, 2), District("500107", 10, 1)]);

        // Seven districts: the last five places are 3–7; place 3 is in a tie at 50% with places 2 and 4, so all three are in.
        BulletinRules.LaggingDistricts(ranked, cityRate: 60m).Select(l => l.Figures.Code)
            .ShouldBe(["500107", "500106", "500105", "500104", "500103", "500102"]);
    }

    [Fact]
    public void NameList_CountsWhatItDoesNotName()
    {
        BulletinRules.NameList(["甲校", "乙校", "丙校"], 3, "所").ShouldBe("甲校、乙校、丙校");
        BulletinRules.NameList(["甲校", "乙校"], 12, "所").ShouldBe("甲校、乙校等 12 所");
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(6, "六")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(20, "二十")]
    [InlineData(35, "三十五")]
    public void Numeral_IsTheChineseSectionNumber(int n, string numeral) => BulletinRules.Numeral(n).ShouldBe(numeral);

    [Fact]
    public void Number_IsTheIssuersStyle()
    {
        BulletinRules.Number("重庆市", 2026, 3).ShouldBe("渝教督〔2026〕3号");
        BulletinRules.Number("长沙市", 2026, 1).ShouldBe("长教督〔2026〕1号");
        BulletinRules.IssuerOf("重庆市").Issuer.ShouldBe("重庆市教育委员会");
        BulletinRules.IssuerOf("巴中市").Issuer.ShouldBe("巴中市教育局");
    }

    [Fact]
    public void NamedUnits_ASchoolNamesItsDistrict_AndReasonsAccumulate()
    {
        var named = new NamedUnits()
            .Name(11, BulletinReason.SchoolsOutstanding, districtId: 1)
            .Name(1, BulletinReason.LowCompletion)
            .Name(2, BulletinReason.RectificationOverdue, districtId: 2);

        named.All[11].ShouldBe(BulletinReason.SchoolsOutstanding);
        named.All[1].ShouldBe(BulletinReason.SchoolsOutstanding | BulletinReason.LowCompletion);
        named.All[2].ShouldBe(BulletinReason.RectificationOverdue);
        named.All.Count.ShouldBe(3);
    }

    [Fact]
    public void Describe_SaysWhyInTheUnitsOwnWords()
    {
        NamedUnits.Describe(BulletinReason.LowCompletion | BulletinReason.SchoolsOutstanding, school: false, pastDeadline: false)
            .ShouldBe("填报完成率排名靠后；所属学校尚未完成填报");
        NamedUnits.Describe(BulletinReason.SchoolsOutstanding, school: true, pastDeadline: true).ShouldBe("本校逾期未完成填报");
    }

    [Fact]
    public void Publish_AddsTheNextVersion_WithEachUnitOnce()
    {
        var bulletin = Bulletin.Open(1, "重庆市", 7, 2026, 2, "关于2026年度教育信息化工作推进情况的通报");
        var v1 = GeneratedDocument.Archive(DocumentKind.Bulletin, 1, 2026, 0, bulletin.Title, [1], "commission", DateTime.UtcNow, series: 7);

        var issue = bulletin.Publish(v1, [(5, BulletinReason.LowCompletion), (5, BulletinReason.IndicatorBehind), (6, BulletinReason.None)]);

        bulletin.Number.ShouldBe("渝教督〔2026〕2号");
        (issue.Version, bulletin.LatestVersion).ShouldBe((1, 1));
        issue.Mentions.Select(m => (m.UnitId, m.Reasons)).ShouldBe([(5, BulletinReason.LowCompletion | BulletinReason.IndicatorBehind)]);
    }

    [Fact]
    public void Publish_RefusesAVersionOutOfOrder_OrAnotherCitysDocument()
    {
        var bulletin = Bulletin.Open(1, "重庆市", 7, 2026, 1, "通报");
        var skipped = GeneratedDocument.Archive(DocumentKind.Bulletin, 1, 2026, 1, "通报", [1], "commission", DateTime.UtcNow, series: 7);
        var report = GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 2026, 0, "白皮书", [1], "commission", DateTime.UtcNow);
        var elsewhere = GeneratedDocument.Archive(DocumentKind.Bulletin, 2, 2026, 0, "通报", [1], "commission", DateTime.UtcNow, series: 7);

        Should.Throw<InvalidOperationException>(() => bulletin.Publish(skipped, []));
        Should.Throw<InvalidOperationException>(() => bulletin.Publish(report, []));
        Should.Throw<InvalidOperationException>(() => bulletin.Publish(elsewhere, []));
    }

    [Fact]
    public void Open_NeedsATitle() =>
        Should.Throw<DomainException>(() => Bulletin.Open(1, "重庆市", 7, 2026, 1, " ")).Code.ShouldBe(ErrorCodes.Required);

    private static readonly string City = "/500000/";
    private static readonly string[] NamesASchool = ["/500000/500103/5001030001/"];

    [Theory]
    [InlineData(Role.Admin, null, true)]
    [InlineData(Role.Commission, "/500000/", true)]
    [InlineData(Role.Inspector, "/500000/", true)]
    [InlineData(Role.District, "/500000/500105/", true)]          // addressed to every district of the city
    [InlineData(Role.Inspector, "/500000/500105/", true)]
    [InlineData(Role.Principal, "/500000/500103/5001030001/", true)]   // named
    [InlineData(Role.Principal, "/500000/500103/5001030002/", false)]  // not named
    [InlineData(Role.Commission, "/430100/", false)]              // another city
    [InlineData(Role.District, "/430100/430102/", false)]
    public void CanOpenBulletin_TheCityAndItsDistricts_AndTheSchoolsItNames(Role role, string? path, bool opens) =>
        new AccessScope("u", role, path).CanOpenBulletin(City, NamesASchool).ShouldBe(opens);

    [Theory]
    [InlineData(Role.Commission, "/500000/", true)]
    [InlineData(Role.Commission, "/430100/", false)]
    [InlineData(Role.Inspector, "/500000/", false)]
    [InlineData(Role.District, "/500000/500103/", false)]
    [InlineData(Role.Admin, null, false)]
    public void CanPublishBulletinsOf_OnlyTheCitysCommission(Role role, string? path, bool publishes) =>
        new AccessScope("u", role, path).CanPublishBulletinsOf(City).ShouldBe(publishes);
}
