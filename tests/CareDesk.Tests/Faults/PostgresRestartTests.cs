using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Testing;
using Npgsql;
using Xunit.Abstractions;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Faults;

/// <summary>
/// PostgreSQL stopped under the running app and started again: meanwhile /health says unhealthy and
/// requests fail quickly with a clean bilingual answer; afterwards the same process serves again and
/// its LISTEN connections are back (a publish and a ticket event after the outage reach this node).
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    /// <summary>Longest a request may take while the database is down (a hang is a failure too).</summary>
    private static readonly TimeSpan OutageAnswer = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("immediate")]
    [InlineData("fast")]
    public async Task PostgresRestart_UnderRunningApp_FailsCleanlyThenRecoversWithoutAppRestart(string mode)
    {
        await using var pg = await RestartablePostgres.StartAsync();
        var cs = await pg.CreateDatabaseAsync("restart");
        // The outbox is drained on its timer only every 10 minutes here: a message delivered sooner
        // was delivered because the ticket listener heard its NOTIFY.
        await using var app = await AppProcess.StartAsync(FaultKit.Settings(cs, ("CareDesk__Tickets__OutboxInterval", "00:10:00")));
        var (_, secret) = await FaultKit.NewKeyAsync(cs);
        using var api = FaultKit.Client(app.BaseUrl, secret, OutageAnswer);
        var agent = DemoAccounts.For("Agent");
        using var console = await HttpSignIn.SignedInClientAsync(app.BaseUrl, agent.UserName, agent.Password);
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = OutageAnswer };
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/")).StatusCode);
        Assert.NotEmpty(await FaultKit.SearchIdsAsync(api, "سداد"));

        using var signIn = HttpSignIn.NewClient(app.BaseUrl);
        var signInToken = await HttpSignIn.FormTokenAsync(signIn);

        await pg.StopAsync(mode);
        var outage = Stopwatch.StartNew();

        await FaultKit.WaitUntilAsync(async () => (await anonymous.GetAsync("/health")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(10), "/health turning 503");
        using (var health = await anonymous.GetAsync("/health"))
        {
            var json = await health.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("unhealthy", json.GetProperty("status").GetString());
            Assert.False(json.GetProperty("database").GetProperty("reachable").GetBoolean());
            Assert.Contains(new NpgsqlConnectionStringBuilder(cs).Database!, json.GetProperty("database").GetProperty("name").GetString());
        }
        await AssertCleanFailureAsync(() => api.GetAsync("/api/faq/search?q=" + Uri.EscapeDataString("سداد")), problemDetails: true);
        await AssertCleanFailureAsync(() => api.SendAsync(FaultKit.Post(FaultKit.Body("0511111111"), "during-outage")), problemDetails: true);
        await AssertCleanFailureAsync(() => console.GetAsync("/tickets"), problemDetails: false);
        await AssertCleanFailureAsync(() => HttpSignIn.PostAsync(signIn, agent.UserName, agent.Password, signInToken), problemDetails: false);
        // The console's shell needs no database (search runs on the in-memory index): up, or a clean 503.
        using (var shell = await console.GetAsync("/"))
        {
            Assert.True(shell.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, shell.StatusCode.ToString());
            Assert.DoesNotContain("   at ", await shell.Content.ReadAsStringAsync());
        }
        Assert.False(app.HasExited);

        await pg.StartAgainAsync();
        output.WriteLine($"database down for {outage.Elapsed.TotalSeconds:F1} s ({mode})");
        var healthy = await FaultKit.WaitUntilAsync(async () => (await anonymous.GetAsync("/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "/health healthy again");
        var listening = await FaultKit.WaitUntilAsync(async () => ListenersUp(await anonymous.GetFromJsonAsync<JsonElement>("/health")),
            TimeSpan.FromSeconds(45), "both listeners subscribed again");
        output.WriteLine($"healthy {healthy.TotalSeconds:F1} s and listening {listening.TotalSeconds:F1} s after the restart");

        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync("/")).StatusCode);
        Assert.NotEmpty(await FaultKit.SearchIdsAsync(api, "سداد"));
        using (var created = await api.SendAsync(FaultKit.Post(FaultKit.Body("0522222222"), "after-outage")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var number = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
            var delivered = await FaultKit.WaitUntilAsync(async () => await FaultKit.CountAsync(cs, """
                SELECT count(*) FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.number = @Number AND o.dispatched_at IS NOT NULL
                """, new { Number = number }) == 1, TimeSpan.FromSeconds(15), "the new ticket's outbox message delivered on its NOTIFY");
            output.WriteLine($"ticket NOTIFY heard after {delivered.TotalMilliseconds:F0} ms");
        }

        var marker = "faultmark" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        await using (var data = NpgsqlDataSource.Create(cs))
            await PublishNewAsync(new ArticleWorkflow(data, new AuditLog(data)), Article(extraBodyLine: marker));
        var found = await FaultKit.WaitUntilAsync(async () => (await FaultKit.SearchIdsAsync(api, marker)).Count == 1, TimeSpan.FromSeconds(15),
            "an article published after the outage found by this node's search");
        output.WriteLine($"kb_changed heard after {found.TotalMilliseconds:F0} ms");
    }

    private static bool ListenersUp(JsonElement health) =>
        health.GetProperty("search").GetProperty("listening").GetBoolean() && health.GetProperty("live").GetProperty("listening").GetBoolean()
        && health.GetProperty("reference").GetProperty("listening").GetBoolean();

    /// <summary>The request is answered within the bound with 503 and a bilingual message, not a stack trace.</summary>
    private static async Task AssertCleanFailureAsync(Func<Task<HttpResponseMessage>> send, bool problemDetails)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        Assert.True(clock.Elapsed < OutageAnswer, $"answered after {clock.Elapsed}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text[..Math.Min(text.Length, 400)]}");
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Matches("[\u0600-\u06FF]", text);
        Assert.Contains("database", text, StringComparison.OrdinalIgnoreCase);
        if (problemDetails)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
            Assert.Matches("[\u0600-\u06FF]", problem.GetProperty("title_ar").GetString());
        }
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
