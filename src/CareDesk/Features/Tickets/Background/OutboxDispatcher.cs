using System.Text.Json;
using CareDesk.Features.Tickets.Live;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Background;

/// <summary>
/// Drains the outbox in batches: each transaction claims up to <see cref="TicketOptions.OutboxBatchSize"/>
/// due messages (<c>FOR UPDATE SKIP LOCKED</c>, so two nodes never claim the same one), delivers them and
/// marks them. In-app messages become <c>notifications</c> rows (one per outbox row, announced with NOTIFY
/// so open pages update), e-mail goes to <see cref="IEmailSender"/>. A message that fails is retried alone
/// with exponential backoff and given up after <see cref="TicketOptions.OutboxMaxAttempts"/>; the rest of
/// its batch is delivered.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IEmailSender email,
    TicketSignals signals,
    TicketOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private sealed record Pending(long Id, string Channel, string Audience, long? TicketId, string Payload, int Attempts);

    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.OutboxPending += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await DispatchOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && CareDesk.Features.Health.DatabaseFailure.Classify(ex) is { } kind)
                {
                    // An outage is expected to pass: one line per interval, not a stack trace.
                    logger.LogWarning("Outbox dispatch skipped: database {Kind}: {Error}", kind, CareDesk.Features.Health.DatabaseFailure.Describe(ex));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Outbox dispatch failed; retrying at the next interval");
                }
                try
                {
                    await _wake.WaitAsync(options.OutboxInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            signals.OutboxPending -= Wake;
        }
    }

    private void Wake() => _wake.Release();

    /// <summary>Delivers every message that is due, batch after batch; returns how many were delivered.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var delivered = 0;
        while (true)
        {
            var (claimed, ok) = await DispatchBatchAsync(ct);
            delivered += ok;
            // A short batch means nothing else was due and unclaimed; whatever arrives later wakes the loop with its NOTIFY.
            if (claimed < options.OutboxBatchSize)
                return delivered;
        }
    }

    private async Task<(int Claimed, int Delivered)> DispatchBatchAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var batch = (await conn.QueryAsync<Pending>(new CommandDefinition("""
            SELECT id AS Id, channel AS Channel, audience AS Audience, ticket_id AS TicketId, payload::text AS Payload, attempts AS Attempts
            FROM outbox
            WHERE dispatched_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @Now
            ORDER BY next_attempt_at, id
            LIMIT @Limit
            FOR UPDATE SKIP LOCKED
            """, new { Now = now.UtcDateTime, Limit = options.OutboxBatchSize }, tx, cancellationToken: ct))).ToList();
        if (batch.Count == 0)
            return (0, 0);

        var failed = new List<(Pending Message, Exception Error)>();
        var inApp = new List<(Pending Message, NotificationPayload Payload)>();
        var sent = new List<Pending>();
        foreach (var m in batch)
        {
            try
            {
                var payload = Read(m.Payload);
                if (m.Channel == "in-app")
                {
                    inApp.Add((m, payload));
                    continue;
                }
                await email.SendAsync(new EmailMessage(m.Audience, payload.TextEn, payload.TextAr + "\n\n" + payload.TextEn), ct);
                sent.Add(m);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed.Add((m, ex));
            }
        }
        sent.AddRange(await InsertNotificationsAsync(conn, tx, inApp, failed, now, ct));

        if (sent.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE outbox SET dispatched_at = @Now, attempts = attempts + 1 WHERE id = ANY(@Ids)
                """, new { Ids = sent.Select(m => m.Id).ToArray(), Now = now.UtcDateTime }, tx, cancellationToken: ct));
        }
        foreach (var (m, error) in failed)
            await RecordFailureAsync(conn, tx, m, error, now, ct);
        var audiences = sent.Where(m => m.Channel == "in-app").Select(m => m.Audience).Distinct().ToArray();
        if (audiences.Length > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, a) FROM unnest(@Audiences) AS a",
                new { Channel = TicketWrites.NotificationsChannel, Audiences = audiences }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return (batch.Count, sent.Count);
    }

    /// <summary>
    /// The batch's in-app messages in one statement, in claim order (so a recipient's notifications keep
    /// the outbox's order). If the database refuses it, one by one, so only the message it refuses fails.
    /// </summary>
    private static async Task<IReadOnlyList<Pending>> InsertNotificationsAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        List<(Pending Message, NotificationPayload Payload)> inApp, List<(Pending, Exception)> failed, DateTimeOffset now, CancellationToken ct)
    {
        if (inApp.Count == 0)
            return [];
        const string insert = """
            INSERT INTO notifications (outbox_id, audience, ticket_id, kind, text_ar, text_en, created_at)
            SELECT o.id, o.audience, o.ticket_id, m.kind, m.text_ar, m.text_en, @Now
            FROM unnest(@Ids, @Kinds, @TextsAr, @TextsEn) WITH ORDINALITY AS m (id, kind, text_ar, text_en, n)
            JOIN outbox o ON o.id = m.id
            ORDER BY m.n
            ON CONFLICT (outbox_id) DO NOTHING
            """;
        object Args(IEnumerable<(Pending Message, NotificationPayload Payload)> rows) => new
        {
            Ids = rows.Select(r => r.Message.Id).ToArray(),
            Kinds = rows.Select(r => r.Payload.Kind).ToArray(),
            TextsAr = rows.Select(r => r.Payload.TextAr).ToArray(),
            TextsEn = rows.Select(r => r.Payload.TextEn).ToArray(),
            Now = now.UtcDateTime,
        };
        try
        {
            // The savepoint travels with the insert (one round trip); the commit releases it.
            await conn.ExecuteAsync(new CommandDefinition("SAVEPOINT batch;\n" + insert, Args(inApp), tx, cancellationToken: ct));
            return inApp.Select(r => r.Message).ToList();
        }
        catch (PostgresException)
        {
            await tx.RollbackAsync("batch", ct);
        }
        var delivered = new List<Pending>();
        foreach (var row in inApp)
        {
            await tx.SaveAsync("one", ct);
            try
            {
                await conn.ExecuteAsync(new CommandDefinition(insert, Args([row]), tx, cancellationToken: ct));
                await tx.ReleaseAsync("one", ct);
                delivered.Add(row.Message);
            }
            catch (PostgresException ex)
            {
                await tx.RollbackAsync("one", ct);
                failed.Add((row.Message, ex));
            }
        }
        return delivered;
    }

    private async Task RecordFailureAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Pending m, Exception error, DateTimeOffset now, CancellationToken ct)
    {
        var attempts = m.Attempts + 1;
        var giveUp = attempts >= options.OutboxMaxAttempts;
        logger.LogWarning(error, "Outbox message {Id} ({Channel}) failed, attempt {Attempts}{GiveUp}", m.Id, m.Channel, attempts, giveUp ? "; giving up" : "");
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET attempts = @Attempts, last_error = @Error, next_attempt_at = @Next,
                              failed_at = CASE WHEN @GiveUp THEN @Now END
            WHERE id = @Id
            """, new
        {
            m.Id, Attempts = attempts, Error = error.Message, GiveUp = giveUp, Now = now.UtcDateTime,
            Next = (now + Backoff(attempts)).UtcDateTime,
        }, tx, cancellationToken: ct));
    }

    /// <summary>The payload, or an exception naming what is wrong with it (a message that can never be delivered as it is).</summary>
    private static NotificationPayload Read(string json)
    {
        var payload = JsonSerializer.Deserialize<NotificationPayload>(json, TicketRows.Json);
        return payload is { Kind: not null, TextAr: not null, TextEn: not null }
            ? payload
            : throw new InvalidDataException("the payload lacks kind, text_ar or text_en");
    }

    /// <summary>2, 4, 8 … seconds, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(attempts, 12))));
}
