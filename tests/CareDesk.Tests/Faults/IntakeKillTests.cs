using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CareDesk.Tests.Faults;

/// <summary>
/// kill -9 of the app in the middle of a burst of API intake: after a restart on the same database,
/// what was acknowledged is there exactly once and whole, nothing is half-written, and retrying with
/// the same idempotency keys opens each ticket at most once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class IntakeKillTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int Clients = 8;
    private const int AcknowledgedBeforeKill = 40;

    [Fact]
    public async Task Kill9_DuringIntakeBurst_AcknowledgedTicketsExistOnceAndWhole()
    {
        var cs = await postgres.CreateDatabaseAsync("killburst");
        var settings = FaultKit.Settings(cs);
        var app = await AppProcess.StartAsync(settings);
        var (integration, secret) = await FaultKit.NewKeyAsync(cs);
        var acknowledged = new ConcurrentDictionary<string, string>();
        var attempted = new ConcurrentDictionary<string, object>();
        var refused = new ConcurrentBag<string>();
        var killed = 0;
        try
        {
            var workers = Enumerable.Range(0, Clients).Select(w => Task.Run(async () =>
            {
                using var client = FaultKit.Client(app.BaseUrl, secret, TimeSpan.FromSeconds(20));
                for (var i = 0; Volatile.Read(ref killed) == 0 && i < 1000; i++)
                {
                    var key = $"burst-{w}-{i}";
                    var body = FaultKit.Body($"05{w}{i:D7}");
                    attempted[key] = body;
                    try
                    {
                        using var response = await client.SendAsync(FaultKit.Post(body, key));
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                            acknowledged[key] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
                        else
                            refused.Add($"{key}: {(int)response.StatusCode}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // The process died under this request: not acknowledged, retried below.
                    }
                }
            })).ToList();

            await FaultKit.WaitUntilAsync(() => Task.FromResult(acknowledged.Count >= AcknowledgedBeforeKill), TimeSpan.FromSeconds(60), "acknowledged intake before the kill");
            app.Kill();
            Interlocked.Exchange(ref killed, 1);
            await app.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await app.DisposeAsync();
        }
        var unacknowledged = attempted.Keys.Except(acknowledged.Keys).ToList();
        output.WriteLine($"attempted {attempted.Count}, acknowledged {acknowledged.Count}, in flight at the kill {unacknowledged.Count}");
        Assert.Empty(refused);

        await using var restarted = await AppProcess.StartAsync(settings);
        await using (var conn = new NpgsqlConnection(cs))
        {
            Assert.Empty(await FaultKit.HalfWrittenTicketsAsync(conn, integration));
            var byKey = await FaultKit.TicketsByKeyAsync(conn, integration);
            foreach (var (key, number) in acknowledged)
            {
                Assert.True(byKey.TryGetValue(key, out var stored), $"acknowledged {key} ({number}) is missing after the restart");
                Assert.Equal(number, stored);
            }
            Assert.Equal(byKey.Count, byKey.Values.Distinct().Count());
            Assert.Equal(byKey.Count, await FaultKit.CountAsync(cs, "SELECT count(*) FROM tickets WHERE opened_by = 'api:' || @I", new { I = integration }));
            Assert.Empty(byKey.Keys.Except(attempted.Keys));
            output.WriteLine($"committed but not acknowledged (the reply was lost with the process): {byKey.Keys.Except(acknowledged.Keys).Count()}");
        }

        using var retry = FaultKit.Client(restarted.BaseUrl, secret);
        foreach (var key in attempted.Keys)
        {
            using var response = await retry.SendAsync(FaultKit.Post(attempted[key], key));
            var number = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString();
            if (acknowledged.TryGetValue(key, out var earlier))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(earlier, number);
            }
            else
            {
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{key}: {(int)response.StatusCode}");
            }
        }
        await using (var conn = new NpgsqlConnection(cs))
        {
            var byKey = await FaultKit.TicketsByKeyAsync(conn, integration);
            Assert.Equal(attempted.Count, byKey.Count);
            Assert.Equal(attempted.Count, await FaultKit.CountAsync(cs, "SELECT count(*) FROM tickets WHERE opened_by = 'api:' || @I", new { I = integration }));
            Assert.Empty(await FaultKit.HalfWrittenTicketsAsync(conn, integration));
        }
    }
}
