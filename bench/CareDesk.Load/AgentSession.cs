using CareDesk.Testing;
using Microsoft.Playwright;

namespace CareDesk.Load;

/// <summary>
/// One agent's console in its own browser context (own cookies, own Blazor circuit): types FAQ queries
/// keystroke by keystroke, then opens a ticket and comes back, as an agent does during calls. Latencies are
/// measured inside the page by the browser tests' probe (<see cref="ConsoleBrowser.LatencyProbe"/>, docs/console.md):
/// from the keystroke's <c>keydown</c>/<c>beforeinput</c> to the next animation frame after the results list carries that query.
/// </summary>
public sealed class AgentSession(IBrowserContext context, IPage page)
{
    /// <summary>What a step's sessions record together: keystroke → painted, ticket open, and queries finished.</summary>
    public sealed class SessionRecorders
    {
        public readonly LatencyRecorder Keystrokes = new();
        public readonly LatencyRecorder Opens = new();
        public int Searches;
    }

    /// <summary>In-app navigation (same circuit) to a ticket; resolves with the ms until its heading and status are painted.</summary>
    private const string OpenTicket = """
        async number => {
            const start = performance.now();
            Blazor.navigateTo('/tickets/' + number);
            await new Promise((resolve, reject) => {
                const give = setTimeout(() => reject(new Error('ticket ' + number + ' not shown in 15 s')), 15000);
                const check = () => {
                    const h1 = document.querySelector('h1');
                    if (h1 && h1.textContent.includes(number) && document.querySelector('[data-testid=ticket-status]')) {
                        clearTimeout(give);
                        requestAnimationFrame(() => resolve());
                    } else {
                        requestAnimationFrame(check);
                    }
                };
                check();
            });
            return performance.now() - start;
        }
        """;

    /// <summary>
    /// A script that resolves when <paramref name="condition"/> (a JavaScript expression) holds, checked once
    /// per animation frame inside the page: one round trip to the browser per wait instead of Playwright's
    /// polling over CDP. The expression is part of the evaluated script, not eval'd: the app's CSP forbids eval.
    /// </summary>
    private static string WaitInPage(string condition) => $$"""
        () => new Promise((resolve, reject) => {
            const give = setTimeout(() => reject(new Error('the console did not update within 15 s')), 15000);
            const check = () => ({{condition}}) ? (clearTimeout(give), resolve()) : requestAnimationFrame(check);
            check();
        })
        """;

    private static readonly TimeSpan KeystrokeGap = TimeSpan.FromMilliseconds(150);

    public static async Task<AgentSession> OpenAsync(IBrowser browser, string baseUrl, string storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "ar-SA", StorageState = storageState });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new AgentSession(context, page);
        await page.GotoAsync("/");
        await session.ReadyAsync();
        await session.BlurAsync();
        return session;
    }

    /// <summary>Signs in through the real form once; the cookies are then shared by every session's context.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string user, string password)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "ar-SA" });
        await ConsoleBrowser.SignInAsync(await context.NewPageAsync(), user, password);
        return await context.StorageStateAsync();
    }

    /// <summary>
    /// Works until <paramref name="until"/>: queries typed key by key, each followed by opening a ticket. With a
    /// <paramref name="pace"/>, the agent thinks for it (± half, <see cref="Pacing.ThinkTime"/>) after each query's results
    /// are painted and after each ticket view, and starts at a random point of its first two thinks.
    /// </summary>
    public async Task<int> WorkAsync(DateTime until, TimeSpan pace, Random random, IReadOnlyList<string> tickets, SessionRecorders record)
    {
        var errors = 0;
        if (pace > TimeSpan.Zero)
            await ThinkAsync(Pacing.FirstThink(pace, random), until);
        while (DateTime.UtcNow < until)
        {
            try
            {
                await TypeQueryAsync(ApiScenarios.Queries[random.Next(ApiScenarios.Queries.Length)], until, record.Keystrokes);
                if (DateTime.UtcNow >= until)
                    break;
                Interlocked.Increment(ref record.Searches);
                if (tickets.Count == 0)
                    break;
                await ThinkAsync(Pacing.ThinkTime(pace, random), until);
                if (DateTime.UtcNow >= until)
                    break;
                record.Opens.Add(await page.EvaluateAsync<double>(OpenTicket, tickets[random.Next(tickets.Count)]));
                await ThinkAsync(pace > TimeSpan.Zero ? Pacing.ThinkTime(pace, random) : TimeSpan.FromMilliseconds(500), until);
                await page.EvaluateAsync("() => Blazor.navigateTo('/')");
                await ReadyAsync();
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                errors++;
                Console.Error.WriteLine($"  session: {ex.Message.Split('\n')[0]}");
                if (!await RecoverAsync())
                    return errors;
            }
        }
        return errors;
    }

    private async Task ThinkAsync(TimeSpan think, DateTime until)
    {
        var left = until - DateTime.UtcNow;
        if (think <= TimeSpan.Zero || left <= TimeSpan.Zero)
            return;
        await BlurAsync();
        await Task.Delay(think < left ? think : left);
    }

    /// <summary>
    /// A focused box's blinking caret repaints the page twice a second: on a real agent's machine that costs the agent's
    /// browser, here it would cost the shared cores. The console sends nothing on blur; typing focuses the box again.
    /// </summary>
    private Task BlurAsync() => page.EvaluateAsync("() => document.activeElement?.blur()");

    private async Task TypeQueryAsync(string query, DateTime until, LatencyRecorder keystrokes)
    {
        // Cleared by script, not by keys, so the clearing is not counted as a keystroke.
        await page.EvaluateAsync("() => { const i = document.getElementById('console-query'); i.focus(); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); }");
        await page.EvaluateAsync(WaitInPage("document.getElementById('console-results').dataset.query === ''"));
        await page.EvaluateAsync("() => { const m = window.__cdLatency; m.dom = []; m.paint = []; m.start = null; }");
        var typed = 0;
        foreach (var ch in query)
        {
            if (DateTime.UtcNow >= until)
                break;
            await page.Keyboard.TypeAsync(ch.ToString());
            typed++;
            await page.EvaluateAsync(WaitInPage($"window.__cdLatency.paint.length >= {typed}"));
            await Task.Delay(KeystrokeGap);
        }
        foreach (var ms in await page.EvaluateAsync<double[]>("() => window.__cdLatency.paint"))
            keystrokes.Add(ms);
    }

    /// <summary>Reloads the console after a failure; false when even that fails (the session then sits out the step).</summary>
    private async Task<bool> RecoverAsync()
    {
        try
        {
            await page.GotoAsync("/");
            await ReadyAsync();
            return true;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            Console.Error.WriteLine($"  session lost: {ex.Message.Split('\n')[0]}");
            return false;
        }
    }

    private async Task ReadyAsync()
    {
        // Keystrokes before the circuit answers would go nowhere; the console flags when it does.
        await page.Locator(".cd-console[data-interactive=true]").WaitForAsync();
        await page.EvaluateAsync(ConsoleBrowser.LatencyProbe);
    }

    public Task CloseAsync() => context.CloseAsync();
}
