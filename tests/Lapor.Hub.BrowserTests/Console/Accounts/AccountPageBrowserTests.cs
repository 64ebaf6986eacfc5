using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Console.Browser;
using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Accounts;

public sealed class AccountPageBrowserTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [SkippableFact]
    public async Task An_admin_creates_an_account_on_a_phone_without_accessibility_violations()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await BrowserSignIn.SignInAtAsync(page, hub.Settings.BaseAddress, ConsoleHub.Admin, "/admin/akun");
        await AssertAccessibleAsync(page, "accounts", tab);

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Buat akun" }) });
        await form.GetByLabel("Nama pengguna").FillAsync("petugas.peramban");
        await form.GetByLabel("Nama tampilan").FillAsync("Petugas Peramban");
        await form.GetByLabel("Peran").SelectOptionAsync("AgencyOfficer");
        await form.GetByLabel("Instansi").SelectOptionAsync(ConsoleHub.AgencyB);
        await form.GetByLabel("Kata sandi awal").FillAsync("pendek");
        await page.EvaluateAsync("document.getElementById('password').removeAttribute('minlength')");
        await form.GetByRole(AriaRole.Button, new() { Name = "Buat akun" }).ClickAsync();
        await page.Locator("#password-error").WaitForAsync();
        await AssertAccessibleAsync(page, "accounts-error", tab);

        await form.GetByLabel("Kata sandi awal").FillAsync("kata-sandi-peramban-panjang");
        await form.GetByRole(AriaRole.Button, new() { Name = "Buat akun" }).ClickAsync();
        Assert.Contains("Akun petugas.peramban telah dibuat.", await page.GetByRole(AriaRole.Status).InnerTextAsync());
    }

    private static async Task AssertAccessibleAsync(IPage page, string name, BrowserPage tab)
    {
        await HeadlessChromium.ScreenshotAsync(page, name);
        await Browser.AccessibilityCheck.AssertNoViolationsAsync(page, name);
    }
}
