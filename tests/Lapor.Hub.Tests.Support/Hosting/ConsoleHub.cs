using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console;

/// <summary>
/// The real hub with one account per console role: an admin, a supervisor, and officers of two agencies
/// (Surabaya city and the Ministry of Health), created through Identity exactly as the accounts command does.
/// </summary>
public class ConsoleHub : InProcessHub
{
    public const string Password = "kata-sandi-uji-yang-panjang";
    public const string Admin = "admin.uji";
    public const string Supervisor = "pengawas.uji";
    public const string OfficerA = "petugas.surabaya";
    public const string OfficerB = "petugas.kemenkes";
    public const string AgencyA = "PEMKOT-3578";
    public const string AgencyB = "KEMENKES";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (NotStarted)
        {
            return;
        }

        await CreateAccountAsync(Admin, HubRoles.Admin);
        await CreateAccountAsync(Supervisor, HubRoles.Supervisor);
        await CreateAccountAsync(OfficerA, HubRoles.AgencyOfficer, AgencyA);
        await CreateAccountAsync(OfficerB, HubRoles.AgencyOfficer, AgencyB);
    }

    public async Task CreateAccountAsync(string userName, string role, string? agency = null, string password = Password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var created = await users.CreateAsync(
            new HubUser { UserName = userName, DisplayName = $"Uji {userName}", Role = role, AgencyCode = agency }, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }

    /// <summary>A browser-like client (cookies, antiforgery tokens) signed in as <paramref name="userName"/>.</summary>
    public async Task<ConsoleClient> SignInAsync(string userName, string password = Password)
    {
        var client = NewClient();
        var response = await client.SignInAsync(userName, password);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-in of {userName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public ConsoleClient NewClient() => new(Settings.BaseAddress);
}
