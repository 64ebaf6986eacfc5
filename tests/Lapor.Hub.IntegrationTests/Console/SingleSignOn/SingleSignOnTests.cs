using System.Net;
using System.Text.RegularExpressions;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.SingleSignOn;

public sealed partial class SingleSignOnTests(SingleSignOnHub hub) : IClassFixture<SingleSignOnHub>
{
    private const string Callback = "/masuk/oidc/callback";

    [Fact]
    public async Task A_person_known_to_the_hub_signs_in_with_the_user_name_from_userinfo_and_opens_the_admin_console()
    {
        using var browser = hub.NewBrowser();
        var callback = await ReturnFromProviderAsync(browser, ConsoleHub.Admin, userNameInIdToken: false);
        await AssertSignedInAsAdminAsync(browser, callback);
    }

    [Fact]
    public async Task A_person_known_to_the_hub_signs_in_with_the_user_name_from_the_id_token_and_opens_the_admin_console()
    {
        using var browser = hub.NewBrowser();
        var callback = await ReturnFromProviderAsync(browser, ConsoleHub.Admin, userNameInIdToken: true);
        await AssertSignedInAsAdminAsync(browser, callback);
    }

    [Fact]
    public async Task A_person_without_a_hub_account_is_refused_and_gets_no_session()
    {
        using var browser = hub.NewBrowser();
        var callback = await ReturnFromProviderAsync(browser, "orang.asing", userNameInIdToken: true);
        var finished = await FollowAsync(browser, callback);

        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal("/akses-ditolak", finished.Headers.Location?.OriginalString);
        await AssertNoSessionAsync(browser);
    }

    [Fact]
    public async Task A_locked_hub_account_is_refused_even_when_the_provider_vouches_for_it()
    {
        const string userName = "terkunci.sso";
        await hub.CreateAccountAsync(userName, HubRoles.Admin);
        await using (var scope = hub.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
            var user = await users.FindByNameAsync(userName);
            Assert.True((await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddHours(1))).Succeeded);
        }

        using var browser = hub.NewBrowser();
        var finished = await FollowAsync(browser, await ReturnFromProviderAsync(browser, userName, userNameInIdToken: true));

