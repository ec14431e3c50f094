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
    public async Task<IReadOnlyList<FaqArticle>> PublishedAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var docs = await conn.QueryAsync<string>(new CommandDefinition("""
            SELECT r.document::text
            FROM kb_articles a
            JOIN kb_revisions r ON r.article_id = a.id AND r.revision = a.published_revision
            WHERE a.status = 'published'
            ORDER BY a.id
            """, cancellationToken: ct));
        return docs.Select(d => JsonSerializer.Deserialize<FaqArticle>(d, Json)!).ToList();
    }

    /// <summary>One published article with the revision number that is live, for the console and audits.</summary>
    public async Task<PublishedArticle?> GetPublishedAsync(string id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Document, int Revision, DateTime CreatedAt, DateTime? ReviewedAt)>(new CommandDefinition("""
            SELECT r.document::text, r.revision, r.created_at, r.reviewed_at
            FROM kb_articles a
            JOIN kb_revisions r ON r.article_id = a.id AND r.revision = a.published_revision
            WHERE a.id = @id AND a.status = 'published'
            """, new { id }, cancellationToken: ct));
        if (row.Document is null)
            return null;
        var article = JsonSerializer.Deserialize<FaqArticle>(row.Document, Json)!;
        return new PublishedArticle(article, row.Revision, new DateTimeOffset(row.ReviewedAt ?? row.CreatedAt, TimeSpan.Zero));
    }

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
