using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace CareDesk.Components.Localization;

public static class LocalizationRegistration
{
    public static readonly CultureInfo Arabic = CreateArabic();
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    // ar-SA formats dates in the Umm al-Qura calendar by default; CareDesk shows both calendars
    // explicitly, so the culture keeps Gregorian as its calendar and Latin digits for IDs and amounts.
    private static CultureInfo CreateArabic()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("ar-SA").Clone();
        c.DateTimeFormat.Calendar = new GregorianCalendar(GregorianCalendarTypes.Localized);
        c.NumberFormat.DigitSubstitution = DigitShapes.None;
        return CultureInfo.ReadOnly(c);
    }

    public static IServiceCollection AddUiText(this IServiceCollection services)
    {
        var text = UiText.LoadEmbedded();
        services.AddSingleton(text);
        services.AddSingleton<IStringLocalizer>(text);
        services.AddSingleton<IStringLocalizerFactory>(new UiTextFactory(text));
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        return services;
    }

    public static WebApplication UseUiCultures(this WebApplication app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Arabic, Arabic),
            SupportedCultures = [Arabic, English],
            SupportedUICultures = [Arabic, English],
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);

        // The language toggle: remember the choice in the culture cookie and go back where the user was.
        app.MapGet("/culture/{name}", (string name, string? back, HttpContext http) =>
        {
            var culture = name == "en" ? English : Arabic;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture, culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            var target = back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous();
        return app;
    }
}
