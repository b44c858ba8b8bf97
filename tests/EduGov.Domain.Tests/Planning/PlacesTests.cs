using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;

namespace EduGov.Domain.Tests.Planning;

public sealed class PlacesTests
{
    [Fact]
    public void EqualValues_ShareAPlace_AndTheNextPlaceSkips() =>
        Places.Ranks([80m, 95m, 80m, null, 60m, 99m], Direction.Increase).ShouldBe([3, 2, 3, null, 5, 1]);

    [Fact]
    public void ForADecreasingIndicator_TheLowestLeads() =>
        Places.Ranks([5m, 1m, 3m, 2m, 4m], Direction.Decrease).ShouldBe([5, 1, 3, 2, 4]);

    [Fact]
    public void AGroupTooSmall_IsNotRanked() =>
        Places.Ranks([5m, 1m, 3m, 2m, null, null], Direction.Increase).ShouldAllBe(r => r == null);   // four values, five needed

    [Theory]
    [InlineData(0, SizeBand.Small)]
    [InlineData(299, SizeBand.Small)]
    [InlineData(300, SizeBand.Medium)]
    [InlineData(999, SizeBand.Medium)]
    [InlineData(1_000, SizeBand.Large)]
    [InlineData(2_000, SizeBand.VeryLarge)]
    [InlineData(9_000, SizeBand.VeryLarge)]
    public void Schools_FallInTheirSizeBand(int students, SizeBand band)
    {
        SchoolSize.BandOf(students).ShouldBe(band);
        var (min, max) = SchoolSize.Range(band);
        students.ShouldBeGreaterThanOrEqualTo(min);
        if (max is { } m) students.ShouldBeLessThan(m);
    }
}
