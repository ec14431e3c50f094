using CareDesk.Features.Accounts;
using CareDesk.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The console shell as an agent first sees it: Arabic, right to left, English one click away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Home_Anonymous_SentToArabicSignInForm()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/tickets");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin\\?returnUrl=%2Ftickets$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تسجيل الدخول", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "التذاكر" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Home_SupervisorSignedIn_IsArabicRightToLeftWithOnlyTheirNavigation()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Supervisor);

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ar");
        foreach (var name in new[] { "البحث والإجابة", "التذاكر", "صندوق ضابط الاتصال", "قاعدة المعرفة", "التقارير", "سجل التدقيق" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "الإدارة" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(DemoAccounts.For(Roles.Supervisor).DisplayNameAr);
    }

    [Fact]
    public async Task Home_EditorSignedIn_SeesKnowledgeButNoTicketsOrReports()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Editor);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "قاعدة المعرفة" })).ToBeVisibleAsync();
        foreach (var name in new[] { "التذاكر", "صندوق ضابط الاتصال", "التقارير", "الإدارة" })
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task LanguageToggle_Clicked_SwitchesToEnglishLeftToRightAndBack()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Agent);
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
        var page = await fixture.NewSignedInPageAsync(Roles.Supervisor);
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await page.GetByRole(AriaRole.Link, new() { Name = "التقارير" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "التقارير", Level = 1 })).ToBeVisibleAsync();
    }
}
