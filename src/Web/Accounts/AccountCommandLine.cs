using Lapor.Hub.Agencies;
using Lapor.Hub.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Web.Accounts;

/// <summary>
/// The hub's <c>accounts</c> subcommands. The first admin is made here, on the server, so no password is ever built
/// into the code. Passwords are typed at a hidden prompt, or piped with <c>--password-stdin</c>.
/// </summary>
public static class AccountCommandLine
{
    public const string Command = "accounts";
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    private const string Usage = """
        Usage:
          accounts create --user NAME --role Admin|Supervisor|AgencyOfficer [--agency CODE] [--name "Display name"] [--password-stdin]
          accounts set-password --user NAME [--password-stdin]
          accounts set-role --user NAME --role Admin|Supervisor|AgencyOfficer [--agency CODE]
          accounts lock --user NAME
          accounts unlock --user NAME
          accounts delete --user NAME
          accounts list
        Setting a password or a role, locking and deleting end the account's sessions within a minute.
        Passwords have at least 12 characters. Storage settings are the hub's own (--Storage:Provider=…, --Storage:DataDirectory=…).
        """;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextReader input, TextWriter output, TextWriter error)
    {
        var words = args.SkipWhile(word => word == Command).ToArray();
        var options = Options(words);
        var verb = words.FirstOrDefault();
        if (verb is not ("create" or "set-password" or "set-role" or "lock" or "unlock" or "delete" or "list") || (verb != "list" && !options.ContainsKey("user")))
        {
            await error.WriteLineAsync(Usage);
            return Misused;
        }

        var storage = HubStorageOptions.FromConfiguration(configuration);
        storage.Validate();
        await HubSchema.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        await using var services = Services(storage, configuration);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        return verb switch
        {
            "create" => await CreateAsync(users, options, configuration, input, output, error),
            "set-password" => await SetPasswordAsync(users, options, input, output, error),
            "set-role" => await SetRoleAsync(users, options, configuration, output, error),
            "lock" => await LockAsync(users, options["user"]!, output, error),
            "unlock" => await UnlockAsync(users, options["user"]!, output, error),
            "delete" => await DeleteAsync(users, options["user"]!, output, error),
            _ => await ListAsync(scope.ServiceProvider.GetRequiredService<HubUserStore>(), output),
        };
    }

    private static async Task<int> CreateAsync(UserManager<HubUser> users, IReadOnlyDictionary<string, string?> options,
        IConfiguration configuration, TextReader input, TextWriter output, TextWriter error)
    {
        if (await RoleAndAgencyAsync(options, configuration, error) is not (string role, var agency))
        {
            return Misused;
        }

        var user = new HubUser
        {
            UserName = options["user"]!.Trim(),
            DisplayName = options.GetValueOrDefault("name") ?? options["user"]!.Trim(),
            Role = role,
            AgencyCode = agency,
        };
        var password = await ReadPasswordAsync(options, input, output);
        if (password is null)
        {
            await error.WriteLineAsync("The two passwords differ; nothing was created.");
            return Failed;
        }

        var created = await users.CreateAsync(user, password);
        return await ReportAsync(created, $"Created {role} '{user.UserName}'{(agency is null ? "" : $" for {agency}")}.", output, error);
    }

    private static async Task<int> SetPasswordAsync(UserManager<HubUser> users, IReadOnlyDictionary<string, string?> options,
        TextReader input, TextWriter output, TextWriter error)
    {
        var user = await users.FindByNameAsync(options["user"]!);
        if (user is null)
        {
            await error.WriteLineAsync($"No account '{options["user"]}'.");
            return Failed;
        }

        var password = await ReadPasswordAsync(options, input, output);
        if (password is null)
        {
            await error.WriteLineAsync("The two passwords differ; nothing was changed.");
            return Failed;
        }

        var token = await users.RemovePasswordAsync(user);
        var changed = token.Succeeded ? await users.AddPasswordAsync(user, password) : token;
        return await ReportAsync(changed, $"Password of '{user.UserName}' changed; its other sessions end.", output, error);
    }

    private static async Task<int> SetRoleAsync(UserManager<HubUser> users, IReadOnlyDictionary<string, string?> options,
        IConfiguration configuration, TextWriter output, TextWriter error)
    {
        if (await RoleAndAgencyAsync(options, configuration, error) is not (string role, var agency))
        {
            return Misused;
        }

        if (await users.FindByNameAsync(options["user"]!) is not { } user)
        {
            await error.WriteLineAsync($"No account '{options["user"]}'.");
            return Failed;
        }

        user.Role = role;
        user.AgencyCode = agency;
        var changed = await users.UpdateAsync(user);
        return await ReportAsync(changed, $"'{user.UserName}' is now {role}{(agency is null ? "" : $" for {agency}")}; its other sessions end.", output, error);
    }

    /// <summary>The --role and --agency options, checked; null (after saying why) when either is wrong.</summary>
    private static async Task<(string Role, string? Agency)?> RoleAndAgencyAsync(
        IReadOnlyDictionary<string, string?> options, IConfiguration configuration, TextWriter error)
    {
        var role = HubRoles.Parse(options.GetValueOrDefault("role"));
        if (role is null)
        {
            await error.WriteLineAsync($"--role must be one of {string.Join(", ", HubRoles.All)}.");
            return null;
        }

        var agency = options.GetValueOrDefault("agency")?.Trim().ToUpperInvariant();
        if (agency is not null && !KnownAgencies(configuration).Contains(agency))
        {
            await error.WriteLineAsync($"Unknown agency '{agency}'. Known codes: {string.Join(", ", KnownAgencies(configuration))}.");
            return null;
        }

        return (role, agency);
    }

    private static async Task<int> LockAsync(UserManager<HubUser> users, string userName, TextWriter output, TextWriter error)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            await error.WriteLineAsync($"No account '{userName}'.");
            return Failed;
        }

        var locked = await users.SetLockoutEndDateAsync(user, HubUser.LockedUntilUnlocked);
        return await ReportAsync(locked, $"'{user.UserName}' locked until unlocked; its sessions end.", output, error);
    }

    private static async Task<int> DeleteAsync(UserManager<HubUser> users, string userName, TextWriter output, TextWriter error)
    {
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            await error.WriteLineAsync($"No account '{userName}'.");
            return Failed;
        }

        var deleted = await users.DeleteAsync(user);
        return await ReportAsync(deleted, $"'{user.UserName}' deleted; its sessions end.", output, error);
    }

    private static async Task<int> UnlockAsync(UserManager<HubUser> users, string userName, TextWriter output, TextWriter error)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            await error.WriteLineAsync($"No account '{userName}'.");
            return Failed;
        }

        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        if (unlocked.Succeeded)
        {
            unlocked = await users.ResetAccessFailedCountAsync(user);
        }

        return await ReportAsync(unlocked, $"'{user.UserName}' unlocked.", output, error);
    }

    private static async Task<int> ListAsync(HubUserStore store, TextWriter output)
    {
        foreach (var user in await store.ListAsync())
        {
            var locked = user.LockoutEnd > DateTimeOffset.UtcNow ? $"  locked until {user.LockoutEnd:u}" : "";
            await output.WriteLineAsync($"{user.UserName,-24} {user.Role,-14} {user.AgencyCode ?? "-",-10} {user.DisplayName}{locked}");
        }

        return Succeeded;
    }

    private static async Task<int> ReportAsync(IdentityResult result, string success, TextWriter output, TextWriter error)
    {
        if (result.Succeeded)
        {
            await output.WriteLineAsync(success);
            return Succeeded;
        }

        foreach (var problem in result.Errors)
        {
            await error.WriteLineAsync(problem.Description);
        }

        return Failed;
    }

    /// <summary>Piped: the first line. At a terminal: typed twice without echo.</summary>
    private static async Task<string?> ReadPasswordAsync(IReadOnlyDictionary<string, string?> options, TextReader input, TextWriter output)
    {
        if (options.ContainsKey("password-stdin") || !ReferenceEquals(input, Console.In) || Console.IsInputRedirected)
        {
            return (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
        }

        var first = Prompt("Password: ", output);
        var second = Prompt("Password again: ", output);
        return first == second ? first : null;
    }

    private static string Prompt(string label, TextWriter output)
    {
        output.Write(label);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            {
                typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        output.WriteLine();
        return typed.ToString();
    }

    private static IReadOnlyList<string> KnownAgencies(IConfiguration configuration) =>
        AgencyCatalog.LoadFile(configuration["Agencies:SeedPath"] ?? AgencyCatalog.DefaultDataPath).Select(a => a.Code).ToArray();

    /// <summary>"--key value", "--key=value" and bare "--flag" options after the verb.</summary>
    private static Dictionary<string, string?> Options(string[] words)
    {
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < words.Length; i++)
        {
            if (!words[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var name = words[i][2..];
            if (name.Split('=', 2) is [var key, var value])
            {
                options[key] = value;
            }
            else if (i + 1 < words.Length && !words[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = words[++i];
            }
            else
            {
                options[name] = null;
            }
        }

        return options;
    }

    private static ServiceProvider Services(HubStorageOptions storage, IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddDataProtection();
        services.AddHubDatabase(storage);
        services.AddHubAccounts(configuration);
        return services.BuildServiceProvider();
    }
}
