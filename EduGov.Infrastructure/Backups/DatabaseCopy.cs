using System.Data;
using System.Data.Common;
using System.Diagnostics;
using EduGov.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Backups;

/// <summary>How one database provider copies its database out to a file and puts such a copy back.</summary>
internal interface IDatabaseCopy
{
    /// <summary>The copy's name in a backup folder.</summary>
    string FileName { get; }

    /// <summary>Writes a consistent copy of the live database to <paramref name="path"/>; the facts are those of the copy.</summary>
    Task<DatabaseFacts> CopyAsync(string path, CancellationToken ct);

    /// <summary>The facts of a copy before it replaces anything, or null when the copy cannot be read without restoring it.</summary>
    Task<DatabaseFacts?> InspectAsync(string path, CancellationToken ct);

    /// <summary>Replaces the live database by the copy, all or nothing: a failure leaves the live database as it was.</summary>
    Task ReplaceAsync(string path, CancellationToken ct);
}

/// <summary>
/// SQLite through its online backup API: the copy is the database as of one moment while the portal goes on using it
/// (readers and the WAL writer are not stopped), and a restore writes the whole copy in one transaction of the live file.
/// </summary>
internal sealed class SqliteCopy(string liveConnectionString) : IDatabaseCopy
{
    public string FileName => "database.sqlite";

    public async Task<DatabaseFacts> CopyAsync(string path, CancellationToken ct)
    {
        // Opening a missing file would make an empty database of it.
        var livePath = new SqliteConnectionStringBuilder(liveConnectionString).DataSource;
        if (!File.Exists(livePath)) throw new BackupException($"找不到数据库文件：{livePath}");
        await using (var live = await OpenAsync(liveConnectionString, ct))
        await using (var copy = await OpenAsync(Of(path), ct))
        {
            live.BackupDatabase(copy);
            // The copy keeps the live file's WAL flag; a backup should be one self-contained file.
            await using var command = copy.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync(ct);
        }
        return (await InspectAsync(path, ct))!;
    }

    public async Task<DatabaseFacts?> InspectAsync(string path, CancellationToken ct)
    {
        await using var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(Of(path)).Options);
        return await KeyTables.ReadAsync(db, ct);
    }

    public async Task ReplaceAsync(string path, CancellationToken ct)
    {
        // This process's pooled connections to the live file would hold it open across the swap.
        SqliteConnection.ClearAllPools();
        await using var copy = await OpenAsync(Of(path), ct);
        await using var live = await OpenAsync(liveConnectionString, ct);
        try
        {
            copy.BackupDatabase(live);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new BackupException("数据库正被使用（门户或其他程序仍连着它）：请先停止门户的所有实例，再恢复。当前数据未改动。");
        }
        catch (SqliteException e)
        {
            throw new BackupException($"数据库未能替换（{e.Message}）。当前数据未改动。");
        }
    }

    private static string Of(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        // SQLite's own wait for a lock another connection holds a moment (a backup step does not retry as commands do).
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000;";
        await command.ExecuteNonQueryAsync(ct);
        return connection;
    }
}

/// <summary>
/// PostgreSQL (and the 信创 databases of its family) through its own tools: pg_dump's custom format for the copy,
/// pg_restore in one transaction for the restore. They must be on PATH; the connection goes to them through the
/// environment (PGHOST, PGPASSWORD …), so no password shows in a process list.
/// </summary>
internal sealed class PostgreSqlDump(IDbContextFactory<EduGovDbContext> factory, string connectionString) : IDatabaseCopy
{
    public string FileName => "database.dump";

    public async Task<DatabaseFacts> CopyAsync(string path, CancellationToken ct)
    {
        var pgDump = Tool("pg_dump");
        await using var db = await factory.CreateDbContextAsync(ct);
        // The facts and the dump read one snapshot: this transaction exports it, pg_dump reads under it while it stays open.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(ct);
        var facts = await KeyTables.ReadAsync(db, ct);
        await RunAsync(pgDump, ["--format=custom", "--no-owner", $"--snapshot={snapshot}", $"--file={path}"], ct);
        return facts;
    }

    public async Task<DatabaseFacts?> InspectAsync(string path, CancellationToken ct)
    {
        // A dump's rows cannot be counted without restoring it; listing its contents shows pg_restore can read it.
        await RunAsync(Tool("pg_restore"), ["--list", path], ct);
        return null;
    }

    public Task ReplaceAsync(string path, CancellationToken ct) =>
        RunAsync(Tool("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
            $"--dbname={Setting("Database", "DB") ?? throw new BackupException("连接字符串中没有 Database。")}", path], ct);

    private static string Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        ?? throw new BackupException($"找不到 {name}：PostgreSQL 数据库的备份与恢复使用 PostgreSQL 自带的 {name}，请安装 PostgreSQL 客户端" +
                                     $"（Debian：apt-get install postgresql-client，版本不低于服务器）并使其在 PATH 中。");

    private async Task RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (variable, keys) in new[] { ("PGHOST", new[] { "Host", "Server" }), ("PGPORT", ["Port"]), ("PGDATABASE", ["Database", "DB"]),
                     ("PGUSER", ["Username", "User ID", "UserId", "User Name", "User"]), ("PGPASSWORD", ["Password", "PWD"]), ("PGSSLMODE", ["SSL Mode", "SslMode"]) })
            if (Setting(keys) is { } value) start.Environment[variable] = value;
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} 未能启动。");
        var errors = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct); // read so that a full pipe never stops the tool
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{Path.GetFileName(tool)} 失败（退出码 {process.ExitCode}）：{(await errors).Trim()}");
    }

    private string? Setting(params string[] keys)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Select(k => builder.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }
}
