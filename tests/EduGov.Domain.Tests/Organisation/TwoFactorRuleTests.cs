using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Organisation;

public sealed class TwoFactorRuleTests
{
    [Theory]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Commission, true)]
    [InlineData(Role.District, false)]
    [InlineData(Role.Principal, false)]
    [InlineData(Role.Inspector, false)]
    public void NeedsTwoFactor_AdminAndCommissionOnly(Role role, bool needs) => role.NeedsTwoFactor().ShouldBe(needs);
}
