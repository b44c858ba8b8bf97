using EduGov.Web.Cli;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Cli;

/// <summary>`backup` and `restore` on the portal's own database, as an operator runs them (the drill itself: BackupServiceTests).</summary>
public sealed class BackupCommandTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edugov-cli-backup-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await BackupCommand.RunAsync(portal.Services, args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Backup_Exits0_AndARestoreOfThatBackupDamaged_Exits1WithTheReason()
    {
        var folder = Path.Combine(_folder, "nightly copy");

        var (exit, output, _) = await RunAsync("backup", $"--out={folder}");

        exit.ShouldBe(0);
        output.ShouldStartWith($"备份完成：{folder}");
        output.ShouldContain("数据库");
        File.Exists(Path.Combine(folder, "manifest.json")).ShouldBeTrue();

        await File.AppendAllTextAsync(Path.Combine(folder, "database.sqlite"), "damaged");
        var (refused, _, errors) = await RunAsync("restore", "--from", folder);

        refused.ShouldBe(1);
        errors.ShouldBe("备份文件已损坏或被改动：database.sqlite（校验值与清单不符）。当前数据未改动。" + Environment.NewLine);
    }

    [Theory]
    [InlineData("restore")]
    [InlineData("backup", "--to", "somewhere")]
    public async Task MissingOrUnknownOption_Exits2WithTheUsage(params string[] args)
    {
        var (exit, _, errors) = await RunAsync(args);

        exit.ShouldBe(2);
        errors.ShouldContain("用法 usage:");
    }
}
