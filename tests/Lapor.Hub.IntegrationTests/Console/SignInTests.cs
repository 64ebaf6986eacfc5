using System.Net;
using Lapor.Hub.Web.Accounts;

namespace Lapor.Hub.Tests.Console;

public sealed class SignInTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task An_admin_signs_in_and_lands_on_the_queue()
    {
        using var client = hub.NewClient();
        var response = await client.SignInAsync(ConsoleHub.Admin, ConsoleHub.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var session = client.Cookies.GetCookies(hub.Settings.BaseAddress)[AccountServices.CookieName];
        Assert.NotNull(session);
        Assert.True(session.HttpOnly);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        using var client = hub.NewClient();
        var response = await client.SignInAsync(ConsoleHub.Supervisor, "bukan-kata-sandinya");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Nama pengguna atau kata sandi salah.", await response.Content.ReadAsStringAsync());
        Assert.Null(client.Cookies.GetCookies(hub.Settings.BaseAddress)[AccountServices.CookieName]);
    }

    [Fact]
    public async Task A_locked_out_account_stays_locked_even_with_the_right_password()
    {
        const string userName = "akan.terkunci";
        await hub.CreateAccountAsync(userName, HubRoles.Admin);
        using var client = hub.NewClient();
        for (var attempt = 1; attempt <= AccountServices.MaxFailedSignIns; attempt++)
        {
            var wrong = await client.SignInAsync(userName, $"salah-{attempt}-kata-sandi");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var right = await client.SignInAsync(userName, ConsoleHub.Password);
            Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
            Assert.Contains("dikunci sementara", await right.Content.ReadAsStringAsync());
        }

        Assert.Null(client.Cookies.GetCookies(hub.Settings.BaseAddress)[AccountServices.CookieName]);
        var (status, _) = await client.GetPageAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused()
    {
        using var client = hub.NewClient();
        await client.GetPageAsync("/masuk");
        var response = await client.PostFormWithTokenAsync("/masuk",
            new Dictionary<string, string> { ["userName"] = ConsoleHub.Admin, ["password"] = ConsoleHub.Password }, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(client.Cookies.GetCookies(hub.Settings.BaseAddress)[AccountServices.CookieName]);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_is_refused()
    {
        using var client = hub.NewClient();
        await client.GetPageAsync("/masuk");
        var response = await client.PostFormWithTokenAsync("/masuk",
            new Dictionary<string, string> { ["userName"] = ConsoleHub.Admin, ["password"] = ConsoleHub.Password }, token: "CfDJ8-forged-token");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0D%0A/evil.example")]
    [InlineData("/%00")]
    public async Task A_return_address_with_a_control_character_leads_home_from_the_language_switch(string returnUrl)
    {
        using var client = hub.NewClient();
        using var response = await client.Http.GetAsync($"/bahasa/en?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    public async Task A_return_address_with_a_control_character_leads_to_the_console_after_sign_in(string returnUrl)
    {
        using var client = hub.NewClient();
        var response = await client.PostFormAsync("/masuk", "/masuk", new Dictionary<string, string>
        {
            ["userName"] = ConsoleHub.Admin,
            ["password"] = ConsoleHub.Password,
            ["returnUrl"] = returnUrl,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Behind_the_https_proxy_the_session_cookie_is_secure()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = hub.Settings.BaseAddress };
        var page = new HttpRequestMessage(HttpMethod.Get, "/masuk");
        page.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(page);
        var cookies = response.Headers.GetValues("Set-Cookie").ToArray();
        Assert.Contains(cookies, c => c.StartsWith(Web.HubConsole.AntiforgeryCookieName, StringComparison.Ordinal)
            && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }
}
