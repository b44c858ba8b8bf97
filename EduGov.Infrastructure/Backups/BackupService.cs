using System.Diagnostics;
using System.Security.Cryptography;
using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Backups;

public sealed record BackupResult(string Folder, BackupManifest Manifest, TimeSpan Elapsed)
{
    public long DatabaseBytes => Manifest.Files[0].Size;
    public int FileCount => Manifest.Files.Count - 1;
    public long FileBytes => Manifest.Files.Skip(1).Sum(f => f.Size);
}

public sealed record RestoreResult(string Folder, BackupManifest Manifest, TimeSpan Elapsed);

/// <summary>
/// Backup and restore of the important data (等保 2.0: 重要数据的备份与恢复): the database, copied consistently by its
/// provider's own means, and the evidence and document files under <see cref="EduGovOptions.FilesPath"/>, in one folder
/// with a signed manifest of every file's checksum. The keys (<see cref="EduGovOptions.KeysPath"/>) are never part of a
/// backup: a stolen backup opens nothing, and they are kept apart (README, "Keys").
/// </summary>
public sealed class BackupService(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, AuditKey key, TimeProvider clock)
{
    private const string FilesFolder = "files";
    private string FilesRoot => Path.GetFullPath(options.Value.FilesPath);

    /// <summary>
    /// Writes a backup into <paramref name="folder"/>, which must not exist or be empty. Everything is written beside it
    /// first and moved into place at the end, so a folder with a manifest is always a whole backup.
    /// </summary>
    public async Task<BackupResult> BackupAsync(string folder, CancellationToken ct = default)
    {
        var clockStarted = Stopwatch.StartNew();
        folder = Path.GetFullPath(folder);
        CheckFolders(folder);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
            throw new BackupException($"备份目录已存在且不是空的：{folder}。请指定一个新的目录。");
        var partial = $"{folder}.partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(partial);
        try
        {
            var copy = await DatabaseCopyAsync(ct);
            var createdAt = clock.GetUtcNow().UtcDateTime;
            // The database first: a file added while the files are copied is then only an unused extra, never a row without its file.
            var facts = await copy.CopyAsync(Path.Combine(partial, copy.FileName), ct);
            var files = new List<BackupFile> { await DescribeAsync(partial, copy.FileName, ct) };
            if (Directory.Exists(FilesRoot))
                foreach (var source in Directory.EnumerateFiles(FilesRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var name = $"{FilesFolder}/{Path.GetRelativePath(FilesRoot, source).Replace('\\', '/')}";
                    try
                    {
                        files.Add(await CopyAsync(source, Path.Combine(partial, name), name, ct));
                    }
                    catch (FileNotFoundException)
                    {
                        // Deleted since it was listed (a draft's evidence removed by its school): its row is gone too, or soon will be.
                    }
                }
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, createdAt, options.Value.DatabaseProvider.ToString(), facts.SchemaVersion,
                facts.Counts, facts.AuditHead, files);
            var json = manifest.ToJson();
            await File.WriteAllBytesAsync(Path.Combine(partial, BackupManifest.FileName), json, ct);
            await File.WriteAllTextAsync(Path.Combine(partial, BackupManifest.SignatureFileName), BackupManifest.Sign(json, key.Value), ct);
            if (Directory.Exists(folder)) Directory.Delete(folder);
            Directory.Move(partial, folder);
            return new BackupResult(folder, manifest, clockStarted.Elapsed);
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }

    /// <summary>
    /// The nightly backup: a new folder under <see cref="BackupOptions.Path"/>, then the oldest backups there beyond
    /// <see cref="BackupOptions.Keep"/> deleted (only after the new one is whole). Returns the run's summary in Chinese.
    /// </summary>
    public async Task<string> BackupNightlyAsync(CancellationToken ct = default)
    {
        var settings = options.Value.Backup;
        if (settings.Keep < 1) throw new BackupException($"EduGov:Backup:Keep 须至少为 1（现为 {settings.Keep}）。");
        if (options.Value.DatabaseProvider == DatabaseProvider.SqlServer) return SqlServerAdvice;
        var root = Path.GetFullPath(settings.Path);
        Directory.CreateDirectory(root);
        var name = $"edugov-{TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone):yyyyMMdd-HHmmss}";
        var folder = Path.Combine(root, name);
        for (var n = 2; Directory.Exists(folder); n++) folder = Path.Combine(root, $"{name}-{n}");
        var result = await BackupAsync(folder, ct);

        var older = Directory.EnumerateDirectories(root, "edugov-*")
            .Select(d => (Folder: d, Manifest: ReadManifestOrNull(d)))
            .Where(b => b.Manifest is not null)
            .OrderByDescending(b => b.Manifest!.CreatedAtUtc).ThenByDescending(b => b.Folder, StringComparer.Ordinal)
            .Skip(settings.Keep).Select(b => b.Folder).ToList();
        foreach (var old in older) Directory.Delete(old, recursive: true);
        return $"已备份至 {result.Folder}：数据库 {Megabytes(result.DatabaseBytes)}，文件 {result.FileCount} 个 {Megabytes(result.FileBytes)}，" +
               $"用时 {result.Elapsed.TotalSeconds:0.0} 秒；删除超出保留份数（{settings.Keep} 份）的旧备份 {older.Count} 份";
    }

    /// <summary>
    /// Restores a backup after checking all of it: the manifest's signature, that it is of this provider and of this
    /// version's schema, and every file's checksum, while copying it into a staging place beside the live data. Only then
    /// are the files and the database swapped in; a refusal or failure at any point leaves the current data as it was.
    /// The portal must be stopped (every instance) while it runs.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string folder, CancellationToken ct = default)
    {
        var clockStarted = Stopwatch.StartNew();
        folder = Path.GetFullPath(folder);
        CheckFolders(folder);
        var copy = await DatabaseCopyAsync(ct);
        var manifest = await ReadVerifiedManifestAsync(folder, ct);
        var expected = await CodeSchemaVersionAsync(ct);
        if (manifest.SchemaVersion != expected)
            throw new BackupException($"备份的数据库结构版本为 {manifest.SchemaVersion}，本程序为 {expected}：请用与备份时相同版本的程序恢复。当前数据未改动。");
        if (manifest.Files.Count == 0 || manifest.Files[0].Path != copy.FileName)
            throw new BackupException($"清单的第一个文件应是数据库副本 {copy.FileName}。当前数据未改动。");

        var liveFiles = FilesRoot;
        var stamp = $"{clock.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid():N}";
        var stagedFiles = $"{liveFiles}.restoring-{stamp}";
        var replacedFiles = $"{liveFiles}.replaced-{stamp}";
        var stagedDatabase = Path.Combine(Path.GetDirectoryName(liveFiles)!, $".edugov-restoring-{stamp}-{copy.FileName}");
        try
        {
            Directory.CreateDirectory(stagedFiles);
            var unlisted = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Except([BackupManifest.FileName, BackupManifest.SignatureFileName, .. manifest.Files.Select(f => f.Path)]).FirstOrDefault();
            if (unlisted is not null) throw new BackupException($"备份中有清单未列出的文件：{unlisted}。当前数据未改动。");
            foreach (var file in manifest.Files)
            {
                var target = file.Path == copy.FileName ? stagedDatabase : Path.Combine(stagedFiles, InsideFiles(file.Path));
                if (!File.Exists(Path.Combine(folder, file.Path))) throw new BackupException($"备份中缺少文件：{file.Path}。当前数据未改动。");
                var copied = await CopyAsync(Path.Combine(folder, file.Path), target, file.Path, ct);
                if (copied.Size != file.Size || copied.Sha256 != file.Sha256)
                    throw new BackupException($"备份文件已损坏或被改动：{file.Path}（校验值与清单不符）。当前数据未改动。");
            }
            if (await copy.InspectAsync(stagedDatabase, ct) is { } facts && !SameFacts(facts, manifest.Facts))
                throw new BackupException("备份中的数据库与清单记载的不一致（结构版本、各表行数或审计链头不同）。当前数据未改动。");

            // The swap: the files folder by two renames (undone if the database cannot be replaced), the database all or nothing.
            var (setAside, putInPlace) = (false, false);
            try
            {
                if (Directory.Exists(liveFiles))
                {
                    Directory.Move(liveFiles, replacedFiles);
                    setAside = true;
                }
                Directory.Move(stagedFiles, liveFiles);
                putInPlace = true;
                await copy.ReplaceAsync(stagedDatabase, ct);
            }
            catch
            {
                if (putInPlace) Directory.Move(liveFiles, stagedFiles);
                if (setAside) Directory.Move(replacedFiles, liveFiles);
                throw;
            }
            if (Directory.Exists(replacedFiles)) Directory.Delete(replacedFiles, recursive: true);
            return new RestoreResult(folder, manifest, clockStarted.Elapsed);
        }
        finally
        {
            if (Directory.Exists(stagedFiles)) Directory.Delete(stagedFiles, recursive: true);
            if (File.Exists(stagedDatabase)) File.Delete(stagedDatabase);
        }
    }

    private const string SqlServerAdvice =
        "SQL Server 的数据库请用其自带的 BACKUP DATABASE … TO DISK 备份、RESTORE DATABASE 恢复（或数据库的维护计划），" +
        "证据与文档文件（EduGov:FilesPath）与之同时另行复制；本程序不备份 SQL Server 数据库。";

    private async Task<IDatabaseCopy> DatabaseCopyAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var connectionString = db.Database.GetConnectionString() ?? throw new BackupException("没有配置数据库连接（ConnectionStrings:EduGov）。");
        return options.Value.DatabaseProvider switch
        {
            DatabaseProvider.Sqlite => new SqliteCopy(connectionString),
            DatabaseProvider.PostgreSql => new PostgreSqlDump(factory, connectionString),
            _ => throw new BackupException(SqlServerAdvice),
        };
    }

