using System.Linq.Expressions;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Urging;

/// <summary>What a 督办 is about; <see cref="UrgingCase.ReferenceId"/> names the thing of that kind.</summary>
public enum UrgingSubject
{
    /// <summary>A filing late for a reporting period (reference: the period) — of the school, or of a district's schools.</summary>
    LateFiling = 1,
    /// <summary>A 督导整改事项 past its deadline (reference: the rectification item).</summary>
    OverdueRectification,
    /// <summary>A 安全整改项 past its deadline (reference: the remediation item).</summary>
    OverdueRemediation,
    /// <summary>A plan indicator the unit lags behind on (reference: the indicator).</summary>
    LaggingIndicator,
    /// <summary>An information system's 等级测评 due or overdue (reference: the system).</summary>
    AssessmentDue,
}

/// <summary>待答复 → 已答复 → 已办结; 再次督办 brings it back to 待答复 with a new deadline.</summary>
public enum UrgingStatus { Issued = 1, Answered, Closed }

public enum UrgingAction { Issued = 1, Answered, Pressed, Closed, Overdue, Escalated }

/// <summary>One step of a 督办: who, when, and what they wrote (the requirement, the answer and plan, the note).</summary>
public sealed class UrgingStep
{
    private UrgingStep() { }

    internal UrgingStep(UrgingAction action, string by, DateTime atUtc, string? text, DateOnly? deadline) =>
        (Action, By, AtUtc, Text, Deadline) = (action, by, atUtc, text, deadline);

    public long Id { get; private set; }
    public int UrgingId { get; private set; }
    public UrgingAction Action { get; private set; }
    public string By { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? Text { get; private set; }
    /// <summary>The deadline the step set (issued, pressed) or passed (overdue).</summary>
    public DateOnly? Deadline { get; private set; }
}

/// <summary>
/// 督办: the commission or a district tells a unit below it to act on something late — a filing, an overdue item, a lagging
/// indicator, a due assessment — with a requirement and a deadline. The unit answers (情况说明 and its plan, with files);
/// the issuing unit closes it (办结) or presses again (再次督办) with a new deadline. Unanswered the day after its deadline it
/// is 逾期; still unanswered <see cref="EscalationDays"/> days after it, it goes up once to the unit's superior (升级).
/// </summary>
public sealed class UrgingCase
{
    /// <summary>Days past the deadline an unanswered 督办 waits before it goes up to the superior.</summary>
    public const int EscalationDays = 3;

    private readonly List<UrgingStep> _history = [];

    private UrgingCase() { }

