using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Gaps;

/// <summary>A query asked <see cref="Count"/> times in the period.</summary>
public sealed record GapQuery
{
    public string Query { get; init; } = "";
    public long Count { get; init; }
    public DateTime LastAt { get; init; }
}

/// <summary>An agent's "not helpful" on an article, with the comment.</summary>
public sealed record GapFeedback
{
    public string ArticleId { get; init; } = "";
    public int Revision { get; init; }
    public string? TitleAr { get; init; }
    public string? Comment { get; init; }
    public string? UserName { get; init; }
    public DateTime At { get; init; }
}

/// <summary>An article and how often agents opened it from a search in the period.</summary>
public sealed record ArticleUse
{
    public string ArticleId { get; init; } = "";
    public string? TitleAr { get; init; }
    public long Opened { get; init; }
    public long NotHelpful { get; init; }
}

/// <summary>The content-gap report for a period.</summary>
public sealed record ContentGapReport(
    IReadOnlyList<GapQuery> NoResults,
    IReadOnlyList<GapQuery> NothingOpened,
    IReadOnlyList<GapFeedback> NotHelpful,
    IReadOnlyList<ArticleUse> MostUsed,
    long Searches);

/// <summary>
/// What agents looked for and did not find, over <c>search_log</c> and <c>kb_feedback</c>: searches
/// with no results, searches where no result was opened, "not helpful" with comments, most-opened
/// articles. Queries are grouped case- and space-insensitively (<c>search_log.query_key</c>).
/// </summary>
public sealed class ContentGaps(NpgsqlDataSource dataSource)
{
    public async Task<ContentGapReport> ReportAsync(DateTime fromUtc, DateTime toUtc, int top = 50, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        // JIT compilation costs these one-off aggregates more than it saves over a long period.
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SET LOCAL jit = off", transaction: tx, cancellationToken: ct));
        var p = new { from = fromUtc, to = toUtc, top };
        async Task<IReadOnlyList<GapQuery>> Queries(string where) => (await conn.QueryAsync<GapQuery>(new CommandDefinition($"""
            SELECT min(query) AS Query, count(*) AS Count, max(at) AS LastAt
            FROM search_log
            WHERE at >= @from AND at < @to AND {where}
            GROUP BY query_key
            ORDER BY count(*) DESC, max(at) DESC
            LIMIT @top
            """, p, cancellationToken: ct))).ToList();

        var noResults = await Queries("hit_count = 0");
        var nothingOpened = await Queries("hit_count > 0 AND chosen_article IS NULL");
        var notHelpful = (await conn.QueryAsync<GapFeedback>(new CommandDefinition("""
            SELECT f.article_id AS ArticleId, f.revision AS Revision, r.document->>'title_ar' AS TitleAr,
                   f.comment AS Comment, f.user_name AS UserName, f.at AS At
            FROM kb_feedback f JOIN kb_revisions r ON r.article_id = f.article_id AND r.revision = f.revision
            WHERE f.at >= @from AND f.at < @to AND NOT f.helpful
            ORDER BY f.at DESC
            LIMIT @top
            """, p, cancellationToken: ct))).ToList();
        var mostUsed = (await conn.QueryAsync<ArticleUse>(new CommandDefinition("""
            SELECT u.article_id AS ArticleId, r.document->>'title_ar' AS TitleAr, u.opened AS Opened,
                   (SELECT count(*) FROM kb_feedback f WHERE f.article_id = u.article_id AND NOT f.helpful AND f.at >= @from AND f.at < @to) AS NotHelpful
            FROM (SELECT chosen_article AS article_id, count(*) AS opened FROM search_log
                  WHERE at >= @from AND at < @to AND chosen_article IS NOT NULL GROUP BY chosen_article) u
            JOIN kb_articles a ON a.id = u.article_id
            LEFT JOIN kb_revisions r ON r.article_id = a.id AND r.revision = coalesce(a.published_revision,
                (SELECT max(revision) FROM kb_revisions x WHERE x.article_id = a.id))
            ORDER BY u.opened DESC, u.article_id
            LIMIT @top
            """, p, cancellationToken: ct))).ToList();
        var searches = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM search_log WHERE at >= @from AND at < @to", p, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new ContentGapReport(noResults, nothingOpened, notHelpful, mostUsed, searches);
    }
}
