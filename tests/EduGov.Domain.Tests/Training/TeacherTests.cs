using EduGov.Domain.Common;
using EduGov.Domain.Training;

namespace EduGov.Domain.Tests.Training;

public sealed class TeacherTests
{
    private const string ValidId = "11010519491231002X"; // the GB 11643 standard's own example

    [Fact]
    public void IdNumber_ChecksTheCheckCharacter()
    {
        IdNumbers.IsValid(ValidId).ShouldBeTrue();
        IdNumbers.IsValid("110105194912310021").ShouldBeFalse();
        IdNumbers.IsValid("11010519491231002").ShouldBeFalse();
        IdNumbers.CheckFor(ValidId[..17]).ShouldBe('X');
    }

    [Fact]
    public void IdNumber_IsMaskedToRegionAndLastFour() => IdNumbers.Mask("500103198001011234").ShouldBe("5001********1234");

    [Fact]
    public void Teacher_WithAnInvalidIdNumber_IsRefused() =>
        Should.Throw<DomainException>(() => Teacher.Create(1, new TeacherDetails("T001", "张老师", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, "500103198001011234")))
            .Code.ShouldBe(ErrorCodes.IdNumberInvalid);

    [Fact]
    public void Teacher_KeepsAValidIdNumberUppercase() =>
        Teacher.Create(1, new TeacherDetails("T001", "张老师", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, ValidId.ToLowerInvariant()))
            .IdNumber.ShouldBe(ValidId);

    [Theory]
    [InlineData(0, 0, ErrorCodes.HoursOutOfRange)]
    [InlineData(201, 0, ErrorCodes.HoursOutOfRange)]
    [InlineData(10, 11, ErrorCodes.PracticeAboveHours)]
    [InlineData(10, -1, ErrorCodes.NegativeValue)]
    public void Hours_OutOfRange_AreRefused(double hours, double practice, string code) =>
        Should.Throw<DomainException>(() => TrainingRecord.Create(1, 1, new DateOnly(2021, 5, 1), (decimal)hours, (decimal)practice, "C1", new DateOnly(2026, 1, 1)))
            .Code.ShouldBe(code);

    [Fact]
    public void Record_CompletedInTheFuture_IsRefused() =>
        Should.Throw<DomainException>(() => TrainingRecord.Create(1, 1, new DateOnly(2027, 1, 1), 10, 5, "C1", new DateOnly(2026, 11, 23)))
            .Code.ShouldBe(ErrorCodes.DateInFuture);
}
