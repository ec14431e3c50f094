using System.Text.RegularExpressions;
using CareDesk.Features.Accounts;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Documents;
using CareDesk.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>The agent console's journeys: find and open an answer, work out a visa refund date, identify the caller.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Search_InEnglish_ShowsEachHitsEnglishTitleAndOpensIt()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Agent);
        await page.GotoAsync("/");
        await page.GetByTestId("language-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.Locator("#console-query").PressSequentiallyAsync("استرداد رسوم التأشيرة");
        var first = page.Locator("#hit-0 .cd-hit-title");
        await Expect(first).ToBeVisibleAsync();
        var shown = (await first.InnerTextAsync()).Trim();
        var faq = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq")).Articles;
        Assert.Contains(faq, a => a.TitleEn == shown);
        Assert.DoesNotContain(faq, a => a.TitleAr == shown);

        await page.Locator("#console-query").PressAsync("Enter");
        await Expect(page.Locator("article.cd-article #article-title")).ToHaveTextAsync(shown);
    }

    [Fact]
    public async Task SearchAndOpenArticle_TypeArrowEnter_ShowsAnswerWithRuleReplyAndFeedback()
    {
        var page = await fixture.OpenConsoleAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var search = page.SearchBox();
        await Expect(search).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("استرداد رسوم التأشيرة");

        var options = page.Results().GetByRole(AriaRole.Option);
        await Expect(options.First).ToBeVisibleAsync();
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Results().Locator("mark").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        var title = await options.Nth(1).Locator(".cd-hit-title").InnerTextAsync();
        await page.Keyboard.PressAsync("Enter");

        var article = page.GetByRole(AriaRole.Article);
        await Expect(article.GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();
        await Expect(article.GetByRole(AriaRole.Heading, new() { Name = "الإجابة المختصرة" })).ToBeVisibleAsync();
        await Expect(article.GetByRole(AriaRole.Complementary, new() { Name = "القاعدة" })).ToContainTextAsync("المهلة");
        await Expect(article.GetByRole(AriaRole.Heading, new() { Name = "المصادر" })).ToBeVisibleAsync();
        await Expect(article.GetByTestId("article-reviewed")).ToContainTextAsync("الإصدار 1");

        await article.GetByRole(AriaRole.Button, new() { Name = "نسخ الرد" }).ClickAsync();
        await Expect(article.GetByText("نُسخ الرد.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var shown = await article.Locator(".cd-reply-text").InnerTextAsync();
        Assert.True(copied.Length > 20, copied);
        Assert.False(copied.StartsWith('>'), copied);
        Assert.Contains(copied[..20], shown);

        await article.GetByRole(AriaRole.Button, new() { Name = "مفيدة", Exact = true }).ClickAsync();
        await Expect(article.GetByRole(AriaRole.Status).Filter(new() { HasText = "شكراً" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SearchFilter_CaseTypeChosen_OnlyThatCaseTypesArticlesRemain()
    {
        var preSadad = FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq")).Articles
            .Where(a => a.CaseTypes.Contains("pre-sadad-refund")).Select(a => a.TitleAr).ToArray();
        const string AllOf = "titles => { const t = [...document.querySelectorAll('#console-results .cd-hit-title')].map(e => e.textContent); return t.length > 0 && t.every(x => titles.includes(x)); }";
        var page = await fixture.OpenConsoleAsync();
        await page.SearchBox().FillAsync("رسوم");
        await Expect(page.Results().GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        Assert.False(await page.EvaluateAsync<bool>(AllOf, preSadad));

        await page.GetByLabel("نوع الحالة").SelectOptionAsync("pre-sadad-refund");

        await page.WaitForFunctionAsync(AllOf, preSadad);
    }

    [Fact]
    public async Task VisaGuide_AcceptedSundayCancelledWednesday_ShowsMofaDateHijriGregorianAndOffersTicket()
    {
        var page = await fixture.OpenConsoleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "إلغاء تأشيرة مساند واسترداد رسومها" }).ClickAsync();
        await page.GetByLabel("متى قُبلت التأشيرة في مساند؟").FillAsync("2026-11-01T10:00");
        await page.GetByLabel("متى أُلغيت؟").FillAsync("2026-11-04T11:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "احسب النتيجة" }).ClickAsync();

        // 73 hours → MOFA within 15 calendar days of the cancellation: Thursday 19 November 2026, 11:00 —
        // already past on this run's clock, so the console says so and offers the ticket.
        var outcome = page.GetByTestId("guide-outcome");
        var expected = SaudiDateFormatter.FormatAr(new DateTimeOffset(2026, 11, 19, 11, 0, 0, TimeSpan.FromHours(3)));
        await Expect(outcome.GetByTestId("expected-by")).ToHaveTextAsync(expected);
        await Expect(outcome).ToContainTextAsync("جمادى الآخرة 1448هـ");
        await Expect(outcome).ToContainTextAsync("وزارة الخارجية");
        await Expect(outcome.GetByRole(AriaRole.Alert)).ToContainTextAsync("انقضت المهلة");
        await Expect(outcome.GetByTestId("ticket-offer")).ToContainTextAsync("استرداد رسوم التأشيرة");

        await outcome.GetByRole(AriaRole.Button, new() { Name = "افتح المقالة" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article).GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToContainTextAsync("15 يوماً");
    }

    [Fact]
    public async Task ScreenPop_ValidCallerThenInvalidCaller_PanelFilledThenValidationMessage()
    {
        var page = await fixture.NewSignedInPageAsync(Roles.Agent);

        await page.GotoAsync("/calls/new?caller=1234567897");
        await Expect(page.GetByTestId("caller-masked")).ToHaveTextAsync("1••••••897");
        await Expect(page.GetByText("1234567897")).ToHaveCountAsync(0);

        await page.GotoAsync("/calls/new?caller=1234567890");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "رقم التحقق" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("رقم الهوية الوطنية أو الإقامة")).ToHaveValueAsync("1234567890");
    }

    [Fact]
    public async Task CallerId_WrongCheckDigitThenValid_RejectedWithMessageThenShownMasked()
    {
        var page = await fixture.OpenConsoleAsync();
        var id = page.GetByLabel("رقم الهوية الوطنية أو الإقامة");

        await id.FillAsync("1234567890");
        await page.GetByRole(AriaRole.Button, new() { Name = "تحقق" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "رقم التحقق" }))
            .ToHaveTextAsync("رقم الهوية غير صحيح: رقم التحقق الأخير لا يطابق. تأكد من الأرقام مع المتصل.");
        await Expect(id).ToHaveAttributeAsync("aria-invalid", "true");

        await id.FillAsync("1234567897");
        await id.PressAsync("Enter");

        await Expect(page.GetByTestId("caller-masked")).ToHaveTextAsync("1••••••897");
        await Expect(page.GetByText("مواطن", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("1234567897")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnswerWithoutTicket_CallerSearchOpenClose_RecordsFirstContactResolutionWithRevision()
    {
        var page = await fixture.OpenConsoleAsync();
        await page.GetByLabel("رقم الهوية الوطنية أو الإقامة").FillAsync("2000000006");
        await page.GetByRole(AriaRole.Button, new() { Name = "تحقق" }).ClickAsync();
        await Expect(page.GetByTestId("caller-masked")).ToHaveTextAsync("2••••••006");

        await page.SearchBox().FillAsync("كيف أسترد رصيد المدفوعات الحكومية من البنك");
        var first = page.Results().GetByRole(AriaRole.Option).First;
        var title = await first.Locator(".cd-hit-title").InnerTextAsync();
        await page.SearchBox().PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Article).GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "أُغلقت المكالمة دون تذكرة" }).ClickAsync();

        await Expect(page.GetByTestId("resolved")).ToHaveTextAsync($"سُجّل حلاً من أول اتصال: «{title}» — الإصدار 1.");
        await Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("رقم الهوية الوطنية أو الإقامة")).ToBeEmptyAsync();
        await Expect(page.SearchBox()).ToBeFocusedAsync();
    }

    [Fact]
    public async Task TicketFromConsole_OpenedThenCallerIdentifiedAgain_FoundInHistoryAndGuideWarnsOfIt()
    {
        const string Caller = "1112223332";
        var page = await fixture.OpenConsoleAsync();
        await page.GetByLabel("رقم الهوية الوطنية أو الإقامة").FillAsync(Caller);
        await page.GetByRole(AriaRole.Button, new() { Name = "تحقق" }).ClickAsync();
        var history = page.GetByRole(AriaRole.Region, new() { Name = "تذاكر المتصل" });
        await Expect(history).ToContainTextAsync("لا توجد تذاكر سابقة أو مفتوحة لهذا المتصل.");

        await history.GetByRole(AriaRole.Link, new() { Name = "فتح تذكرة" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tickets/new$"));
        // The link navigates inside the console's live circuit, so the form answers at once.
        await page.Locator("#case-type").SelectOptionAsync("payment-not-reflected");
        await Expect(page.Locator("#caller-id")).ToBeVisibleAsync();
        await page.Locator("#caller-id").FillAsync(Caller);
        await page.Locator("#f-beneficiary_id").FillAsync(Caller);
        await page.Locator("#f-service").FillAsync("تجديد إقامة");
        await page.Locator("#f-amount").FillAsync("650");
        await page.Locator("#f-payment_date").FillAsync("2026-10-01");
        await page.Locator("#f-sadad_bill_number").FillAsync("10020030040");
        await page.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/tickets/(CD-[0-9-]+)$"));
        var number = new Regex("/tickets/(CD-[0-9-]+)$").Match(page.Url).Groups[1].Value;

        await page.GotoAsync("/");
        await Expect(page.Locator(".cd-console[data-interactive=true]")).ToHaveCountAsync(1);
        await page.GetByLabel("رقم الهوية الوطنية أو الإقامة").FillAsync(Caller);
        await page.GetByRole(AriaRole.Button, new() { Name = "تحقق" }).ClickAsync();

        var row = history.GetByRole(AriaRole.Row).Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("مفتوحة");
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = number })).ToHaveAttributeAsync("href", $"tickets/{number}");

        await page.GetByRole(AriaRole.Button, new() { Name = "سداد لم ينعكس" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "هل خُصم المبلغ من حساب المتصل؟" }).GetByLabel("نعم").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "هل لديه إثبات السداد (الإيصال أو رقم فاتورة سداد)؟" }).GetByLabel("نعم").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "احسب النتيجة" }).ClickAsync();
        await Expect(page.GetByTestId("ticket-offer")).ToContainTextAsync($"لدى المتصل تذكرة مفتوحة من هذا النوع ({number})");
    }
}
