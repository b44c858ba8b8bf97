using EduGov.Domain.Common;

namespace EduGov.Domain.Tests.Common;

public sealed class ScoreGuardTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7.5)]
    [InlineData(10)]
    public void Score_FromZeroToTheMaximum_IsKeptAsGiven(decimal score) => Guard.Score(score, 10.0m, "领导小组").ShouldBe(score);

    [Theory]
    [InlineData(12)]
    [InlineData(10.5)]
    [InlineData(-1)]
    public void Score_OutsideZeroToTheMaximum_IsRefused_NeverCut_NamingTheLineAndItsMaximum(decimal score)
    {
        var error = Should.Throw<DomainException>(() => Guard.Score(score, 10.0m, "领导小组"));
        error.Code.ShouldBe(ErrorCodes.ScoreOutOfRange);
        error.Args.ShouldBe(["领导小组", "10"]);
    }
}
