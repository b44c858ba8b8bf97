namespace EduGov.Infrastructure.Common;

/// <summary>
/// Keys the embedded default makes for itself on first start and keeps under <see cref="EduGovOptions.KeysPath"/>, outside
/// the database, so that a copy of the database or of its backups alone opens nothing. Production supplies its own
/// through configuration (README, "Keys"), the same on every instance.
/// </summary>
public static class KeyFiles
{
    public static byte[] ReadOrCreate(string folder, string name, Func<byte[]> create)
    {
        var path = Path.Combine(folder, name);
        if (File.Exists(path)) return File.ReadAllBytes(path);
        Directory.CreateDirectory(folder);
        var key = create();
        // Written aside and moved into place: two processes starting at once keep one key between them.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
        return File.ReadAllBytes(path);
    }
}
