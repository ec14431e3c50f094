using Dapper;
using Npgsql;

namespace CareDesk.Features.AgentConsole;

/// <summary>Records the agent's "helpful / not helpful" on the article revision they read.</summary>
public sealed class ArticleFeedbackStore(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string articleId, int revision, bool helpful, long? searchId, string? userName, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO article_feedback (article_id, revision, helpful, search_id, user_name)
            VALUES (@articleId, @revision, @helpful, @searchId, @userName)
            """, new { articleId, revision, helpful, searchId, userName }, cancellationToken: ct));
    }
}
