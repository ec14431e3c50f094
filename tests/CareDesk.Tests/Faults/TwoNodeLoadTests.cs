using CareDesk.Features.Reference;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Tickets;
using CareDesk.Knowledge.Calendar;
using CareDesk.Testing;
using CareDesk.Tests.Tickets;
using Dapper;
using Npgsql;
using Xunit.Abstractions;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Faults;

/// <summary>
/// Two app processes on one database, both sweeping for escalations every half second, under
/// concurrent intake (through both nodes' API) and concurrent updates racing the sweepers and each
/// other: no escalation twice, no update lost, conflicts refused, and both nodes' search index
/// follows publishes. The app has no HTTP surface for ticket updates other than the Blazor circuit,
/// so updates go through <see cref="TicketCommands"/> from this process, one data source per node
/// as the app's nodes hold one each — the guard they test (the version in the UPDATE's WHERE) lives
/// in the database, shared by all writers.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TwoNodeLoadTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int ClientsPerNode = 3;
    private const int TicketsPerClient = 8;

    [Fact]
    public async Task TwoNodes_UnderIntakeUpdatesAndSweeps_NoDuplicateEscalationNoLostUpdateSearchInStep()
    {
        var cs = await postgres.CreateDatabaseAsync("twonode");
        var settings = FaultKit.Settings(cs, ("CareDesk__Tickets__EscalationInterval", "00:00:00.5"));
        var nodes = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        await using var nodeA = NpgsqlDataSource.Create(cs);
        await using var nodeB = NpgsqlDataSource.Create(cs);
        try
        {
            var (integration, secret) = await FaultKit.NewKeyAsync(cs);
            var apis = nodes.Select(n => FaultKit.Client(n.BaseUrl, secret)).ToArray();

            // Intake on both nodes at once; every request retried once through the other node.
            var numbers = new ConcurrentDictionary<string, string>();
            await Task.WhenAll(Enumerable.Range(0, ClientsPerNode * 2).Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < TicketsPerClient; i++)
                {
                    var key = $"two-{c}-{i}";
                    var body = FaultKit.Body($"05{c}{i:D7}");
                    numbers[key] = await NumberAsync(apis[c % 2].SendAsync(FaultKit.Post(body, key)), HttpStatusCode.Created);
                    Assert.Equal(numbers[key], await NumberAsync(apis[(c + 1) % 2].SendAsync(FaultKit.Post(body, key)), HttpStatusCode.OK));
                }
            })));
            var total = ClientsPerNode * 2 * TicketsPerClient;
            Assert.Equal(total, numbers.Values.Distinct().Count());
            await using (var conn = new NpgsqlConnection(cs))
                Assert.Empty(await FaultKit.HalfWrittenTicketsAsync(conn, integration));

            List<long> ids;
            await using (var conn = await nodeA.OpenConnectionAsync())
                ids = (await conn.QueryAsync<long>("SELECT id FROM tickets ORDER BY id")).ToList();
            Assert.Equal(total, ids.Count);
            var overdue = ids.Where((_, i) => i % 2 == 0).ToList();
            // The deadline is working days away; the test moves half the deadlines into the past instead of the clock.
            await using (var conn = await nodeA.OpenConnectionAsync())
                await conn.ExecuteAsync("UPDATE tickets SET stage_due = now() - interval '1 minute' WHERE id = ANY(@Ids)", new { Ids = overdue });

            // Updates from two writers racing each other and both nodes' sweepers; publishes meanwhile.
            var acknowledged = new ConcurrentBag<string>();
            var refused = new ConcurrentBag<string>();
            var updates = Task.WhenAll(new[] { nodeA, nodeB }.Select((data, w) => Task.Run(() => UpdateAllAsync(data, ids, w, acknowledged, refused))));
            var publishes = PublishWhileLoadedAsync(cs, apis);
            var staleRace = StaleWritesAsync(nodeA, nodeB, ids.Take(10).ToList(), acknowledged, refused);
            await Task.WhenAll(updates, publishes, staleRace).WaitAsync(TimeSpan.FromSeconds(90));
            var (staleOk, staleRefused) = await staleRace;
            Assert.Equal(10, staleOk);
            Assert.Equal(10, staleRefused);

            var swept = await FaultKit.WaitUntilAsync(async () => await FaultKit.CountAsync(cs, "SELECT count(*) FROM ticket_events WHERE kind = 'escalated'") >= overdue.Count,
                TimeSpan.FromSeconds(20), "every overdue ticket escalated");
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // three more sweep intervals on each node, to give a duplicate the chance to appear
            Assert.Equal(overdue.Count, await FaultKit.CountAsync(cs, "SELECT count(*) FROM ticket_events WHERE kind = 'escalated'"));
            Assert.Equal(overdue.Count, await FaultKit.CountAsync(cs, "SELECT count(DISTINCT ticket_id) FROM ticket_events WHERE kind = 'escalated' AND ticket_id = ANY(@Ids)", new { Ids = overdue }));
            Assert.Equal(overdue.Count * 2, await FaultKit.CountAsync(cs, "SELECT count(*) FROM outbox WHERE payload->>'kind' = 'escalated'"));

            await using (var conn = new NpgsqlConnection(cs))
            {
                var notes = (await conn.QueryAsync<string>("SELECT data->>'text' FROM ticket_events WHERE kind = 'note'")).ToList();
                Assert.Equal(notes.Count, notes.Distinct().Count());
                Assert.Empty(acknowledged.Except(notes));
                Assert.Empty(refused.Intersect(notes));
                Assert.Equal(acknowledged.Count, notes.Count);
                Assert.Equal(0, await conn.ExecuteScalarAsync<long>("""
                    SELECT count(*) FROM (SELECT ticket_id, version FROM ticket_events WHERE version > 1 GROUP BY ticket_id, version HAVING count(*) > 1) x
                    """));
                Assert.Equal(0, await conn.ExecuteScalarAsync<long>("""
                    SELECT count(*) FROM tickets t WHERE t.version <> (SELECT max(version) FROM ticket_events e WHERE e.ticket_id = t.id)
                    """));
            }
            output.WriteLine($"{total} tickets through two nodes; {acknowledged.Count} updates acknowledged, {refused.Count} refused as stale and retried; "
                + $"{overdue.Count} escalations, all in {swept.TotalSeconds:F1} s");
            foreach (var api in apis)
                api.Dispose();
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }

    private static async Task<string> NumberAsync(Task<HttpResponseMessage> send, HttpStatusCode expected)
    {
        using var response = await send;
        Assert.Equal(expected, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
    }

    private static TicketCommands Commands(NpgsqlDataSource data)
    {
        var snapshot = ReferenceSnapshot.Fixed(TicketHarness.Reference);
        return new TicketCommands(data, new JourneyRouter(snapshot), new TicketFormValidator(snapshot, TimeProvider.System), TimeProvider.System);
    }

    /// <summary>Adds a note to every ticket, re-reading and retrying when the version moved (another writer or a sweep).</summary>
    private static async Task UpdateAllAsync(NpgsqlDataSource data, List<long> ids, int writer, ConcurrentBag<string> acknowledged, ConcurrentBag<string> refused)
    {
        var commands = Commands(data);
        var store = new TicketStore(data);
        var scope = TicketHarness.Supervisor.Scope;
        foreach (var id in writer == 0 ? ids : Enumerable.Reverse(ids))
        {
            for (var attempt = 0; ; attempt++)
            {
                var ticket = (await store.GetAsync(id, scope))!;
                var text = $"note w{writer} t{id} a{attempt}";
                switch (await commands.AddNoteAsync(id, ticket.Version, TicketHarness.Supervisor, text))
                {
                    case TicketResult.Ok:
                        acknowledged.Add(text);
                        break;
                    case TicketResult.ConcurrencyConflict:
                        refused.Add(text);
                        Assert.True(attempt < 20, $"ticket {id}: 20 conflicts in a row");
                        continue;
                    case var other:
                        Assert.Fail($"ticket {id}: {other}");
                        break;
                }
                break;
            }
        }
    }

    /// <summary>Both writers hold the same version of a ticket and write at once: one is taken, the other refused, never both.</summary>
    private static async Task<(int Ok, int Refused)> StaleWritesAsync(NpgsqlDataSource a, NpgsqlDataSource b, List<long> ids,
        ConcurrentBag<string> acknowledged, ConcurrentBag<string> refused)
    {
        var writers = new[] { a, b }.Select(Commands).ToArray();
        var store = new TicketStore(a);
        int ok = 0, stale = 0;
        foreach (var id in ids)
        {
            for (var attempt = 0; ; attempt++)
            {
                var version = (await store.GetAsync(id, TicketHarness.Supervisor.Scope))!.Version;
                var texts = new[] { $"stale w0 t{id} a{attempt}", $"stale w1 t{id} a{attempt}" };
                var results = await Task.WhenAll(writers.Select((w, i) => w.AddNoteAsync(id, version, TicketHarness.Supervisor, texts[i])));
                for (var i = 0; i < 2; i++)
                    (results[i] is TicketResult.Ok ? acknowledged : refused).Add(texts[i]);
                Assert.False(results.All(r => r is TicketResult.Ok), $"ticket {id}: two writes from version {version} both taken");
                if (results.Any(r => r is TicketResult.Ok))
                {
                    ok++;
                    stale++;
                    break;
                }
                // A sweep or the other updater moved the version between the read and the writes: again.
                Assert.True(attempt < 20, $"ticket {id}: 20 rounds without a winner");
            }
        }
        return (ok, stale);
    }

    /// <summary>Publishes new articles and a new version of one while the nodes are loaded; both nodes' search must follow.</summary>
    private async Task PublishWhileLoadedAsync(string cs, HttpClient[] apis)
    {
        await using var data = NpgsqlDataSource.Create(cs);
        var workflow = new ArticleWorkflow(data, new AuditLog(data));
        string Marker() => "faultmark" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        var markers = Enumerable.Range(0, 3).Select(_ => Marker()).ToList();
        var articles = markers.Select(m => Article(extraBodyLine: m)).ToList();
        foreach (var article in articles)
            await PublishNewAsync(workflow, article);
        var revised = Marker();
        await workflow.SaveDraftAsync(articles[0].Id, 1, articles[0] with { Body = articles[0].Body.Replace(markers[0], revised, StringComparison.Ordinal) }, "v2", Editor);
        await workflow.SubmitAsync(articles[0].Id, 2, Editor);
        await workflow.ApproveAsync(articles[0].Id, 2, null, Reviewer);

        foreach (var (api, node) in apis.Select((a, i) => (a, i)))
        {
            var took = await FaultKit.WaitUntilAsync(async () =>
                    (await FaultKit.SearchIdsAsync(api, revised)).SequenceEqual([articles[0].Id])
                    && !(await FaultKit.SearchIdsAsync(api, markers[0])).Contains(articles[0].Id)
                    && (await FaultKit.SearchIdsAsync(api, markers[1])).SequenceEqual([articles[1].Id])
                    && (await FaultKit.SearchIdsAsync(api, markers[2])).SequenceEqual([articles[2].Id]),
                TimeSpan.FromSeconds(20), $"node {node} searching the published versions");
            output.WriteLine($"node {node}: search in step {took.TotalMilliseconds:F0} ms after the last publish");
        }
    }
}