    public int Id { get; private set; }
    public int IssuerUnitId { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTime IssuedAtUtc { get; private set; }
    public int TargetUnitId { get; private set; }
    public UrgingSubject Subject { get; private set; }
    public int ReferenceId { get; private set; }
    /// <summary>The subject as it read when issued ("2026年度填报", "CQ5-13 …"), so the list needs no join per kind.</summary>
    public string SubjectLabel { get; private set; } = "";
    public string Requirement { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public UrgingStatus Status { get; private set; }
    /// <summary>1 when issued, one more each time it is pressed again.</summary>
    public int Round { get; private set; }
    public string? Explanation { get; private set; }
    public string? Plan { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    /// <summary>The round last marked 逾期 (0: none), so each round is marked, and told, once.</summary>
    public int OverdueRound { get; private set; }
    /// <summary>Went past a deadline unanswered at least once (for the reports' counts).</summary>
    public bool WasOverdue { get; private set; }
    public int? EscalatedToUnitId { get; private set; }
    public DateTime? EscalatedAtUtc { get; private set; }
    public Guid Version { get; private set; }
    public IReadOnlyList<UrgingStep> History => _history;

    public bool IsEscalated => EscalatedToUnitId is not null;

    /// <param name="issuerRole">The issuing user's role: the commission issues to its city's districts and schools, a district to its schools.</param>
    public static UrgingCase Issue(Role issuerRole, OrgUnit issuer, OrgUnit target, UrgingSubject subject, int referenceId, string subjectLabel,
        string requirement, DateOnly deadline, DateOnly today, string by, DateTime atUtc)
    {
        if (!UrgingRules.MayIssue(issuerRole, issuer.Path, target.Path, target.Kind)) throw new DomainException(ErrorCodes.UrgingTargetNotAllowed, target.Name);
        if (!Enum.IsDefined(subject)) throw new DomainException(ErrorCodes.Required, "Subject");
        CheckDeadline(deadline, today);
        var urging = new UrgingCase
        {
            IssuerUnitId = issuer.Id, IssuedBy = Guard.Required(by, 256, "IssuedBy"), IssuedAtUtc = atUtc, TargetUnitId = target.Id, Subject = subject,
            ReferenceId = referenceId, SubjectLabel = Guard.Required(subjectLabel, 200, "Subject"), Requirement = Guard.Required(requirement, 1000, "Requirement"),
            Deadline = deadline, Status = UrgingStatus.Issued, Round = 1,
        };
        urging.Record(UrgingAction.Issued, by, atUtc, urging.Requirement, deadline);
        return urging;
    }

    /// <summary>逾期 from the day after the deadline until answered (pressing again sets a new deadline).</summary>
    public bool IsOverdue(DateOnly today) => Status == UrgingStatus.Issued && today > Deadline;

    /// <summary><see cref="IsOverdue"/> as a query filter, so lists and counts made in the database keep the same rule.</summary>
    public static Expression<Func<UrgingCase, bool>> OverdueOn(DateOnly today) => u => u.Status == UrgingStatus.Issued && today > u.Deadline;

    /// <summary>The target unit's answer: what the situation is (情况说明) and what it will do, by when (plan).</summary>
    public void Answer(string explanation, string plan, string by, DateTime atUtc)
    {
        Ensure(UrgingStatus.Issued);
        var text = Guard.Required(explanation, 2000, "Explanation");
        var steps = Guard.Required(plan, 2000, "Plan");
        (Status, Explanation, Plan, AnsweredAtUtc) = (UrgingStatus.Answered, text, steps, atUtc);
        Record(UrgingAction.Answered, by, atUtc, $"{text}\n{steps}", null);
    }

    /// <summary>办结: the issuer is satisfied with the answer.</summary>
    public void Close(string? note, string by, DateTime atUtc)
    {
        Ensure(UrgingStatus.Answered);
        var text = Guard.Optional(note, 500, "Note");
        (Status, ClosedAtUtc) = (UrgingStatus.Closed, atUtc);
        Record(UrgingAction.Closed, by, atUtc, text, null);
    }

    /// <summary>
    /// 再次督办: the answer is not enough, or none came — the unit is to act again by a new deadline. The answer it gave stays
    /// in the history; the 督办 is 待答复 again and may go 逾期 again, but it goes up to the superior only once.
    /// </summary>
    public void Press(string requirement, DateOnly deadline, DateOnly today, string by, DateTime atUtc)
    {
        if (Status == UrgingStatus.Closed) throw new DomainException(ErrorCodes.UrgingWrongState, Status);
        var text = Guard.Required(requirement, 1000, "Requirement");
        CheckDeadline(deadline, today);
        (Status, Requirement, Deadline, Explanation, Plan, AnsweredAtUtc) = (UrgingStatus.Issued, text, deadline, null, null, null);
        Round++;
        Record(UrgingAction.Pressed, by, atUtc, text, deadline);
    }

    /// <summary>Marks the round 逾期 once, from the day after its deadline while unanswered; false when there is nothing to mark.</summary>
    public bool MarkOverdue(DateOnly today, string by, DateTime atUtc)
    {
        if (!IsOverdue(today) || OverdueRound == Round) return false;
        (OverdueRound, WasOverdue) = (Round, true);
        Record(UrgingAction.Overdue, by, atUtc, null, Deadline);
        return true;
    }

    /// <summary>Whether <see cref="Escalate"/> would go up today: unanswered <see cref="EscalationDays"/> days past the deadline, never before.</summary>
    public bool IsDueForEscalation(DateOnly today) => !IsEscalated && Status == UrgingStatus.Issued && today > Deadline.AddDays(EscalationDays);

    /// <summary>Goes up to the superior unit, once in the 督办's life; false when it is not due or already went up.</summary>
    public bool Escalate(int superiorUnitId, string superiorName, DateOnly today, string by, DateTime atUtc)
    {
        if (!IsDueForEscalation(today)) return false;
        (EscalatedToUnitId, EscalatedAtUtc) = (superiorUnitId, atUtc);
        Record(UrgingAction.Escalated, by, atUtc, superiorName, Deadline);
        return true;
    }

    private static void CheckDeadline(DateOnly deadline, DateOnly today)
    {
        if (deadline < today) throw new DomainException(ErrorCodes.UrgingDeadlinePassed, today);
        if (deadline > today.AddYears(1)) throw new DomainException(ErrorCodes.UrgingDeadlineTooFar, today.AddYears(1));
    }

    private void Ensure(UrgingStatus expected)
    {
        if (Status != expected) throw new DomainException(ErrorCodes.UrgingWrongState, Status);
    }

    private void Record(UrgingAction action, string by, DateTime atUtc, string? text, DateOnly? deadline)
    {
        Version = Guid.NewGuid();
        _history.Add(new UrgingStep(action, by, atUtc, text, deadline));
    }
}
