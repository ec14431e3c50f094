using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Documents;
using CareDesk.Testing;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CareDesk.BrowserTests;

/// <summary>
/// PostgreSQL stopped under a live agent console: the agent's circuit survives, the half-filled
/// form keeps its values, the message says so in Arabic and English, FAQ search goes on and its
/// articles open, and the same submit works once the database is back, opening the ticket exactly once.
/// </summary>
/// <remarks>
/// This test runs its own app process on a PostgreSQL it can stop (the shared fixture's app keeps its
/// private server), and borrows the fixture's Chromium.
/// </remarks>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleOutageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string Caller = "1045678909";

    [Fact]
    public async Task NewTicket_SubmittedWhileDatabaseDown_KeepsFormAndCircuitThenOpensOnceWhenBack()
    {
        await using var pg = await RestartablePostgres.StartAsync();
        var cs = await pg.CreateDatabaseAsync("ui_outage");
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = cs,
            // The circuit re-checks the session every 10 s (the floor): the outage below outlasts one check.
            ["CareDesk__Accounts__StampValidationInterval"] = "00:00:05",
            ["CareDesk__Accounts__SignInPermitsPerMinute"] = "1000",
        });
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, Locale = "ar-SA" });
        try
        {
            await RunAsync(context, pg, cs, app);
        }
        catch
        {
            output.WriteLine("app output:\n" + Tail(app.Output, 6000));
            throw;
        }
    }

    private async Task RunAsync(IBrowserContext context, RestartablePostgres pg, string cs, AppProcess app)
    {
        var phone = "05" + Random.Shared.Next(10_000_000, 99_999_999);
        var service = "تجديد جواز " + Guid.NewGuid().ToString("N")[..6];
        var paid = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd");

        var form = await context.NewPageAsync();
        await BrowserFixture.SignInAsRoleAsync(form, "Agent");
        await form.GotoAsync("/tickets/new?case_type=payment-not-reflected");
        await BrowserFixture.WaitInteractiveAsync(form);
        await Expect(form.Locator("#f-sadad_bill_number")).ToBeVisibleAsync();
        var fields = new (string Selector, string Value)[]
        {
            ("#caller-id", Caller), ("#caller-phone", phone), ("#f-beneficiary_id", Caller), ("#f-service", service),
            ("#f-amount", "300"), ("#f-payment_date", paid), ("#f-sadad_bill_number", "778899001"),
        };
        foreach (var (selector, value) in fields)
            await form.Locator(selector).FillAsync(value);

        var console = await context.NewPageAsync();
        await console.GotoAsync("/");
        await Expect(console.Locator(".cd-console[data-interactive=true]")).ToHaveCountAsync(1);

        await pg.StopAsync("immediate");
        var outage = Stopwatch.StartNew();

        var submit = form.GetByRole(AriaRole.Button, new() { Name = "فتح التذكرة" });
        await submit.ClickAsync();
        var alert = form.GetByTestId("db-alert");
        await Expect(alert).ToBeVisibleAsync();
        await Expect(alert).ToContainTextAsync("تعذّر الوصول إلى قاعدة البيانات");
        await Expect(alert).ToContainTextAsync("The database is unreachable right now");
        await Expect(alert).ToContainTextAsync("What you entered is kept");
        output.WriteLine($"outage message after {outage.Elapsed.TotalSeconds:F1} s");

        // Search runs on the in-memory index: results while the database is away (its log write waits in a queue).
        var query = "سداد";
        await console.Locator("#console-query").FillAsync(query);
        await Expect(console.Locator("#console-results [role=option]").First).ToBeVisibleAsync();
        Assert.True(await console.Locator("#console-results [role=option]").CountAsync() > 0);
        // Opening an article needs no database either: it comes from the snapshot built with the index.
        var opened = PublishedFaq(await console.Locator("#hit-0 .cd-hit-title").InnerTextAsync());
        await console.Locator("#console-query").PressAsync("Enter");
        var article = console.Locator("article.cd-article");
        await Expect(article.Locator("#article-title")).ToHaveTextAsync(opened.TitleAr);
        await Expect(article.Locator(".cd-article-short")).ToContainTextAsync(AnswerOpening(opened));
        await Expect(console.GetByTestId("db-alert")).ToHaveCountAsync(0);
        await Expect(console.Locator("#console-results [role=option]").First).ToBeVisibleAsync();
        output.WriteLine($"opened {opened.Id} during the outage");

        // Outlast one session re-check of the circuit (10 s): it must not sign the agent out.
        var hold = TimeSpan.FromSeconds(12) - outage.Elapsed;
        if (hold > TimeSpan.Zero)
            await Task.Delay(hold);
        await submit.ClickAsync();
        await Expect(alert).ToBeVisibleAsync();
        foreach (var p in new[] { form, console })
        {
            Assert.EndsWith(p == form ? "/tickets/new?case_type=payment-not-reflected" : "/", p.Url);
            await Expect(p.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await Expect(p.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
            await Expect(p.GetByTestId("page-error")).ToHaveCountAsync(0);
            await Expect(p.GetByTestId("signed-in-user")).ToBeVisibleAsync();
        }
        foreach (var (selector, value) in fields)
            await Expect(form.Locator(selector)).ToHaveValueAsync(value);
        Assert.False(app.HasExited);

        // The article page shows the published revision from the snapshot too, and says the rest waits for the database.
        await console.EvaluateAsync($"Blazor.navigateTo('/knowledge/article?id={opened.Id}')");
        await Expect(console.GetByTestId("revision-view")).ToContainTextAsync(AnswerOpening(opened));
        await Expect(console.GetByTestId("db-alert")).ToContainTextAsync("History, review and editing come back with the database");
        await Expect(console.GetByTestId("page-error")).ToHaveCountAsync(0);

        // The last resort: a page that cannot load inside the live circuit shows the layout's bilingual
        // message with a retry, instead of the reload bar.
        await console.EvaluateAsync("Blazor.navigateTo('/tickets')");
        var pageError = console.GetByTestId("page-error");
        await Expect(pageError).ToContainTextAsync("قاعدة البيانات غير متاحة");
        await Expect(pageError).ToContainTextAsync("the database is unavailable right now");
        await Expect(console.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(console.GetByTestId("signed-in-user")).ToBeVisibleAsync();

        await pg.StartAgainAsync();
        output.WriteLine($"database down for {outage.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(0, await CountTicketsAsync(cs, phone));
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(30));

        // The same form, the same button: the retry.
        await submit.ClickAsync();
        await Expect(form).ToHaveURLAsync(new Regex("/tickets/CD-"));
        var number = form.Url[(form.Url.LastIndexOf('/') + 1)..];
        await using (var conn = new NpgsqlConnection(cs))
        {
            var tickets = (await conn.QueryAsync<(string Number, string Service)>(
                "SELECT number, details->>'service' FROM tickets WHERE caller_phone = @phone", new { phone })).ToList();
            Assert.Equal([(number, service)], tickets);
        }

        // The failed page's retry loads it in the same circuit, with the ticket just opened.
        await pageError.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(console.GetByRole(AriaRole.Heading, new() { Name = "التذاكر", Level = 1 })).ToBeVisibleAsync();
        await Expect(console.GetByTestId("my-tickets")).ToContainTextAsync(number);

        // The search made during the outage, and the article opened from it, are logged once the database
        // is back (the queue retries within 10 s).
        var logged = Stopwatch.StartNew();
        const string Opened = "SELECT count(*) FROM search_log WHERE query = @query AND source = 'console' AND chosen_article = @id";
        while (await CountAsync(cs, Opened, new { query, id = opened.Id }) == 0)
        {
            Assert.True(logged.Elapsed < TimeSpan.FromSeconds(30), "the search and open made during the outage were not logged within 30 s of the restart");
            await Task.Delay(250);
        }
        output.WriteLine($"outage search and open logged {logged.Elapsed.TotalSeconds:F1} s after the app was healthy again");
    }

    // The seed import publishes content/faq as it is: the file is what the console should show.
    private static FaqArticle PublishedFaq(string titleAr) =>
        FaqContentLoader.LoadDirectory(Path.Combine(TestPaths.RepoRoot, "content", "faq")).Articles.Single(a => a.TitleAr == titleAr.Trim());

    // The first words of the short answer as the agent reads them (Markdown rendered, tags stripped).
    private static string AnswerOpening(FaqArticle article)
    {
        var html = RenderedBody.From(article.Body).ShortAnswerHtml ?? "";
        var text = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(6));
    }

    private static Task<long> CountTicketsAsync(string cs, string phone) =>
        CountAsync(cs, "SELECT count(*) FROM tickets WHERE caller_phone = @phone", new { phone });

    private static async Task<long> CountAsync(string cs, string sql, object args)
    {
        await using var conn = new NpgsqlConnection(cs);
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }

    private static string Tail(string text, int chars) => text.Length <= chars ? text : text[^chars..];
}
