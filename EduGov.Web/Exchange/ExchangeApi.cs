using System.Security.Claims;
using System.Threading.RateLimiting;
using EduGov.Domain.Exchange;
using EduGov.Infrastructure;
using EduGov.Infrastructure.Exchange;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace EduGov.Web.Exchange;

/// <summary>
/// How API clients reach the portal: on /api a bearer token selects the API client scheme and anything else the sign-in
/// cookie (so browsers and scripts keep working as before); a client may read only the exchange endpoints of the areas it
/// was given, at most <see cref="ApiOptions.RequestsPerMinute"/> calls a minute, and each of its calls is audited.
/// </summary>
public static class ExchangeApi
{
    public const string Scheme = "ApiClient";
    /// <summary>The default scheme: forwards to the bearer scheme or the cookie, per request.</summary>
    public const string CookieOrBearer = "CookieOrBearer";
    public const string ClientClaim = "edugov:api_client";
    public const string PermissionsClaim = "edugov:api_permissions";

    public static string Policy(ApiPermissions area) => $"exchange:{area}";

    public static bool IsApiClient(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClientClaim);

    /// <summary>Whether the user may read an area: any signed-in person (their scope limits the rows), a client only with the permission.</summary>
    public static bool MayRead(this ClaimsPrincipal user, ApiPermissions area) =>
        user.Identity?.IsAuthenticated == true
        && (!user.IsApiClient() || int.TryParse(user.FindFirstValue(PermissionsClaim), out var granted) && ((ApiPermissions)granted).Covers(area));

    public static AuthenticationBuilder AddExchangeApi(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        authentication
            .AddPolicyScheme(CookieOrBearer, null, policy => policy.ForwardDefaultSelector = http =>
                http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? Scheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiClientAuthenticationHandler>(Scheme, null);

        builder.Services.AddAuthorizationBuilder()
            // Everything that asks only for a signed-in user is for people: a client reads the exchange endpoints alone.
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => !c.User.IsApiClient()).Build());
        builder.Services.AddAuthorization(options =>
        {
            foreach (var area in ApiPermissionRules.Areas)
                options.AddPolicy(Policy(area), policy => policy.RequireAssertion(c => c.User.MayRead(area)));
        });

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, int>(http =>
                http.Items[typeof(ApiCaller)] is ApiCaller { Status: ApiClientStatus.Active } caller
                    ? RateLimitPartition.GetFixedWindowLimiter(caller.Id, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = http.RequestServices.GetRequiredService<IOptions<EduGovOptions>>().Value.Api.RequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(0));
            limiter.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    title: $"请求过于频繁，请 {seconds} 秒后再试 Too many requests: try again in {seconds} s.").ExecuteAsync(context.HttpContext);
            };
        });

        builder.Services.AddOpenApi("v1", openApi =>
        {
            openApi.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/exchange", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "EduGov exchange API",
                    Version = "v1",
                    Description = "Read-only, paged (page, pageSize; ordered by id), incremental (updatedSince) data for other platforms (一数一源). "
                                  + "Call with Authorization: Bearer <API client secret>.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["Bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer",
                        Description = "An API client's secret (egv_…), shown once when an administrator creates the client.",
                    },
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return authentication;
    }

    /// <summary>After authentication: audit each call of a client as it was answered, then limit its rate.</summary>
    public static void UseExchangeApi(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            await next();
            // A refused call (429) is not a read; recording each one would let a runaway client flood the trail.
            if (http.Items[typeof(ApiCaller)] is ApiCaller { Status: ApiClientStatus.Active } caller && http.Response.StatusCode != StatusCodes.Status429TooManyRequests)
                await http.RequestServices.GetRequiredService<ApiClientService>()
                    .RecordCallAsync(caller, $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}", http.Response.StatusCode, CancellationToken.None);
        });
        app.UseRateLimiter();
    }

    /// <summary>The document at /openapi/v1.json (a description only: no data, so no sign-in).</summary>
    public static void MapExchangeDocument(this WebApplication app) => app.MapOpenApi().AllowAnonymous();
}
