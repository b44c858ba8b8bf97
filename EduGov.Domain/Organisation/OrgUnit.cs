using EduGov.Domain.Common;

namespace EduGov.Domain.Organisation;

public enum OrgUnitKind { City = 1, District = 2, School = 3 }

public enum SchoolType { Primary = 1, JuniorMiddle, SeniorHigh, Complete, NineYear, Vocational, TeachingPoint, University }

/// <summary>The sizes a school reports; counts of people and rooms.</summary>
public sealed record SchoolProfile(SchoolType Type, bool IsRural, int Students, int Teachers, int Classes, int Classrooms);

/// <summary>Schools by enrolment, for comparing like with like (规模): under 300 students, 300–999, 1,000–1,999, 2,000 and more.</summary>
public enum SizeBand { Small = 1, Medium, Large, VeryLarge }

public static class SchoolSize
{
    /// <summary>The fewest students of each band, in the order of <see cref="SizeBand"/>.</summary>
    private static readonly int[] From = [0, 300, 1_000, 2_000];

    /// <summary>The students of a band: at least <c>Min</c>, fewer than <c>Max</c> (no upper limit for the largest).</summary>
    public static (int Min, int? Max) Range(SizeBand band) =>
        (From[(int)band - 1], (int)band < From.Length ? From[(int)band] : null);

    public static SizeBand BandOf(int students) => (SizeBand)(Array.FindLastIndex(From, min => students >= min) + 1);
}

/// <summary>
/// A node of the organisation tree: city (or municipality) → district/county → school.
/// <see cref="Path"/> is the chain of codes from the root ("/500000/500103/"), so "is inside" is a prefix test
/// that the database answers with an index.
/// </summary>
public sealed class OrgUnit
{
    private OrgUnit() { }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrgUnitKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    public string Path { get; private set; } = "";
    public SchoolProfile? School { get; private set; }

    public static OrgUnit CreateRoot(string code, string name) => new()
    {
        Code = Guard.Required(code, 20, "Code"),
        Name = Guard.Required(name, 100, "Name"),
        Kind = OrgUnitKind.City,
        Path = $"/{code}/",
    };

    public OrgUnit AddDistrict(string code, string name)
    {
        if (Kind != OrgUnitKind.City) throw new InvalidOperationException("Districts belong to a city.");
        return Child(code, name, OrgUnitKind.District, null);
    }

    public OrgUnit AddSchool(string code, string name, SchoolProfile profile)
    {
        if (Kind != OrgUnitKind.District) throw new InvalidOperationException("Schools belong to a district.");
        if (profile.Students < 0 || profile.Teachers < 0 || profile.Classes < 0 || profile.Classrooms < 0)
            throw new DomainException(ErrorCodes.NegativeValue, "School");
        return Child(code, name, OrgUnitKind.School, profile);
    }

    private OrgUnit Child(string code, string name, OrgUnitKind kind, SchoolProfile? profile) => new()
    {
        Code = Guard.Required(code, 20, "Code"),
        Name = Guard.Required(name, 100, "Name"),
        Kind = kind,
        ParentId = Id == 0 ? null : Id,
        Parent = this,
        Path = $"{Path}{code}/",
        School = profile,
    };

    /// <summary>Set while building a tree in memory, before the parent has an id.</summary>
    public OrgUnit? Parent { get; private set; }

    public bool Contains(OrgUnit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    /// <summary>渝中区 → 渝中, 石柱土家族自治县 → 石柱, 浏阳市 → 浏阳: for school names and chart labels.</summary>
    public static string ShortName(string districtName)
    {
        var autonomous = districtName.IndexOf("土家族", StringComparison.Ordinal) is var i and > 0 ? i
            : districtName.IndexOf("苗族", StringComparison.Ordinal);
        if (autonomous > 0) return districtName[..autonomous];
        return districtName.Length > 2 ? districtName[..^1] : districtName;
    }

    /// <summary>The paths of this unit and every unit above it, root first.</summary>
    public static IReadOnlyList<string> LineageOf(string path)
    {
        var codes = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>(codes.Length);
        var prefix = "/";
        foreach (var code in codes)
        {
            prefix += code + "/";
            result.Add(prefix);
        }
        return result;
    }
}
