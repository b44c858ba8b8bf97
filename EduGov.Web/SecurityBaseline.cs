namespace EduGov.Web;

/// <summary>
/// The response headers and the transport of the security baseline (DESIGN.md; 等保 2.0 level 3, OWASP ASVS 5.0 L2):
/// the same headers on every answer — page, API, download, static file, redirect, 404, 401/403, error — no Server banner,
/// and in Production HTTPS only, with HSTS and Secure on every cookie. Development keeps plain HTTP for dotnet run and the tests.
/// </summary>
public static class SecurityBaseline
{
    /// <summary>What Blazor Server and MudBlazor need and nothing more.</summary>
    public static readonly string ContentSecurityPolicy = string.Join("; ",
        "default-src 'self'",
        // blazor.web.js and MudBlazor.min.js, both served from here. No inline script: App.razor has no import map (see there).
        "script-src 'self'",
        // MudBlazor sets style attributes on nearly every component and writes <style> elements (its theme, the charts'
        // hover rule), Blazor's reconnect dialog adds one, and the document preview carries the report's stylesheet: both
        // kinds of inline style are needed, so style-src-attr and style-src-elem could be no stricter than this.
        "style-src 'self' 'unsafe-inline'",
        // The two-factor set-up page shows its QR code as a data: PNG.
        "img-src 'self' data:",
        "font-src 'self' data:",
        // Blazor's WebSocket goes back to this origin, which 'self' covers for ws: and wss: too.
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public static void AddSecurityBaseline(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (builder.Environment.IsDevelopment()) return;
        // ASVS 3.4.1: at least a year, and (level 2) every subdomain. ASP.NET never sends it for localhost.
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        // One rule for every cookie, whoever writes it: sign-in, anti-forgery, culture, and any added later.
        builder.Services.Configure<CookiePolicyOptions>(cookies => cookies.Secure = CookieSecurePolicy.Always);
    }

    /// <summary>First in the pipeline, so that every answer, including the error and status-code pages, passes through it.</summary>
    public static void UseSecurityBaseline(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            // Set as the answer starts rather than now: the exception handler clears the headers before it writes,
            // and the framework appends its own "frame-ancestors 'self'" policy to pages, which this replaces.
            http.Response.OnStarting(SetHeaders, http.Response);
            return next(http);
        });
        if (app.Environment.IsDevelopment()) return;
        app.UseHsts();
        // Needs the HTTPS port: found from Kestrel's addresses, or given as ASPNETCORE_HTTPS_PORT behind a proxy.
        app.UseHttpsRedirection();
        app.UseCookiePolicy();
    }

    private static Task SetHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), accelerometer=(), gyroscope=(), magnetometer=()";
        // frame-ancestors 'none' for browsers that predate it; replaces the SAMEORIGIN the anti-forgery service writes.
        headers.XFrameOptions = "DENY";
        return Task.CompletedTask;
    }
}
