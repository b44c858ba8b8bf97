using Microsoft.AspNetCore.Hosting;

namespace EduGov.Web.Tests.Support;

/// <summary>
/// The portal as deployed: the Production environment, without demo data (it refuses to start with it), on its own
/// SQLite file instead of appsettings.Production.json's SQL Server, reached over HTTPS.
/// </summary>
public sealed class ProductionPortalFactory : PortalFactory
{
    public ProductionPortalFactory() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override bool StartsFromTheDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("EduGov:Demo:Enabled", "false");
        builder.UseSetting("EduGov:DatabaseProvider", "Sqlite");
        // Where HTTPS listens, as a deployment says through ASPNETCORE_HTTPS_PORT (the in-memory server has no addresses to find it from).
        builder.UseSetting("https_port", "443");
    }
}
