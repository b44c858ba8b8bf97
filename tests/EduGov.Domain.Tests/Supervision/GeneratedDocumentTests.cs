using EduGov.Domain.Common;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

public sealed class GeneratedDocumentTests
{
    private static readonly byte[] Pdf = "%PDF-1.7 白皮书"u8.ToArray();
    private static readonly DateTime At = new(2027, 1, 20, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Archive_TakesTheNextVersion_WithSizeAndChecksum()
    {
        var document = GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 2026, 2, "重庆市2026年教育信息化发展状况白皮书", Pdf, "job:whitepaper", At);
        (document.Version, document.Size).ShouldBe((3, Pdf.Length));
        document.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)));
        document.StoredName.ShouldEndWith(".pdf");
    }

    [Fact]
    public void Archive_RefusesAnEmptyDocument_OrAYearOutOfRange()
    {
        Should.Throw<DomainException>(() => GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 2026, 0, "t", [], "u", At)).Code.ShouldBe(ErrorCodes.Required);
        Should.Throw<DomainException>(() => GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 1999, 0, "t", Pdf, "u", At)).Code.ShouldBe(ErrorCodes.YearOutOfRange);
    }
}
