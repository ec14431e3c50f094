using CareDesk.Features.Accounts;
using CareDesk.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>Signing in and out, the admin page, and the console under its Content-Security-Policy, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_WrongPasswordThenRight_GenericMessageThenConsoleThenSignOut()
    {
        var agent = DemoAccounts.For(Roles.Agent);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator("#username").FillAsync(agent.UserName);
        await page.Locator("#password").FillAsync("Wrong-Password-1!");
        await page.GetByRole(AriaRole.Button, new() { Name = "دخول" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("تعذر تسجيل الدخول");

        await page.Locator("#username").FillAsync(agent.UserName);
        await page.Locator("#password").FillAsync(agent.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "دخول" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "البحث في الأسئلة الشائعة", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(agent.DisplayNameAr);

        await page.GetByRole(AriaRole.Button, new() { Name = "تسجيل الخروج" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تسجيل الدخول", Level = 1 })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    [Fact]
    public async Task Console_CspOn_EveryPageWorksWithoutViolations()
    {
        var violations = new List<string>();
        var supervisor = await WatchedPageAsync(violations);
        await BrowserFixture.SignInAsRoleAsync(supervisor, Roles.Supervisor);
        foreach (var (link, heading) in new[] { ("التذاكر", "التذاكر"), ("صندوق ضابط الاتصال", "صندوق ضابط الاتصال"), ("قاعدة المعرفة", "قاعدة المعرفة"), ("التقارير", "التقارير"), ("سجل التدقيق", "سجل التدقيق") })
        {
            await supervisor.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        }
        await BrowserFixture.WaitInteractiveAsync(supervisor);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "تصفية" }).ClickAsync();
        await Expect(supervisor.GetByRole(AriaRole.Gridcell, new() { Name = "signin.success" }).First).ToBeVisibleAsync();

        var admin = await WatchedPageAsync(violations);
        await BrowserFixture.SignInAsRoleAsync(admin, Roles.Admin);
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "المستخدمون والأدوار", Level = 1 })).ToBeVisibleAsync();
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "تعديل" }).First.ClickAsync();
        await Expect(admin.Locator("#ed-role")).ToBeVisibleAsync();

        var inPage = (await supervisor.EvaluateAsync<string[]>("() => window.__csp")).Concat(await admin.EvaluateAsync<string[]>("() => window.__csp"));
        Assert.Empty(violations.Concat(inPage));
    }

    [Fact]
    public async Task Admin_CreateUserWithMarkupInName_ShownAsTextNothingRuns()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Admin);
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        var userName = "ui." + Guid.NewGuid().ToString("N")[..10];
        const string markupAr = "<img src=x onerror=\"window.__pwned=1;alert(1)\">";
        const string markupEn = "<script>window.__pwned=2;alert(2)</script>";
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.Locator("#nu-username").FillAsync(userName);
        await page.Locator("#nu-name-ar").FillAsync(markupAr);
        await page.Locator("#nu-name-en").FillAsync(markupEn);
        await page.Locator("#nu-role").SelectOptionAsync(Roles.Liaison);
        await page.Locator("#nu-password").FillAsync("Ui-Test-Pass-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "إنشاء مستخدم" }).ClickAsync();
        await Expect(page.GetByTestId("admin-message")).ToContainTextAsync("ضابط الاتصال يجب أن يرتبط بجهة");

        await page.Locator("#nu-agency").SelectOptionAsync("PASSPORTS");
        await page.GetByRole(AriaRole.Button, new() { Name = "إنشاء مستخدم" }).ClickAsync();
        await Expect(page.GetByTestId("admin-message")).ToContainTextAsync("تم إنشاء المستخدم");

        var row = page.GetByTestId("users-table").Locator("tr", new() { HasText = userName });
        await Expect(row).ToContainTextAsync(markupAr);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Empty(dialogs);

        await page.Locator("#nu-username").FillAsync("ui2." + Guid.NewGuid().ToString("N")[..8]);
        await page.Locator("#nu-name-ar").FillAsync(new string('ب', 5000));
        await page.Locator("#nu-name-en").FillAsync("Long");
        await page.Locator("#nu-password").FillAsync("Ui-Test-Pass-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "إنشاء مستخدم" }).ClickAsync();
        await Expect(page.GetByTestId("admin-message")).ToContainTextAsync("بحد أقصى 100 حرف");
    }

    [Fact]
    public async Task OpenConsole_RoleChangedByAdmin_SentToSignIn()
    {
        var admin = await fixture.NewSignedInPageAsync(Roles.Admin);
        await BrowserFixture.WaitInteractiveAsync(admin);
        var userName = "ui." + Guid.NewGuid().ToString("N")[..10];
        await admin.Locator("#nu-username").FillAsync(userName);
        await admin.Locator("#nu-name-ar").FillAsync("مشرف مؤقت");
        await admin.Locator("#nu-name-en").FillAsync("Temporary supervisor");
        await admin.Locator("#nu-role").SelectOptionAsync(Roles.Supervisor);
        await admin.Locator("#nu-password").FillAsync("Ui-Test-Pass-2026!");
        await admin.GetByRole(AriaRole.Button, new() { Name = "إنشاء مستخدم" }).ClickAsync();
        await Expect(admin.GetByTestId("admin-message")).ToContainTextAsync("تم إنشاء المستخدم");

        var console = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(console, userName, "Ui-Test-Pass-2026!");
        await console.GotoAsync("/reports");
        await BrowserFixture.WaitInteractiveAsync(console);

        await admin.GetByTestId("users-table").Locator("tr", new() { HasText = userName }).GetByRole(AriaRole.Button, new() { Name = "تعديل" }).ClickAsync();
        await admin.Locator("#ed-role").SelectOptionAsync(Roles.Editor);
        await admin.GetByRole(AriaRole.Button, new() { Name = "حفظ الدور والجهة" }).ClickAsync();
        await Expect(admin.GetByTestId("admin-message")).ToContainTextAsync("تم الحفظ");

        // The live circuit re-checks the security stamp every 10 s in this fixture (StampValidationInterval 5 s, floor 10 s).
        await Expect(console).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"), new() { Timeout = 30_000 });
    }

    private async Task<IPage> WatchedPageAsync(List<string> violations)
    {
        var page = await fixture.NewPageAsync();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Add(m.Text);
        };
        return page;
    }
}
