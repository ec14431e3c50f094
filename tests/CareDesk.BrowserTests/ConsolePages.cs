using CareDesk.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>Opening the agent console the way an agent does, ready for keystrokes.</summary>
internal static class ConsolePages
{
    /// <summary>Signs in as the demo agent and opens the console.</summary>
    public static async Task<IPage> OpenConsoleAsync(this BrowserFixture fixture)
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Agent);
        await page.GotoAsync("/");
        // Keystrokes before the circuit is up would go nowhere; the console flags when it answers them.
        await Expect(page.Locator(".cd-console[data-interactive=true]")).ToHaveCountAsync(1);
        return page;
    }

    public static ILocator SearchBox(this IPage page) => page.GetByRole(AriaRole.Combobox, new() { Name = "ابحث في الأسئلة الشائعة" });

    public static ILocator Results(this IPage page) => page.GetByRole(AriaRole.Listbox, new() { Name = "نتائج البحث" });
}