    private async Task<string> CodeSchemaVersionAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return db.Database.GetMigrations().LastOrDefault() ?? "";
    }

    private async Task<BackupManifest> ReadVerifiedManifestAsync(string folder, CancellationToken ct)
    {
        var manifestPath = Path.Combine(folder, BackupManifest.FileName);
        var signaturePath = Path.Combine(folder, BackupManifest.SignatureFileName);
        if (!Directory.Exists(folder)) throw new BackupException($"找不到备份目录：{folder}");
        if (!File.Exists(manifestPath) || !File.Exists(signaturePath))
            throw new BackupException($"{folder} 不是完整的备份：缺少 {BackupManifest.FileName} 或 {BackupManifest.SignatureFileName}。当前数据未改动。");
        var json = await File.ReadAllBytesAsync(manifestPath, ct);
        if (!BackupManifest.HasValidSignature(json, await File.ReadAllTextAsync(signaturePath, ct), key.Value))
            throw new BackupException("备份清单的签名不符：清单被改动过，或备份来自审计链密钥（EduGov:Audit:ChainKey）不同的门户。当前数据未改动。");
        var manifest = BackupManifest.FromJson(json) ?? throw new BackupException("备份清单无法读取（格式不符）。当前数据未改动。");
        if (manifest.Provider != options.Value.DatabaseProvider.ToString())
            throw new BackupException($"备份来自 {manifest.Provider} 数据库，当前配置为 {options.Value.DatabaseProvider}：不能跨数据库类型恢复。当前数据未改动。");
        if (manifest.Files.Any(f => f.Path.Contains('\\') || f.Path.Split('/').Any(part => part is "" or "." or "..")))
            throw new BackupException("备份清单中有不合法的文件路径。当前数据未改动。");
        return manifest;
    }

    /// <summary>Neither the keys nor a backup may be inside the files folder: a backup would carry the keys, or itself.</summary>
    private void CheckFolders(string backupFolder)
    {
        if (IsInside(Path.GetFullPath(options.Value.KeysPath), FilesRoot))
            throw new BackupException("密钥目录（EduGov:KeysPath）位于文件目录（EduGov:FilesPath）之内：备份不能带走密钥，请把密钥目录移到文件目录之外。");
        if (IsInside(backupFolder, FilesRoot) || IsInside(FilesRoot, backupFolder))
            throw new BackupException($"备份目录 {backupFolder} 与文件目录（EduGov:FilesPath）{FilesRoot} 相互包含：请把备份放在别处。");
    }

    private static bool IsInside(string path, string folder) =>
        (path + Path.DirectorySeparatorChar).StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string InsideFiles(string path) =>
        path.StartsWith(FilesFolder + "/", StringComparison.Ordinal)
            ? path[(FilesFolder.Length + 1)..]
            : throw new BackupException($"备份清单中有文件目录之外的文件：{path}。当前数据未改动。");

    private static bool SameFacts(DatabaseFacts a, DatabaseFacts b) =>
        a.SchemaVersion == b.SchemaVersion && a.AuditHead == b.AuditHead
        && a.Counts.Count == b.Counts.Count && a.Counts.All(c => b.Counts.TryGetValue(c.Key, out var n) && n == c.Value);

    private static BackupManifest? ReadManifestOrNull(string folder)
    {
        var path = Path.Combine(folder, BackupManifest.FileName);
        return File.Exists(path) ? BackupManifest.FromJson(File.ReadAllBytes(path)) : null;
    }

    /// <summary>Copies a file, hashing it as it goes: each byte is read once.</summary>
    private static async Task<BackupFile> CopyAsync(string source, string target, string name, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, useAsync: true))
        await using (var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
        }
        return new BackupFile(name, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<BackupFile> DescribeAsync(string folder, string name, CancellationToken ct)
    {
        await using var stream = File.OpenRead(Path.Combine(folder, name));
        return new BackupFile(name, stream.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct)));
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0.0} MB";
}
