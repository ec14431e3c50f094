using System.Text.Json;
using CareDesk.Features.Tickets.Live;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Background;

/// <summary>
/// Drains the outbox: in-app messages become <c>notifications</c> rows (announced with NOTIFY so open
/// pages update), e-mail goes to <see cref="IEmailSender"/>. A failed message is retried with
/// exponential backoff and given up after <see cref="TicketOptions.OutboxMaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(
    NpgsqlDataSource dataSource,
    IEmailSender email,
    TicketSignals signals,
    TicketOptions options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
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

    /// <summary>Delivers every message that is due; returns how many were delivered.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var delivered = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var message = await conn.QuerySingleOrDefaultAsync<(long Id, string Channel, string Audience, long? TicketId, string Payload, int Attempts)>(
                new CommandDefinition("""
                    SELECT id, channel, audience, ticket_id, payload::text, attempts FROM outbox
                    WHERE dispatched_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @Now
                    ORDER BY next_attempt_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """, new { Now = now.UtcDateTime }, tx, cancellationToken: ct));
            if (message.Id == 0)
                return delivered;
            var payload = JsonSerializer.Deserialize<NotificationPayload>(message.Payload, TicketRows.Json)!;
            await tx.SaveAsync("deliver", ct);
            try
            {
                if (message.Channel == "in-app")
                {
                    await conn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO notifications (outbox_id, audience, ticket_id, kind, text_ar, text_en, created_at)
                        VALUES (@Id, @Audience, @TicketId, @Kind, @TextAr, @TextEn, @Now)
                        ON CONFLICT (outbox_id) DO NOTHING
                        """, new { message.Id, message.Audience, message.TicketId, payload.Kind, payload.TextAr, payload.TextEn, Now = now.UtcDateTime }, tx, cancellationToken: ct));
                    await TicketWrites.NotifyAsync(conn, tx, TicketWrites.NotificationsChannel, message.Audience, ct);
                }
                else
                {
                    await email.SendAsync(new EmailMessage(message.Audience, payload.TextEn, payload.TextAr + "\n\n" + payload.TextEn), ct);
                }
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE outbox SET dispatched_at = @Now, attempts = attempts + 1 WHERE id = @Id
                    """, new { message.Id, Now = now.UtcDateTime }, tx, cancellationToken: ct));
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await tx.RollbackAsync("deliver", ct);
                var attempts = message.Attempts + 1;
                var giveUp = attempts >= options.OutboxMaxAttempts;
                logger.LogWarning(ex, "Outbox message {Id} ({Channel}) failed, attempt {Attempts}{GiveUp}", message.Id, message.Channel, attempts, giveUp ? "; giving up" : "");
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE outbox SET attempts = @Attempts, last_error = @Error, next_attempt_at = @Next,
                                      failed_at = CASE WHEN @GiveUp THEN @Now END
                    WHERE id = @Id
                    """, new
                {
                    message.Id, Attempts = attempts, Error = ex.Message, GiveUp = giveUp, Now = now.UtcDateTime,
                    Next = (now + Backoff(attempts)).UtcDateTime,
                }, tx, cancellationToken: ct));
            }
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>2, 4, 8 … seconds, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, Math.Min(attempts, 12))));
}
