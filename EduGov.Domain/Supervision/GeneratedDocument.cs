using System.Security.Cryptography;
using EduGov.Domain.Common;

namespace EduGov.Domain.Supervision;

/// <summary>督导报告 for a district or school and a year; 年度白皮书 for a city and a year; 通报 for a city's reporting period.</summary>
public enum DocumentKind { SupervisionReport = 1, WhitePaper, Bulletin }

/// <summary>
/// A generated document in the archive: what it is, for which unit and year, who or which job made it, when, and
/// its size and SHA-256. Making it again adds the next version; a version is never overwritten.
/// </summary>
public sealed class GeneratedDocument
{
    private GeneratedDocument() { }

    public int Id { get; private set; }
    public DocumentKind Kind { get; private set; }
    public int UnitId { get; private set; }
    public int Year { get; private set; }
    /// <summary>
    /// Which of several documents of one kind, unit and year this is: 0 for reports and white papers (one a year), the
    /// reporting period's id for a bulletin. Versions count within kind, unit, year and series.
    /// </summary>
    public int Series { get; private set; }
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StoredName { get; private set; } = "";
    /// <summary>The figures the document was made from, as it printed them: empty for a document archived before they were kept.</summary>
    public IReadOnlyList<DocumentFigure> Figures { get; private set; } = [];

    /// <param name="latestVersion">The highest version already archived for the same kind, unit, year and series (0 for none).</param>
    public static GeneratedDocument Archive(DocumentKind kind, int unitId, int year, int latestVersion, string title, ReadOnlySpan<byte> pdf,
        string createdBy, DateTime atUtc, int series = 0, IReadOnlyList<DocumentFigure>? figures = null)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException(ErrorCodes.Required, "Kind");
        if (pdf.IsEmpty) throw new DomainException(ErrorCodes.Required, "Content");
        return new GeneratedDocument
        {
            Kind = kind, UnitId = unitId, Year = Guard.Year(year, "Year"), Series = series, Version = latestVersion + 1, Title = Guard.Required(title, 200, "Title"),
            CreatedBy = Guard.Required(createdBy, 100, "CreatedBy"), CreatedAtUtc = atUtc, Size = pdf.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)), StoredName = $"{Guid.NewGuid():N}.pdf", Figures = figures ?? [],
        };
    }
}
