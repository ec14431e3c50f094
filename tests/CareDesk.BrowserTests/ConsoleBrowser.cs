using Microsoft.Playwright;

namespace CareDesk.Testing;

/// <summary>
/// What the browser tests and the load tool (<c>bench/CareDesk.Load</c> compiles this file too) do in the
/// browser the same way: sign in through the real form, and measure keystroke → rendered results.
/// </summary>
public static class ConsoleBrowser
{
    /// <summary>
    /// Installs <c>window.__cdLatency</c> on the console: notes <c>performance.now()</c> at a keystroke's
    /// <c>keydown</c>/<c>beforeinput</c>, then pushes to <c>dom</c> when the results list carries that query
    /// (<c>data-query</c>) and to <c>paint</c> at the next animation frame after it. Install again after a
    /// navigation (the input and the list are new elements).
    /// </summary>
    public const string LatencyProbe = """
        () => {
            const input = document.getElementById('console-query');
            const list = document.getElementById('console-results');
            const m = window.__cdLatency = { dom: [], paint: [], start: null };
            const begin = () => { if (m.start === null) m.start = performance.now(); };
            input.addEventListener('keydown', begin, true);
            input.addEventListener('beforeinput', begin, true);
            new MutationObserver(() => {
                if (m.start === null || list.dataset.query !== input.value) return;
                const start = m.start;
                m.start = null;
                m.dom.push(performance.now() - start);
                requestAnimationFrame(() => m.paint.push(performance.now() - start));
            }).observe(list, { attributes: true, childList: true, subtree: true, characterData: true });
        }
        """;

    /// <summary>Signs the page in through the real form; throws when the sign-in fails.</summary>
    public static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        if (new Uri(page.Url).AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal))
            throw new InvalidOperationException($"sign-in as {username} failed: {page.Url}");
    }
}
