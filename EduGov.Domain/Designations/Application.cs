using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Designations;

/// <summary>
/// 草稿 → 已提交 (a school's, to its district) → 已推荐 / 未推荐 → 评审中 (reviewers assigned) → 已认定 / 未认定.
/// A district's own application goes straight to 已推荐 when submitted.
/// </summary>
public enum ApplicationStatus { Draft = 1, Submitted, Declined, Recommended, InReview, Designated, Rejected }

public enum ApplicationAction { Saved = 1, Submitted, Recommended, Declined, ReviewersAssigned, Scored, Designated, Rejected }

/// <summary>One decision or step of an application: who, when, why.</summary>
public sealed class ApplicationEvent
{
    private ApplicationEvent() { }

    internal ApplicationEvent(ApplicationAction action, string by, DateTime atUtc, string? comment) => (Action, By, AtUtc, Comment) = (action, by, atUtc, comment);

    public long Id { get; private set; }
    public int ApplicationId { get; private set; }
    public ApplicationAction Action { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Comment { get; private set; }
}

/// <summary>One assigned expert's scores; counted once submitted.</summary>
public sealed class Review
{
    private Review() { }

    internal Review(string reviewer) => Reviewer = reviewer;

    public int Id { get; private set; }
    public int ApplicationId { get; private set; }
    public string Reviewer { get; private set; } = "";
    public List<decimal> Scores { get; private set; } = [];
    public string? Comment { get; private set; }
    public DateTime? ScoredAtUtc { get; private set; }

    public decimal? Total => ScoredAtUtc is null ? null : Scores.Sum();

    internal void Score(IReadOnlyList<decimal> scores, string? comment, DateTime atUtc) =>
        (Scores, Comment, ScoredAtUtc) = (scores.ToList(), Guard.Optional(comment, 1000, "Comment"), atUtc);
}

/// <summary>
/// A school's or district's application to one batch of a programme. The workflow's rules live here, so no page or
/// API can skip a step: only the applicant's draft changes, a school's application is recommended by its district
/// before the commission sees it, only assigned reviewers score, and only a fully reviewed one is designated.
/// </summary>
public sealed class Application
{
    private readonly List<ApplicationEvent> _history = [];
    private readonly List<Review> _reviews = [];

    private Application() { }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public int Batch { get; private set; }
    public int UnitId { get; private set; }
    public ApplicationStatus Status { get; private set; }
    /// <summary>The applicant's own score and text per criterion, in the rubric's order.</summary>
    public List<decimal?> SelfScores { get; private set; } = [];
    public List<string> SelfNotes { get; private set; } = [];
    /// <summary>The district's ranking among the schools it recommends (1 = first).</summary>
    public int? Rank { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public IReadOnlyList<ApplicationEvent> History => _history;
    public IReadOnlyList<Review> Reviews => _reviews;

    /// <summary>The mean of the reviewers' submitted totals.</summary>
    public decimal? MeanScore => Scoring.Mean(_reviews.Select(r => r.Total));

    public static Application Start(Programme programme, OrgUnitKind unitKind, int unitId, DateOnly today, string by, DateTime atUtc)
    {
        if (!programme.IsOpen(today)) throw new DomainException(ErrorCodes.ProgrammeClosed, programme.OpensOn, programme.ClosesOn);
        var expected = programme.Target == DesignationTarget.Schools ? OrgUnitKind.School : OrgUnitKind.District;
        if (unitKind != expected) throw new DomainException(ErrorCodes.WrongApplicant, expected);
        var application = new Application
        {
            ProgrammeId = programme.Id, Batch = programme.Batch, UnitId = unitId, Status = ApplicationStatus.Draft,
            SelfScores = programme.Criteria.Select(_ => (decimal?)null).ToList(), SelfNotes = programme.Criteria.Select(_ => "").ToList(),
        };
        application.Record(ApplicationAction.Saved, by, atUtc, null);
        return application;
    }

    public void SaveDraft(Programme programme, IReadOnlyList<decimal?> scores, IReadOnlyList<string?> notes, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.Draft);
        if (scores.Count != programme.Criteria.Count || notes.Count != programme.Criteria.Count)
            throw new DomainException(ErrorCodes.ScoresIncomplete, programme.Criteria.Count);
        programme.CheckScores(scores.Select(s => s ?? 0).ToList());
        SelfScores = scores.ToList();
        SelfNotes = notes.Select((n, i) => Guard.Optional(n, 2000, programme.Criteria[i].Name) ?? "").ToList();
        Record(ApplicationAction.Saved, by, atUtc, null);
    }

