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

    /// <param name="kind">What the seeded data depends on (<see cref="Kind"/>).</param>
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

    /// <summary>
    /// What the seeded data depends on: demo data on or off, the demo's own settings and the audit chain's key (the seeded
    /// entries are sealed with it). Any other setting a test adds (a rate limit, a folder, a token) is read by the portal
    /// after it starts, so its copy comes from the same template: seeding one takes 10–20 s of the two cores.
    /// </summary>
    public static string Kind(bool demo, IEnumerable<KeyValuePair<string, string?>>? settings) =>
        $"demo={demo};" + string.Join(";", (settings ?? [])
            .Where(s => s.Key.StartsWith("EduGov:Demo:", StringComparison.OrdinalIgnoreCase) || s.Key.StartsWith("EduGov:Audit:", StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

    private static async Task<string> SeedAsync(Func<string, Task> seed, ServerCopies? server)
    {
        var path = Path.Combine(Folder.Value, $"template-{Guid.NewGuid():N}.db");
        if (server is not null) AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Drop(path);
        await seed(path);
        return path;
    }

    /// <summary>
    /// The templates of this test process, in a folder named after it. The test host is often ended without running
    /// exit handlers, so each process removes the folders of processes that are gone (they held 2 GB after a day's runs).
    /// </summary>
    private static readonly Lazy<string> Folder = new(() =>
    {
        const string prefix = "edugov-templates-";
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
            if (int.TryParse(Path.GetFileName(folder)[prefix.Length..], out var pid) && !IsRunning(pid))
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { } // another process is removing it too
        return Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), prefix + Environment.ProcessId)).FullName;
    });

    private static bool IsRunning(int pid)
    {
        try { return !System.Diagnostics.Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
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
