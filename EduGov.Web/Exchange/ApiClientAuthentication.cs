using System.Security.Claims;
using System.Text.Encodings.Web;
using EduGov.Domain.Exchange;
using EduGov.Infrastructure.Exchange;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EduGov.Web.Exchange;

/// <summary>
/// <c>Authorization: Bearer egv_…</c> on /api: the token's API client becomes the principal, with its unit's path and its
/// role as claims, so <see cref="ScopeClaims.ToScope"/> gives the scope of its unit's staff. A revoked or expired client,
/// or a token no client has, answers 401 with a problem saying which.
/// </summary>
public sealed class ApiClientAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiClientService clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var caller = await clients.AuthenticateAsync(header[Bearer.Length..].Trim(), Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail("No API client has this token.");
        Context.Items[typeof(ApiCaller)] = caller;
        if (caller.Status != ApiClientStatus.Active) return AuthenticateResult.Fail($"The API client is {caller.Status}.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, caller.Scope.UserName),
            new Claim(ClaimTypes.Role, caller.Scope.Role.ToString()),
            new Claim(ScopeClaims.OrgPath, caller.Scope.OrgPath!),
            new Claim(ExchangeApi.ClientClaim, caller.Id.ToString()),
            new Claim(ExchangeApi.PermissionsClaim, ((int)caller.Permissions).ToString()),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var status = (Context.Items[typeof(ApiCaller)] as ApiCaller)?.Status;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: status switch
        {
            ApiClientStatus.Revoked => "API 客户端已被吊销 The API client has been revoked.",
            ApiClientStatus.Expired => "API 客户端已过期 The API client has expired.",
            _ => "令牌无效 The bearer token is not an API client's.",
        }, type: "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
            title: "该 API 客户端无权读取此数据 The API client has no permission to read this.").ExecuteAsync(Context);
}
