using System.Net;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Accounts;

/// <summary>Identity's own password hasher, counting how often a typed password is checked.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<HubUser>
{
    private readonly PasswordHasher<HubUser> _real = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(HubUser user, string password) => _real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(HubUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class PasswordCountingHub : ConsoleHub
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<HubUser>>(Hasher);
}

/// <summary>Someone guessing names and passwords learns nothing about which accounts exist and cannot lock the owner out.</summary>
public sealed class SignInGuessingTests(PasswordCountingHub hub) : IClassFixture<PasswordCountingHub>
{
    [Fact]
    public async Task An_unknown_user_name_costs_a_password_check_like_a_known_one()
    {
        using var client = hub.NewClient();
        var before = hub.Hasher.Verifications;
        var unknown = await client.SignInAsync("tidak.ada.akun.ini", "tebakan-kata-sandi-panjang");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(before + 1, hub.Hasher.Verifications);

        var known = await client.SignInAsync(ConsoleHub.Supervisor, "tebakan-kata-sandi-panjang");
        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(before + 2, hub.Hasher.Verifications);
        Assert.NotEmpty(await FailureTextAsync(unknown));
        Assert.Equal(await FailureTextAsync(unknown), await FailureTextAsync(known));
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_the_owner_out_from_another()
    {
        const string userName = "korban.tebakan";
        await hub.CreateAccountAsync(userName, HubRoles.Admin);
        using var attacker = ClientFrom("203.0.113.66");
        for (var attempt = 1; attempt <= AccountServices.MaxFailedSignIns; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.SignInAsync(userName, $"tebakan-{attempt}-kata-sandi")).StatusCode);
        }

        var attackerWithRightPassword = await attacker.SignInAsync(userName, ConsoleHub.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, attackerWithRightPassword.StatusCode);
        Assert.Contains("dikunci sementara", await attackerWithRightPassword.Content.ReadAsStringAsync());

        using var owner = ClientFrom("198.51.100.7");
        var ownerSignIn = await owner.SignInAsync(userName, ConsoleHub.Password);
        Assert.Equal(HttpStatusCode.Redirect, ownerSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetPageAsync("/admin")).Status);
    }

    [Fact]
    public async Task Guessing_an_unknown_name_is_shut_out_like_guessing_a_known_one()
    {
        using var attacker = ClientFrom("203.0.113.67");
        HttpResponseMessage? last = null;
        for (var attempt = 0; attempt <= AccountServices.MaxFailedSignIns; attempt++)
        {
            last = await attacker.SignInAsync("nama.karangan", $"tebakan-{attempt}-kata-sandi");
        }

        Assert.Contains("dikunci sementara", await last!.Content.ReadAsStringAsync());
    }

    /// <summary>A client behind the loopback proxy, which the hub trusts to name the real client address.</summary>
    private ConsoleClient ClientFrom(string address)
    {
        var client = hub.NewClient();
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static async Task<string> FailureTextAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\"[^>]*>([^<]*)<").Groups[1].Value;
    }
}
