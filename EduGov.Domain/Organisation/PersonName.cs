namespace EduGov.Domain.Organisation;

/// <summary>
/// How the portal names a person in histories, comments and records: by display name and unit ("市级督学（重庆市）"),
/// never by login name alone. A display name that already says its unit ("渝中区教委") is not repeated; an account that
/// no longer exists (or a system step) keeps the name it was recorded under.
/// </summary>
public static class PersonName
{
    public static string Of(string userName, string? displayName, string? unitName)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        if (string.IsNullOrWhiteSpace(unitName) || name.Contains(unitName, StringComparison.Ordinal)) return name;
        return $"{name}（{unitName}）";
    }
}
