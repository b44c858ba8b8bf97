using EduGov.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Infrastructure.Tests.Data;

public sealed class KeysAtRestTests
{
    [Fact]
    public async Task DataProtectionKeys_AreStoredEncrypted_WithNoMasterKeyInClear()
    {
        await using var database = await TestDatabase.CreateAsync(demo: false);
        var protector = database.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");

        var secret = protector.Protect("学校数据");

        await using var db = database.Open();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("EncryptedData") && !xml.Contains("<value>") && !xml.Contains("unencrypted form"));
        protector.Unprotect(secret).ShouldBe("学校数据");
    }

    [Fact]
    public async Task DataProtectionKeys_AfterARestart_StillOpenWhatWasProtected()
    {
        await using var database = await TestDatabase.CreateAsync(demo: false);
        var secret = database.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("会话");

        await database.RestartAsync();

        database.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret).ShouldBe("会话");
    }
}
