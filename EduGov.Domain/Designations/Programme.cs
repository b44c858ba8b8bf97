using EduGov.Domain.Common;

namespace EduGov.Domain.Designations;

/// <summary>国家级 / 省级 / 市级 / 区级.</summary>
public enum Tier { National = 1, Provincial, Municipal, District }

/// <summary>Whether a programme designates schools (示范学校, 试点学校) or districts (示范区县).</summary>
public enum DesignationTarget { Schools = 1, Districts }

/// <summary>One line of a programme's rubric, e.g. 基础环境 20: its maximum score is its weight in the total.</summary>
public sealed record Criterion(string Name, decimal MaxScore);

public sealed record ProgrammeDetails(string Name, Tier Tier, DesignationTarget Target, int? IndicatorId, DateOnly OpensOn, DateOnly ClosesOn,
    IReadOnlyList<Criterion> Criteria);

/// <summary>
/// A pilot or demonstration programme run by a commission (市级智慧校园建设示范学校, 创客教育试点学校 …): who may apply, when,
/// the rubric applications are scored against, and the plan indicator its active designations count toward.
/// Each application window is a batch (批次), named by the year it opens.
/// </summary>
public sealed class Programme
{
    public const decimal MaxTotal = 1000;

    private Programme() { }

    public int Id { get; private set; }
    public int OwnerUnitId { get; private set; }
    public string Name { get; private set; } = "";
    public Tier Tier { get; private set; }
    public DesignationTarget Target { get; private set; }
    public int? IndicatorId { get; private set; }
    public DateOnly OpensOn { get; private set; }
    public DateOnly ClosesOn { get; private set; }
    public List<Criterion> Criteria { get; private set; } = [];

    public int Batch => OpensOn.Year;
    public decimal TotalScore => Criteria.Sum(c => c.MaxScore);
    public bool IsOpen(DateOnly today) => today >= OpensOn && today <= ClosesOn;

    public static Programme Create(int ownerUnitId, ProgrammeDetails details)
    {
        var programme = new Programme { OwnerUnitId = ownerUnitId };
        programme.Update(details);
        return programme;
    }

    /// <summary>Changes the programme; the rubric is fixed once anyone has applied (<paramref name="hasApplications"/>).</summary>
    public void Update(ProgrammeDetails d, bool hasApplications = false)
    {
        Name = Guard.Required(d.Name, 100, "Name");
        Tier = Enum.IsDefined(d.Tier) ? d.Tier : throw new DomainException(ErrorCodes.Required, "Tier");
        if (!Enum.IsDefined(d.Target)) throw new DomainException(ErrorCodes.Required, "Target");
        if (hasApplications && (d.Target != Target || !d.Criteria.SequenceEqual(Criteria))) throw new DomainException(ErrorCodes.RubricInUse);
        Target = d.Target;
        IndicatorId = d.IndicatorId;
        if (d.ClosesOn < d.OpensOn) throw new DomainException(ErrorCodes.PeriodDatesReversed);
        (OpensOn, ClosesOn) = (d.OpensOn, d.ClosesOn);
        if (d.Criteria.Count == 0) throw new DomainException(ErrorCodes.Required, "Criteria");
        foreach (var c in d.Criteria)
        {
            Guard.Required(c.Name, 50, "Criterion");
            if (c.MaxScore is <= 0 or > MaxTotal) throw new DomainException(ErrorCodes.ScoreOutOfRange, c.Name, MaxTotal);
        }
        if (d.Criteria.Select(c => c.Name.Trim()).Distinct().Count() != d.Criteria.Count) throw new DomainException(ErrorCodes.DuplicateCriterion);
        if (d.Criteria.Sum(c => c.MaxScore) > MaxTotal) throw new DomainException(ErrorCodes.ScoreOutOfRange, "Criteria", MaxTotal);
        Criteria = d.Criteria.Select(c => c with { Name = c.Name.Trim() }).ToList();
    }

    /// <summary>Scores against the rubric: one per criterion, each from 0 to its maximum.</summary>
    public void CheckScores(IReadOnlyList<decimal> scores)
    {
        if (scores.Count != Criteria.Count) throw new DomainException(ErrorCodes.ScoresIncomplete, Criteria.Count);
        for (var i = 0; i < scores.Count; i++) Guard.Score(scores[i], Criteria[i].MaxScore, Criteria[i].Name);
    }
}
