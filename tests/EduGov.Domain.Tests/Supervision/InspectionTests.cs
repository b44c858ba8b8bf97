using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

/// <summary>A small city to inspect and a three-line checklist (40 + 35 + 25 = 100), with ids as the database would give them.</summary>
internal static class Sample
{
    public static readonly DateOnly Today = new(2026, 10, 15);
    public static readonly DateTime Now = new(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc);
    public static readonly OrgUnit City = OrgUnit.CreateRoot("500000", "重庆市");
    public static readonly OrgUnit District = City.AddDistrict("500103", "渝中区");
    public static readonly OrgUnit School = District.AddSchool("5001030001", "渝中区第一小学", new SchoolProfile(SchoolType.Primary, false, 1200, 80, 30, 32));
    public static readonly OrgUnit OtherDistrict = City.AddDistrict("500105", "江北区");
    public static readonly OrgUnit OtherSchool = OtherDistrict.AddSchool("5001050001", "江北区第一小学", new SchoolProfile(SchoolType.Primary, false, 900, 60, 24, 24));

    public static List<ChecklistItem> Checklist() =>
    [
        Item(1, new ChecklistItemDetails("组织领导", "成立教育信息化领导小组", 40, 1)),
        Item(2, new ChecklistItemDetails("基础设施", "宽带网络校校通", 35, 2)),
        Item(3, new ChecklistItemDetails("网络安全", "落实等级保护制度", 25, 3)),
    ];

    public static ChecklistItem Item(int id, ChecklistItemDetails details)
    {
        var item = ChecklistItem.Add(1, details);
        typeof(ChecklistItem).GetProperty(nameof(ChecklistItem.Id))!.SetValue(item, id);
        return item;
    }

    public static InspectionRecord Record(decimal first = 32, decimal second = 30, decimal third = 23.5m, DateOnly? on = null, params string[] inspectors) =>
        new(on ?? Today, inspectors.Length == 0 ? ["张督学", "李督学"] : inspectors, [7, 7, 9], new Dictionary<int, decimal> { [1] = first, [2] = second, [3] = third },
            "网络学习空间应用不足；等保测评未按期开展");

    public static Inspection Recorded(OrgUnit? unit = null, DateOnly? on = null)
    {
        var inspection = Inspection.Plan(unit ?? District, 1, Today, "inspector");
        inspection.Record(Record(on: on), Checklist(), Today, "inspector", Now);
        return inspection;
    }
}

public sealed class InspectionTests
{
    private static Inspection Planned() => Inspection.Plan(Sample.District, 1, Sample.Today.AddDays(7), "inspector");

    [Fact]
    public void Plan_ADistrictOrASchool_IsPlanned_ACityIsNot()
    {
        Planned().Status.ShouldBe(InspectionStatus.Planned);
        Inspection.Plan(Sample.School, 1, Sample.Today, "inspector").Status.ShouldBe(InspectionStatus.Planned);
        Should.Throw<DomainException>(() => Inspection.Plan(Sample.City, 1, Sample.Today, "inspector")).Code.ShouldBe(ErrorCodes.NotInspectable);
    }

    [Fact]
    public void Record_TotalsTheScores_AndTheShareOfTheMaximum()
    {
        var inspection = Planned();
        inspection.Record(Sample.Record(), Sample.Checklist(), Sample.Today, "inspector", Sample.Now);

        (inspection.Status, inspection.InspectedOn, inspection.RecordedBy).ShouldBe((InspectionStatus.Recorded, Sample.Today, "inspector"));
        (inspection.TotalScore, inspection.MaxScore, inspection.Percentage).ShouldBe((85.5m, 100m, 85.5m));
        inspection.Inspectors.ShouldBe(["张督学", "李督学"]);
        inspection.IndicatorIds.ShouldBe([7, 9]);
        inspection.Scores.Select(s => s.Category).ShouldBe(["组织领导", "基础设施", "网络安全"]);
    }

    [Fact]
    public void Record_ThePercentage_IsRoundedToOneDecimal()
    {
        var inspection = Planned();
        var checklist = Sample.Checklist().Take(1).ToList();
        inspection.Record(Sample.Record() with { Scores = new Dictionary<int, decimal> { [1] = 13 } }, checklist, Sample.Today, "inspector", Sample.Now);
        inspection.Percentage.ShouldBe(32.5m);
        Inspection.ScorePercentage(2, 3).ShouldBe(66.7m);
        Inspection.ScorePercentage(0, 0).ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(40, 35, 25)]
    public void Record_ScoresFromZeroToTheLinesMaximum_AreAccepted(decimal first, decimal second, decimal third) =>
        Should.NotThrow(() => Planned().Record(Sample.Record(first, second, third), Sample.Checklist(), Sample.Today, "inspector", Sample.Now));

    [Theory]
    [InlineData(40.5, 35, 25)]
    [InlineData(40, -0.5, 25)]
    public void Record_AScoreOutsideZeroToMaximum_IsRefused(decimal first, decimal second, decimal third)
    {
        var inspection = Planned();
        var error = Should.Throw<DomainException>(() => inspection.Record(Sample.Record(first, second, third), Sample.Checklist(), Sample.Today, "inspector", Sample.Now));
        error.Code.ShouldBe(ErrorCodes.ScoreOutOfRange);
        inspection.Status.ShouldBe(InspectionStatus.Planned);
    }

