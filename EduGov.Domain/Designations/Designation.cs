using EduGov.Domain.Common;

namespace EduGov.Domain.Designations;

/// <summary>在册 / 限期整改 / 已撤销: a warned unit still counts; a revoked one does not, from the year it was revoked.</summary>
public enum DesignationStatus { Active = 1, Warned, Revoked }

public enum ReevaluationDecision { Confirmed = 1, Warned, Revoked }

/// <summary>A designated unit's yearly report against the programme's rubric, and the commission's decision on it.</summary>
public sealed class AnnualReport
{
    private AnnualReport() { }

    internal AnnualReport(int year, IReadOnlyList<decimal> scores, string summary, string by, DateTime atUtc) =>
        (Year, Scores, Summary, FiledBy, FiledAtUtc) = (year, scores.ToList(), summary, by, atUtc);

    public int Id { get; private set; }
    public int DesignationId { get; private set; }
    public int Year { get; private set; }
    public List<decimal> Scores { get; private set; } = [];
    public string Summary { get; private set; } = "";
    public string FiledBy { get; private set; } = "";
    public DateTime FiledAtUtc { get; private set; }
    public ReevaluationDecision? Decision { get; private set; }
    public string? Reason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }

    internal void Decide(ReevaluationDecision decision, string? reason, string by, DateTime atUtc) =>
        (Decision, Reason, DecidedBy, DecidedAtUtc) = (decision, reason, by, atUtc);
}

/// <summary>
/// A unit designated by a programme in one batch, with its 认定文号. Re-evaluated yearly: the unit reports against the
/// same rubric and the commission confirms, warns (限期整改) or revokes. Revocation keeps the record and its history.
/// </summary>
public sealed class Designation
{
    private readonly List<AnnualReport> _reports = [];

    private Designation() { }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public int UnitId { get; private set; }
    public int ApplicationId { get; private set; }
    public int Batch { get; private set; }
    public string DocumentNumber { get; private set; } = "";
    public DateOnly DesignatedOn { get; private set; }
    public DesignationStatus Status { get; private set; }
    public DateOnly? RevokedOn { get; private set; }
    public IReadOnlyList<AnnualReport> Reports => _reports;

    internal static Designation Grant(Programme programme, Application application, string documentNumber, DateOnly on) => new()
    {
        ProgrammeId = programme.Id, UnitId = application.UnitId, ApplicationId = application.Id, Batch = application.Batch,
        DocumentNumber = Guard.Required(documentNumber, 60, "DocumentNumber"), DesignatedOn = on, Status = DesignationStatus.Active,
    };

    /// <summary>Counted in a year's total when designated by then and not revoked by then.</summary>
    public bool CountsIn(int year) => DesignatedOn.Year <= year && !(RevokedOn is { } revoked && revoked.Year <= year);

    public void FileReport(Programme programme, int year, IReadOnlyList<decimal> scores, string summary, string by, DateTime atUtc)
    {
        if (Status == DesignationStatus.Revoked) throw new DomainException(ErrorCodes.DesignationRevoked);
        if (year <= DesignatedOn.Year - 1 || year > atUtc.Year) throw new DomainException(ErrorCodes.YearOutOfRange, DesignatedOn.Year, atUtc.Year);
        if (_reports.Any(r => r.Year == year)) throw new DomainException(ErrorCodes.ReportExists, year);
        programme.CheckScores(scores);
        _reports.Add(new AnnualReport(year, scores, Guard.Required(summary, 4000, "Summary"), by, atUtc));
    }

    public void Decide(int year, ReevaluationDecision decision, string? reason, DateOnly on, string by, DateTime atUtc)
    {
        var report = _reports.SingleOrDefault(r => r.Year == year) ?? throw new DomainException(ErrorCodes.ReportMissing, year);
        if (report.Decision is not null || Status == DesignationStatus.Revoked) throw new DomainException(ErrorCodes.ReportDecided, year);
        if (!Enum.IsDefined(decision)) throw new DomainException(ErrorCodes.Required, "Decision");
        if (decision != ReevaluationDecision.Confirmed) Guard.Required(reason, 500, "Comment");
        report.Decide(decision, Guard.Optional(reason, 500, "Comment"), by, atUtc);
        Status = decision switch
        {
            ReevaluationDecision.Revoked => DesignationStatus.Revoked,
            ReevaluationDecision.Warned => DesignationStatus.Warned,
            _ => DesignationStatus.Active,
        };
        if (decision == ReevaluationDecision.Revoked) RevokedOn = on;
    }
}

/// <summary>Active designations per unit, rolled up the org tree: a district's count includes its schools'.</summary>
public static class DesignationCount
{
    public static Dictionary<string, int> ByUnit(IEnumerable<(string UnitPath, Designation Designation)> designations, int year)
    {
        var counts = new Dictionary<string, int>();
        foreach (var (path, designation) in designations.Where(d => d.Designation.CountsIn(year)))
        foreach (var unit in Organisation.OrgUnit.LineageOf(path))
            counts[unit] = counts.GetValueOrDefault(unit) + 1;
        return counts;
    }
}
