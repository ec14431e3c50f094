using CareDesk.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>
/// Keystroke → rendered results, measured inside Chromium: from the keystroke's <c>keydown</c> or
/// <c>beforeinput</c> to the moment the results list carries that query (DOM updated), and to the next
/// animation frame after it (painted). Reports the numbers; asserts only that every keystroke rendered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleLatencyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Queries = ["استرداد رسوم التأشيرة", "رصيد المدفوعات", "refund delayed", "مساند 72 ساعة"];

    [Fact]
    public async Task TypeAhead_FiftyKeystrokes_EveryKeystrokeRendersItsResults()
    {
        var page = await fixture.OpenConsoleAsync();
        await Expect(page.SearchBox()).ToBeFocusedAsync();
        await page.EvaluateAsync(ConsoleBrowser.LatencyProbe);

        var typed = 0;
        foreach (var query in Queries)
        {
            // Cleared by script, not by keys, so the clearing is not counted as a keystroke.
            await page.EvaluateAsync("() => { const i = document.getElementById('console-query'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); }");
            await Expect(page.Results()).ToHaveAttributeAsync("data-query", "");
            foreach (var ch in query)
            {
                await page.Keyboard.TypeAsync(ch.ToString());
                typed++;
                await page.WaitForFunctionAsync("n => window.__cdLatency.paint.length >= n", typed);
            }
        }

        var dom = await page.EvaluateAsync<double[]>("() => window.__cdLatency.dom");
        var paint = await page.EvaluateAsync<double[]>("() => window.__cdLatency.paint");
        Assert.Equal(typed, paint.Length);
        Assert.True(typed >= 50);
        output.WriteLine($"keystrokes: {typed}");
        output.WriteLine($"DOM updated  median {Percentile(dom, 0.5):0.0} ms, p95 {Percentile(dom, 0.95):0.0} ms, max {dom.Max():0.0} ms");
        output.WriteLine($"next frame   median {Percentile(paint, 0.5):0.0} ms, p95 {Percentile(paint, 0.95):0.0} ms, max {paint.Max():0.0} ms");
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
