using System.Collections.Concurrent;

namespace EduGov.Tests;

/// <summary>
/// Seeding the demo (eight years of every school's filings, training and designations) takes seconds, and most tests
/// want a seeded database of their own. Each kind is seeded once per test run; a test gets a copy of the file and of
/// the evidence files beside it, and then starts it as the portal would (the seeder finds its data and adds nothing).
/// On a database server the copy is the server's own (PostgreSQL's CREATE DATABASE … TEMPLATE), given as
/// <see cref="ServerCopies"/>; the evidence files are copied as for a file.
/// </summary>
public static class SeededTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    /// <param name="kind">What the seeded data depends on: demo data on or off, and any setting a test adds.</param>
    /// <param name="seed">Seeds a SQLite database at the path it is given, its files at path + "-files", and closes it.</param>
    /// <param name="path">Where the copy goes.</param>
    /// <param name="server">How a server database named by a path is copied and dropped; null for SQLite files.</param>
    public static async Task CopyAsync(string kind, Func<string, Task> seed, string path, ServerCopies? server = null)
    {
        var template = await Templates.GetOrAdd(kind, _ => new Lazy<Task<string>>(() => SeedAsync(seed, server))).Value;
        if (server is not null) await server.Copy(template, path);
        else
            foreach (var suffix in new[] { "", "-wal" })
                if (File.Exists(template + suffix)) File.Copy(template + suffix, path + suffix);
        if (Directory.Exists(template + "-files")) CopyDirectory(template + "-files", path + "-files");
    }

    /// <summary>Copies the database a template path names to the one a path names, and drops one at the end of the run.</summary>
    public sealed record ServerCopies(Func<string, string, Task> Copy, Action<string> Drop);

    public static string Kind(bool demo, IEnumerable<KeyValuePair<string, string?>>? settings) =>
        $"demo={demo};" + string.Join(";", (settings ?? []).OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

    private static async Task<string> SeedAsync(Func<string, Task> seed, ServerCopies? server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edugov-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server?.Drop(path);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
            if (Directory.Exists(path + "-files")) Directory.Delete(path + "-files", recursive: true);
        };
        await seed(path);
        return path;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
