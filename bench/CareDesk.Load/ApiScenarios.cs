using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CareDesk.Load;

/// <summary>The HTTP API scenarios: FAQ search and ticket intake at rising concurrency.</summary>
public sealed class ApiScenarios(LoadSettings settings, HttpClient http)
{
    /// <summary>What callers ask, in Arabic and English, whole and half-typed (the console sends prefixes too).</summary>
    public static readonly string[] Queries =
    [
        "استرداد رسوم التأشيرة", "رصيد المدفوعات الحكومية", "استرداد المبلغ", "تأخر الاسترداد", "مساند 72 ساعة",
        "سداد لم ينعكس", "إلغاء التأشيرة", "رقم فاتورة سداد", "حساب بنكي ليس لي", "رسوم الجواز",
        "تجديد الإقامة", "أبشر", "منصة اعتماد", "مديونية", "وزارة الخارجية", "مركز المعلومات الوطني",
        "استر", "رصيد المد", "refund delayed", "visa fee refund", "payment not reflected", "government payments balance",
        "iqama renewal fee", "how long refund", "bank account of another person", "passport fee",
    ];

    public readonly ConcurrentBag<string> CreatedTickets = [];

    public Task<List<StepResult>> SearchAsync() => StepsAsync("search", async (client, worker, sequence, ct) =>
    {
        var q = Queries[(int)(sequence % Queries.Length)];
        using var response = await client.GetAsync("/api/faq/search?top=10&q=" + Uri.EscapeDataString(q), HttpCompletionOption.ResponseContentRead, ct);
        return response.StatusCode == HttpStatusCode.OK;
    });

    public Task<List<StepResult>> IntakeAsync() => StepsAsync("intake", (client, worker, sequence, ct) => OpenTicketAsync(client, sequence, ct));

    /// <summary>Opens tickets through the API (for the browser sessions to open) when the intake scenario did not run.</summary>
    public async Task SeedAsync(int count)
    {
        var next = 0L;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= count)
            {
                if (!await OpenTicketAsync(http, n, CancellationToken.None))
                    throw new InvalidOperationException("seeding tickets through POST /api/tickets failed");
            }
        })));
    }

    private async Task<List<StepResult>> StepsAsync(string scenario, HttpLoad.Request request)
    {
        var load = new HttpLoad(settings);
        var results = new List<StepResult>();
        foreach (var concurrency in settings.Concurrency)
        {
            var step = await load.RunAsync(scenario, http, concurrency, request);
            if (scenario == "intake" && await OutboxBacklogAsync() is { } backlog)
                step = step with { Note = $"outbox not yet delivered at the step's end: {backlog}" };
            results.Add(step);
            Report.PrintStep(step);
        }
        return results;
    }

    /// <summary>
    /// Messages the outbox dispatcher has not delivered yet (each new ticket queues one, delivered in a
    /// transaction of its own): shows whether the node's background work keeps up with the intake.
    /// </summary>
    private async Task<long?> OutboxBacklogAsync()
    {
        if (settings.Postgres is null)
            return null;
        await using var conn = new Npgsql.NpgsqlConnection(settings.Postgres);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL AND failed_at IS NULL", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<bool> OpenTicketAsync(HttpClient client, long sequence, CancellationToken ct)
    {
        var id = Ids.NationalId(Random.Shared);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["case_type"] = "payment-not-reflected",
                ["caller_national_id"] = id,
                ["caller_phone"] = "05" + Random.Shared.Next(10_000_000, 99_999_999),
                ["channel"] = "email",
                ["details"] = new Dictionary<string, string>
                {
                    ["beneficiary_id"] = id,
                    ["service"] = "تجديد جواز",
                    ["amount"] = (100 + sequence % 900).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["payment_date"] = "2026-10-01",
                    ["sadad_bill_number"] = (100_000_000 + sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            }),
        };
        message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(message, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            return false;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        CreatedTickets.Add(body.RootElement.GetProperty("number").GetString()!);
        return true;
    }
}
