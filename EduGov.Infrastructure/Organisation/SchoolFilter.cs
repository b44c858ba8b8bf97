using EduGov.Domain.Organisation;

namespace EduGov.Infrastructure.Organisation;

/// <summary>Which schools a dashboard counts and compares: by type, urban or rural, and size, so like is compared with like.</summary>
public sealed record SchoolFilter(SchoolType? SchoolType = null, bool? IsRural = null, SizeBand? Size = null)
{
    public bool IsEmpty => SchoolType is null && IsRural is null && Size is null;
}

public static class SchoolFilters
{
    public static IQueryable<OrgUnit> Matching(this IQueryable<OrgUnit> schools, SchoolFilter filter)
    {
        if (filter.SchoolType is { } type) schools = schools.Where(s => s.School!.Type == type);
        if (filter.IsRural is { } rural) schools = schools.Where(s => s.School!.IsRural == rural);
        if (filter.Size is { } size)
        {
            var (min, max) = SchoolSize.Range(size);
            schools = schools.Where(s => s.School!.Students >= min && (max == null || s.School.Students < max));
        }
        return schools;
    }
}
