using Dapper;
using Npgsql;

namespace CareDesk.Features.AgentConsole;

/// <summary>Records the agent's "helpful / not helpful" on the article revision they read.</summary>
public sealed class ArticleFeedbackStore(NpgsqlDataSource dataSource)
{
    /// <param name="at">When it was marked (UTC); null is the database's now. Only the demo history writes the past.</param>
    public async Task RecordAsync(string articleId, int revision, bool helpful, string? comment, string? userName, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO kb_feedback (article_id, revision, helpful, comment, user_name, at)
            VALUES (@articleId, @revision, @helpful, @comment, @userName, coalesce(@at::timestamptz, now()))
            """, new { articleId, revision, helpful, comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), userName, at }, cancellationToken: ct));
    }
}
