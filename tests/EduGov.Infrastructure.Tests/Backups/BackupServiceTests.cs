using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EduGov.Domain.Audit;
using EduGov.Domain.Jobs;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Backups;
using EduGov.Infrastructure.Jobs;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace EduGov.Infrastructure.Tests.Backups;

/// <summary>The backup drill on a real SQLite database with the demo's evidence files: back up, change, restore, compare.</summary>
public sealed class BackupServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private readonly string _folder = Directory.CreateTempSubdirectory("edugov-backups-").FullName;
    private BackupService Backups => _db.Get<BackupService>();
    private string FilesRoot => _db.Get<IOptions<EduGovOptions>>().Value.FilesPath;
    private string BackupFolder => Path.Combine(_folder, "backup");

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
    {
        ["EduGov:Backup:Path"] = Path.Combine(_folder, "nightly"),
        ["EduGov:Backup:Keep"] = "2",
    });

    public async Task DisposeAsync()
    {
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Shutdown(waitForJobsToComplete: true);
        await _db.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Restore_AfterRowsAddedAndDeletedAndAFileChanged_BringsBackTheCountsTheFilesAndTheAuditChain()
    {
        var (facts, files) = (await FactsAsync(), Checksums());
        files.Keys.ShouldContain(f => f.StartsWith("evidence/"));   // the demo's answered rectification items carry evidence
        var made = await Backups.BackupAsync(BackupFolder);
        made.Manifest.Facts.ShouldBe(facts, new FactsComparer());

        await ChangeEverythingAsync();
        new FactsComparer().Equals(await FactsAsync(), facts).ShouldBeFalse();

        await Backups.RestoreAsync(BackupFolder);

        (await FactsAsync()).ShouldBe(facts, new FactsComparer());
        Checksums().ShouldBe(files, ignoreOrder: true);
        var check = await _db.Get<AuditTrail>().VerifyAsync();
        (check.Intact, check.LastId).ShouldBe((true, facts.AuditHead!.LastEntryId), check.Summary);
    }

    [Fact]
    public async Task Restore_ABackupWithAChangedFile_IsRefused_AndTheCurrentDataIsUntouched()
    {
        await Backups.BackupAsync(BackupFolder);
        var evidence = Directory.EnumerateFiles(Path.Combine(BackupFolder, "files", "evidence"), "*", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(evidence, "tampered");

        await ShouldBeRefusedAsync("备份文件已损坏或被改动：files/evidence/");
    }

    [Fact]
    public async Task Restore_ABackupMissingAFile_IsRefused_AndTheCurrentDataIsUntouched()
    {
        await Backups.BackupAsync(BackupFolder);
        File.Delete(Directory.EnumerateFiles(Path.Combine(BackupFolder, "files", "evidence"), "*", SearchOption.AllDirectories).Last());

        await ShouldBeRefusedAsync("备份中缺少文件：files/evidence/");
    }

    [Fact]
    public async Task Restore_ABackupWhoseManifestWasEditedToMatchAChangedFile_IsRefused_AndTheCurrentDataIsUntouched()
    {
        await Backups.BackupAsync(BackupFolder);
        var manifestPath = Path.Combine(BackupFolder, BackupManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var entry = manifest["files"]!.AsArray().First(f => ((string)f!["path"]!).StartsWith("files/evidence/"))!;
        var forged = "forged evidence"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(BackupFolder, (string)entry["path"]!), forged);
        (entry["size"], entry["sha256"]) = (forged.Length, Convert.ToHexStringLower(SHA256.HashData(forged)));
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        await ShouldBeRefusedAsync("备份清单的签名不符");
    }

    [Fact]
    public async Task Restore_AFolderThatIsNoBackup_IsRefused()
    {
        Directory.CreateDirectory(BackupFolder);
        await File.WriteAllTextAsync(Path.Combine(BackupFolder, BackupManifest.FileName), "{ not json");

        await ShouldBeRefusedAsync($"{BackupFolder} 不是完整的备份");
    }

    [Theory]
    [InlineData("INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_FromANewerPortal', '10.0.0')")]
    [InlineData("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")")]
    public async Task Restore_ABackupOfAnotherSchemaVersion_IsRefused_AndTheCurrentDataIsUntouched(string otherVersion)
    {
        List<string> history;
        await using (var db = _db.Open())
        {
            history = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" || '|' || \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
            await db.Database.ExecuteSqlRawAsync(otherVersion);   // the database as another version of the portal left it
        }
        var made = await Backups.BackupAsync(BackupFolder);
        await using (var db = _db.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
            foreach (var row in history.Select(h => h.Split('|')))
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" VALUES ({row[0]}, {row[1]})");
            made.Manifest.SchemaVersion.ShouldNotBe(db.Database.GetMigrations().Last());
        }

        await ShouldBeRefusedAsync($"备份的数据库结构版本为 {made.Manifest.SchemaVersion}，本程序为");
    }

    [Fact]
    public async Task Backup_IntoAFolderThatHoldsSomething_IsRefused()
    {
        Directory.CreateDirectory(BackupFolder);
        await File.WriteAllTextAsync(Path.Combine(BackupFolder, "other.txt"), "someone's file");

        (await Should.ThrowAsync<BackupException>(() => Backups.BackupAsync(BackupFolder))).Message.ShouldStartWith("备份目录已存在且不是空的");
        Directory.GetFiles(BackupFolder).ShouldBe([Path.Combine(BackupFolder, "other.txt")]);
    }

    [Fact]
    public async Task BackupNightly_KeepsTheNewestCopies_AndLeavesOtherFoldersAlone()
    {
        var root = Path.Combine(_folder, "nightly");
        Directory.CreateDirectory(Path.Combine(root, "edugov-notes"));   // no manifest: not a backup, not ours to delete
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var summary = await Backups.BackupNightlyAsync();
            summary.ShouldStartWith($"已备份至 {root}");
            summary.ShouldEndWith($"删除超出保留份数（2 份）的旧备份 {(i < 2 ? 0 : 1)} 份");
            made.Add(summary[(summary.IndexOf(root) + root.Length + 1)..summary.IndexOf('：')]);
        }

        Directory.GetDirectories(root).Select(Path.GetFileName).ShouldBe([made[1], made[2], "edugov-notes"], ignoreOrder: true);
    }

    [Fact]
    public async Task MakeBackupJob_RunNow_IsInTheHistoryWithItsSummary()
    {
        var scheduler = await _db.Get<ISchedulerFactory>().GetScheduler();
        ((ICronTrigger)(await scheduler.GetTriggersOfJob(MakeBackupJob.Key)).Single()).CronExpressionString.ShouldBe("0 0 1 * * ?");
        await scheduler.Start();

        await _db.Get<SchedulerService>().RunNowAsync(Scopes.Admin, "make-backup");

        var run = await FinishedRunAsync("make-backup");
        (run.StartedBy, run.Outcome).ShouldBe(("admin", RunOutcome.Succeeded), run.Error);
        run.Summary.ShouldStartWith($"已备份至 {Path.Combine(_folder, "nightly", "edugov-")}");
        Directory.GetDirectories(Path.Combine(_folder, "nightly")).ShouldHaveSingleItem();
    }

    private async Task ShouldBeRefusedAsync(string message)
    {
        await ChangeEverythingAsync();
        var (facts, files) = (await FactsAsync(), Checksums());

        (await Should.ThrowAsync<BackupException>(() => Backups.RestoreAsync(BackupFolder))).Message.ShouldContain(message);

        (await FactsAsync()).ShouldBe(facts, new FactsComparer());
        Checksums().ShouldBe(files, ignoreOrder: true);
        // Nothing staged is left behind.
        foreach (var staged in new[] { Path.GetFileName(FilesRoot) + ".restoring-*", Path.GetFileName(FilesRoot) + ".replaced-*", ".edugov-restoring-*" })
            Directory.GetFileSystemEntries(Path.GetDirectoryName(FilesRoot)!, staged).ShouldBeEmpty();
    }

    /// <summary>Rows added and deleted in key tables, the audit chain grown, an evidence file changed and one added.</summary>
    private async Task ChangeEverythingAsync()
    {
        await using (var db = _db.Open())
        {
            (await db.IndicatorValues.Where(v => v.Year == 2020).ExecuteDeleteAsync()).ShouldBeGreaterThan(0);
            var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            db.Notifications.Add(Domain.Notifications.Notification.Send(admin,
                new Domain.Notifications.Reminder(await _db.UnitIdAsync("500000"), "after-the-backup", "备份之后", "备份之后新增的提醒", null), DateTime.UtcNow));
            await db.SaveChangesAsync();   // audited: the chain grows too
        }
        var evidence = Directory.EnumerateFiles(Path.Combine(FilesRoot, "evidence"), "*", SearchOption.AllDirectories).First();
        await File.WriteAllTextAsync(evidence, "changed after the backup");
        await File.WriteAllTextAsync(Path.Combine(FilesRoot, "evidence", "added-after-the-backup.pdf"), "new");
    }

    private async Task<DatabaseFacts> FactsAsync()
    {
        await using var db = _db.Open();
        return await KeyTables.ReadAsync(db, CancellationToken.None);
    }

    private Dictionary<string, string> Checksums() => Directory.EnumerateFiles(FilesRoot, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(FilesRoot, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    private async Task<JobRunRow> FinishedRunAsync(string job)
    {
        for (var waited = 0; waited < 60_000; waited += 200)
        {
            var runs = await _db.Get<SchedulerService>().HistoryAsync(Scopes.Admin, job, 0, 10);
            if (runs.Items.FirstOrDefault(r => r.Outcome != RunOutcome.Running) is { } run) return run;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{job} did not finish a run in 60 s");
    }

    /// <summary>Facts compared by value: the schema, every count and the audit head.</summary>
    private sealed class FactsComparer : IEqualityComparer<DatabaseFacts>
    {
        public bool Equals(DatabaseFacts? a, DatabaseFacts? b) =>
            a is not null && b is not null && a.SchemaVersion == b.SchemaVersion && a.AuditHead == b.AuditHead
            && a.Counts.OrderBy(c => c.Key).SequenceEqual(b.Counts.OrderBy(c => c.Key));

        public int GetHashCode(DatabaseFacts facts) => facts.SchemaVersion.GetHashCode();
    }
}
