using System.Net;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Console.Accounts;

/// <summary>A console hub that checks every session on every request, so a test need not wait for the minute to pass.</summary>
public sealed class SessionCheckingHub : ConsoleHub
{
    protected override Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(["--Accounts:SessionCheckInterval=00:00:00"]);
}

/// <summary>Resetting a password, locking, deleting, changing a role, and signing out end the account's existing sessions.</summary>
public sealed class SessionEndTests(SessionCheckingHub hub) : IClassFixture<SessionCheckingHub>
{
    private const string AccountsPage = "/admin/akun";
    private const string NewPassword = "sandi-pengganti-yang-panjang";

    [Fact]
    public void By_default_a_session_is_checked_against_its_account_at_least_every_minute()
    {
        using var services = new ServiceCollection().AddLogging().AddHubAccounts(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var interval = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        Assert.InRange(interval, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_password_reset_in_the_console_ends_the_sessions_on_the_pages_and_the_api()
    {
        var victim = await SignedInAdminAsync("sesi.reset");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var reset = await admin.PostFormAsync(AccountsPage, $"{AccountsPage}?handler=ResetPassword",
            new Dictionary<string, string> { ["id"] = await IdOfAsync("sesi.reset"), ["newPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await AssertSessionEndedAsync(victim);
        using var again = await hub.SignInAsync("sesi.reset", NewPassword);
    }

    [Fact]
    public async Task Locking_in_the_console_ends_the_sessions_and_refuses_sign_in()
    {
        var victim = await SignedInAdminAsync("sesi.kunci");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var locked = await admin.PostFormAsync(AccountsPage, $"{AccountsPage}?handler=Lock",
            new Dictionary<string, string> { ["id"] = await IdOfAsync("sesi.kunci") });
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        await AssertSessionEndedAsync(victim);
        using var client = hub.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SignInAsync("sesi.kunci", ConsoleHub.Password)).StatusCode);
    }

    [Theory]
    [InlineData("set-password", "--password-stdin")]
    [InlineData("lock")]
    [InlineData("delete")]
    [InlineData("set-role", "--role", "AgencyOfficer", "--agency", ConsoleHub.AgencyA)]
    public async Task An_account_changed_on_the_command_line_loses_its_sessions(string verb, params string[] options)
    {
        var userName = $"sesi.{verb}";
        var victim = await SignedInAdminAsync(userName);

        var output = new StringWriter();
        var exit = await AccountCommandLine.RunAsync(["accounts", verb, "--user", userName, .. options],
            new ConfigurationBuilder().AddCommandLine(hub.Settings.ToArgs()).Build(), new StringReader(NewPassword + "\n"), output, output);
        Assert.True(exit == AccountCommandLine.Succeeded, output.ToString());

        await AssertSessionEndedAsync(victim);
    }

    [Fact]
    public async Task A_role_change_through_identity_gives_the_account_a_new_security_stamp()
    {
        await hub.CreateAccountAsync("sesi.peran", HubRoles.AgencyOfficer, ConsoleHub.AgencyA);
        await using var scope = hub.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var user = (await users.FindByNameAsync("sesi.peran"))!;
        var before = user.SecurityStamp;
        user.AgencyCode = ConsoleHub.AgencyB;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        Assert.NotEqual(before, (await users.FindByNameAsync("sesi.peran"))!.SecurityStamp);

        var stamp = user.SecurityStamp;
        user.DisplayName = "Nama baru saja";
        Assert.True((await users.UpdateAsync(user)).Succeeded);
        Assert.Equal(stamp, (await users.FindByNameAsync("sesi.peran"))!.SecurityStamp);
    }

    [Fact]
    public async Task Signing_out_through_the_header_form_ends_the_session_and_a_copy_of_its_cookie()
    {
        using var client = await hub.SignInAsync(ConsoleHub.Supervisor);
        var copy = SessionCookie(client);

        var signedOut = await client.PostFormAsync("/admin", "/keluar", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/masuk", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetPageAsync("/admin")).Status);

        using var replay = WithCookie(copy);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetPageAsync("/admin")).Status);
    }

    /// <summary>A fresh admin signed in; a second client holds a copy of the session cookie, as a stolen cookie would be.</summary>
    private async Task<ConsoleClient> SignedInAdminAsync(string userName)
    {
        await hub.CreateAccountAsync(userName, HubRoles.Admin);
        using var client = await hub.SignInAsync(userName);
        var copy = WithCookie(SessionCookie(client));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetPageAsync("/admin")).Status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await ForwardThroughApiAsync(copy)).StatusCode);
        return copy;
    }

    private async Task AssertSessionEndedAsync(ConsoleClient victim)
    {
        using (victim)
        {
            var (status, _) = await victim.GetPageAsync("/admin");
            Assert.Equal(HttpStatusCode.Redirect, status);
            Assert.Equal(HttpStatusCode.Unauthorized, (await ForwardThroughApiAsync(victim)).StatusCode);
        }
    }

    /// <summary>An admin-only API call: refused with 401 without a valid session, anything else (here 4xx for an unknown report) with one.</summary>
    private static Task<HttpResponseMessage> ForwardThroughApiAsync(ConsoleClient client) =>
        client.Http.PostAsync($"/api/reports/{Lapor.Hub.Tracking.TrackingId.NewId()}/forward",
            new StringContent("""{"categoryCode":"LINGKUNGAN-KEHUTANAN","agencyCode":"KEMENKES"}""", System.Text.Encoding.UTF8, "application/json"));

    private string SessionCookie(ConsoleClient client) =>
        client.Cookies.GetCookies(hub.Settings.BaseAddress)[AccountServices.CookieName]?.Value
        ?? throw new Xunit.Sdk.XunitException("No session cookie");

    private ConsoleClient WithCookie(string value)
    {
        var client = hub.NewClient();
        client.Cookies.Add(hub.Settings.BaseAddress, new Cookie(AccountServices.CookieName, value));
        return client;
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>().FindByNameAsync(userName))!.Id;
    }
}
