using EduGov.Web.Charts;

namespace EduGov.Web.Tests.Charts;

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(47.2, 100, 20)]    // a share runs to 100
    [InlineData(100, 100, 20)]
    [InlineData(120, 125, 25)]     // a share above 100 (a ratio) is not cut
    public void For_Percentages_RunToAHundredWhenTheyFit(double largest, double max, double step)
    {
        NiceScale.For((decimal)largest, percent: true).ShouldBe(new NiceScale((decimal)max, (decimal)step));
    }

    [Theory]
    [InlineData(600, 600, 200)]
    [InlineData(522, 600, 200)]
    [InlineData(19.5, 20, 5)]
    [InlineData(10, 10, 2)]
    [InlineData(0.37, 0.4, 0.1)]
    public void For_OtherValues_TopsTheLargestWithOneTwoOrFiveSteps(double largest, double max, double step)
    {
        var scale = NiceScale.For((decimal)largest);

        scale.Max.ShouldBe((decimal)max);
        scale.Step.ShouldBe((decimal)step);
        scale.Ticks[0].ShouldBe(0);
        scale.Ticks[^1].ShouldBe(scale.Max);
    }

    [Fact]
    public void For_SmallCounts_NeverStepsByAFraction()
    {
        var scale = NiceScale.For(3, wholeNumbers: true);

        scale.Ticks.ShouldBe([0m, 1m, 2m, 3m]);
    }

    [Fact]
    public void For_NothingAboveZero_StillDrawsAnAxis()
    {
        NiceScale.For(0, wholeNumbers: true).Ticks.Count.ShouldBeGreaterThan(1);
    }
}
