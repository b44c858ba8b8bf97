using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
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

    [Fact]
    public async Task EachVersion_KeepsItsFigures_AndTwoVersionsCompare_OnlyWithinOneDocument_AndScope()
    {
        var archive = _db.Get<DocumentArchive>();
        var district = await _db.UnitIdAsync("500103");
        PrintedDocument Report(params DocumentFigure[] figures) => new(DocumentKind.SupervisionReport, district, 2024, "渝中区2024年度督导报告", SampleFiles.Pdf, Figures: figures);
        var v1 = await archive.AddAsync(Report(new("CQ5-03", "渝中区 互动式多媒体教学设备占比", 38.5m, "%"), new("inspections", "督导检查", 1, "次")), "inspector");
        var v2 = await archive.AddAsync(Report(new("CQ5-03", "渝中区 互动式多媒体教学设备占比", 40.1m, "%"), new("inspections", "督导检查", 1, "次")), "inspector");
        var other = await archive.AddAsync(new PrintedDocument(DocumentKind.SupervisionReport, district, 2023, "渝中区2023年度督导报告", SampleFiles.Pdf), "inspector");

        var (row, figures, versions) = await archive.FiguresAsync(Scopes.District, v1.Id);
        (row.Version, figures[0].Value).ShouldBe((1, 38.5m));
        versions.Select(v => v.Version).ShouldBe([2, 1]);

        var changes = await archive.CompareAsync(Scopes.District, v1.Id, v2.Id);
        changes.Select(c => (c.Key, c.Before, c.After)).ShouldBe([("CQ5-03", 38.5m, 40.1m)]);

        await Should.ThrowAsync<NotFoundException>(() => archive.CompareAsync(Scopes.District, v1.Id, other.Id));        // another year's report
        await Should.ThrowAsync<NotFoundException>(() => archive.FiguresAsync(Scopes.OtherDistrict, v1.Id));               // another district's
        (await archive.FiguresAsync(Scopes.District, other.Id)).Figures.ShouldBeEmpty();                                  // archived without figures
    }
}
