using System.Linq.Expressions;
using EduGov.Domain.Common;

namespace EduGov.Domain.Security;

/// <summary>渝中's 安全保障体系 layers: 物理、网络、主机、应用、数据、安全管理.</summary>
public enum SecurityLayer { Physical = 1, Network, Host, Application, Data, Management }

public enum RiskSeverity { Low = 1, Medium, High }

/// <summary>Where a finding came from: an 等级测评, a 安全检查, or an 应急演练.</summary>
public enum FindingSource { Assessment = 1, Inspection, Drill }

/// <summary>待整改 → (高风险: 已整改待复核) → 已关闭.</summary>
public enum RemediationStatus { Open = 1, AwaitingReview, Closed }

/// <summary>
/// A finding to fix, with its owner and deadline. Closing needs evidence of the fix; a high-severity item is closed
/// only when someone other than the person who fixed it confirms, so no one signs off their own high risk.
/// </summary>
public sealed class RemediationItem
{
    private RemediationItem() { }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public int? SystemId { get; private set; }
    public FindingSource Source { get; private set; }
    public int SourceId { get; private set; }
    public SecurityLayer Layer { get; private set; }
    public RiskSeverity Severity { get; private set; }
    public string Finding { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public DateOnly Deadline { get; private set; }
    public DateOnly RaisedOn { get; private set; }
    public RemediationStatus Status { get; private set; }
    public string? Evidence { get; private set; }
    public string? FixedBy { get; private set; }
    public DateOnly? FixedOn { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public static RemediationItem Raise(int unitId, int? systemId, FindingSource source, int sourceId, SecurityLayer layer, RiskSeverity severity,
        string finding, string owner, DateOnly deadline, DateOnly today)
    {
        if (!Enum.IsDefined(layer)) throw new DomainException(ErrorCodes.Required, "Layer");
        if (!Enum.IsDefined(severity)) throw new DomainException(ErrorCodes.Required, "Severity");
        if (deadline < today) throw new DomainException(ErrorCodes.DeadlinePassed, deadline);
        return new RemediationItem
        {
            UnitId = unitId, SystemId = systemId, Source = source, SourceId = sourceId, Layer = layer, Severity = severity,
            Finding = Guard.Required(finding, 1000, "Finding"), Owner = Guard.Required(owner, 50, "Owner"), Deadline = deadline, RaisedOn = today,
            Status = RemediationStatus.Open,
        };
    }

    /// <summary>Overdue from the day after the deadline until it is closed.</summary>
    public bool IsOverdue(DateOnly today) => Status != RemediationStatus.Closed && today > Deadline;

    /// <summary><see cref="IsOverdue"/> as a query filter, so lists made in the database keep the same rule.</summary>
    public static Expression<Func<RemediationItem, bool>> OverdueOn(DateOnly today) =>
        r => r.Status != RemediationStatus.Closed && today > r.Deadline;

    /// <summary>Records the fix with its evidence: low and medium items close at once, high ones wait for a second person.</summary>
    public void Fix(string evidence, string by, DateOnly today)
    {
        if (Status != RemediationStatus.Open) throw new DomainException(ErrorCodes.RemediationWrongState, Status);
        Evidence = Guard.Required(evidence, 2000, "Evidence");
        (FixedBy, FixedOn) = (by, today);
        if (Severity == RiskSeverity.High)
        {
            Status = RemediationStatus.AwaitingReview;
            return;
        }
        (Status, ClosedOn) = (RemediationStatus.Closed, today);
    }

    /// <summary>The second person's confirmation of a high-severity fix, or its return to the owner.</summary>
    public void Review(bool accepted, string by, DateOnly today)
    {
        if (Status != RemediationStatus.AwaitingReview) throw new DomainException(ErrorCodes.RemediationWrongState, Status);
        if (by == FixedBy) throw new DomainException(ErrorCodes.SameReviewer);
        if (accepted)
        {
            (Status, ReviewedBy, ClosedOn) = (RemediationStatus.Closed, by, today);
            return;
        }
        (Status, Evidence, FixedBy, FixedOn) = (RemediationStatus.Open, null, null, null);
    }
}
