using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Tests;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace EduGov.Domain.Tests.Filing;

public sealed class EvidenceFileTests
{
    private static EvidenceFile Accept(string name, byte[] content) =>
        EvidenceFile.Accept(EvidenceOwner.Filing(1), name, content, "principal", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));

    private static string RefusedCode(string name, byte[] content) => Should.Throw<DomainException>(() => Accept(name, content)).Code;

    [Theory]
    [InlineData(@"..\..\y.pdf", "y.pdf")]
    [InlineData("../../etc/验收单.pdf", "验收单.pdf")]
    [InlineData(@"C:\Users\王老师\Desktop\整改报告.docx", "整改报告.docx")]
    [InlineData("a<b>c:d*e?f\"g|h.pdf", "abcdefgh.pdf")]
    [InlineData("...hidden.pdf", "hidden.pdf")]
    [InlineData("  报告 .PDF . ", "报告.PDF")]
    [InlineData("photo\u202Egpj.exe", "photogpj.exe")]
    [InlineData("tab\there\u0000.png", "tabhere.png")]
    [InlineData("CON.pdf", "_CON.pdf")]
    public void SafeName_KeepsTheLastPartWithoutUnsafeCharacters(string sent, string kept) => EvidenceFile.SafeName(sent).ShouldBe(kept);

    [Fact]
    public void SafeName_LongName_IsCutKeepingTheExtension()
    {
        var name = EvidenceFile.SafeName(new string('长', 300) + ".xlsx");
        name.Length.ShouldBe(EvidenceFile.MaxNameLength);
        name.ShouldEndWith("长.xlsx");
    }

    [Theory]
    [InlineData("")]
    [InlineData(@"..\..\")]
    [InlineData(".pdf")]
    public void SafeName_NothingLeftOfTheName_IsRequired(string sent) =>
        Should.Throw<DomainException>(() => EvidenceFile.SafeName(sent)).Code.ShouldBe(ErrorCodes.Required);

    [Fact]
    public void Accept_PathInTheName_StoresTheCleanNameUnderANewStoredName()
    {
        var evidence = Accept(@"..\..\y.pdf", SampleFiles.Pdf);

        evidence.FileName.ShouldBe("y.pdf");
        evidence.StoredName.ShouldMatch("^[0-9a-f]{32}\\.pdf$");
        evidence.Size.ShouldBe(SampleFiles.Pdf.Length);
    }

    [Fact]
    public void Accept_EmptyFile_IsRefusedAsEmpty_NotAsTooLarge() => RefusedCode("扫描件.pdf", []).ShouldBe(ErrorCodes.FileEmpty);

    [Fact]
    public void Accept_OverTenMegabytes_IsRefusedAsTooLarge() =>
        RefusedCode("扫描件.pdf", [.. SampleFiles.Pdf, .. new byte[EvidenceFile.MaxBytes]]).ShouldBe(ErrorCodes.FileTooLarge);

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("报告.pdf.exe")]
    [InlineData("宏.docm")]
    [InlineData("README")]
    public void Accept_ExtensionNotAllowed_IsRefused(string name) => RefusedCode(name, SampleFiles.Pdf).ShouldBe(ErrorCodes.FileTypeNotAllowed);

    public static TheoryData<string, byte[]> RealFiles => new()
    {
        { "验收单.pdf", SampleFiles.Pdf },
        { "打印.pdf", PdfPigPdf() },
        { "截图.png", SampleFiles.Png },
        { "照片.jpg", SampleFiles.Jpeg },
        { "照片.JPEG", SampleFiles.Jpeg },
        { "整改报告.docx", OfficeSamples.Docx() },
        { "整改台账.xlsx", OfficeSamples.Xlsx() },
    };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Accept_RealFileOfItsKind_IsAccepted(string name, byte[] content) => Accept(name, content).FileName.ShouldBe(name);

    [Fact]
    public void SamplePdf_IsAPdfAReaderOpens()
    {
        using var document = PdfDocument.Open(SampleFiles.Pdf, new ParsingOptions { UseLenientParsing = false });
        document.NumberOfPages.ShouldBe(1);
    }

    private static byte[] PdfPigPdf()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText("Rectification report", 12, new UglyToad.PdfPig.Core.PdfPoint(72, 720), font);
        return builder.Build();
    }
}
