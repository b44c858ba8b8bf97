using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;

namespace EduGov.Infrastructure.Supervision;

/// <summary>Makes and archives a document; implemented where the document components live (the web project), used by jobs and the CLI.</summary>
public interface IDocumentGenerator
{
    Task<GeneratedDocument> WhitePaperAsync(AccessScope scope, int cityId, int year, string createdBy, CancellationToken ct = default);

    Task<GeneratedDocument> SupervisionReportAsync(AccessScope scope, int unitId, int year, string createdBy, CancellationToken ct = default);
}
