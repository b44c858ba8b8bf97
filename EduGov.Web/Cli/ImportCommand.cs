using System.Globalization;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Training;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Cli;

/// <summary>
/// `import training|teachers|filing --file F --user NAME [--period P] [--submit]`: a bulk file no one uploads through a
/// browser, imported through the same service as the page, in the scope the named account has when it signs in (its
/// role and unit), with the page's messages: the counts, or every refused row with its reason. Exit 0 when imported,
/// 2 when refused (nothing written) or when the arguments are wrong.
/// </summary>
internal static class ImportCommand
{
    private const string Usage = """
        用法 usage:
          import training --file <文件> --user <用户名>
          import teachers --file <文件> --user <用户名>
          import filing   --file <文件> --user <区县教委用户名> --period <填报周期名称或编号> [--submit]
        文件可为 .xlsx、.xls、.csv 或 .txt（UTF-8、GBK 或 UTF-16）。
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var kind = args.ElementAtOrDefault(1);
        var options = new Dictionary<string, string>();
        // "--key value" or "--key=value", as the host's own command-line configuration takes them; --submit stands alone.
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail(errors, $"参数有误 bad argument: {args[i]}");
            if (args[i].IndexOf('=') is > 2 and var equals) options[args[i][2..equals]] = args[i][(equals + 1)..];
            else if (args[i] == "--submit") options["submit"] = "true";
            else if (i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else return Fail(errors, $"参数有误 bad argument: {args[i]}");
        }
        if (kind is not ("training" or "teachers" or "filing")) return Fail(errors, $"未知的导入类型 unknown kind: {kind ?? "(none)"}");
        string[] allowed = kind == "filing" ? ["file", "user", "period", "submit"] : ["file", "user"];
        // Keys with a colon are configuration (--ConnectionStrings:EduGov …), already read by the host.
        if (options.Keys.Except(allowed).FirstOrDefault(k => !k.Contains(':')) is { } unknown) return Fail(errors, $"未知参数 unknown option: --{unknown}");
        if (!options.TryGetValue("file", out var fileName)) return Fail(errors, "缺少 --file");
        if (!options.TryGetValue("user", out var userName)) return Fail(errors, "缺少 --user");
        if (kind == "filing" && !options.ContainsKey("period")) return Fail(errors, "缺少 --period");
        // `dotnet run` starts the portal in its project folder; a relative path is the operator's, from the shell's folder.
        var path = Path.GetFullPath(fileName, Environment.GetEnvironmentVariable("PWD") ?? Directory.GetCurrentDirectory());
        if (!File.Exists(path)) return Fail(errors, $"找不到文件 file not found: {path}");

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null) return Fail(errors, $"找不到用户 unknown user: {userName}");
        if (await users.IsLockedOutAsync(user)) return Fail(errors, $"用户已锁定 account locked: {userName}", usage: false);
        await using var db = await provider.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        // The scope the account's sign-in cookie would carry (AppClaimsPrincipalFactory): its role and its unit's path.
        var unit = user.OrgUnitId is { } unitId ? await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == unitId) : null;
        var access = new AccessScope(user.UserName!, user.Role, unit?.Path);

        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Cultures.Default);
        var L = provider.GetRequiredService<IStringLocalizer<SharedResource>>();
        try
        {
            await using var file = File.OpenRead(path);
            ImportOutcome outcome;
            switch (kind)
            {
                case "training":
                    outcome = await provider.GetRequiredService<TrainingImport>().ImportAsync(access, file);
                    break;
                case "teachers":
                    outcome = await provider.GetRequiredService<TeacherImport>().ImportAsync(access, file);
                    break;
                default:
                    if (user.Role != Role.District || unit is null) return Fail(errors, $"--user 须为区县教委用户 must be a district user: {userName}");
                    var period = options["period"];
                    var periodId = int.TryParse(period, out var id) ? id : (int?)null;
                    var periods = await db.ReportingPeriods.AsNoTracking().Where(p => p.CityId == unit.ParentId && (p.Id == periodId || p.Name == period))
                        .Select(p => p.Id).ToListAsync();
                    if (periods.Count != 1) return Fail(errors, $"找不到填报周期 unknown period: {period}");
                    outcome = await provider.GetRequiredService<FilingImport>().ImportAsync(access, periods[0], unit.Id, file, options.ContainsKey("submit"));
                    break;
            }
            output.WriteLine($"{path}（{user.UserName}，{unit?.Name ?? "—"}）");
            if (outcome.Skipped > 0) output.WriteLine(L["Import.SkippedSamples", outcome.Skipped]);
            if (outcome.Succeeded)
            {
                output.WriteLine(L["Cli.ImportDone", outcome.Rows.ToString("N0"), outcome.Added.ToString("N0"), outcome.Updated.ToString("N0"),
                    outcome.Unchanged.ToString("N0"), outcome.Elapsed.TotalSeconds.ToString("0.0")]);
                if (outcome.Submitted > 0) output.WriteLine(L["Cli.ImportSubmitted", outcome.Submitted]);
                return 0;
            }
            output.WriteLine(L["Cli.ImportRefused", outcome.ErrorCount.ToString("N0")]);
            foreach (var error in outcome.Errors)
                output.WriteLine($"{(error.Row == 0 ? "—" : error.Row.ToString(CultureInfo.InvariantCulture))}\t{error.Key}\t{L.Error(new DomainException(error.Code, error.Args))}");
            if (outcome.ErrorCount > outcome.Errors.Count) output.WriteLine(L["Cli.ImportMoreErrors", outcome.Errors.Count.ToString("N0")]);
            return 2;
        }
        catch (DomainException e) // the whole file refused (not a table, unpacks too large) or the period closed: nothing written
        {
            return Fail(errors, L.Error(e), usage: false);
        }
        catch (ForbiddenException)
        {
            return Fail(errors, $"{L["Error.Forbidden"]}（{user.UserName}）", usage: false);
        }
        catch (NotFoundException)
        {
            return Fail(errors, L["Error.NotFoundPage"], usage: false);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static int Fail(TextWriter errors, string message, bool usage = true)
    {
        errors.WriteLine(message);
        if (usage) errors.WriteLine(Usage);
        return 2;
    }
}
