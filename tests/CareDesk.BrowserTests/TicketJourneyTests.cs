using System.Text.RegularExpressions;
using CareDesk.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>A case across agencies: the 19990 agent opens it, the liaison works it live, the agent calls back.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TicketJourneyTests(BrowserFixture fixture)
{
    private static async Task<IPage> SignedInAsync(BrowserFixture fixture, DemoAccounts.Account account)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.Locator("#username").FillAsync(account.UserName);
        await page.Locator("#password").FillAsync(account.Password);
        await page.GetByTestId("signin-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"));
        return page;
    }

    /// <summary>Waits until the page's circuit is interactive, by repeating an input until the page reacts to it.</summary>
    private static async Task UntilInteractiveAsync(Func<Task> act, ILocator reaction)
    {
        for (var i = 0; i < 40; i++)
        {
            await act();
            try
            {
                await Expect(reaction).ToBeVisibleAsync(new() { Timeout = 500 });
                return;
            }
            catch (PlaywrightException)
            {
            }
        }
        await Expect(reaction).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AgentOpensTicket_LiaisonSeesItLiveVerifiesAndResolves_AgentGetsTheCallBack()
    {
        var agent = await SignedInAsync(fixture, DemoAccounts.For("Agent"));
        var liaison = await SignedInAsync(fixture, DemoAccounts.For("Liaison", "MOF"));
        await liaison.GotoAsync("/inbox");
        await Expect(liaison.GetByRole(AriaRole.Heading, new() { Name = "صندوق ضابط الاتصال", Level = 1 })).ToBeVisibleAsync();
        await liaison.WaitForFunctionAsync("() => window.Blazor !== undefined");

        await agent.GotoAsync("/tickets/new");
        await UntilInteractiveAsync(() => agent.Locator("#case-type").SelectOptionAsync("payment-not-reflected"), agent.Locator("#caller-id"));
        await agent.Locator("#caller-id").FillAsync("1045678900");
        await agent.Locator("#f-beneficiary_id").FillAsync("2345678912");
        await agent.Locator("#f-service").FillAsync("تجديد إقامة");
        await agent.Locator("#f-amount").FillAsync("650");
        await agent.Locator("#f-payment_date").FillAsync("2026-10-01");
        await agent.Locator("#f-sadad_bill_number").FillAsync("10020030040");
        await agent.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).ClickAsync();

        await Expect(agent.Locator("[data-field=caller_national_id]")).ToHaveTextAsync("رقم الهوية أو الإقامة غير صحيح (رقم التحقق لا يطابق).");
        await Expect(agent).ToHaveURLAsync(new Regex("/tickets/new$"));

        await agent.Locator("#caller-id").FillAsync("1045678909");
        await agent.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).ClickAsync();
        await Expect(agent).ToHaveURLAsync(TicketUrl());
        var number = TicketUrl().Match(agent.Url).Groups[1].Value;
        await Expect(agent.GetByTestId("stage-due")).ToContainTextAsync("هـ");

        var row = liaison.GetByTestId("inbox-row").Filter(new() { HasText = number });
        await Expect(row).ToBeVisibleAsync();

        await agent.GotoAsync("/tickets");
        await Expect(agent.GetByTestId("callbacks")).ToContainTextAsync("لا توجد اتصالات متابعة مطلوبة.");

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(liaison.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(number);
        await liaison.Locator("#v-payment").FillAsync("2026-10-01T09:15");
        await liaison.Locator("#v-channel").SelectOptionAsync("SADAD");
        await liaison.Locator("#v-refunded").FillAsync("2026-10-20");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "حفظ بيانات التحقق" }).ClickAsync();
        await Expect(liaison.GetByTestId("ticket-message")).ToHaveTextAsync("حُفظت بيانات التحقق.");
        await Expect(liaison.GetByTestId("verification")).ToContainTextAsync("سداد");

        await liaison.Locator("#resolve-note").FillAsync("انعكس السداد بعد التحقق من بيانات سداد.");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "حل التذكرة" }).ClickAsync();
        await Expect(liaison.GetByTestId("ticket-status")).ToContainTextAsync("محلولة");
        await Expect(liaison.GetByTestId("history")).ToContainTextAsync("أُضيفت بيانات تحقق");

        var callback = agent.GetByTestId("callback").Filter(new() { HasText = number });
        await Expect(callback).ToBeVisibleAsync();
        await callback.GetByRole(AriaRole.Button, new() { Name = "تم الاتصال" }).ClickAsync();
        await Expect(callback).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/tickets/(CD-\d{4}-\d{6})$")]
    private static partial Regex TicketUrl();
}
