using CareDesk.Data;
using CareDesk.Testing;
using Microsoft.Playwright;

namespace CareDesk.BrowserTests;

/// <summary>
/// One app process with a throwaway private PostgreSQL, and one headless Debian Chromium driven by
/// Playwright, shared by the browser tests of a run. Chromium is the machine's own (/usr/bin/chromium):
/// there is no network to download one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "caredesk-ui-" + Guid.NewGuid().ToString("N")[..10]);
    private IPlaywright? _playwright;

    public AppProcess App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CAREDESK_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["CareDesk__Database__DataDirectory"] = Path.Combine(_root, "pgdata"),
            ["CareDesk__Database__Port"] = EmbeddedPostgres.FreePort().ToString(),
            ["CareDesk__Accounts__StampValidationInterval"] = "00:00:05",
            ["CareDesk__Accounts__SignInPermitsPerMinute"] = "1000",
        });
        // Two cores run the app, PostgreSQL and Chromium together: give the UI time to answer
        // (this waits longer for a correct page; it never accepts a wrong one).
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page at the app's address.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, Locale = locale ?? "ar-SA" });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs the page in through the real form (the app runs in Development, so the demo users of
    /// <c>seeds/demo-users.json</c> exist; see <see cref="DemoAccounts"/>). Throws when the sign-in fails.
    /// </summary>
    public static Task SignInAsync(IPage page, string username, string password) => ConsoleBrowser.SignInAsync(page, username, password);

    /// <summary>Signs in as the demo user of the role (see <see cref="CareDesk.Features.Accounts.Roles"/>).</summary>
    public static Task SignInAsRoleAsync(IPage page, string role, string? agency = null)
    {
        var account = DemoAccounts.For(role, agency);
        return SignInAsync(page, account.UserName, account.Password);
    }

    /// <summary>Waits until the page's circuit is live (the layout marks <c>main[data-interactive=true]</c>), so clicks and typing reach the server.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        Microsoft.Playwright.Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>A fresh page already signed in as the demo user of the role.</summary>
    public async Task<IPage> NewSignedInPageAsync(string role, string? locale = null)
    {
        var page = await NewPageAsync(locale);
        await SignInAsRoleAsync(page, role);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
