using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Supervision;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Web.Cli;

/// <summary>
/// `report whitepaper|supervision …`: makes a document from the configured database without starting the web server,
/// archives it like any other, and writes a copy where the operator asked.
/// </summary>
internal static class ReportCommand
{
    private const string Usage = """
        用法 usage:
          report whitepaper  --city <市 名称或代码> --year <年份> --out <文件.pdf> [--number <文号>]
          report supervision --district <区县或学校 名称或代码> --period <年份> --out <文件.pdf>
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var kind = args.ElementAtOrDefault(1);
        var options = new Dictionary<string, string>();
        // "--key value" or "--key=value", as the host's own command-line configuration takes them.
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail($"参数有误 bad argument: {args[i]}");
            if (args[i].IndexOf('=') is > 2 and var equals) options[args[i][2..equals]] = args[i][(equals + 1)..];
            else if (i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else return Fail($"参数有误 bad argument: {args[i]}");
        }
        var (unitOption, yearOption, unitKinds) = kind switch
        {
            "whitepaper" => ("city", "year", new[] { OrgUnitKind.City }),
            "supervision" => ("district", "period", new[] { OrgUnitKind.District, OrgUnitKind.School }),
            _ => ("", "", []),
        };
        if (unitKinds.Length == 0) return Fail($"未知的报告类型 unknown report: {kind ?? "(none)"}");
        if (!options.TryGetValue(unitOption, out var unitName)) return Fail($"缺少 --{unitOption}");
        if (!options.TryGetValue(yearOption, out var yearText) || !int.TryParse(yearText, out var year) || year is < 2000 or > 2100)
            return Fail($"--{yearOption} 须为 2000 至 2100 的年份 must be a year");
        if (!options.TryGetValue("out", out var output)) return Fail("缺少 --out");
        // Keys with a colon are configuration (--ConnectionStrings:EduGov …), already read by the host.
        var unknown = options.Keys.Except([unitOption, yearOption, "out", .. kind == "whitepaper" ? new[] { "number" } : []]).Where(k => !k.Contains(':')).ToList();
        if (unknown.Count > 0) return Fail($"未知参数 unknown option: --{unknown[0]}");

        await using var scope = services.CreateAsyncScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var units = await db.OrgUnits.Where(u => (u.Code == unitName || u.Name == unitName) && unitKinds.Contains(u.Kind))
            .Select(u => new { u.Id, u.Code, u.Name, u.Path }).ToListAsync();
        if (units.Count == 0) return Fail($"找不到 not found: {unitName}");
        if (units.Count > 1) return Fail($"“{unitName}”不唯一，请用代码 ambiguous, use a code: {string.Join("、", units.Select(u => $"{u.Name} {u.Code}"))}");

        var generator = scope.ServiceProvider.GetRequiredService<IDocumentGenerator>();
        var operatorScope = new AccessScope("cli", Role.Admin, null);
        var createdBy = $"cli:{Environment.UserName}";
        try
        {
            var document = kind == "whitepaper"
                ? await generator.WhitePaperAsync(operatorScope, units[0].Id, year, createdBy, options.GetValueOrDefault("number"))
                : await generator.SupervisionReportAsync(operatorScope, units[0].Id, year, createdBy);
            var (_, content) = await scope.ServiceProvider.GetRequiredService<DocumentArchive>().OpenAsync(operatorScope, document.Id);
            // `dotnet run` starts the portal in its project folder; a relative path is the operator's, from the shell's folder.
            var path = Path.GetFullPath(output, Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory());
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using (content)
            await using (var file = File.Create(path))
                await content.CopyToAsync(file);
            Console.WriteLine($"{document.Title}（第 {document.Version} 版，{document.Size / 1024.0:0.#} KB，SHA-256 {document.Sha256}）");
            Console.WriteLine($"已写入 written to: {path}");
            return 0;
        }
        catch (BrowserUnavailableException e)
        {
            return Fail(e.Message, usage: false);
        }
    }

    private static int Fail(string message, bool usage = true)
    {
        Console.Error.WriteLine(message);
        if (usage) Console.Error.WriteLine(Usage);
        return 2;
    }
}
