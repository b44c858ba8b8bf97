using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

public sealed class EvidenceStoreTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private EvidenceStore Store => _db.Get<EvidenceStore>();

    private async Task<int> FilingAsync()
    {
        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Principal))!.Id;
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var view = await filings.GetAsync(Scopes.Principal, period, school);
        if (view.FilingId is null) await filings.SaveDraftAsync(Scopes.Principal, period, school, null, view.Survey);
        return (await filings.GetAsync(Scopes.Principal, period, school)).FilingId!.Value;
    }

    private async Task<EvidenceFile> AddAsync(string name, byte[] content, long? size = null) =>
        await Store.AddAsync(Scopes.Principal, await FilingAsync(), name, new MemoryStream(content), size ?? content.Length);

    [Fact]
    public async Task Pdf_IsStored_AndServedToTheSchoolAndItsDistrict_NotToOthers()
    {
        var evidence = await AddAsync("网络改造验收单.pdf", SampleFiles.Pdf);

        var (file, content) = await Store.OpenAsync(Scopes.District, evidence.Id);
        await using (content) (await new StreamReader(content).ReadToEndAsync()).ShouldStartWith("%PDF");
        file.FileName.ShouldBe("网络改造验收单.pdf");
        await Should.ThrowAsync<NotFoundException>(() => Store.OpenAsync(Scopes.OtherDistrict, evidence.Id));
    }

    [Fact]
    public async Task Download_IsRecordedInTheAuditTrail()
    {
        var evidence = await AddAsync("网络改造验收单.pdf", SampleFiles.Pdf);

        var (_, content) = await Store.OpenAsync(Scopes.District, evidence.Id);
        await content.DisposeAsync();

        var entry = (await _db.LastAuditAsync("district", "Download"))!;
        (entry.Entity, entry.EntityId, entry.Details).ShouldBe(("EvidenceFile", evidence.Id.ToString(), "网络改造验收单.pdf"));
    }

    [Fact]
    public async Task PathInTheName_IsDropped()
    {
        var evidence = await AddAsync(@"..\..\y.pdf", SampleFiles.Pdf);

        (await Store.OpenAsync(Scopes.Principal, evidence.Id)).File.FileName.ShouldBe("y.pdf");
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "setup.exe", SampleFiles.Pdf, ErrorCodes.FileTypeNotAllowed },
        { "photo.pdf", SampleFiles.Png, ErrorCodes.FileContentMismatch },
        { "验收单.pdf", SampleFiles.HtmlBehindPdfHeader, ErrorCodes.FileDamaged },
        { "空.pdf", [], ErrorCodes.FileEmpty },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task WrongFile_IsRefusedWithItsReason_AndNothingIsKept(string name, byte[] content, string code)
    {
        var before = await CountAsync();

        (await Should.ThrowAsync<DomainException>(() => AddAsync(name, content))).Code.ShouldBe(code);

        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task TooLarge_IsRefusedBeforeItIsRead()
    {
        var error = await Should.ThrowAsync<DomainException>(() => AddAsync("big.pdf", SampleFiles.Pdf, EvidenceFile.MaxBytes + 1));
        error.Code.ShouldBe(ErrorCodes.FileTooLarge);
    }

    [Fact]
    public async Task LargerThanDeclared_IsRefusedAsTooLarge()
    {
        var error = await Should.ThrowAsync<DomainException>(() => AddAsync("big.pdf", [.. SampleFiles.Pdf, .. new byte[EvidenceFile.MaxBytes]], size: 100));
        error.Code.ShouldBe(ErrorCodes.FileTooLarge);
    }

    private async Task<int> CountAsync()
    {
        await using var db = _db.Open();
        return await db.EvidenceFiles.CountAsync();
    }
}
