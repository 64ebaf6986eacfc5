using System.Net;
using Lapor.Hub.Tests.Console.Agency;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Accounts;

public sealed class AccountPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private const string Page = "/admin/akun";
    private const string NewPassword = "sandi-baru-yang-cukup-panjang";

    private static Dictionary<string, string> NewAccount(string userName, string role, string agency, string password = NewPassword) => new()
    {
        ["New.UserName"] = userName,
        ["New.DisplayName"] = $"Petugas {userName}",
        ["New.Role"] = role,
        ["New.AgencyCode"] = agency,
        ["New.Password"] = password,
    };

    private async Task<HubUser?> FindAsync(string userName)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>().FindByNameAsync(userName);
    }

    [Fact]
    public async Task An_admin_creates_an_officer_who_can_then_sign_in_to_their_agency()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var response = await admin.PostFormAsync(Page, $"{Page}?handler=Create", NewAccount("petugas.baru", HubRoles.AgencyOfficer, ConsoleHub.AgencyA));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, list) = await admin.GetPageAsync(Page);
        Assert.Contains("Akun petugas.baru telah dibuat.", list);
        Assert.Contains("petugas.baru", list);
        var created = await FindAsync("petugas.baru");
        Assert.NotNull(created);
        Assert.Equal(ConsoleHub.AgencyA, created.AgencyCode);
        Assert.DoesNotContain(created.PasswordHash!, list);

        using var officer = hub.NewClient();
        var signIn = await officer.SignInAsync("petugas.baru", NewPassword);
        Assert.Equal("/instansi", AgencyReports.PathOf(signIn));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetPageAsync("/instansi")).Status);
    }

    [Theory]
    [InlineData("petugas.tanpa", "", NewPassword, "Pilih instansi untuk petugas instansi.")]
    [InlineData("petugas.palsu", "BUKAN-INSTANSI", NewPassword, "Pilih instansi untuk petugas instansi.")]
    [InlineData("petugas.sandi", ConsoleHub.AgencyA, "pendek", "Kata sandi paling sedikit 12 karakter.")]
    [InlineData("nama salah!", ConsoleHub.AgencyA, NewPassword, "Nama pengguna harus 1–64 huruf, angka atau . - _ @.")]
    [InlineData(ConsoleHub.OfficerB, ConsoleHub.AgencyA, NewPassword, "Nama pengguna ini sudah dipakai.")]
    public async Task An_invalid_account_is_refused_with_the_reason(string userName, string agency, string password, string error)
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var response = await admin.PostFormAsync(Page, $"{Page}?handler=Create", NewAccount(userName, HubRoles.AgencyOfficer, agency, password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(error, html);
        Assert.DoesNotContain(password, html);
        if (userName != ConsoleHub.OfficerB)
        {
            Assert.Null(await FindAsync(userName));
        }
        else
        {
            Assert.Equal(ConsoleHub.AgencyB, (await FindAsync(userName))!.AgencyCode);
        }
    }

    [Fact]
    public async Task Admins_and_supervisors_manage_accounts_officers_and_visitors_do_not()
    {
        using var supervisor = await hub.SignInAsync(ConsoleHub.Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetPageAsync(Page)).Status);

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        using var denied = await officer.Http.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/akses-ditolak", AgencyReports.PathOf(denied));

        var (_, queue) = await officer.GetPageAsync("/instansi");
        var forged = await officer.PostFormWithTokenAsync($"{Page}?handler=Create",
            NewAccount("dibuat.petugas", HubRoles.Admin, ""), ConsoleClient.AntiforgeryToken(queue));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Null(await FindAsync("dibuat.petugas"));

        using var visitor = hub.NewClient();
        using var anonymous = await visitor.Http.GetAsync(Page);
        Assert.StartsWith("/masuk", AgencyReports.PathOf(anonymous));
    }

    [Fact]
    public async Task An_admin_unlocks_an_account_locked_by_wrong_passwords()
    {
        const string userName = "terkunci.uji";
        await hub.CreateAccountAsync(userName, HubRoles.AgencyOfficer, ConsoleHub.AgencyB);
        using var owner = hub.NewClient();
        for (var attempt = 1; attempt <= AccountServices.MaxFailedSignIns; attempt++)
        {
            await owner.SignInAsync(userName, $"salah-{attempt}-kata-sandi");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.SignInAsync(userName, ConsoleHub.Password)).StatusCode);

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (_, list) = await admin.GetPageAsync(Page);
        Assert.Matches($@"{userName}</td>[\s\S]*?Terkunci", list);
        var locked = (await FindAsync(userName))!;
        var unlock = await admin.PostFormAsync(Page, $"{Page}?handler=Unlock", new Dictionary<string, string> { ["id"] = locked.Id });

        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        var unlocked = (await FindAsync(userName))!;
        Assert.Null(unlocked.LockoutEnd);
        Assert.Equal(0, unlocked.AccessFailedCount);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(userName, ConsoleHub.Password)).StatusCode);
    }

    [Fact]
    public async Task An_admin_resets_a_password_and_only_the_new_one_works()
    {
        const string userName = "lupa.sandi";
        await hub.CreateAccountAsync(userName, HubRoles.Supervisor);
        var id = (await FindAsync(userName))!.Id;
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);

        var tooShort = await admin.PostFormAsync(Page, $"{Page}?handler=ResetPassword", new Dictionary<string, string> { ["id"] = id, ["newPassword"] = "pendek" });
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("Kata sandi paling sedikit 12 karakter.", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await hub.NewClient().SignInAsync(userName, ConsoleHub.Password)).StatusCode);

        var reset = await admin.PostFormAsync(Page, $"{Page}?handler=ResetPassword", new Dictionary<string, string> { ["id"] = id, ["newPassword"] = NewPassword });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.NewClient().SignInAsync(userName, ConsoleHub.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await hub.NewClient().SignInAsync(userName, NewPassword)).StatusCode);
    }
}
