using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Browser;

/// <summary>Signing in through the real form, as a person does: the sign-in page must already be open.</summary>
public static class BrowserSignIn
{
    /// <summary>Opens the sign-in page asking for <paramref name="path"/>, signs in, and waits to land there.</summary>
    public static async Task SignInAtAsync(IPage page, Uri hub, string userName, string path)
    {
        await page.GotoAsync(new Uri(hub, $"/masuk?returnUrl={Uri.EscapeDataString(path)}").ToString());
        await SubmitAsync(page, userName);
        await page.WaitForURLAsync("**" + path);
    }

    public static async Task SubmitAsync(IPage page, string userName, string password = ConsoleHub.Password)
    {
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
    }
}
