using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Lapor.Hub.Web.Accounts;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console;

/// <summary>Accounts (through the accounts command and Identity) and the secret-access audit, on SQLite and PostgreSQL.</summary>
public sealed class AccountStorageTests
{
    private const string GoodPassword = "kata-sandi-panjang-sekali";

    [Fact]
    public async Task Accounts_and_audit_work_on_sqlite()
    {
        using var directory = TestDatabases.CreateDirectory();
        await ContractAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:DataDirectory"] = directory.Path });
    }

    [SkippableFact]
    public async Task Accounts_and_audit_work_on_postgresql()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        await using var database = await TestDatabases.CreatePostgresAsync();
        await ContractAsync(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = database.ConnectionString });
    }

    private static async Task ContractAsync(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal((0, ""), await RunAsync(configuration, GoodPassword, "create", "--user", "budi", "--role", "admin", "--name", "Budi Santoso"));
        var duplicate = await RunAsync(configuration, GoodPassword, "create", "--user", "BUDI", "--role", "Admin");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already taken", duplicate.Error);
        var weak = await RunAsync(configuration, "pendek", "create", "--user", "sari", "--role", "Supervisor");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.Error);
        Assert.Equal(2, (await RunAsync(configuration, GoodPassword, "create", "--user", "andi", "--role", "AgencyOfficer", "--agency", "DINAS-KHAYALAN")).ExitCode);
        Assert.Equal(1, (await RunAsync(configuration, GoodPassword, "create", "--user", "andi", "--role", "AgencyOfficer")).ExitCode);
        Assert.Equal(0, (await RunAsync(configuration, GoodPassword, "create", "--user", "andi", "--role", "agencyofficer", "--agency", "kemenkes")).ExitCode);

        var storage = HubStorageOptions.FromConfiguration(configuration);
        await using var services = new ServiceCollection().AddLogging().AddDataProtection().Services
            .AddHubDatabase(storage).AddHubAccounts(configuration).AddSingleton(TimeProvider.System).AddSingleton<SecretAccessAudit>()
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<HubUserStore>();
            var accounts = await store.ListAsync();
            Assert.Equal(["Admin:budi:-", "AgencyOfficer:andi:KEMENKES"], accounts.Select(a => $"{a.Role}:{a.UserName}:{a.AgencyCode ?? "-"}"));
            Assert.DoesNotContain(accounts, a => a.UserName == "sari");

            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
            var budi = (await users.FindByNameAsync("Budi"))!;
            Assert.True(await users.CheckPasswordAsync(budi, GoodPassword));
            Assert.NotEqual(GoodPassword, budi.PasswordHash);
            for (var i = 0; i < AccountServices.MaxFailedSignIns; i++)
            {
                await users.AccessFailedAsync(budi);
            }

            // A stale copy of the account cannot overwrite the lockout that was just written.
            var stale = (await users.FindByNameAsync("andi"))!;
            var fresh = (await users.FindByNameAsync("andi"))!;
            fresh.DisplayName = "Andi Wijaya";
            Assert.True((await users.UpdateAsync(fresh)).Succeeded);
            stale.DisplayName = "Andi Lama";
            Assert.Equal("ConcurrencyFailure", Assert.Single((await users.UpdateAsync(stale)).Errors).Code);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync("budi"))!), "The lockout must be stored, not just remembered.");
            Assert.Equal("Andi Wijaya", (await users.FindByNameAsync("andi"))!.DisplayName);
        }

        Assert.Equal(0, (await RunAsync(configuration, "", "unlock", "--user", "budi")).ExitCode);
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
            Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("budi"))!));
        }

        var audit = services.GetRequiredService<SecretAccessAudit>();
        await audit.RecordAsync("AAAAAAAAAAA", new Viewer(ViewerKind.Admin, "budi"), "GET /admin/laporan/AAAA-AAAA-AAA");
        await audit.RecordAsync("BBBBBBBBBBB", new Viewer(ViewerKind.AgencyOfficer, "andi", "KEMENKES"), "GET /instansi/laporan/BBBB-BBBB-BBB");
        await audit.RecordAsync("AAAAAAAAAAA", Viewer.Reporter("AAAAAAAAAAA"), "POST /lacak");
        var all = await audit.ReadAsync(null, 10, 0);
        Assert.Equal(["Reporter", "AgencyOfficer", "Admin"], all.Select(a => a.ViewerKind.ToString()));
        Assert.Equal("KEMENKES", all[1].AgencyCode);
        Assert.Equal(2, (await audit.ReadAsync("AAAAAAAAAAA", 10, 0)).Count);

        // Over-long values are cut to what the log keeps rather than refused: an access is never left unrecorded.
        await audit.RecordAsync("CCCCCCCCCCC", new Viewer(ViewerKind.Admin, new string('b', 150)), "GET /" + new string('x', 300));
        var longest = Assert.Single(await audit.ReadAsync("CCCCCCCCCCC", 10, 0));
        Assert.Equal((100, SecretAccessAudit.MaxViaLength), (longest.ViewerId.Length, longest.Via.Length));
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(IConfiguration configuration, string password, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AccountCommandLine.RunAsync(["accounts", .. args], configuration, new StringReader(password + "\n"), output, error);
        return (exitCode, error.ToString());
    }
}
