using CareDesk.Features.Health;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Search;

/// <summary>
/// Keeps this node's search index in step with the published knowledge base: LISTENs on
/// <see cref="Channel"/> and rebuilds when any node publishes (see <see cref="ReloadOnNotify"/>).
/// </summary>
public sealed class KnowledgeChangeListener(
    NpgsqlDataSource dataSource,
    KnowledgeSearch search,
    ILogger<KnowledgeChangeListener> logger) : ReloadOnNotify(dataSource, Channel, logger)
{
    public const string Channel = "kb_changed";

    /// <summary>Announces a change inside the caller's transaction: delivered to every node only if it commits.</summary>
    public static Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, @ArticleId)", new { Channel, articleId }, tx, cancellationToken: ct));

    protected override Task ReloadAsync(CancellationToken ct) => search.RebuildAsync(ct);
}