    /// <summary>Sends the application on: a school's to its district, a district's to the commission.</summary>
    public void Submit(Programme programme, DateOnly today, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.Draft);
        if (!programme.IsOpen(today)) throw new DomainException(ErrorCodes.ProgrammeClosed, programme.OpensOn, programme.ClosesOn);
        if (SelfScores.Any(s => s is null) || SelfNotes.Any(string.IsNullOrWhiteSpace)) throw new DomainException(ErrorCodes.ScoresIncomplete, programme.Criteria.Count);
        Status = programme.Target == DesignationTarget.Schools ? ApplicationStatus.Submitted : ApplicationStatus.Recommended;
        Record(ApplicationAction.Submitted, by, atUtc, null);
    }

    public void Recommend(int? rank, string? comment, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.Submitted);
        if (rank is < 1) throw new DomainException(ErrorCodes.NegativeValue, "Rank");
        comment = Guard.Optional(comment, 500, "Comment");
        (Rank, Status) = (rank, ApplicationStatus.Recommended);
        Record(ApplicationAction.Recommended, by, atUtc, comment);
    }

    public void Decline(string reason, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.Submitted);
        reason = Guard.Required(reason, 500, "Comment");
        Status = ApplicationStatus.Declined;
        Record(ApplicationAction.Declined, by, atUtc, reason);
    }

    /// <summary>Assigns experts (more may join while the review runs); an expert already assigned keeps their scores.</summary>
    public void AssignReviewers(IEnumerable<string> reviewers, string by, DateTime atUtc)
    {
        Ensure(Status is ApplicationStatus.Recommended or ApplicationStatus.InReview);
        var added = reviewers.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct()
            .Where(r => _reviews.All(existing => existing.Reviewer != r)).ToList();
        if (added.Count == 0 && _reviews.Count == 0) throw new DomainException(ErrorCodes.Required, "Reviewers");
        _reviews.AddRange(added.Select(r => new Review(r)));
        Status = ApplicationStatus.InReview;
        Record(ApplicationAction.ReviewersAssigned, by, atUtc, string.Join("、", added));
    }

    public void Score(Programme programme, string reviewer, IReadOnlyList<decimal> scores, string? comment, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.InReview);
        var review = _reviews.SingleOrDefault(r => r.Reviewer == reviewer) ?? throw new DomainException(ErrorCodes.NotAReviewer);
        programme.CheckScores(scores);
        review.Score(scores, comment, atUtc);
        Record(ApplicationAction.Scored, reviewer, atUtc, null);
    }

    /// <summary>Designates the unit once every assigned reviewer has scored; the service records the designation itself.</summary>
    public Designation Designate(Programme programme, string documentNumber, DateOnly on, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.InReview);
        if (_reviews.Count == 0 || _reviews.Any(r => r.Total is null)) throw new DomainException(ErrorCodes.ReviewIncomplete);
        Status = ApplicationStatus.Designated;
        var designation = Designation.Grant(programme, this, documentNumber, on);
        Record(ApplicationAction.Designated, by, atUtc, designation.DocumentNumber);
        return designation;
    }

    public void Reject(string reason, string by, DateTime atUtc)
    {
        Ensure(Status == ApplicationStatus.InReview);
        reason = Guard.Required(reason, 500, "Comment");
        Status = ApplicationStatus.Rejected;
        Record(ApplicationAction.Rejected, by, atUtc, reason);
    }

    private void Ensure(bool allowed)
    {
        if (!allowed) throw new DomainException(ErrorCodes.ApplicationWrongState, Status);
    }

    private void Record(ApplicationAction action, string by, DateTime atUtc, string? comment)
    {
        UpdatedAtUtc = atUtc;
        _history.Add(new ApplicationEvent(action, by, atUtc, comment));
    }
}

public static class Scoring
{
    /// <summary>How far a reviewer's total may stray from the mean before it is flagged: 15% of the rubric's total.</summary>
    public const decimal OutlierShare = 0.15m;

    public static decimal? Mean(IEnumerable<decimal?> totals)
    {
        var scored = totals.OfType<decimal>().ToList();
        return scored.Count == 0 ? null : Math.Round(scored.Average(), 1);
    }

    /// <summary>Whether a total strays from the mean of all of them by more than <see cref="OutlierShare"/> of the rubric.</summary>
    public static bool IsOutlier(decimal total, IEnumerable<decimal?> totals, decimal rubricTotal) =>
        Mean(totals) is { } mean && totals.OfType<decimal>().Count() >= 2 && Math.Abs(total - mean) > OutlierShare * rubricTotal;
}
