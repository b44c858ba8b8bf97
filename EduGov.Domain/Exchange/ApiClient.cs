using System.Security.Cryptography;
using System.Text;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Exchange;

/// <summary>The data areas an API client may read, each one group of the exchange API.</summary>
[Flags]
public enum ApiPermissions
{
    None = 0,
    OrgUnits = 1,
    Values = 2,
    Filings = 4,
    Training = 8,
    Security = 16,
    Supervision = 32,
    All = OrgUnits | Values | Filings | Training | Security | Supervision,
}

public static class ApiPermissionRules
{
    /// <summary>Each area on its own, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<ApiPermissions> Areas =
        Enum.GetValues<ApiPermissions>().Where(a => a is not (ApiPermissions.None or ApiPermissions.All)).ToArray();

    /// <summary>Whether what was granted covers one area (or several, all of them).</summary>
    public static bool Covers(this ApiPermissions granted, ApiPermissions area) => area != ApiPermissions.None && (granted & area) == area;
}

public enum ApiClientStatus { Active = 1, Expired, Revoked }

/// <summary>
/// A service account another platform (渝教云, a district's data centre, the statistics system) reads the exchange API
/// with. It reads as the staff of its unit would (<see cref="Role"/> at <see cref="OrgUnitId"/>, through the one
/// <see cref="AccessScope"/>), narrowed to its <see cref="Permissions"/>, until it expires or is revoked. Its secret is
/// shown once when made; only its SHA-256 hash is kept.
/// </summary>
public sealed class ApiClient
{
    public const int MaxName = 60;
    public const int MaxDays = 730;
    /// <summary>Who a client's reads are attributed to in the audit trail: never a person's account name.</summary>
    public const string ActorPrefix = "api:";

    private ApiClient() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int OrgUnitId { get; private set; }
    public Role Role { get; private set; }
    public ApiPermissions Permissions { get; private set; }
    /// <summary>SHA-256 of the secret, hex (<see cref="ApiSecret.HashOf"/>).</summary>
    public string SecretHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedBy { get; private set; }
    public DateTime? LastUsedAtUtc { get; private set; }

    public string Actor => ActorPrefix + Name;

    /// <summary>
    /// A new client and its secret (to show once). The role defaults to the staff role of the unit's kind (a city's
    /// commission, a district's staff, a school's principal); an inspector client reads an inspector's region.
    /// </summary>
    public static (ApiClient Client, string Secret) Create(string name, int orgUnitId, OrgUnitKind unitKind, Role? role, ApiPermissions permissions,
        int days, string by, DateTime nowUtc)
    {
        var readsAs = role ?? StaffRoleOf(unitKind);
        if (readsAs == Role.Admin) throw new DomainException(ErrorCodes.RoleUnitMismatch, readsAs);
        RoleRules.CheckUnit(readsAs, unitKind);
        if (days is < 1 or > MaxDays) throw new DomainException(ErrorCodes.ApiClientDays, MaxDays);
        if ((permissions & ApiPermissions.All) == ApiPermissions.None || (permissions & ~ApiPermissions.All) != 0)
            throw new DomainException(ErrorCodes.ApiClientPermissions);
        var secret = ApiSecret.New();
        var client = new ApiClient
        {
            Name = Guard.Required(name, MaxName, "ApiClientName"), OrgUnitId = orgUnitId, Role = readsAs, Permissions = permissions,
            SecretHash = ApiSecret.HashOf(secret), CreatedAtUtc = nowUtc, CreatedBy = by, ExpiresAtUtc = nowUtc.AddDays(days),
        };
        return (client, secret);
    }

    public static Role StaffRoleOf(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.City => Role.Commission,
        OrgUnitKind.District => Role.District,
        _ => Role.Principal,
    };

    public ApiClientStatus StatusAt(DateTime nowUtc) =>
        RevokedAtUtc is not null ? ApiClientStatus.Revoked
        : nowUtc >= ExpiresAtUtc ? ApiClientStatus.Expired
        : ApiClientStatus.Active;

    public bool Permits(ApiPermissions area) => Permissions.Covers(area);

    /// <summary>What the client reads as: the staff of its unit (by path), under its own name.</summary>
    public AccessScope ScopeAt(string unitPath) => new(Actor, Role, unitPath);

    public void Revoke(string by, DateTime nowUtc)
    {
        if (RevokedAtUtc is not null) throw new DomainException(ErrorCodes.ApiClientRevoked, Name);
        (RevokedAtUtc, RevokedBy) = (nowUtc, by);
    }

    /// <summary>
    /// Notes a call; kept to the minute, so a busy client writes its row about once a minute instead of on every call.
    /// Returns whether anything changed.
    /// </summary>
    public bool MarkUsed(DateTime nowUtc)
    {
        if (LastUsedAtUtc is { } last && nowUtc - last < TimeSpan.FromMinutes(1)) return false;
        LastUsedAtUtc = nowUtc;
        return true;
    }
}

/// <summary>
/// An API client's secret: <c>egv_</c> and 32 random bytes in base64url. It carries 256 bits of entropy, so a fast hash
/// (SHA-256) is enough to keep it: there is nothing for a slow hash to protect against guessing.
/// </summary>
public static class ApiSecret
{
    public const string Prefix = "egv_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a presented token is shaped like a secret at all, before any database lookup.</summary>
    public static bool LooksLikeOne(string? token) => token is { Length: > 40 and < 100 } && token.StartsWith(Prefix, StringComparison.Ordinal);
}
