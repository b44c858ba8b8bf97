using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;

namespace EduGov.Infrastructure.Tests.Filing;

public sealed class EvidenceStoreTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. new byte[100]];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];

    private async Task<int> FilingAsync()
    {
        var filings = _db.Get<FilingService>();
        var period = (await filings.CurrentPeriodAsync(Scopes.Principal))!.Id;
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var view = await filings.GetAsync(Scopes.Principal, period, school);
        if (view.FilingId is null) await filings.SaveDraftAsync(Scopes.Principal, period, school, null, view.Survey);
        return (await filings.GetAsync(Scopes.Principal, period, school)).FilingId!.Value;
    }

    [Fact]
    public async Task Pdf_IsStored_AndServedToTheSchoolAndItsDistrict_NotToOthers()
    {
        var store = _db.Get<EvidenceStore>();
        var evidence = await store.AddAsync(Scopes.Principal, await FilingAsync(), "网络改造验收单.pdf", new MemoryStream(Pdf), Pdf.Length);

        var (file, content) = await store.OpenAsync(Scopes.District, evidence.Id);
        await using (content) (await new StreamReader(content).ReadToEndAsync()).ShouldStartWith("%PDF");
        file.FileName.ShouldBe("网络改造验收单.pdf");
        await Should.ThrowAsync<NotFoundException>(() => store.OpenAsync(Scopes.OtherDistrict, evidence.Id));
    }

    [Theory]
    [InlineData("setup.exe", ErrorCodes.FileTypeNotAllowed)]
    [InlineData("photo.pdf", ErrorCodes.FileContentMismatch)]
    public async Task WrongTypeOrContent_IsRefused(string name, string code)
    {
        var error = await Should.ThrowAsync<DomainException>(async () =>
            await _db.Get<EvidenceStore>().AddAsync(Scopes.Principal, await FilingAsync(), name, new MemoryStream(Png), Png.Length));
        error.Code.ShouldBe(code);
    }

    [Fact]
    public async Task TooLarge_IsRefused()
    {
        var error = await Should.ThrowAsync<DomainException>(async () =>
            await _db.Get<EvidenceStore>().AddAsync(Scopes.Principal, await FilingAsync(), "big.pdf", new MemoryStream(Pdf), EvidenceFile.MaxBytes + 1));
        error.Code.ShouldBe(ErrorCodes.FileTooLarge);
    }
}
