using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

public sealed class DocumentFiguresTests
{
    [Fact]
    public void Compare_ListsChangedFigures_ThenAddedAndRemoved_AndLeavesOutTheSame()
    {
        DocumentFigure[] v1 = [new("CQ5-03", "全市 互动式多媒体教学设备占比", 41.9m, "%"), new("CQ5-03/渝中区", "渝中区 互动式多媒体教学设备占比", 40.1m, "%"), new("schools", "学校数", 371)];
        DocumentFigure[] v2 = [new("CQ5-03", "全市 互动式多媒体教学设备占比", 43.2m, "%"), new("schools", "学校数", 371), new("CQ5-20", "全市 领导力培训覆盖率", 23.1m, "%")];

        var changes = DocumentFigures.Compare(v1, v2);

        changes.Select(c => (c.Key, c.Before, c.After, c.Kind)).ShouldBe([
            ("CQ5-03", 41.9m, 43.2m, FigureChangeKind.Changed),
            ("CQ5-20", null, 23.1m, FigureChangeKind.Added),
            ("CQ5-03/渝中区", 40.1m, null, FigureChangeKind.Removed),
        ]);
        changes[0].Difference.ShouldBe(1.3m);
        DocumentFigures.Compare(v2, v2).ShouldBeEmpty();
    }

    [Fact]
    public void Archive_KeepsTheFigures_OrNoneForAnOldDocument()
    {
        var pdf = "%PDF-1.7"u8.ToArray();
        var at = new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc);
        GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 2025, 0, "t", pdf, "u", at, figures: [new("schools", "学校数", 371)]).Figures.Count.ShouldBe(1);
        GeneratedDocument.Archive(DocumentKind.WhitePaper, 1, 2025, 0, "t", pdf, "u", at).Figures.ShouldBeEmpty();
    }
}
