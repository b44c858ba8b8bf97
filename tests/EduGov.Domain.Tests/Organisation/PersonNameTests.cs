using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Organisation;

public sealed class PersonNameTests
{
    [Fact]
    public void Of_AnAccountWithNameAndUnit_IsNameAndUnit() => PersonName.Of("inspector", "市级督学", "重庆市").ShouldBe("市级督学（重庆市）");

    [Fact]
    public void Of_ANameThatSaysItsUnit_DoesNotRepeatIt() => PersonName.Of("district", "渝中区教委", "渝中区").ShouldBe("渝中区教委");

    [Fact]
    public void Of_AnAccountWithoutUnit_IsItsName() => PersonName.Of("admin", "系统管理员", null).ShouldBe("系统管理员");

    [Fact]
    public void Of_NoAccount_IsTheNameRecorded() => PersonName.Of("陈明", null, null).ShouldBe("陈明");
}
