using EduGov.Domain.Training;

namespace EduGov.Domain.Tests.Training;

public sealed class HoursDistributionTests
{
    [Fact]
    public void Of_PutsEachTeacherInOneBand_NoneBelowAndAtTheThreshold()
    {
        var bands = HoursDistribution.Of(50, [0, 0, 0.5m, 9.9m, 10, 25, 49.9m, 50, 80]);

        bands.Select(b => (b.From, b.To, b.Teachers)).ShouldBe([
            (0m, 0m, 2), (0m, 10m, 2), (10m, 20m, 1), (20m, 30m, 1), (30m, 40m, 0), (40m, 50m, 1), (50m, null, 2)]);
    }

    [Fact]
    public void Of_ScalesTheBandsToTheRule()
    {
        var bands = HoursDistribution.Of(16, [3.2m, 16]);

        bands.Select(b => b.To).ShouldBe([0m, 3.2m, 6.4m, 9.6m, 12.8m, 16m, null]);
        bands.Select(b => b.Teachers).ShouldBe([0, 0, 1, 0, 0, 0, 1]);
    }

    [Fact]
    public void Of_ARuleOfAFewHours_HasOneBandBelow() =>
        HoursDistribution.Of(1, [0, 0.5m, 1, 3]).Select(b => (b.From, b.To, b.Teachers)).ShouldBe([(0m, 0m, 1), (0m, 1m, 1), (1m, null, 2)]);

    [Fact]
    public void Of_NoTeachers_GivesEmptyBands() =>
        HoursDistribution.Of(50, []).Sum(b => b.Teachers).ShouldBe(0);
}
