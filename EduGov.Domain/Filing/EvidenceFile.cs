using System.Globalization;
using System.Text.RegularExpressions;
using EduGov.Domain.Common;

namespace EduGov.Domain.Filing;

/// <summary>A file attached as evidence to a school's filing, a programme application, the fix of a security finding, the answer to a rectification item or to a 督办; the bytes live outside the web root.</summary>
public sealed partial class EvidenceFile
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxNameLength = 100;

    /// <summary>The kinds of file accepted as evidence: PDF, images, Word and Excel.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string> { ".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx" };

    private EvidenceFile() { }

    public int Id { get; private set; }
    public int? FilingId { get; private set; }
    public int? ApplicationId { get; private set; }
    public int? RemediationItemId { get; private set; }
    public int? RectificationItemId { get; private set; }
    public int? UrgingId { get; private set; }
    public string FileName { get; private set; } = "";
    public string StoredName { get; private set; } = "";
    public long Size { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>Checks name, size and content against the extension; the caller stores the bytes under <see cref="StoredName"/>.</summary>
    public static EvidenceFile Accept(EvidenceOwner owner, string fileName, byte[] content, string by, DateTime atUtc)
    {
        var name = CheckNameAndSize(fileName, content.Length);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        EvidenceContent.Check(extension, content);
        return new EvidenceFile
        {
            FilingId = owner.FilingId, ApplicationId = owner.ApplicationId, RemediationItemId = owner.RemediationItemId,
            RectificationItemId = owner.RectificationItemId, UrgingId = owner.UrgingId, FileName = name, StoredName = $"{Guid.NewGuid():N}{extension}", Size = content.Length, UploadedBy = by, UploadedAtUtc = atUtc,
        };
    }

    /// <summary>What can be refused before a byte is read: the name's extension and the size. Returns the <see cref="SafeName"/>.</summary>
    public static string CheckNameAndSize(string fileName, long size)
    {
        var name = SafeName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension)) throw new DomainException(ErrorCodes.FileTypeNotAllowed, extension);
        if (size == 0) throw new DomainException(ErrorCodes.FileEmpty);
        if (size > MaxBytes) throw new DomainException(ErrorCodes.FileTooLarge, MaxBytes / 1024 / 1024);
        return name;
    }

    /// <summary>
    /// The name a file is listed and downloaded under, whatever the browser sent: its last part only (folders dropped,
    /// whether written with / or \), without control, invisible or reserved characters, without leading or trailing
    /// dots and spaces, at most <see cref="MaxNameLength"/> characters, the extension kept.
    /// </summary>
    public static string SafeName(string fileName)
    {
        var last = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var cleaned = new string(last.Where(c => !char.IsControl(c) && !IsInvisible(c) && !ReservedInNames.Contains(c)).ToArray()).TrimEnd(Loose);
        var extension = Path.GetExtension(cleaned);
        var stem = cleaned[..^extension.Length].Trim(Loose);
        if (stem.Length == 0) throw new DomainException(ErrorCodes.Required, "FileName");
        // CON, NUL, COM1 … name devices on Windows, whatever their extension.
        if (WindowsDevice().IsMatch(stem)) stem = "_" + stem;
        return stem[..Math.Min(stem.Length, Math.Max(1, MaxNameLength - extension.Length))] + extension;
    }

    private static readonly char[] ReservedInNames = ['\\', '/', ':', '*', '?', '"', '<', '>', '|'];
    private static readonly char[] Loose = [' ', '.', '\u00A0', '\u3000'];

    /// <summary>Format characters: U+202E shows "photo\u202Egpj.exe" as "photoexe.jpg"; zero-width spaces hide in names.</summary>
    private static bool IsInvisible(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    [GeneratedRegex("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex WindowsDevice();

    public EvidenceOwner Owner => new(FilingId, ApplicationId, RemediationItemId, RectificationItemId, UrgingId);
}

/// <summary>What a piece of evidence belongs to: a filing, an application, a remediation item, a rectification item or a 督办, exactly one.</summary>
public sealed record EvidenceOwner(int? FilingId, int? ApplicationId, int? RemediationItemId, int? RectificationItemId, int? UrgingId = null)
{
    public static EvidenceOwner Filing(int id) => new(id, null, null, null);
    public static EvidenceOwner Application(int id) => new(null, id, null, null);
    public static EvidenceOwner Remediation(int id) => new(null, null, id, null);
    public static EvidenceOwner Rectification(int id) => new(null, null, null, id);
    public static EvidenceOwner Urging(int id) => new(null, null, null, null, id);
}
