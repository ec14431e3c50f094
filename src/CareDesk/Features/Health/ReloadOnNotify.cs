using Dapper;
using Npgsql;

namespace CareDesk.Features.Health;

/// <summary>
/// Keeps an in-memory snapshot of this node in step with PostgreSQL: LISTENs on one channel and
/// reloads when any node announces a change there. A lost connection is re-opened with backoff, and
/// the snapshot is reloaded after reconnecting, since notifications sent meanwhile are gone. A reload
/// that fails is treated like a lost connection: the snapshot in use stays until one succeeds.
/// </summary>
public abstract class ReloadOnNotify(NpgsqlDataSource dataSource, string channel, ILogger logger) : BackgroundService
{
    /// <summary>True while the listening connection is up (and, after a reconnect, the snapshot reloaded).</summary>
    public bool IsListening { get; private set; }

    /// <summary>Rebuilds the snapshot from the database.</summary>
    protected abstract Task ReloadAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = ListenerBackoff.First;
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(stoppingToken);
                var pending = 0;
                conn.Notification += (_, _) => Interlocked.Increment(ref pending);
                await conn.ExecuteAsync($"LISTEN {channel}");
                if (reconnecting)
                    await ReloadAsync(stoppingToken);
                IsListening = true;
                delay = ListenerBackoff.First;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                    // A burst of changes needs one reload, not one each: drain what else is queued.
                    while (await conn.WaitAsync(TimeSpan.FromMilliseconds(50), stoppingToken))
                    {
                    }
                    if (Interlocked.Exchange(ref pending, 0) > 0)
                        await ReloadAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsListening = false;
                logger.LogWarning("Listener on {Channel} lost its connection or its reload failed ({Error}); retrying in {Delay}",
                    channel, DatabaseFailure.Describe(ex), delay);
                reconnecting = true;
                if (!await ListenerBackoff.WaitAsync(delay, stoppingToken))
                    return;
                delay = ListenerBackoff.Next(delay);
            }
        }
    }
}
