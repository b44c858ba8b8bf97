using EduGov.Infrastructure;
using EduGov.Infrastructure.Seeding;
using EduGov.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Support;

/// <summary>The demo database the portal seeds at its first start, copied from one seeded once per test run.</summary>
public static class DemoDatabase
{
    /// <summary>
    /// The audit chain's key of every test portal and its template: the seeded entries are sealed with it, and a portal
    /// with a key of its own would find its copied chain altered.
    /// </summary>
    public static readonly string ChainKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("edugov-tests"u8));

    /// <param name="settings">What a test's portal adds to the defaults; a different set gets a template of its own.</param>
    public static void CopyTo(string path, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        SeededTemplates.CopyAsync(SeededTemplates.Kind(demo: true, settings), template => SeedAsync(Configuration(template, settings)), path)
            .GetAwaiter().GetResult();

    public static IConfiguration Configuration(string path, IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduGov"] = $"Data Source={path};Pooling=False",
            ["EduGov:Demo:Enabled"] = "true",
            // The demo's evidence files beside the database, deleted with it.
            ["EduGov:FilesPath"] = path + "-files",
            ["EduGov:Jobs:SchedulerName"] = $"seed-{Guid.NewGuid():N}",
            ["EduGov:Audit:ChainKey"] = ChainKey,
        }).AddInMemoryCollection(settings ?? []).Build();

    /// <summary>Seeds through a provider of its own, as the portal's start-up does.</summary>
    public static async Task SeedAsync(IConfiguration configuration)
    {
        await using var services = new ServiceCollection().AddLogging().AddDataProtection().Services
            .AddInfrastructure(configuration).BuildServiceProvider();
        await services.GetRequiredService<DataSeeder>().InitializeAsync();
    }
}
