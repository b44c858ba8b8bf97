using EduGov.Domain.Common;
using EduGov.Domain.Training;

namespace EduGov.Domain.Tests.Training;

public sealed class RegistryRowsTests
{
    private const string ValidId = "11010519491231002X"; // the GB 11643 standard's own example

    private static Teacher Known() =>
        Teacher.Create(1, new TeacherDetails("0001001", "李洋", Gender.Male, "地理", Post.Principal, TeacherStatus.Active, ValidId));

    [Theory]
    [InlineData("示例-5001030001", true)]
    [InlineData(" 示例", true)]
    [InlineData("5001030001", false)]
    [InlineData("", false)]
    [InlineData("5001示例", false)]
    public void IsSample_IsTheSchoolCodeStartingWithTheMarker(string schoolCode, bool sample) =>
        RegistryRows.IsSample(schoolCode).ShouldBe(sample);

    [Theory]
    [InlineData("李洋", "李洋", true)]
    [InlineData("李洋", "李　洋", true)]
    [InlineData("李洋", " 李 洋 ", true)]
    [InlineData("阿卜杜·热合曼", "阿卜杜.热合曼", true)]
    [InlineData("阿卜杜·热合曼", "阿卜杜•热合曼", true)]
    [InlineData("李洋", "张三", false)]
    [InlineData("李洋", "李阳", false)]
    public void SameName_IgnoresSpacesAndTheFormOfTheMiddleDot(string registry, string file, bool same) =>
        RegistryRows.SameName(registry, file).ShouldBe(same);

    [Fact]
    public void CheckRecordName_OfAnotherPerson_IsRefusedWithBothNames()
    {
        var error = Should.Throw<DomainException>(() => RegistryRows.CheckRecordName("5001030001", "0001001", "李洋", "张三"));

        error.Code.ShouldBe(ErrorCodes.ImportRecordNameMismatch);
        error.Args.ShouldBe(["5001030001", "0001001", "李洋", "张三"]);
    }

    [Fact]
    public void CheckRecordName_Empty_IsRequired() =>
        Should.Throw<DomainException>(() => RegistryRows.CheckRecordName("5001030001", "0001001", "李洋", " ")).Code.ShouldBe(ErrorCodes.Required);

    [Fact]
    public void CheckRecordName_SamePersonPadded_Passes() => RegistryRows.CheckRecordName("5001030001", "0001001", "李洋", "李 洋");

    [Fact]
    public void Over_AKnownTeacherWithAnotherName_IsRefusedWithBothNames()
    {
        var row = new RegistryRow("0001001", "张三", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, null);

        var error = Should.Throw<DomainException>(() => row.Over(Known()));

        error.Code.ShouldBe(ErrorCodes.ImportTeacherNameMismatch);
        error.Args.ShouldBe(["0001001", "李洋", "张三"]);
    }

    [Fact]
    public void Over_EmptyCells_KeepTheStoredValues()
    {
        var row = new RegistryRow("0001001", null, null, null, null, null, null);

        row.Over(Known()).ShouldBe(new TeacherDetails("0001001", "李洋", Gender.Male, "地理", Post.Principal, TeacherStatus.Active, ValidId));
    }

    [Fact]
    public void Over_FilledCells_ReplaceTheStoredValues_AndTheStoredSpellingOfTheNameStays()
    {
        var row = new RegistryRow("0001001", "李　洋", Gender.Female, "数学", Post.VicePrincipal, TeacherStatus.Retired, null);

        row.Over(Known()).ShouldBe(new TeacherDetails("0001001", "李洋", Gender.Female, "数学", Post.VicePrincipal, TeacherStatus.Retired, ValidId));
    }

    [Theory]
    [InlineData(null, Gender.Male, Post.Teacher, "Name")]
    [InlineData("王新", null, Post.Teacher, "Gender")]
    [InlineData("王新", Gender.Male, null, "Post")]
    public void ForNew_WithoutARequiredCell_IsRefused(string? name, Gender? gender, Post? post, string field)
    {
        var error = Should.Throw<DomainException>(() => new RegistryRow("IMP-1", name, gender, null, post, null, null).ForNew());

        (error.Code, error.Args[0]).ShouldBe((ErrorCodes.Required, field));
    }

    [Fact]
    public void ForNew_WithoutAStatus_IsActive() =>
        new RegistryRow("IMP-1", "王新", Gender.Male, null, Post.Teacher, null, null).ForNew().Status.ShouldBe(TeacherStatus.Active);
}
