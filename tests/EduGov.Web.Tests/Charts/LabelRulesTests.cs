using EduGov.Web.Charts;

namespace EduGov.Web.Tests.Charts;

public sealed class LabelRulesTests
{
    [Fact]
    public void Spread_LabelsAlreadyApart_StayWhereTheyWant()
    {
        LabelRules.Spread([10, 40, 80], 12, 0, 100).ShouldBe([10, 40, 80]);
    }

    [Fact]
    public void Spread_LabelsOnTopOfEachOther_MoveApartByTheirHeight_KeepingTheirOrder()
    {
        var placed = LabelRules.Spread([50, 48, 51, 49], 12, 0, 200);

        var sorted = placed.Order().ToList();
        for (var i = 1; i < sorted.Count; i++) (sorted[i] - sorted[i - 1]).ShouldBeGreaterThanOrEqualTo(12 - 1e-9);
        // wanted order 48 (index 1) < 49 (3) < 50 (0) < 51 (2) is kept
        placed[1].ShouldBeLessThan(placed[3]);
        placed[3].ShouldBeLessThan(placed[0]);
        placed[0].ShouldBeLessThan(placed[2]);
    }

    [Fact]
    public void Spread_LabelsPushedPastTheBottom_AreMovedBackUpInsideTheColumn()
    {
        var placed = LabelRules.Spread([98, 99, 100], 12, 0, 100);

        placed.Max().ShouldBeLessThanOrEqualTo(100);
        placed.Order().Zip(placed.Order().Skip(1), (a, b) => b - a).ShouldAllBe(d => d >= 12 - 1e-9);
    }

    [Fact]
    public void Thin_LabelsWithRoom_AllShow()
    {
        LabelRules.Thin([0, 50, 100], [30, 30, 30], 4).ShouldAllBe(shown => shown);
    }

    [Fact]
    public void Thin_CrowdedLabels_ShowNoTwoCloserThanTheGap_AndAlwaysTheKeptOnes()
    {
        var centres = Enumerable.Range(0, 12).Select(i => i * 20.0).ToList();
        var widths = centres.Select(_ => 26.0).ToList();

        var shown = LabelRules.Thin(centres, widths, 6, [11, 7]);

        shown[11].ShouldBeTrue();
        shown[7].ShouldBeTrue();
        var visible = Enumerable.Range(0, 12).Where(i => shown[i]).Select(i => centres[i]).ToList();
        visible.Zip(visible.Skip(1), (a, b) => b - a - 26).ShouldAllBe(gap => gap >= 6);
        visible.Count.ShouldBeGreaterThan(3);
    }

    [Theory]
    [InlineData(5, 40, 20)]      // would start before 0: moved right
    [InlineData(395, 40, 380)]   // would end after 400: moved left
    [InlineData(200, 40, 200)]   // fits: stays centred
    public void Fit_KeepsALabelInsideTheChart(double centre, double width, double expected)
    {
        LabelRules.Fit(centre, width, 0, 400).ShouldBe(expected);
    }

    [Fact]
    public void Flow_StartsANewRow_WhenTheNextEntryWouldPassTheWidth()
    {
        var places = LabelRules.Flow([100, 100, 100], 250, 10);

        places.ShouldBe([(0, 0), (110, 0), (0, 1)]);
    }
}
