using EduGov.Domain.Common;

namespace EduGov.Domain.Security;

/// <summary>安全检查 or 应急演练 (攻防对抗, 沙盘演习 …).</summary>
public enum CheckKind { Inspection = 1, Drill }

public sealed record CheckDetails(CheckKind Kind, string Title, DateOnly HeldOn, string Scope, string Participants, string Report);

/// <summary>A security inspection or an emergency drill a unit held, with its short report; its findings become remediation items.</summary>
public sealed class SecurityCheck
{
    private SecurityCheck() { }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public CheckKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public string Scope { get; private set; } = "";
    public string Participants { get; private set; } = "";
    public string Report { get; private set; } = "";

    public static SecurityCheck Record(int unitId, CheckDetails d, DateOnly today)
    {
        if (!Enum.IsDefined(d.Kind)) throw new DomainException(ErrorCodes.Required, "Kind");
        if (d.HeldOn > today) throw new DomainException(ErrorCodes.DateInFuture, d.HeldOn);
        return new SecurityCheck
        {
            UnitId = unitId, Kind = d.Kind, Title = Guard.Required(d.Title, 100, "Title"), HeldOn = d.HeldOn,
            Scope = Guard.Required(d.Scope, 500, "Scope"), Participants = Guard.Required(d.Participants, 500, "Participants"),
            Report = Guard.Required(d.Report, 4000, "Report"),
        };
    }
}

public enum IncidentCategory { Malware = 1, Intrusion, DataLeak, Outage, Defacement, Other }

public sealed record IncidentDetails(DateTime OccurredAt, IncidentCategory Category, RiskSeverity Severity, string Systems, string Description);

/// <summary>A security incident: what happened, how severe, which systems; open until it is handled and closed.</summary>
public sealed class Incident
{
    private Incident() { }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public IncidentCategory Category { get; private set; }
    public RiskSeverity Severity { get; private set; }
    public string Systems { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string? Handling { get; private set; }
    public DateOnly? ClosedOn { get; private set; }

    public static Incident Report(int unitId, IncidentDetails d, DateTime now)
    {
        if (d.OccurredAt > now) throw new DomainException(ErrorCodes.DateInFuture, d.OccurredAt);
        if (!Enum.IsDefined(d.Category)) throw new DomainException(ErrorCodes.Required, "Category");
        if (!Enum.IsDefined(d.Severity)) throw new DomainException(ErrorCodes.Required, "Severity");
        return new Incident
        {
            UnitId = unitId, OccurredAt = d.OccurredAt, Category = d.Category, Severity = d.Severity,
            Systems = Guard.Required(d.Systems, 500, "Systems"), Description = Guard.Required(d.Description, 2000, "Description"),
        };
    }

    public void Close(string handling, DateOnly on)
    {
        if (ClosedOn is not null) throw new DomainException(ErrorCodes.RemediationWrongState, "Closed");
        if (on < DateOnly.FromDateTime(OccurredAt)) throw new DomainException(ErrorCodes.PeriodDatesReversed);
        (Handling, ClosedOn) = (Guard.Required(handling, 2000, "Handling"), on);
    }
}
