using EduGov.Domain.Audit;

namespace EduGov.Domain.Tests.Audit;

public sealed class AuditRedactionTests
{
    [Theory]
    [InlineData("AppUser", "PasswordHash")]
    [InlineData("AppUser", "SecurityStamp")]
    [InlineData("AppUser", "ConcurrencyStamp")]
    [InlineData("IdentityUserToken", "Value")]
    [InlineData("DataProtectionKey", "Xml")]
    [InlineData("ApiClient", "SecretHash")]
    public void Redact_ASecret_IsHidden(string entity, string property) =>
        AuditRedaction.Redact(entity, property, "AQAAAAIAAYagAAAAE…").ShouldBe(AuditRedaction.Hidden);

    [Fact]
    public void Redact_AnIdNumber_IsMaskedAsThePagesShowIt() =>
        AuditRedaction.Redact("Teacher", "IdNumber", "11010519491231002X").ShouldBe("1101********002X");

    [Fact]
    public void Redact_AnOrdinaryValue_IsKept()
    {
        AuditRedaction.Redact("Teacher", "Name", "张三").ShouldBe("张三");
        AuditRedaction.Redact("IdentityUserToken", "Name", "AuthenticatorKey").ShouldBe("AuthenticatorKey");
        AuditRedaction.Redact("AppUser", "LockoutEnd", null).ShouldBeNull();
    }
}
