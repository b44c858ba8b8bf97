using EduGov.Domain.Audit;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Tests.Support;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Audit;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private AuditTrail Trail => _db.Get<AuditTrail>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demo: false);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string Now => TestSql.Now;

    private async Task<int> NewPlanWithIndicatorAsync()
    {
        var plans = _db.Get<PlanService>();
        var id = await plans.CreateAsync(Scopes.Commission, new PlanDetails("重庆市教育数字化行动计划（2026—2030年）", "渝教发〔2026〕1号",
            "重庆市教育委员会", await _db.UnitIdAsync("500000"), new DateOnly(2026, 3, 1), 2026, 2030, null));
        var plan = (await plans.GetAsync(Scopes.Commission, id)).Plan;
        await plans.SaveIndicatorAsync(Scopes.Commission, id, plan.Version, null,
            new IndicatorDetails("X-01", "智慧校园覆盖率", "%", Direction.Increase, ValueSource.Reported, null, null, null, null, null, null),
            [new TargetDetails(2027, 60, null), new TargetDetails(2030, 100, null)]);
        return id;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var db = _db.Open();
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = _db.Open();
        return await db.AuditEntries.MaxAsync(a => a.Id);
    }

    [Fact]
    public async Task AddedRows_AreAuditedUnderTheKeysTheDatabaseGaveThem()
    {
        var planId = await NewPlanWithIndicatorAsync();

        await using var db = _db.Open();
        var indicator = await db.Indicators.SingleAsync(i => i.PlanId == planId);
        var entries = await db.AuditEntries.Where(a => a.Action == "Added" && a.Actor == "commission").ToListAsync();
        entries.ShouldContain(a => a.Entity == "Plan" && a.EntityId == planId.ToString());
        entries.ShouldContain(a => a.Entity == "Indicator" && a.EntityId == indicator.Id.ToString());
        var targets = entries.Where(a => a.Entity == "IndicatorTarget").ToList();
        targets.Count.ShouldBe(2);
        targets.ShouldAllBe(a => long.Parse(a.EntityId!) > 0 && a.Details!.Contains($"\"IndicatorId\":{indicator.Id},"));
        entries.ShouldAllBe(a => a.ActorUnit == "/500000/");
    }

    [Fact]
    public async Task Verify_AfterSeedingAndWrites_IsIntactAndCountsEveryEntry()
    {
        await NewPlanWithIndicatorAsync();

        var check = await Trail.VerifyAsync();

        await using var db = _db.Open();
        check.Intact.ShouldBeTrue(check.Summary);
        check.Checked.ShouldBe(await db.AuditEntries.CountAsync());
        check.LastId.ShouldBe(await LastIdAsync());
    }

    [Fact]
    public async Task Verify_AnEntryEditedAroundTheTriggers_NamesThatEntry()
    {
        await NewPlanWithIndicatorAsync();
        var edited = await LastIdAsync() - 2;
        await ExecuteAsync(TestSql.DropTrigger("AuditEntries_NoUpdate", "AuditEntries"));
        await ExecuteAsync("UPDATE \"AuditEntries\" SET \"Details\" = {0} WHERE \"Id\" = {1}", """{"Title":"改过的标题"}""", edited);

        var check = await Trail.VerifyAsync();

        (check.BrokenAt, check.Break).ShouldBe((edited, AuditBreak.Altered));
        check.Summary.ShouldContain($"第 {edited} 条");
    }

    [Fact]
    public async Task Verify_AnEntryDeletedAroundTheTriggers_NamesTheOneAfterIt()
    {
        await NewPlanWithIndicatorAsync();
        var deleted = await LastIdAsync() - 2;
        await ExecuteAsync(TestSql.DropTrigger("AuditEntries_KeepSixMonths", "AuditEntries"));
        await ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {deleted}");

        var check = await Trail.VerifyAsync();

        (check.BrokenAt, check.Break).ShouldBe((deleted + 1, AuditBreak.Unlinked));
    }

    [Fact]
    public async Task Verify_TheNewestEntriesDeletedAroundTheTriggers_SaysTheEndIsMissing()
    {
        await NewPlanWithIndicatorAsync();
        var last = await LastIdAsync();
        await ExecuteAsync(TestSql.DropTrigger("AuditEntries_KeepSixMonths", "AuditEntries"));
        await ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"Id\" >= {last - 1}");

        var check = await Trail.VerifyAsync();

        (check.BrokenAt, check.Break).ShouldBe((last - 2, AuditBreak.EndMissing));
    }

    [Fact]
    public async Task Database_RefusesReplacingBackdatingUnsealedAndChangedEntries()
    {
        var first = 1L;
        const string columns = "\"Id\", \"AtUtc\", \"Actor\", \"Action\", \"Entity\", \"PrevHash\", \"Hash\"";
        var b = TestSql.Byte;
        // Replacing an entry: SQLite's INSERT OR REPLACE, PostgreSQL's INSERT … ON CONFLICT DO UPDATE.
        var replace = () => ExecuteAsync(TestProvider.IsPostgreSql
            ? $"INSERT INTO \"AuditEntries\" ({columns}) VALUES ({first}, {Now}, 'mallory', 'SignIn', 'Account', {b}, {b}) ON CONFLICT (\"Id\") DO UPDATE SET \"Actor\" = 'mallory'"
            : $"INSERT OR REPLACE INTO \"AuditEntries\" ({columns}) VALUES ({first}, {Now}, 'mallory', 'SignIn', 'Account', {b}, {b})");
        var backdated = () => ExecuteAsync($"INSERT INTO \"AuditEntries\" ({columns}) VALUES (900000, {TestSql.DaysAgo(200)}, 'admin', 'SignIn', 'Account', {b}, {b})");
        var unsealed = () => ExecuteAsync($"INSERT INTO \"AuditEntries\" (\"Id\", \"AtUtc\", \"Actor\", \"Action\", \"Entity\") VALUES (900001, {Now}, 'admin', 'SignIn', 'Account')");
        var update = () => ExecuteAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory'");
        var updateOrReplace = () => ExecuteAsync(TestProvider.IsPostgreSql
            ? $"UPDATE \"AuditEntries\" SET \"Id\" = {first} WHERE \"Id\" = {first + 1}"
            : $"UPDATE OR REPLACE \"AuditEntries\" SET \"Id\" = {first} WHERE \"Id\" = {first + 1}");
        var delete = () => ExecuteAsync("DELETE FROM \"AuditEntries\"");
        var moveHeadBack = () => ExecuteAsync("UPDATE \"AuditChainHead\" SET \"LastEntryId\" = 0");
        var deleteHead = () => ExecuteAsync("DELETE FROM \"AuditChainHead\"");

        (await Should.ThrowAsync<DbException>(replace)).Message.ShouldContain("only appended");
        (await Should.ThrowAsync<DbException>(backdated)).Message.ShouldContain("present time");
        (await Should.ThrowAsync<DbException>(unsealed)).Message.ShouldContain("sealed");
        (await Should.ThrowAsync<DbException>(update)).Message.ShouldContain("cannot be changed");
        (await Should.ThrowAsync<DbException>(updateOrReplace)).Message.ShouldContain("cannot be changed");
        (await Should.ThrowAsync<DbException>(delete)).Message.ShouldContain("six months");
        (await Should.ThrowAsync<DbException>(moveHeadBack)).Message.ShouldContain("forward");
        (await Should.ThrowAsync<DbException>(deleteHead)).Message.ShouldContain("kept");
        if (TestProvider.IsPostgreSql) // TRUNCATE skips PostgreSQL's row triggers: refused on its own
            (await Should.ThrowAsync<DbException>(() => ExecuteAsync("TRUNCATE \"AuditEntries\", \"AuditChainHead\""))).Message.ShouldContain("kept");
        (await Trail.VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_AForgedSignInWithAMadeUpHash_IsNotAccepted()
    {
        var forged = await LastIdAsync() + 1;
        await using (var db = _db.Open())
        {
            var head = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Hash).FirstAsync();
            await ExecuteAsync(
                "INSERT INTO \"AuditEntries\" (\"Id\", \"AtUtc\", \"Actor\", \"Action\", \"Entity\", \"PrevHash\", \"Hash\") VALUES ({0}, " + TestSql.Now + ", 'admin', 'SignIn', 'Account', {1}, {2})",
                forged, head!, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        var check = await Trail.VerifyAsync();

        (check.BrokenAt, check.Break).ShouldBe((forged, AuditBreak.Altered));
    }

    [Fact]
    public async Task ConcurrentWriters_SealOneUnbrokenChain()
    {
        var before = await LastIdAsync();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var db = _db.Open();
            db.Audit(new AuditEntry(DateTime.UtcNow, $"writer{i}", "Export", "Plan", null, $"csv: {i}"));
            await db.SaveChangesAsync();
        }));

        await using var check = _db.Open();
        (await check.AuditEntries.Where(a => a.Id > before).Select(a => a.Id).ToListAsync())
            .ShouldBe(Enumerable.Range(1, 40).Select(i => before + i).ToList());
        (await Trail.VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task ASaveThatFailsInsideATransaction_LeavesNoEntry()
    {
        var before = await LastIdAsync();
        await using var db = _db.Open();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Plans.Add(Plan.Create(new PlanDetails("重复", null, "重庆市教育委员会", 999999, new DateOnly(2026, 1, 1), 2026, 2030, null)));
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync()); // no such org unit
        db.ChangeTracker.Clear();
        db.Audit(new AuditEntry(DateTime.UtcNow, "commission", "Export", "Plan", null, "after the failure"));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        await using var check = _db.Open();
        (await check.AuditEntries.Where(a => a.Id > before).Select(a => a.Details).ToListAsync()).ShouldBe(["after the failure"]);
    }

    [Fact]
    public async Task CheckRecent_AfterAFullCheck_ChecksOnlyNewEntries()
    {
        var full = await Trail.VerifyAsync();
        await NewPlanWithIndicatorAsync();

        var recent = await Trail.CheckRecentAsync();

        recent.Intact.ShouldBeTrue();
        recent.LastId.ShouldBe(await LastIdAsync());
        recent.Checked.ShouldBe(full.Checked + (recent.LastId!.Value - full.LastId!.Value));
    }
}
