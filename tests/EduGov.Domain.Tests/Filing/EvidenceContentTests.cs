using System.Text;
using DocumentFormat.OpenXml.Packaging;
using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Tests;

namespace EduGov.Domain.Tests.Filing;

public sealed class EvidenceContentTests
{
    private static DomainException Refused(string extension, byte[] content) => Should.Throw<DomainException>(() => EvidenceContent.Check(extension, content));

    private static void ShouldBeRefused(string extension, byte[] content, string code) => Refused(extension, content).Code.ShouldBe(code);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Pdf_HtmlAfterAPdfHeader_IsDamaged() => ShouldBeRefused(".pdf", SampleFiles.HtmlBehindPdfHeader, ErrorCodes.FileDamaged);

    [Fact]
    public void Pdf_Truncated_IsDamaged() => ShouldBeRefused(".pdf", SampleFiles.Pdf[..^40], ErrorCodes.FileDamaged);

    [Fact]
    public void Pdf_WithHtmlAppendedAfterTheEnd_IsDamaged() =>
        ShouldBeRefused(".pdf", [.. SampleFiles.Pdf, .. Ascii("<script>alert(1)</script>")], ErrorCodes.FileDamaged);

    [Fact]
    public void Pdf_StartxrefPointingAtNoCrossReference_IsDamaged() =>
        ShouldBeRefused(".pdf", Ascii("%PDF-1.7\n1 0 obj\n<< >>\nendobj\n<html></html>\nstartxref\n30\n%%EOF\n"), ErrorCodes.FileDamaged);

    [Fact]
    public void Pdf_ThatIsAPng_DoesNotMatch() => ShouldBeRefused(".pdf", SampleFiles.Png, ErrorCodes.FileContentMismatch);

    [Fact]
    public void Png_Truncated_IsDamaged() => ShouldBeRefused(".png", SampleFiles.Png[..^12], ErrorCodes.FileDamaged);

    [Fact]
    public void Png_WithDataAfterIend_IsDamaged() => ShouldBeRefused(".png", [.. SampleFiles.Png, .. Ascii("<html></html>")], ErrorCodes.FileDamaged);

    [Fact]
    public void Png_SignatureOnly_IsDamaged() => ShouldBeRefused(".png", SampleFiles.Png[..8], ErrorCodes.FileDamaged);

    [Fact]
    public void Png_ThatIsAJpeg_DoesNotMatch() => ShouldBeRefused(".png", SampleFiles.Jpeg, ErrorCodes.FileContentMismatch);

    [Fact]
    public void Jpeg_WithoutEndOfImage_IsDamaged() => ShouldBeRefused(".jpg", SampleFiles.Jpeg[..^2], ErrorCodes.FileDamaged);

    [Fact]
    public void Jpeg_HeaderOnly_IsDamaged() => ShouldBeRefused(".jpeg", SampleFiles.Jpeg[..20], ErrorCodes.FileDamaged);

    [Fact]
    public void Docx_ThatIsAZipHoldingAnExe_DoesNotMatch() =>
        ShouldBeRefused(".docx", OfficeSamples.Zip(("evil.exe", Ascii("MZ\u0090\0"))), ErrorCodes.FileContentMismatch);

    [Fact]
    public void Docx_ThatIsAWorkbook_DoesNotMatch() => ShouldBeRefused(".docx", OfficeSamples.Xlsx(), ErrorCodes.FileContentMismatch);

    [Fact]
    public void Xlsx_ThatIsAWordDocument_DoesNotMatch() => ShouldBeRefused(".xlsx", OfficeSamples.Docx(), ErrorCodes.FileContentMismatch);

    [Fact]
    public void Docx_ZipHeaderThenGarbage_IsDamaged() => ShouldBeRefused(".docx", [.. "PK\u0003\u0004"u8, .. new byte[200]], ErrorCodes.FileDamaged);

    [Theory]
    [InlineData("word/evil.exe", null)]
    [InlineData("word/media/image9.png.exe", "image/png")]
    [InlineData("word/vbaProject.bin", "application/vnd.ms-office.vbaProject")]
    [InlineData("word/vbaData.xml", "application/vnd.ms-word.vbaData+xml")]
    [InlineData("word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")]
    [InlineData("word/payload.bin", "application/octet-stream")]
    [InlineData("word/script.js", "text/javascript")]
    public void Docx_WithAPartThatIsNotADocumentPart_IsRefused(string part, string? contentType)
    {
        var docx = OfficeSamples.WithParts(OfficeSamples.Docx(), contentType, (part, Ascii("MZ\u0090\0")));

        var error = Refused(".docx", docx);

        (error.Code, error.Args.Single()).ShouldBe((ErrorCodes.OfficeContentNotAllowed, part));
    }

    [Fact]
    public void Docx_WithAnEmbeddedWorkbook_IsRefused()
    {
        var docx = OfficeSamples.Docx(main => main.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx).FeedData(new MemoryStream(OfficeSamples.Xlsx())));
        Refused(".docx", docx).Code.ShouldBe(ErrorCodes.OfficeContentNotAllowed);
    }

    [Fact]
    public void Docx_WithAnOleObject_IsRefused()
    {
        var docx = OfficeSamples.Docx(main => main.AddEmbeddedObjectPart("application/vnd.openxmlformats-officedocument.oleObject").FeedData(new MemoryStream(Ascii("MZ"))));
        Refused(".docx", docx).Code.ShouldBe(ErrorCodes.OfficeContentNotAllowed);
    }

    [Fact]
    public void Docx_WithARemoteTemplate_IsRefused()
    {
        var docx = OfficeSamples.Docx(main => main.AddExternalRelationship(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate", new Uri("http://attacker.example/t.dotm")));
        Refused(".docx", docx).Code.ShouldBe(ErrorCodes.OfficeContentNotAllowed);
    }

    [Fact]
    public void Docx_WithAHyperlink_IsAccepted()
    {
        var docx = OfficeSamples.Docx(main => main.AddHyperlinkRelationship(new Uri("https://jw.cq.gov.cn/"), true));
        Should.NotThrow(() => EvidenceContent.Check(".docx", docx));
    }

    [Fact]
    public void Xlsx_LinkingAnotherWorkbook_IsRefused()
    {
        var xlsx = OfficeSamples.WithParts(OfficeSamples.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
            ("xl/externalLinks/externalLink1.xml", Ascii("<externalLink/>")));
        Refused(".xlsx", xlsx).Code.ShouldBe(ErrorCodes.OfficeContentNotAllowed);
    }

    [Fact]
    public void Docx_UnpackingToMoreThanTheLimit_IsRefused()
    {
        // A zip bomb: a few hundred kilobytes that unpack to more than the limit.
        var docx = OfficeSamples.WithParts(OfficeSamples.Docx(), "image/png", ("word/media/image1.png", new byte[EvidenceContent.MaxOfficeUnpackedBytes + 1]));

        docx.Length.ShouldBeLessThan((int)EvidenceFile.MaxBytes);
        Refused(".docx", docx).Code.ShouldBe(ErrorCodes.OfficeUnpacksTooLarge);
    }

    [Fact]
    public void Docx_WithMoreThanTheLimitOfParts_IsRefused()
    {
        var parts = Enumerable.Range(1, EvidenceContent.MaxOfficeParts).Select(i => ($"customXml/item{i}.xml", Ascii("<a/>"))).ToArray();
        Refused(".docx", OfficeSamples.WithParts(OfficeSamples.Docx(), null, parts)).Code.ShouldBe(ErrorCodes.OfficeUnpacksTooLarge);
    }
}
