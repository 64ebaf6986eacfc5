using Microsoft.Playwright;

namespace Lapor.Hub.Tests.Console.Browser;

/// <summary>Signing in through the real form, as a person does: the sign-in page must already be open.</summary>
public static class BrowserSignIn
{
    public static async Task SubmitAsync(IPage page, string userName, string password = ConsoleHub.Password)
    {
        await page.GetByLabel("Nama pengguna").FillAsync(userName);
        await page.GetByLabel("Kata sandi").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();
    }
}
