using EduGov.Domain.Common;
using EduGov.Domain.Exchange;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Exchange;
using Microsoft.Extensions.Localization;

namespace EduGov.Web.Cli;

/// <summary>
/// `client create|list|revoke`: API clients for scripts, through the same service as the admin page, as the operator
/// (`cli:&lt;user&gt;`). `create` prints the secret once. Exit 0 when done, 2 for wrong arguments or a refused client.
/// </summary>
internal static class ClientCommand
{
    private const string Usage = """
        用法 usage:
          client create --name <名称> --unit <单位代码> --days <有效天数> [--permissions OrgUnits,Values,Filings,Training,Security,Supervision] [--role Inspector]
          client list
          client revoke --name <名称>
        不写 --permissions 即可读取全部数据类别 (All)；不写 --role 即按单位的工作人员角色读取。
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var verb = args.ElementAtOrDefault(1);
        var options = new Dictionary<string, string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) return Fail(errors, $"参数有误 bad argument: {args[i]}");
            if (args[i].IndexOf('=') is > 2 and var equals) options[args[i][2..equals]] = args[i][(equals + 1)..];
            else if (i + 1 < args.Length) options[args[i][2..]] = args[++i];
            else return Fail(errors, $"参数有误 bad argument: {args[i]}");
        }
        string[] allowed = verb switch
        {
            "create" => ["name", "unit", "days", "permissions", "role"],
            "list" => [],
            "revoke" => ["name"],
            _ => [],
        };
        if (verb is not ("create" or "list" or "revoke")) return Fail(errors, $"未知命令 unknown command: {verb ?? "(none)"}");
        // Keys with a colon are configuration (--ConnectionStrings:EduGov …), already read by the host.
        if (options.Keys.Except(allowed).FirstOrDefault(k => !k.Contains(':')) is { } unknown) return Fail(errors, $"未知参数 unknown option: --{unknown}");

        await using var scope = services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ApiClientService>();
        var L = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var operatorScope = new AccessScope($"cli:{Environment.UserName}", Role.Admin, null);
        try
        {
            switch (verb)
            {
                case "create":
                    if (!options.TryGetValue("name", out var name)) return Fail(errors, "缺少 --name");
                    if (!options.TryGetValue("unit", out var unit)) return Fail(errors, "缺少 --unit");
                    if (!options.TryGetValue("days", out var daysText) || !int.TryParse(daysText, out var days)) return Fail(errors, "--days 须为天数 must be a number of days");
                    var permissions = ApiPermissions.All;
                    if (options.TryGetValue("permissions", out var permissionText) && !Enum.TryParse(permissionText, ignoreCase: true, out permissions))
                        return Fail(errors, $"未知的数据类别 unknown permission: {permissionText}");
                    Role? role = null;
                    if (options.TryGetValue("role", out var roleText))
                        role = Enum.TryParse<Role>(roleText, ignoreCase: true, out var parsed) ? parsed : null;
                    if (options.ContainsKey("role") && role is null) return Fail(errors, $"未知角色 unknown role: {options["role"]}");
                    var (client, secret) = await clients.CreateAsync(operatorScope, new NewApiClient(name, unit, permissions, days, role));
                    output.WriteLine($"已创建 API 客户端 created: {client.Name}（{client.UnitName} {client.UnitCode}，{client.Role}，{client.Permissions}，有效期至 expires {client.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC）");
                    output.WriteLine("密钥只显示这一次，请妥善保存 The secret is shown only this once:");
                    output.WriteLine(secret);
                    return 0;
                case "list":
                    foreach (var c in await clients.ListAsync(operatorScope))
                        output.WriteLine(string.Join('\t', c.Name, c.UnitCode, c.UnitName, c.Role, c.Permissions, $"{c.ExpiresAtUtc:yyyy-MM-dd}",
                            c.LastUsedAtUtc is { } used ? $"{used:yyyy-MM-dd HH:mm}" : "-", c.Status));
                    return 0;
                default:
                    if (!options.TryGetValue("name", out var revoked)) return Fail(errors, "缺少 --name");
                    await clients.RevokeAsync(operatorScope, revoked);
                    output.WriteLine($"已吊销 revoked: {revoked}");
                    return 0;
            }
        }
        catch (DomainException e)
        {
            return Fail(errors, L.Error(e), usage: false);
        }
        catch (NotFoundException)
        {
            return Fail(errors, $"找不到 API 客户端 unknown client: {options.GetValueOrDefault("name")}", usage: false);
        }
    }

    private static int Fail(TextWriter errors, string message, bool usage = true)
    {
        errors.WriteLine(message);
        if (usage) errors.WriteLine(Usage);
        return 2;
    }
}
