using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Api;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Faults;

/// <summary>
/// The fault tests start whole app processes, stop PostgreSQL under them and mount filesystems: they
/// run one at a time, after the parallel collections, so they neither starve nor are starved.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

/// <summary>What the fault tests share: an intake body, an API client with its own key, polling with a deadline, integrity checks.</summary>
internal static class FaultKit
{
    /// <summary>Settings for an app process on the given database, with a rate limit no burst reaches.</summary>
    public static Dictionary<string, string> Settings(string connectionString, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = connectionString,
            ["CareDesk__Api__PermitsPerWindow"] = "100000",
        };
        foreach (var (k, v) in more)
            settings[k] = v;
        return settings;
    }

    /// <summary>A valid intake request; the phone makes each one findable.</summary>
    public static object Body(string phone) => new
    {
        case_type = "payment-not-reflected",
        caller_national_id = "1045678909",
        caller_phone = phone,
        channel = "web-form",
        details = new Dictionary<string, string>
        {
            ["beneficiary_id"] = "1045678909", ["service"] = "تجديد جواز", ["amount"] = "300",
            ["payment_date"] = "2026-10-01", ["sadad_bill_number"] = "778899001",
        },
    };

    public static HttpRequestMessage Post(object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>A new API key with every scope for an integration of its own, stored straight in the database (as <c>api-key create</c> does).</summary>
    public static async Task<(string Integration, string Secret)> NewKeyAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        var (key, secret) = await new ApiKeyStore(data).CreateAsync("fault-" + Guid.NewGuid().ToString("N")[..10], ApiScopes.All);
        return (key.Integration, secret);
    }

    public static HttpClient Client(string baseUrl, string secret, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Asks <paramref name="probe"/> until it answers true or <paramref name="timeout"/> passes; returns how long it took, or fails naming <paramref name="what"/>.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await probe())
                    return clock.Elapsed;
                last = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or NpgsqlException or JsonException)
            {
                last = ex;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what}: not within {timeout}{(last is null ? "" : $" (last error: {last.Message})")}");
    }

    /// <summary>The ids of the API search's hits for the query on one node.</summary>
    public static async Task<List<string>> SearchIdsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/faq/search?top=50&q=" + Uri.EscapeDataString(query));
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>
    /// Every ticket an integration opened is whole: its created and routed events at version 1, its
    /// first outbox message, its intake row; returns the problems found (empty when none).
    /// </summary>
    public static async Task<List<string>> HalfWrittenTicketsAsync(NpgsqlConnection conn, string integration)
    {
        var rows = await conn.QueryAsync<(string Number, long Created, long Routed, long Outbox, long Intake)>("""
            SELECT t.number,
                   (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'created' AND e.version = 1),
                   (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'routed' AND e.version = 1),
                   (SELECT count(*) FROM outbox o WHERE o.ticket_id = t.id AND o.payload->>'kind' = 'ticket-new'),
                   (SELECT count(*) FROM api_intake i WHERE i.ticket_id = t.id)
            FROM tickets t WHERE t.opened_by = @By
            """, new { By = ApiActor.UserName(integration) });
        return rows.Where(r => r is not { Created: 1, Routed: 1, Outbox: 1, Intake: 1 })
            .Select(r => $"{r.Number}: created={r.Created} routed={r.Routed} outbox={r.Outbox} intake={r.Intake}").ToList();
    }

    /// <summary>The ticket number each idempotency key of the integration opened (a key with two tickets would throw).</summary>
    public static async Task<Dictionary<string, string>> TicketsByKeyAsync(NpgsqlConnection conn, string integration) =>
        (await conn.QueryAsync<(string Key, string Number)>("""
            SELECT i.idempotency_key, t.number FROM api_intake i JOIN tickets t ON t.id = i.ticket_id WHERE i.integration = @Integration
            """, new { Integration = ApiActor.UserName(integration) })).ToDictionary(r => r.Key, r => r.Number);

    public static async Task<long> CountAsync(string connectionString, string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }
}
