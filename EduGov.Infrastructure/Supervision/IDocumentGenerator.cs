using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;

namespace EduGov.Infrastructure.Supervision;

/// <summary>
/// A document printed and not yet archived, with the figures it printed; <paramref name="Series"/> tells apart several of
/// one kind, unit and year (a bulletin's period).
/// </summary>
public sealed record PrintedDocument(DocumentKind Kind, int UnitId, int Year, string Title, byte[] Pdf, int Series = 0, IReadOnlyList<DocumentFigure>? Figures = null);

/// <summary>Makes and archives a document; implemented where the document components live (the web project), used by jobs and the CLI.</summary>
public interface IDocumentGenerator
{
    /// <summary>Gathers the figures and prints the PDF, archiving nothing: a batch prints every document before it archives one.</summary>
    Task<PrintedDocument> PrintAsync(AccessScope scope, DocumentKind kind, int unitId, int year, CancellationToken ct = default);

    /// <param name="number">The issuing number (文号) for the cover, when the commission gives one.</param>
    Task<GeneratedDocument> WhitePaperAsync(AccessScope scope, int cityId, int year, string createdBy, string? number = null, CancellationToken ct = default);

    Task<GeneratedDocument> SupervisionReportAsync(AccessScope scope, int unitId, int year, string createdBy, CancellationToken ct = default);
}
