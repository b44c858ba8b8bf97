using System.Diagnostics;
using EduGov.Infrastructure.Audit;

namespace EduGov.Web.Cli;

/// <summary>`audit verify`: checks the whole audit chain of the configured database; exits 1 naming the first broken entry.</summary>
internal static class AuditCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args is not ["audit", "verify", ..])
        {
            Console.Error.WriteLine("用法 usage: audit verify");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var check = await services.GetRequiredService<AuditTrail>().VerifyAsync();
        Console.WriteLine($"{check.Summary}（用时 {clock.Elapsed.TotalSeconds:0.0} 秒）");
        return check.Intact ? 0 : 1;
    }
}
