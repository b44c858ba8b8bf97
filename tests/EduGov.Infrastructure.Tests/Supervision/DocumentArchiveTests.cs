using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Supervision;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;

namespace EduGov.Infrastructure.Tests.Supervision;

public sealed class DocumentArchiveTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;

    [Fact]
    public async Task Download_IsRecordedInTheAuditTrail()
    {
        var archive = _db.Get<DocumentArchive>();
        var document = await archive.AddAsync(new PrintedDocument(DocumentKind.SupervisionReport, await _db.UnitIdAsync("500103"), 2025, "渝中区2025年度督导报告", SampleFiles.Pdf), "inspector");

        var (_, content) = await archive.OpenAsync(Scopes.Commission, document.Id);
        await content.DisposeAsync();

        var entry = (await _db.LastAuditAsync("commission", "Download"))!;
        (entry.Entity, entry.EntityId, entry.Details).ShouldBe(("GeneratedDocument", document.Id.ToString(), "渝中区2025年度督导报告 v1"));
    }
}