        Assert.Equal("/akses-ditolak", finished.Headers.Location?.OriginalString);
        await AssertNoSessionAsync(browser);
    }

    [Theory]
    [InlineData(IdTokenTampering.WrongNonce)]
    [InlineData(IdTokenTampering.SignedByAnotherKey)]
    public async Task A_tampered_id_token_signs_nobody_in(IdTokenTampering tampering)
    {
        using var browser = hub.NewBrowser();
        var issuedBefore = hub.Provider.TokensIssued;
        // The user name is in the id_token, so untampered this very flow would sign the admin in.
        var callback = await ReturnFromProviderAsync(browser, ConsoleHub.Admin, userNameInIdToken: true, tampering);

        Assert.True(hub.Provider.TokensIssued > issuedBefore, "The hub must have redeemed the code and met the tampered token.");
        Assert.False(IsOnToFinish(callback), $"The callback accepted a tampered id_token: {(int)callback.StatusCode} {callback.Headers.Location}");
        Assert.Equal("/akses-ditolak", callback.Headers.Location?.OriginalString); // a refusal, not a server error
        await AssertNoSessionAsync(browser);
        using var finish = await browser.GetAsync(new Uri(hub.PublicAddress, "/masuk/oidc/selesai?returnUrl=%2Fadmin"));
        Assert.Equal("/akses-ditolak", finish.Headers.Location?.OriginalString);
        await AssertNoSessionAsync(browser);
    }

    [Fact]
    public async Task A_provider_answer_pushed_into_another_browser_signs_nobody_in()
    {
        using var victim = hub.NewBrowser();
        using var attacker = hub.NewBrowser();
        hub.Provider.SignedInAs = ConsoleHub.Admin;
        using var challenge = await attacker.GetAsync(new Uri(hub.PublicAddress, "/masuk/oidc?returnUrl=%2Fadmin"));
        using var page = await attacker.GetAsync(challenge.Headers.Location!);
        var (action, fields) = FormPostOf(await page.Content.ReadAsStringAsync());

        using var callback = await victim.PostFormAsync(action, fields);

        Assert.False(IsOnToFinish(callback), $"The callback accepted a state without its correlation cookie: {callback.Headers.Location}");
        Assert.Equal("/akses-ditolak", callback.Headers.Location?.OriginalString);
        await AssertNoSessionAsync(victim);
    }

    [Fact]
    public async Task The_sign_in_page_offers_single_sign_on_when_it_is_configured()
    {
        using var browser = hub.NewBrowser();
        using var page = await browser.GetAsync(new Uri(hub.PublicAddress, "/masuk"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("href=\"/masuk/oidc?returnUrl=", await page.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The browser's part of the authorization code flow: the hub's challenge, the provider's /authorize (where the
    /// person counts as signed in), and the provider's auto-submitting form posted to the hub's callback.
    /// </summary>
    private async Task<HttpResponseMessage> ReturnFromProviderAsync(
        ProxiedBrowser browser, string userName, bool userNameInIdToken, IdTokenTampering tampering = IdTokenTampering.None)
    {
        hub.Provider.SignedInAs = userName;
        using var challenge = await browser.GetAsync(new Uri(hub.PublicAddress, "/masuk/oidc?returnUrl=%2Fadmin"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal(new Uri(hub.Provider.Authority, "/authorize").GetLeftPart(UriPartial.Path), authorize.GetLeftPart(UriPartial.Path));

        using var page = await browser.GetAsync(authorize);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"/authorize answered {(int)page.StatusCode}: {html}");
        var (action, fields) = FormPostOf(html);
        Assert.Equal(new Uri(hub.PublicAddress, Callback), action);

        // The hub redeems the code and fetches userinfo while it handles this post.
        hub.Provider.UserNameInIdToken = userNameInIdToken;
        hub.Provider.Tampering = tampering;
        try
        {
            return await browser.PostFormAsync(action, fields);
        }
        finally
        {
            hub.Provider.UserNameInIdToken = false;
            hub.Provider.Tampering = IdTokenTampering.None;
        }
    }

    private async Task AssertSignedInAsAdminAsync(ProxiedBrowser browser, HttpResponseMessage callback)
    {
        Assert.True(hub.Provider.UserInfoServed > 0, "The hub must ask the userinfo endpoint.");
        var finished = await FollowAsync(browser, callback);

        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal("/admin", finished.Headers.Location?.OriginalString);
        var session = browser.Cookies.GetCookies(hub.PublicAddress)[AccountServices.CookieName];
        Assert.NotNull(session);
        Assert.True(session.HttpOnly && session.Secure, "The session cookie must be HTTP-only and Secure over HTTPS.");
        using var admin = await browser.GetAsync(new Uri(hub.PublicAddress, "/admin"));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        var authorization = hub.Provider.Authorizations[^1];
        Assert.Equal(new Uri(hub.PublicAddress, Callback).ToString(), authorization.RedirectUri);
        Assert.Equal(("code", "form_post", "S256"), (authorization.ResponseType, authorization.ResponseMode, authorization.CodeChallengeMethod));
        Assert.Equal(["email", "openid", "profile"], authorization.Scope.Split(' ').Order());
        Assert.NotEmpty(authorization.Nonce);
        Assert.Empty(hub.Provider.Refusals);
    }

    private async Task<HttpResponseMessage> FollowAsync(ProxiedBrowser browser, HttpResponseMessage callback)
    {
        Assert.True(IsOnToFinish(callback),
            $"The callback answered {(int)callback.StatusCode} {callback.Headers.Location}; provider refusals: {string.Join("; ", hub.Provider.Refusals)}");
        return await browser.GetAsync(new Uri(hub.PublicAddress, callback.Headers.Location!));
    }

    private static bool IsOnToFinish(HttpResponseMessage callback) =>
        callback.StatusCode == HttpStatusCode.Redirect
        && callback.Headers.Location?.OriginalString.StartsWith("/masuk/oidc/selesai", StringComparison.Ordinal) == true;

    private async Task AssertNoSessionAsync(ProxiedBrowser browser)
    {
        Assert.Null(browser.Cookies.GetCookies(hub.PublicAddress)[AccountServices.CookieName]);
        using var admin = await browser.GetAsync(new Uri(hub.PublicAddress, "/admin"));
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/masuk", admin.Headers.Location?.PathAndQuery ?? admin.Headers.Location?.OriginalString);
    }

    private static (Uri Action, Dictionary<string, string> Fields) FormPostOf(string html)
    {
        var action = FormAction().Match(html);
        Assert.True(action.Success, $"No form_post form in: {html}");
        var fields = HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        return (new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), fields);
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
