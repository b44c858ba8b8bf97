using System.Globalization;
using System.Text.RegularExpressions;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Bulletins;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Supervision;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Writer;

namespace EduGov.Web.Reports;

/// <summary>
/// Makes a document: gathers its figures, renders its Razor component to HTML, prints it to PDF and archives it as the
/// next version. The same components give the in-portal preview.
/// </summary>
public sealed partial class DocumentGenerator(IServiceProvider services, ILoggerFactory loggers, DocumentData data, DocumentArchive archive, IPdfPrinter printer)
    : IDocumentGenerator, IBulletinPrinter
{
    /// <summary>A bulletin as its PDF: the page foot carries its number and version beside the page number.</summary>
    public async Task<byte[]> PrintAsync(BulletinReport report, CancellationToken ct = default) =>
        await printer.PrintAsync(await HtmlAsync<BulletinBody>(report.Title, new() { [nameof(BulletinBody.Report)] = report }),
            $"{report.Number}（第 {report.Version} 版）", ct);

    public async Task<GeneratedDocument> WhitePaperAsync(AccessScope scope, int cityId, int year, string createdBy, string? number = null, CancellationToken ct = default) =>
        await archive.AddAsync(await PrintWhitePaperAsync(scope, cityId, year, number, ct), createdBy, ct);

    public async Task<GeneratedDocument> SupervisionReportAsync(AccessScope scope, int unitId, int year, string createdBy, CancellationToken ct = default) =>
        await archive.AddAsync(await PrintAsync(scope, DocumentKind.SupervisionReport, unitId, year, ct), createdBy, ct);

    public async Task<PrintedDocument> PrintAsync(AccessScope scope, DocumentKind kind, int unitId, int year, CancellationToken ct = default)
    {
        if (kind == DocumentKind.Bulletin) throw new ArgumentException("A bulletin is published through BulletinService, for a period.", nameof(kind));
        if (kind == DocumentKind.SupervisionReport)
        {
            var report = await data.SupervisionReportAsync(scope, unitId, year, ct);
            var html = await HtmlAsync<SupervisionReportBody>(report.Title, new() { [nameof(SupervisionReportBody.Report)] = report });
            return new PrintedDocument(kind, unitId, year, report.Title, await printer.PrintAsync(html, report.Title, ct), Figures: report.Figures());
        }
        return await PrintWhitePaperAsync(scope, unitId, year, null, ct);
    }

    /// <summary>
    /// The cover is printed on its own, without a page foot, so the pages are numbered from the contents. The body is
    /// printed twice: the first print tells the page each section starts on, the second lists them in the contents (the
    /// numbers take no extra lines, so the pages stay where they were).
    /// </summary>
    private async Task<PrintedDocument> PrintWhitePaperAsync(AccessScope scope, int cityId, int year, string? number, CancellationToken ct)
    {
        var paper = await data.WhitePaperAsync(scope, cityId, year, ct) with { DocumentNumber = string.IsNullOrWhiteSpace(number) ? null : number.Trim() };
        var cover = printer.PrintAsync(await HtmlAsync<WhitePaperCover>(paper.Title, new() { [nameof(WhitePaperCover.Paper)] = paper }), null, ct);
        var draft = await printer.PrintAsync(await HtmlAsync<WhitePaperBody>(paper.Title, new() { [nameof(WhitePaperBody.Paper)] = paper }), paper.Title, ct);
        var pages = SectionPages(draft, WhitePaperBody.Sections.Select(s => s.Title));
        var final = await HtmlAsync<WhitePaperBody>(paper.Title, new() { [nameof(WhitePaperBody.Paper)] = paper, [nameof(WhitePaperBody.Pages)] = pages });
        var body = await printer.PrintAsync(final, paper.Title, ct);
        return new PrintedDocument(DocumentKind.WhitePaper, cityId, year, paper.Title, PdfMerger.Merge([await cover, body]), Figures: paper.Figures());
    }

    /// <summary>The page (from 1) on which each title first appears after the contents page; 0 when it does not.</summary>
    public static Dictionary<string, int> SectionPages(byte[] pdf, IEnumerable<string> titles)
    {
        using var document = PdfDocument.Open(pdf);
        var texts = document.GetPages().Select(p => Whitespace().Replace(p.Text, "")).ToList();
        var contents = Math.Max(0, texts.FindIndex(t => t.Contains("目录")));
        return titles.ToDictionary(t => t, t => texts.FindIndex(contents + 1, page => page.Contains(Whitespace().Replace(t, ""))) + 1);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The body component inside <see cref="PrintDocument"/>, as one self-contained HTML page.</summary>
    public async Task<string> HtmlAsync<TBody>(string title, Dictionary<string, object?> parameters) where TBody : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // A document is Chinese whatever the language of the portal its maker uses (its charts' words come from the resources).
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Cultures.Default);
            RenderFragment body = b =>
            {
                b.OpenComponent<TBody>(0);
                b.AddMultipleAttributes(1, parameters!);
                b.CloseComponent();
            };
            var page = await renderer.RenderComponentAsync<PrintDocument>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PrintDocument.Title)] = title, [nameof(PrintDocument.ChildContent)] = body,
            }));
            return page.ToHtmlString();
        });
    }
}
