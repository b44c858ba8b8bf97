using EduGov.Domain.Common;

namespace EduGov.Domain.Security;

/// <summary>本地部署 / 政务云 / 服务商托管.</summary>
public enum Hosting { Local = 1, GovernmentCloud, Vendor }

public sealed record SystemDetails(string Name, string? Purpose, string ResponsiblePerson, int Level, bool HoldsPersonalData,
    string? FilingNumber, DateOnly? FiledOn, Hosting Hosting);

/// <summary>
/// An information system in a unit's register under 等级保护 (MLPS, GB/T 22239-2019): its protection level (1–5),
/// whether it holds students' or teachers' personal data, and its 备案 with the public-security organ.
/// </summary>
public sealed class InformationSystem
{
    private InformationSystem() { }

    public int Id { get; private set; }
    public int OwnerUnitId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Purpose { get; private set; }
    public string ResponsiblePerson { get; private set; } = "";
    public int Level { get; private set; }
    /// <summary>When the level last changed: an assessment made at another level no longer counts.</summary>
    public DateOnly LevelSince { get; private set; }
    public bool HoldsPersonalData { get; private set; }
    public string? FilingNumber { get; private set; }
    public DateOnly? FiledOn { get; private set; }
    public Hosting Hosting { get; private set; }

    /// <summary>备案: required from level 2 up; filed when it has a number and a date.</summary>
    public bool IsFiled => FilingNumber is not null && FiledOn is not null;

    public static InformationSystem Register(int ownerUnitId, SystemDetails details, DateOnly today)
    {
        var system = new InformationSystem { OwnerUnitId = ownerUnitId, LevelSince = today };
        system.Update(details, today);
        return system;
    }

    public void Update(SystemDetails d, DateOnly today)
    {
        Name = Guard.Required(d.Name, 100, "Name");
        Purpose = Guard.Optional(d.Purpose, 500, "Purpose");
        ResponsiblePerson = Guard.Required(d.ResponsiblePerson, 50, "ResponsiblePerson");
        if (d.Level is < 1 or > 5) throw new DomainException(ErrorCodes.LevelOutOfRange);
        if (Level != 0 && d.Level != Level) LevelSince = today;
        Level = d.Level;
        HoldsPersonalData = d.HoldsPersonalData;
        var number = Guard.Optional(d.FilingNumber, 50, "FilingNumber");
        if ((number is null) != (d.FiledOn is null)) throw new DomainException(ErrorCodes.Required, number is null ? "FilingNumber" : "FiledOn");
        if (d.FiledOn > today) throw new DomainException(ErrorCodes.DateInFuture, d.FiledOn);
        (FilingNumber, FiledOn) = (number, d.FiledOn);
        Hosting = Enum.IsDefined(d.Hosting) ? d.Hosting : throw new DomainException(ErrorCodes.Required, "Hosting");
    }
}
