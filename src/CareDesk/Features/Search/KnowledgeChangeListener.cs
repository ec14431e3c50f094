using CareDesk.Features.Health;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Search;

/// <summary>
/// Keeps this node's search index in step with the published knowledge base: LISTENs on
/// <see cref="Channel"/> and rebuilds when any node publishes. A lost connection is re-opened with
/// backoff, and the index is rebuilt after reconnecting, since notifications sent meanwhile are gone.
/// </summary>
public sealed class KnowledgeChangeListener(
    NpgsqlDataSource dataSource,
    KnowledgeSearch search,
    ILogger<KnowledgeChangeListener> logger) : BackgroundService
{
    public const string Channel = "kb_changed";

    /// <summary>Announces a change inside the caller's transaction: delivered to every node only if it commits.</summary>
    public static Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, @ArticleId)", new { Channel, articleId }, tx, cancellationToken: ct));

    /// <summary>True while the listening connection is up (and, after a reconnect, the index rebuilt).</summary>
    public bool IsListening { get; private set; }

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
                await conn.ExecuteAsync($"LISTEN {Channel}");
                if (reconnecting)
                    await search.RebuildAsync(stoppingToken);
                IsListening = true;
                delay = ListenerBackoff.First;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                    // A burst of publishes needs one rebuild, not one each: drain what else is queued.
                    while (await conn.WaitAsync(TimeSpan.FromMilliseconds(50), stoppingToken))
                    {
                    }
                    if (Interlocked.Exchange(ref pending, 0) > 0)
                        await search.RebuildAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsListening = false;
                logger.LogWarning("Knowledge change listener lost its connection ({Error}); retrying in {Delay}", DatabaseFailure.Describe(ex), delay);
                reconnecting = true;
                if (!await ListenerBackoff.WaitAsync(delay, stoppingToken))
                    return;
                delay = ListenerBackoff.Next(delay);
            }
        }
    }
}
