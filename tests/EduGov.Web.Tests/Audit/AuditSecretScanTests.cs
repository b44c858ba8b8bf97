using System.Net;
using System.Text.RegularExpressions;
using EduGov.Domain.Organisation;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Training;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace EduGov.Web.Tests.Audit;

/// <summary>
/// The demo seeding and a day's journey through the real pipeline, then every audit entry read back and searched for
/// what must never be there: authenticator keys, password hashes, stamps, session ids, key material, full ID numbers.
/// </summary>
public sealed partial class AuditSecretScanTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly AccessScope Admin = new("admin", Role.Admin, null);

    [Fact]
    public async Task TheAuditTrail_AfterSeedingAndAJourney_HoldsNoSecret()
    {
        var secrets = new List<string> { DemoAuthenticatorKey };

        // An administrator signs in with the second factor, creates a commission account, which sets up its authenticator.
        var admin = await portal.SignedInAsync("admin");
        (await admin.GetAsync("/api/plans/export.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var scope = portal.Services.CreateScope())
        {
            var city = await scope.ServiceProvider.GetRequiredService<EduGovDbContext>().OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(Admin, new CreateUser("scanned", "新账号", Role.Commission, city, "Strong@Pass1"));
        }
        var newcomer = portal.Anonymous();
        await PortalFactory.PostLoginAsync(newcomer, "scanned", "Strong@Pass1");
        var key = KeyPattern().Match(await newcomer.GetStringAsync("/account/2fa/setup")).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        key.Length.ShouldBe(32);
        secrets.Add(key);
        await PortalFactory.PostFormAsync(newcomer, "/account/2fa/setup", "two-factor-setup", new() { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });

        // A principal keeps the registry: a teacher with an ID number, then a change of it; and views the full numbers.
        const string idNumber = "11010519491231002X";
        var principal = new AccessScope("principal", Role.Principal, $"/500000/500103/{Infrastructure.Seeding.DemoUsers.PrincipalSchoolCode}/");
        using (var scope = portal.Services.CreateScope())
        {
            var training = scope.ServiceProvider.GetRequiredService<TrainingService>();
            var school = await scope.ServiceProvider.GetRequiredService<EduGovDbContext>().OrgUnits
                .Where(u => u.Code == Infrastructure.Seeding.DemoUsers.PrincipalSchoolCode).Select(u => u.Id).SingleAsync();
            var id = await training.SaveTeacherAsync(principal, null, school, new TeacherDetails("S900", "审计测试", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, idNumber));
            await training.SaveTeacherAsync(principal, id, school, new TeacherDetails("S900", "审计测试", Gender.Female, "数学", Post.Teacher, TeacherStatus.Active, "50010319800101123" + IdNumbers.CheckFor("50010319800101123")));
            await training.TeachersAsync(principal, "审计测试", 0, 20);
        }
        var district = await portal.SignedInAsync("district");
        await PortalFactory.SignOutAsync(district);

        await using var db = portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContext();
        using (var scope = portal.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var user in await users.Users.ToListAsync())
                secrets.AddRange(new[] { user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp }.OfType<string>());
        }
        secrets.AddRange(await db.UserSessions.Select(s => s.Id).ToListAsync());
        secrets.AddRange((await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()).OfType<string>().Select(xml => xml[..Math.Min(xml.Length, 60)]));
        var entries = await db.AuditEntries.AsNoTracking().ToListAsync();

        entries.Count.ShouldBeGreaterThan(20);
        entries.ShouldContain(a => a.Entity == "IdentityUserToken", string.Join(", ", entries.Select(a => a.Entity).Distinct()));
        entries.ShouldContain(a => a.Entity == "Teacher" && a.Action == "Modified");
        foreach (var entry in entries)
        {
            var text = $"{entry.Actor} {entry.Action} {entry.Entity} {entry.EntityId} {entry.Details}";
            foreach (var secret in secrets) text.ShouldNotContain(secret, Case.Sensitive, $"audit entry {entry.Id} ({entry.Entity} {entry.Action})");
            FullIdNumber().IsMatch(text).ShouldBeFalse($"audit entry {entry.Id} holds a full ID number: {text}");
            text.ShouldNotContain("<masterKey", Case.Sensitive);
            text.ShouldNotContain("AQAAAA", Case.Sensitive); // the start of every Identity v3 password hash
        }
        entries.Where(a => a.Entity == "Teacher" && a.Details != null).ShouldContain(a => a.Details!.Contains("1101********002X"));
    }

    private const string DemoAuthenticatorKey = global::EduGov.Tests.DemoAuthenticator.Key;

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    // Not inside a longer word: a stored file's name is a GUID in hex, and one held "…e519649219591187593e…".
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex FullIdNumber();
}
