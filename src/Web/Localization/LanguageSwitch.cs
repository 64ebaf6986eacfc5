using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Localization;

/// <summary>Indonesian unless the reader chose English: the choice is a cookie set by a plain link (no script needed).</summary>
public static class LanguageSwitch
{
    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(SiteText.Indonesian) };
        options.SupportedCultures = options.SupportedUICultures = SiteText.Cultures.ToList();
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/bahasa/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture == SiteText.English ? SiteText.English : SiteText.Indonesian;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(ExternalSignIn.LocalOnly(returnUrl));
        });
        return app;
    }
}
