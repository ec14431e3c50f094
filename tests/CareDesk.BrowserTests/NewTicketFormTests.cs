using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The agent describing a case: articles that may answer it, and the caller's open ticket of the same type.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NewTicketFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task NewTicket_DescriptionTypedAndCallerHasOpenTicket_SuggestsArticlesAndWarns()
    {
        // A caller of this test only (valid check digit), with one open general inquiry.
        const string caller = "1000000107";
        var page = await fixture.NewSignedInPageAsync("Agent");
        await page.GotoAsync("/tickets/new?case_type=general-inquiry&caller=" + caller);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("#caller-id")).ToHaveValueAsync(caller);
        await page.Locator("#f-subject").FillAsync("استفسار عن الرصيد");
        await page.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/CD-"));
        var number = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.GotoAsync("/tickets/new?case_type=general-inquiry&caller=" + caller);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("open-ticket-warning")).ToContainTextAsync(number);

        await page.Locator("#f-details").PressSequentiallyAsync("متى ترجع رسوم التأشيرة بعد الالغاء");
        var suggestions = page.GetByTestId("article-suggestions").GetByRole(AriaRole.Link);
        await Expect(suggestions.First).ToBeVisibleAsync();
        Assert.InRange(await suggestions.CountAsync(), 1, 3);
    }

    [Fact]
    public async Task NewTicket_SubmitDoubleClicked_OpensOneTicket()
    {
        var caller = TicketPages.FreshCallerId();
        var page = await fixture.NewSignedInPageAsync("Agent");
        await page.GotoAsync("/tickets/new?case_type=general-inquiry&caller=" + caller);
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("#caller-id")).ToHaveValueAsync(caller);
        await page.Locator("#f-subject").FillAsync("استفسار عن الرصيد");
        // Both clicks leave before the disabled button can come back from the server.
        await page.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).DblClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/CD-"));
        var number = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.GotoAsync("/?caller=" + caller);
        var history = page.GetByTestId("caller-history").Locator("tbody tr");
        await Expect(history.First).ToContainTextAsync(number);
        Assert.Equal(1, await history.CountAsync());

        // What the form shows when a retry found the ticket its key had opened.
        await page.GotoAsync($"/tickets/{number}?already-opened=true");
        await Expect(page.GetByTestId("already-opened")).ToContainTextAsync(number);
    }
}
