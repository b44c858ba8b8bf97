using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Exchange;

/// <summary>What an administrator gives a new client: its unit by code; no role means the staff role of the unit's kind.</summary>
public sealed record NewApiClient(string Name, string UnitCode, ApiPermissions Permissions, int Days, Role? Role = null);

public sealed record ApiClientRow(int Id, string Name, string UnitCode, string UnitName, Role Role, ApiPermissions Permissions,
    DateTime CreatedAtUtc, string CreatedBy, DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, ApiClientStatus Status);

/// <summary>The client behind a presented token: what the authentication handler turns into a principal, or refuses.</summary>
public sealed record ApiCaller(int Id, ApiClientStatus Status, AccessScope Scope, ApiPermissions Permissions);

/// <summary>
/// API clients (service accounts): made, listed and revoked by administrators; found by the hash of the token a call
/// presents; each call recorded in the audit trail under the client's name (never its secret).
/// </summary>
public sealed class ApiClientService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<ApiClientRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        return await RowsAsync(db, db.ApiClients, ct);
    }

    /// <summary>Makes a client and returns it with its secret, which is never shown (nor kept) again.</summary>
    public async Task<(ApiClientRow Client, string Secret)> CreateAsync(AccessScope scope, NewApiClient input, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var code = input.UnitCode?.Trim();
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Code == code, ct) ?? throw new DomainException(ErrorCodes.UnknownUnitCode, code ?? "");
        var (client, secret) = ApiClient.Create(input.Name, unit.Id, unit.Kind, input.Role, input.Permissions, input.Days, scope.UserName, Now);
        if (await db.ApiClients.AnyAsync(c => c.Name == client.Name, ct)) throw new DomainException(ErrorCodes.ApiClientNameTaken, client.Name);
        db.ApiClients.Add(client);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new DomainException(ErrorCodes.ApiClientNameTaken, client.Name);
        }
        return ((await RowsAsync(db, db.ApiClients.Where(c => c.Id == client.Id), ct)).Single(), secret);
    }

    public async Task RevokeAsync(AccessScope scope, string name, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Name == name, ct) ?? throw new NotFoundException($"API client {name}");
        client.Revoke(scope.UserName, Now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The client a token belongs to (null: none), with its status at this moment; an active client's last use is noted.
    /// A revoked or expired client's call is recorded as refused.
    /// </summary>
    public async Task<ApiCaller?> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        if (!ApiSecret.LooksLikeOne(token)) return null;
        var hash = ApiSecret.HashOf(token);
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await (from c in db.ApiClients
                           join u in db.OrgUnits on c.OrgUnitId equals u.Id
                           where c.SecretHash == hash
                           select new { Client = c, u.Path }).SingleOrDefaultAsync(ct);
        if (found is null) return null;
        var (client, now) = (found.Client, Now);
        var caller = new ApiCaller(client.Id, client.StatusAt(now), client.ScopeAt(found.Path), client.Permissions);
        if (caller.Status == ApiClientStatus.Active)
        {
            // The call itself is audited (RecordCallAsync): the last-use stamp needs no entry of its own.
            db.AuditRows = false;
            if (client.MarkUsed(now)) await db.SaveChangesAsync(ct);
        }
        else await RecordAsync(caller, "ApiRefused", caller.Status.ToString(), ct);
        return caller;
    }

    /// <summary>One call of a client, as it was answered: the request line and the status code.</summary>
    public Task RecordCallAsync(ApiCaller caller, string request, int status, CancellationToken ct = default) =>
        RecordAsync(caller, "ApiRead", $"{request} → {status}", ct);

    private async Task RecordAsync(ApiCaller caller, string action, string details, CancellationToken ct)
    {
        await using var db = await factory.OpenAsync(caller.Scope, ct);
        db.Audit(new AuditEntry(Now, caller.Scope.UserName, action, nameof(ApiClient), caller.Id.ToString(), details));
        await db.SaveChangesAsync(ct);
    }

    private async Task<EduGovDbContext> OpenAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.CanManageUsers) throw new ForbiddenException("manage API clients");
        return await factory.OpenAsync(scope, ct);
    }

    private async Task<List<ApiClientRow>> RowsAsync(EduGovDbContext db, IQueryable<ApiClient> clients, CancellationToken ct)
    {
        var found = await (from c in clients.AsNoTracking()
                           join u in db.OrgUnits on c.OrgUnitId equals u.Id
                           orderby c.Name
                           select new { Client = c, u.Code, u.Name }).ToListAsync(ct);
        var now = Now;
        return found.Select(f => new ApiClientRow(f.Client.Id, f.Client.Name, f.Code, f.Name, f.Client.Role, f.Client.Permissions, f.Client.CreatedAtUtc,
            f.Client.CreatedBy, f.Client.ExpiresAtUtc, f.Client.LastUsedAtUtc, f.Client.StatusAt(now))).ToList();
    }
}
