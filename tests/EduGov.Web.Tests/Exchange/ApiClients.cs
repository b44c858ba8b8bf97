using System.Net.Http.Headers;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Exchange;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Exchange;

/// <summary>API clients made through the portal's own service, and HTTP clients that call with their token.</summary>
public static class ApiClients
{
    private static readonly AccessScope Administrator = new("admin", Role.Admin, null);

    /// <summary>A new API client of a unit (its own name each time) and an HTTP client sending its token.</summary>
    public static async Task<(string Name, HttpClient Http)> CreateAsync(this PortalFactory portal, string unitCode,
        ApiPermissions permissions = ApiPermissions.All, Role? role = null)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await using var scope = portal.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiClientService>()
            .CreateAsync(Administrator, new NewApiClient(name, unitCode, permissions, 30, role));
        return (name, portal.WithToken(secret));
    }

    public static HttpClient WithToken(this PortalFactory portal, string token)
    {
        var http = portal.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task RevokeAsync(this PortalFactory portal, string name)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiClientService>().RevokeAsync(Administrator, name);
    }

    /// <summary>The codes of a unit and every unit under it.</summary>
    public static async Task<HashSet<string>> CodesUnderAsync(this PortalFactory portal, string unitCode)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var path = await db.OrgUnits.Where(u => u.Code == unitCode).Select(u => u.Path).SingleAsync();
        return (await db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Code).ToListAsync()).ToHashSet();
    }
}
