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
        });
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
