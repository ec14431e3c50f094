using System.Text.Encodings.Web;
using System.Text.Json;
using CareDesk.Knowledge.Documents;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge;

/// <summary>Articles and their revisions in PostgreSQL. A revision's document is the whole article as JSON.</summary>
public sealed class ArticleStore(NpgsqlDataSource dataSource)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The published revision of every published article.</summary>
    public async Task<IReadOnlyList<FaqArticle>> PublishedAsync(CancellationToken ct = default) =>
        (await PublishedRevisionsAsync(ct)).Select(p => p.Article).ToList();

    /// <summary>
    /// Every published article with its live revision number and review date, in one query: the load
    /// a node builds both its search index and its article snapshot from.
    /// </summary>
    public async Task<IReadOnlyList<PublishedArticle>> PublishedRevisionsAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string Document, int Revision, DateTime CreatedAt, DateTime? ReviewedAt)>(new CommandDefinition(PublishedSql + " ORDER BY a.id", cancellationToken: ct));
        return rows.Select(ToPublished).ToList();
    }

    /// <summary>One published article with the revision number that is live, read from the database (the console reads the node's snapshot instead, <c>KnowledgeSearch.Article</c>).</summary>
    public async Task<PublishedArticle?> GetPublishedAsync(string id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Document, int Revision, DateTime CreatedAt, DateTime? ReviewedAt)>(new CommandDefinition(
            PublishedSql + " AND a.id = @id", new { id }, cancellationToken: ct));
        return row.Document is null ? null : ToPublished(row);
    }

    private const string PublishedSql = """
        SELECT r.document::text, r.revision, r.created_at, r.reviewed_at
        FROM kb_articles a
        JOIN kb_revisions r ON r.article_id = a.id AND r.revision = a.published_revision
        WHERE a.status = 'published'
        """;

    // A tuple row: Dapper fills it by position, so the snake_case columns need no mapping.
    private static PublishedArticle ToPublished((string Document, int Revision, DateTime CreatedAt, DateTime? ReviewedAt) row) => new(
        JsonSerializer.Deserialize<FaqArticle>(row.Document, Json)!,
        row.Revision,
        new DateTimeOffset(row.ReviewedAt ?? row.CreatedAt, TimeSpan.Zero));

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM kb_articles", cancellationToken: ct));
    }

    /// <summary>
    /// Inserts each article that does not exist yet as published revision 1, inside the caller's
    /// transaction. Existing ids are left alone, so importing twice creates nothing new.
    /// </summary>
    public static async Task<int> ImportPublishedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<FaqArticle> articles, string author, string note, CancellationToken ct)
    {
        var inserted = 0;
        foreach (var article in articles)
        {
            var isNew = await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO kb_articles (id, topic, status, published_revision)
                VALUES (@Id, @Topic, 'published', 1)
                ON CONFLICT (id) DO NOTHING
                """, new { article.Id, article.Topic }, tx, cancellationToken: ct));
            if (isNew == 0)
                continue;
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO kb_revisions (article_id, revision, state, document, change_note, author)
                VALUES (@Id, 1, 'published', @Document::jsonb, @Note, @Author)
                """, new { article.Id, Document = JsonSerializer.Serialize(article, Json), Note = note, Author = author }, tx, cancellationToken: ct));
            inserted++;
        }
        return inserted;
    }
}

/// <summary>A published article, the revision number that is live, and when that revision was last reviewed (or written).</summary>
public sealed record PublishedArticle(FaqArticle Article, int Revision, DateTimeOffset LastReviewedAt);
