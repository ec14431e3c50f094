using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>Working a ticket from its page: an action button pressed twice makes its change once and says it is saved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TicketActionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TicketAction_NoteButtonDoubleClicked_AddsOneNote()
    {
        var page = await fixture.NewSignedInPageAsync("Agent");
        var number = await page.OpenGeneralInquiryAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        var text = "ملاحظة " + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("#note-text").FillAsync(text);

        // Both clicks leave before the page can answer the first one.
        await page.GetByRole(AriaRole.Button, new() { Name = "إضافة الملاحظة" }).DblClickAsync();

        var message = page.GetByTestId("ticket-message");
        await Expect(message).ToHaveClassAsync("cd-ok");
        await Expect(message).Not.ToContainTextAsync("عدّل شخص آخر");
        var notes = page.GetByTestId("history").Locator("li", new() { HasText = text });
        await Expect(notes).ToHaveCountAsync(1);
        // The history as the database has it, not as this page kept it.
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(notes).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Notifications_NewTicketForTheAgency_ShowsUnreadUntilMarkedRead()
    {
        var liaison = await fixture.NewSignedInPageAsync("Liaison");
        await liaison.GotoAsync("/inbox");
        await BrowserFixture.WaitInteractiveAsync(liaison);
        var agent = await fixture.NewSignedInPageAsync("Agent");

        var number = await agent.OpenGeneralInquiryAsync();

        // Delivered live to the agency's inbox, marked as new.
        var panel = liaison.GetByTestId("notifications");
        var notice = panel.Locator("li", new() { HasText = number });
        await Expect(notice).ToHaveClassAsync("cd-unread");
        await Expect(panel.GetByTestId("notifications-unread")).ToBeVisibleAsync();

        await panel.GetByRole(AriaRole.Button, new() { Name = "تعليم الكل كمقروء" }).ClickAsync();

        await Expect(notice).Not.ToHaveClassAsync("cd-unread");
        await Expect(panel.GetByTestId("notifications-unread")).ToHaveCountAsync(0);
        // Read is stored, not a page state.
        await liaison.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(liaison);
        await Expect(liaison.GetByTestId("notifications").Locator("li", new() { HasText = number })).Not.ToHaveClassAsync("cd-unread");
    }
}
