using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The console shell as an agent first sees it: Arabic, right to left, English one click away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Home_FirstVisit_IsArabicRightToLeftWithPersonaNavigation()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        foreach (var name in new[] { "البحث والإجابة", "التذاكر", "صندوق ضابط الاتصال", "قاعدة المعرفة", "التقارير", "الإدارة" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LanguageToggle_Clicked_SwitchesToEnglishLeftToRightAndBack()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/tickets");

        await page.GetByTestId("language-toggle").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tickets", Level = 1 })).ToBeVisibleAsync();

        await page.GetByTestId("language-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
    }

    [Fact]
    public async Task Navigation_ClickReports_ShowsReportsPageWithoutReload()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await page.GetByRole(AriaRole.Link, new() { Name = "التقارير" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "التقارير", Level = 1 })).ToBeVisibleAsync();
    }
}
