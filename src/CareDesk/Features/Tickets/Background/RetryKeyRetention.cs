using CareDesk.Features.Health;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets.Background;

/// <summary>
/// Forgets old retry keys. A submission key (<c>ticket_submissions</c>) or an action key
/// (<c>ticket_actions</c>) is only needed while the form or button that made it may still be pressed
/// again — minutes, at most a shift; after <see cref="TicketOptions.RetryKeyRetention"/> the rows are
/// deleted in small batches (each its own short transaction), so the tables stay small without a lock
/// on anything a ticket change waits for. The tickets and their events are untouched: the history is
/// in <c>ticket_events</c>, not here. Several nodes purging at once only share the work.
/// </summary>
public sealed class RetryKeyRetention(NpgsqlDataSource dataSource, TicketOptions options, TimeProvider time, ILogger<RetryKeyRetention> logger)
    : PeriodicJob(logger)
{
    private const int Batch = 5_000;

    private static readonly string[] Tables = ["ticket_submissions", "ticket_actions"];

    protected override TimeSpan Interval => options.RetryKeyPurgeInterval;

    protected override string Name => "Retry key purge";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        var purged = await PurgeOnceAsync(ct);
        if (purged > 0)
            logger.LogInformation("Forgot {Count} retry key(s) older than {Retention}", purged, options.RetryKeyRetention);
    }

    /// <summary>Deletes every key older than the retention; returns how many.</summary>
    public async Task<long> PurgeOnceAsync(CancellationToken ct)
    {
        var before = (time.GetUtcNow() - options.RetryKeyRetention).UtcDateTime;
        long total = 0;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var table in Tables)
        {
            int deleted;
            do
            {
                // The table names are constants of this class, never input.
                deleted = await conn.ExecuteAsync(new CommandDefinition($"""
                    DELETE FROM {table} WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM {table} WHERE created_at < @Before LIMIT {Batch} FOR UPDATE SKIP LOCKED))
                    """, new { Before = before }, cancellationToken: ct));
                total += deleted;
            }
            while (deleted == Batch);
        }
        return total;
    }
}
