using EduGov.Domain.Common;

namespace EduGov.Domain.Tests.Common;

public sealed class TableRulesTests
{
    private static readonly DateOnly Earliest = TableRules.EarliestDate, Latest = new(2027, 12, 31);

    [Theory]
    [InlineData("2025-06-03")]
    [InlineData("2025/6/3")]
    [InlineData("2025.6.3")]
    [InlineData("2025-06-03 00:00:00")]
    [InlineData("2025-06-03T08:30")]
    [InlineData("2025年6月3日")]
    [InlineData("2025 年 6 月 3 日")]
    [InlineData("45811")]
    [InlineData("45811.5")]
    public void TryDate_ReadsTheUnambiguousForms(string text)
    {
        TableRules.TryDate(text, Earliest, Latest, out var date).ShouldBeTrue();
        date.ShouldBe(new DateOnly(2025, 6, 3));
    }

    [Theory]
    [InlineData("06/30/2025")]
    [InlineData("03/04/2025")]
    [InlineData("3/4/25")]
    [InlineData("2025-6/3")]
    [InlineData("2025-02-30")]
    [InlineData("1900-01-01")]
    [InlineData("1")]
    [InlineData("2028-01-01")]
    [InlineData("June 3, 2025")]
    [InlineData("")]
    public void TryDate_RefusesWhatCouldBeMisreadOrIsImplausible(string text) =>
        TableRules.TryDate(text, Earliest, Latest, out _).ShouldBeFalse();

    [Theory]
    [InlineData("学校代码,教室数,学校名称", ',')]
    [InlineData("学校代码\t教室数\t学校名称", '\t')]
    [InlineData("学校代码;教室数;学校名称", ';')]
    [InlineData("\"代码,甲\";\"教室数\";名称", ';')]
    [InlineData("学校代码", ',')]
    public void Separator_IsTheMostFrequentOutsideQuotes(string titles, char separator) =>
        TableRules.Separator(titles).ShouldBe(separator);

    [Fact]
    public void Titles_FindsColumnsInAnyOrder_AndNamesMissingAndRepeatedOnes()
    {
        var (index, missing, repeated) = TableRules.Titles([" 教室数 ", "学校代码", "教室数", "备注", "备注"], ["学校代码", "教室数", "光纤接入"]);

        index["学校代码"].ShouldBe(1);
        missing.ShouldBe(["光纤接入"]);
        repeated.ShouldBe(["教室数"]);
    }

    [Fact]
    public void CheckPacked_RefusesAWorkbookThatUnpacksBeyondItsBounds()
    {
        const long mb = 1024 * 1024;
        Should.NotThrow(() => TableRules.CheckPacked([(20_000, 300_000), (2 * mb, 30 * mb)], 512 * mb, 100));
        // A tiny entry may compress as well as it likes: repeated empty cells do.
        Should.NotThrow(() => TableRules.CheckPacked([(100, 900_000)], 512 * mb, 100));

        Should.Throw<DomainException>(() => TableRules.CheckPacked([(1_800_000, 200 * mb)], 512 * mb, 100))
            .Code.ShouldBe(ErrorCodes.ImportUnpacksTooLarge);
        Should.Throw<DomainException>(() => TableRules.CheckPacked([(60 * mb, 300 * mb), (60 * mb, 300 * mb)], 512 * mb, 100))
            .Code.ShouldBe(ErrorCodes.ImportUnpacksTooLarge);
    }
}
