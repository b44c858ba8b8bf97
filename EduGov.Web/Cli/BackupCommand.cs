using EduGov.Infrastructure.Backups;

namespace EduGov.Web.Cli;

/// <summary>
/// `backup --out DIR` and `restore --from DIR`: the database with the evidence and document files, and a signed manifest
/// of their checksums (<see cref="BackupService"/>). Exit 0 when done, 1 when refused or failed (a restore then leaves
/// the current data as it was), 2 when the arguments are wrong.
/// </summary>
internal static class BackupCommand
{
    private const string Usage = """
        用法 usage:
          backup  --out <新目录>     备份数据库与证据、文档文件（门户可以在运行）
          restore --from <备份目录>  核验后恢复（先停止门户的所有实例）
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var option = args[0] == "backup" ? "--out" : "--from";
        // "--out DIR" or "--out=DIR"; other "--Section:Key value" pairs are configuration, already read by the host.
        var folder = args.Skip(1).Select((a, i) => (a, i)).Where(x => x.a == option || x.a.StartsWith(option + "=", StringComparison.Ordinal))
            .Select(x => x.a.Length > option.Length ? x.a[(option.Length + 1)..] : args.ElementAtOrDefault(x.i + 2)).FirstOrDefault();
        var unknown = args.Skip(1).Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(':') && a != option
                                                   && !a.StartsWith(option + "=", StringComparison.Ordinal)).FirstOrDefault();
        if (unknown is not null || string.IsNullOrWhiteSpace(folder))
        {
            errors.WriteLine(unknown is not null ? $"未知参数 unknown option: {unknown}" : $"缺少 {option}");
            errors.WriteLine(Usage);
            return 2;
        }
        // `dotnet run` starts the portal in its project folder; a relative path is the operator's, from the shell's folder.
        var path = Path.GetFullPath(folder, Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory());

        await using var scope = services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<BackupService>();
        try
        {
            if (args[0] == "backup")
            {
                var made = await backups.BackupAsync(path);
                output.WriteLine($"备份完成：{made.Folder}");
                output.WriteLine($"数据库 {Megabytes(made.DatabaseBytes)}（{made.Manifest.Provider}，结构版本 {made.Manifest.SchemaVersion}），" +
                                 $"文件 {made.FileCount} 个 {Megabytes(made.FileBytes)}，审计链至第 {made.Manifest.AuditHead?.LastEntryId ?? 0} 条；" +
                                 $"用时 {made.Elapsed.TotalSeconds:0.0} 秒");
            }
            else
            {
                var restored = await backups.RestoreAsync(path);
                output.WriteLine($"恢复完成：{restored.Folder}（备份于 {restored.Manifest.CreatedAtUtc.ToLocalTime():yyyy-MM-dd HH:mm:ss}）");
                output.WriteLine($"各表行数：{string.Join("，", restored.Manifest.Counts.Select(c => $"{c.Key} {c.Value:N0}"))}；" +
                                 $"文件 {restored.Manifest.Files.Count - 1} 个；用时 {restored.Elapsed.TotalSeconds:0.0} 秒");
            }
            return 0;
        }
        catch (BackupException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            errors.WriteLine($"{(args[0] == "backup" ? "备份" : "恢复")}失败：{e.Message}");
            return 1;
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.0} MB";
}
