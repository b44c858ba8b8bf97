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

    [Fact]
    public void Scrub_EarlierDetails_HidesSecretsAndMasksIdNumbersInValuesAndChanges()
    {
        AuditRedaction.Scrub("IdentityUserToken", """{"UserId":"u1","LoginProvider":"[AspNetUserStore]","Name":"AuthenticatorKey","Value":"EDUGOVDEMOKEYQZXWVUTSRPNMLKJIHGF"}""")
            .ShouldBe("""{"UserId":"u1","LoginProvider":"[AspNetUserStore]","Name":"AuthenticatorKey","Value":"（已隐藏）"}""");
        AuditRedaction.Scrub("Teacher", """{"IdNumber":["11010519491231002X",null],"Name":["张三","李四"]}""")
            .ShouldBe("""{"IdNumber":["1101********002X",null],"Name":["张三","李四"]}""");
    }

    [Fact]
    public void Scrub_DetailsWithNothingToRemove_AreReturnedAsTheyWere()
    {
        const string details = """{"Title": "重庆市智慧教育", "Year":2026}""";
        AuditRedaction.Scrub("Plan", details).ShouldBeSameAs(details);
        AuditRedaction.Scrub("Account", null).ShouldBeNull();
        AuditRedaction.Scrub("Export", "csv: 5 plans").ShouldBe("csv: 5 plans");
    }
}
