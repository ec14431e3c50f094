using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>Tickets of a test's own: a caller no other test uses, and a ticket opened for it through the form.</summary>
internal static partial class TicketPages
{
    /// <summary>A valid ID (Luhn check digit) no other test uses, so the caller's history holds this test's tickets only.</summary>
    public static string FreshCallerId()
    {
        var stem = "1" + Random.Shared.Next(10_000_000, 100_000_000);
        return Enumerable.Range(0, 10).Select(d => stem + d)
            .First(id => CareDesk.Knowledge.Callers.NationalId.TryParse(id, out _, out _));
    }

    /// <summary>Opens a general inquiry for a fresh caller from the agent's form; the page is left on the ticket, its number returned.</summary>
    public static async Task<string> OpenGeneralInquiryAsync(this IPage agent)
    {
        await agent.GotoAsync("/tickets/new?case_type=general-inquiry&caller=" + FreshCallerId());
        await BrowserFixture.WaitInteractiveAsync(agent);
        await Expect(agent.Locator("#f-subject")).ToBeVisibleAsync();
        await agent.Locator("#f-subject").FillAsync("استفسار عن الرصيد");
        await agent.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(TicketUrl());
        return TicketUrl().Match(agent.Url).Groups[1].Value;
    }

    [GeneratedRegex(@"/tickets/(CD-\d{4}-\d{6})$")]
    private static partial Regex TicketUrl();
}