    [Fact]
    public void Record_ALineLeftUnscored_OrAScoreForALineNotInForce_IsRefused()
    {
        var missing = Sample.Record() with { Scores = new Dictionary<int, decimal> { [1] = 30, [2] = 30 } };
        var unknown = Sample.Record() with { Scores = new Dictionary<int, decimal> { [1] = 30, [2] = 30, [4] = 20 } };
        Should.Throw<DomainException>(() => Planned().Record(missing, Sample.Checklist(), Sample.Today, "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.ChecklistIncomplete);
        Should.Throw<DomainException>(() => Planned().Record(unknown, Sample.Checklist(), Sample.Today, "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.ChecklistIncomplete);
        Should.Throw<DomainException>(() => Planned().Record(Sample.Record(), [], Sample.Today, "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.Required);
    }

    [Fact]
    public void Record_ARetiredLine_IsRefused()
    {
        var checklist = Sample.Checklist();
        checklist[2].Retire();
        Should.Throw<DomainException>(() => Planned().Record(Sample.Record(), checklist, Sample.Today, "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.ChecklistItemRetired);
    }

    [Fact]
    public void Record_NeedsAtLeastOneInspector()
    {
        var error = Should.Throw<DomainException>(() => Planned().Record(Sample.Record() with { Inspectors = [] }, Sample.Checklist(), Sample.Today, "inspector", Sample.Now));
        (error.Code, error.Args[0]).ShouldBe((ErrorCodes.Required, "Inspectors"));
        Should.Throw<DomainException>(() => Planned().Record(Sample.Record(inspectors: [" "]), Sample.Checklist(), Sample.Today, "inspector", Sample.Now))
            .Code.ShouldBe(ErrorCodes.Required);
    }

    [Fact]
    public void Record_Today_IsAccepted_Tomorrow_IsRefused()
    {
        Should.NotThrow(() => Planned().Record(Sample.Record(on: Sample.Today), Sample.Checklist(), Sample.Today, "inspector", Sample.Now));
        Should.Throw<DomainException>(() => Planned().Record(Sample.Record(on: Sample.Today.AddDays(1)), Sample.Checklist(), Sample.Today, "inspector", Sample.Now))
            .Code.ShouldBe(ErrorCodes.DateInFuture);
    }

    [Fact]
    public void Record_Twice_IsRefused()
    {
        var inspection = Sample.Recorded();
        var error = Should.Throw<DomainException>(() => inspection.Record(Sample.Record(), Sample.Checklist(), Sample.Today, "expert", Sample.Now));
        (error.Code, error.Args[0]).ShouldBe((ErrorCodes.InspectionWrongState, InspectionStatus.Recorded));
        inspection.RecordedBy.ShouldBe("inspector");
    }

    [Fact]
    public void Cancel_OnlyAPlannedInspection()
    {
        var planned = Planned();
        planned.Cancel();
        planned.Status.ShouldBe(InspectionStatus.Cancelled);
        Should.Throw<DomainException>(() => planned.Record(Sample.Record(), Sample.Checklist(), Sample.Today, "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.InspectionWrongState);
        Should.Throw<DomainException>(() => Sample.Recorded().Cancel()).Code.ShouldBe(ErrorCodes.InspectionWrongState);
    }

    [Fact]
    public void RecordedScores_KeepTheLineAsItRead_WhenItIsEditedOrRetiredLater()
    {
        var checklist = Sample.Checklist();
        var inspection = Planned();
        inspection.Record(Sample.Record(), checklist, Sample.Today, "inspector", Sample.Now);

        checklist[0].Update(new ChecklistItemDetails("组织领导", "建立首席信息官制度", 20, 1));
        checklist[1].Retire();

        inspection.Scores.Select(s => (s.Text, s.MaxScore)).ShouldBe([("成立教育信息化领导小组", 40m), ("宽带网络校校通", 35m), ("落实等级保护制度", 25m)]);
        (inspection.TotalScore, inspection.MaxScore).ShouldBe((85.5m, 100m));
    }
}

public sealed class ChecklistItemTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public void Add_AMaximumOutsideZeroToHundred_IsRefused(decimal max) =>
        Should.Throw<DomainException>(() => ChecklistItem.Add(1, new ChecklistItemDetails("组织领导", "领导小组", max, 1))).Code.ShouldBe(ErrorCodes.ScoreOutOfRange);

    [Fact]
    public void Add_NeedsCategoryAndText_AndTakesAMaximumUpToHundred()
    {
        ChecklistItem.Add(1, new ChecklistItemDetails(" 组织领导 ", " 领导小组 ", 100, 1)).ShouldSatisfyAllConditions(
            i => i.Category.ShouldBe("组织领导"), i => i.Text.ShouldBe("领导小组"), i => i.MaxScore.ShouldBe(100m));
        Should.Throw<DomainException>(() => ChecklistItem.Add(1, new ChecklistItemDetails("", "领导小组", 10, 1))).Args[0].ShouldBe("Category");
        Should.Throw<DomainException>(() => ChecklistItem.Add(1, new ChecklistItemDetails("组织领导", " ", 10, 1))).Args[0].ShouldBe("Text");
    }

    [Fact]
    public void ARetiredItem_IsNotEdited_UntilReinstated()
    {
        var item = ChecklistItem.Add(1, new ChecklistItemDetails("组织领导", "领导小组", 10, 1));
        item.Retire();
        Should.Throw<DomainException>(() => item.Update(new ChecklistItemDetails("组织领导", "领导小组", 15, 1))).Code.ShouldBe(ErrorCodes.ChecklistItemRetired);

        item.Reinstate();
        item.Update(new ChecklistItemDetails("组织领导", "领导小组", 15, 1));
        (item.IsRetired, item.MaxScore).ShouldBe((false, 15m));
    }
}
