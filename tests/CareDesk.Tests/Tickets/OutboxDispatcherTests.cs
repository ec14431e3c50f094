using System.Collections.Concurrent;
using CareDesk.Features.Tickets;
using CareDesk.Features.Tickets.Background;
using CareDesk.Features.Tickets.Live;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Tickets;

/// <summary>The batch dispatcher: each message once with two nodes racing, order kept, a bad message failing alone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboxDispatcherTests(PostgresServer postgres)
{
    /// <summary>Records every e-mail; fails those sent to an address starting with "broken".</summary>
    private sealed class RecordingEmail : IEmailSender
    {
        public ConcurrentBag<EmailMessage> Sent { get; } = [];
        public bool IsEnabled => true;

        public Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            if (message.To.StartsWith("broken", StringComparison.Ordinal))
                throw new IOException("smtp refused " + message.To);
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private static OutboxDispatcher Dispatcher(TicketHarness h, NpgsqlDataSource data, IEmailSender email, int batchSize) =>
        new(data, email, new TicketSignals(data, NullLogger<TicketSignals>.Instance),
            new TicketOptions { OutboxBatchSize = batchSize, OutboxMaxAttempts = 3 }, h.Time, NullLogger<OutboxDispatcher>.Instance);

    private static string Payload(string text) =>
        TicketRows.ToJson(new NotificationPayload("test", null, "نص " + text, text));

    private static async Task<long> QueueAsync(TicketHarness h, string channel, string audience, string payload)
    {
        await using var conn = await h.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("""
            INSERT INTO outbox (channel, audience, payload, created_at, next_attempt_at)
            VALUES (@Channel, @Audience, @Payload::jsonb, @Now, @Now) RETURNING id
            """, new { Channel = channel, Audience = audience, Payload = payload, Now = h.Time.Now.UtcDateTime });
    }

    [Fact]
    public async Task DispatchOnceAsync_TwoNodesRacingOverHundredsOfMessages_EachDeliveredExactlyOnce()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        const int inApp = 300, emails = 60;
        for (var i = 0; i < inApp; i++)
            await QueueAsync(h, "in-app", $"user:u{i % 7}", Payload($"m{i}"));
        for (var i = 0; i < emails; i++)
            await QueueAsync(h, "email", $"person{i}@example.gov.sa", Payload($"e{i}"));
        await using var nodeA = NpgsqlDataSource.Create(h.ConnectionString);
        await using var nodeB = NpgsqlDataSource.Create(h.ConnectionString);
        var email = new RecordingEmail();
        var dispatchers = new[] { Dispatcher(h, nodeA, email, 16), Dispatcher(h, nodeB, email, 16) };

        // Each node drains several times over, as it would when many NOTIFYs wake it during a burst.
        var counts = await Task.WhenAll(dispatchers.Select(d => Task.Run(async () =>
        {
            var delivered = 0;
            for (var round = 0; round < 5; round++)
                delivered += await d.DispatchOnceAsync(default);
            return delivered;
        })));

        Assert.Equal(inApp + emails, counts.Sum());
        Assert.Equal(inApp, await h.CountAsync("SELECT count(DISTINCT outbox_id) FROM notifications"));
        Assert.Equal(inApp, await h.CountAsync("SELECT count(*) FROM notifications"));
        Assert.Equal(emails, email.Sent.Count);
        Assert.Equal(emails, email.Sent.Select(m => m.To).Distinct().Count());
        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL OR attempts <> 1"));
        Assert.Equal(0, await h.CountAsync("""
            SELECT count(*) FROM notifications n JOIN outbox o ON o.id = n.outbox_id
            WHERE n.audience <> o.audience OR n.text_en <> o.payload->>'text_en'
            """));
    }

    [Fact]
    public async Task DispatchOnceAsync_OneNode_KeepsEachAudiencesOrderAcrossBatches()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        for (var i = 0; i < 45; i++)
            await QueueAsync(h, "in-app", $"agency:A{i % 3}", Payload($"m{i}"));

        Assert.Equal(45, await Dispatcher(h, h.DataSource, new RecordingEmail(), 10).DispatchOnceAsync(default));

        await using var conn = await h.DataSource.OpenConnectionAsync();
        var outOfOrder = await conn.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT outbox_id < lag(outbox_id) OVER (PARTITION BY audience ORDER BY id) AS backwards FROM notifications
            ) x WHERE backwards
            """);
        Assert.Equal(0, outOfOrder);
    }

    [Fact]
    public async Task DispatchOnceAsync_PoisonedMessagesInTheBatch_OthersDeliveredPoisonRetriedAloneThenGivenUp()
    {
        await using var h = await TicketHarness.CreateAsync(postgres);
        await using (var conn = await h.DataSource.OpenConnectionAsync())
        {
            // This test's own database refuses one notification row, as it might refuse any row for a reason of its own.
            await conn.ExecuteAsync("ALTER TABLE notifications ADD CONSTRAINT test_refused CHECK (text_en <> 'refused by the database')");
        }
        var good = new List<long>();
        var poisoned = new List<long>();
        good.Add(await QueueAsync(h, "in-app", "user:a", Payload("first")));
        poisoned.Add(await QueueAsync(h, "in-app", "user:a", """{"kind": null, "text_ar": "x", "text_en": "x"}"""));
        good.Add(await QueueAsync(h, "in-app", "user:a", Payload("second")));
        poisoned.Add(await QueueAsync(h, "in-app", "user:a", """["not", "a", "payload"]"""));
        poisoned.Add(await QueueAsync(h, "in-app", "user:b", Payload("refused by the database")));
        good.Add(await QueueAsync(h, "email", "someone@example.gov.sa", Payload("mail")));
        poisoned.Add(await QueueAsync(h, "email", "broken@example.gov.sa", Payload("bounced")));
        good.Add(await QueueAsync(h, "in-app", "user:b", Payload("third")));
        var email = new RecordingEmail();
        var dispatcher = Dispatcher(h, h.DataSource, email, 100);

        Assert.Equal(good.Count, await dispatcher.DispatchOnceAsync(default));

        Assert.Equal(0, await h.CountAsync("SELECT count(*) FROM outbox WHERE id = ANY(@Ids) AND dispatched_at IS NULL", new { Ids = good }));
        Assert.Equal(["first", "second", "third"], await TextsAsync(h));
        Assert.Equal("someone@example.gov.sa", Assert.Single(email.Sent).To);
        Assert.Equal(poisoned.Count, await h.CountAsync("""
            SELECT count(*) FROM outbox WHERE id = ANY(@Ids) AND dispatched_at IS NULL AND failed_at IS NULL
                AND attempts = 1 AND last_error IS NOT NULL AND next_attempt_at > @Now
            """, new { Ids = poisoned, Now = h.Time.Now.UtcDateTime }));

        // Not due again until their backoff has passed; then retried alone, and given up after the last attempt.
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            h.Time.Now = h.Time.Now.AddHours(1);
            Assert.Equal(0, await dispatcher.DispatchOnceAsync(default));
        }
        Assert.Equal(poisoned.Count, await h.CountAsync("SELECT count(*) FROM outbox WHERE id = ANY(@Ids) AND failed_at IS NOT NULL AND attempts = 3", new { Ids = poisoned }));
        Assert.Equal(3, await h.CountAsync("SELECT count(*) FROM notifications"));
        Assert.Single(email.Sent);
    }

    private static async Task<List<string>> TextsAsync(TicketHarness h)
    {
        await using var conn = await h.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<string>("SELECT text_en FROM notifications ORDER BY id")).ToList();
    }
}
