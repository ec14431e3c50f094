using System.Text.Json;
using CareDesk.Knowledge.Documents;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>One article as the editor's list shows it: its publication state and its latest revision.</summary>
public sealed record ArticleRow
{
    public required string Id { get; init; }
    public required string Topic { get; init; }
    public required string Status { get; init; }
    public int? PublishedRevision { get; init; }
    public int LatestRevision { get; init; }
    public required string LatestState { get; init; }
    public required string LatestAuthor { get; init; }
    public required string TitleAr { get; init; }
    public DateOnly? ReviewBy { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>One revision's record: who, when, why, and the review.</summary>
public sealed record RevisionRow
{
    public required string ArticleId { get; init; }
    public int Revision { get; init; }
    public required string State { get; init; }
    public required string ChangeNote { get; init; }
    public required string Author { get; init; }
    public string? Reviewer { get; init; }
    public string? ReviewNote { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public string? TitleAr { get; init; }
}

/// <summary>Read side of the editor: article list, history, one revision's document, the review queue.</summary>
public sealed class RevisionStore(NpgsqlDataSource dataSource)
{
    private const string RevisionColumns = """
        r.article_id AS ArticleId, r.revision AS Revision, r.state AS State, r.change_note AS ChangeNote,
        r.author AS Author, r.reviewer AS Reviewer, r.review_note AS ReviewNote, r.created_at AS CreatedAt,
        r.reviewed_at AS ReviewedAt, r.document->>'title_ar' AS TitleAr
        """;

    public async Task<IReadOnlyList<ArticleRow>> ArticlesAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ArticleRowData>(new CommandDefinition("""
            SELECT a.id AS Id, a.topic AS Topic, a.status AS Status, a.published_revision AS PublishedRevision,
                   l.revision AS LatestRevision, l.state AS LatestState, l.author AS LatestAuthor,
                   l.document->>'title_ar' AS TitleAr,
                   coalesce(p.document->>'review_by', l.document->>'review_by') AS ReviewBy, a.updated_at AS UpdatedAt
            FROM kb_articles a
            JOIN LATERAL (SELECT * FROM kb_revisions r WHERE r.article_id = a.id ORDER BY r.revision DESC LIMIT 1) l ON true
            LEFT JOIN kb_revisions p ON p.article_id = a.id AND p.revision = a.published_revision
            ORDER BY a.topic, a.id
            """, cancellationToken: ct));
        return rows.Select(r => r.ToRow()).ToList();
    }

    public async Task<IReadOnlyList<RevisionRow>> HistoryAsync(string articleId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<RevisionRow>(new CommandDefinition($"""
            SELECT {RevisionColumns} FROM kb_revisions r WHERE r.article_id = @articleId ORDER BY r.revision DESC
            """, new { articleId }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Revisions waiting for a reviewer, oldest first.</summary>
    public async Task<IReadOnlyList<RevisionRow>> InReviewAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<RevisionRow>(new CommandDefinition($"""
            SELECT {RevisionColumns} FROM kb_revisions r WHERE r.state = 'in-review' ORDER BY r.created_at
            """, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>The article as it was in one revision; null when there is no such revision.</summary>
    public async Task<FaqArticle?> DocumentAsync(string articleId, int revision, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var json = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document::text FROM kb_revisions WHERE article_id = @articleId AND revision = @revision",
            new { articleId, revision }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<FaqArticle>(json, ArticleStore.Json);
    }

    /// <summary>Published articles whose review date is before <paramref name="today"/>, with the editor to remind.</summary>
    public async Task<IReadOnlyList<ArticleRow>> OverdueAsync(DateOnly today, CancellationToken ct = default) =>
        (await ArticlesAsync(ct)).Where(a => a.Status == ArticleStatuses.Published && a.ReviewBy is { } d && d < today).ToList();

    private sealed record ArticleRowData
    {
        public string Id { get; init; } = "";
        public string Topic { get; init; } = "";
        public string Status { get; init; } = "";
        public int? PublishedRevision { get; init; }
        public int LatestRevision { get; init; }
        public string LatestState { get; init; } = "";
        public string LatestAuthor { get; init; } = "";
        public string? TitleAr { get; init; }
        public string? ReviewBy { get; init; }
        public DateTime UpdatedAt { get; init; }

        public ArticleRow ToRow() => new()
        {
            Id = Id, Topic = Topic, Status = Status, PublishedRevision = PublishedRevision, LatestRevision = LatestRevision,
            LatestState = LatestState, LatestAuthor = LatestAuthor, TitleAr = TitleAr ?? "", UpdatedAt = UpdatedAt,
            ReviewBy = DateOnly.TryParseExact(ReviewBy, "yyyy-MM-dd", out var d) ? d : null,
        };
    }
}
