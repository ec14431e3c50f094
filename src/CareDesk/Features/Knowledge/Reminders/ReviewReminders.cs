using CareDesk.Features.Accounts;
using CareDesk.Features.Tickets;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Reminders;

/// <summary>An in-app reminder: an article past its review date.</summary>
public sealed record ReviewReminder
{
    public long Id { get; init; }
    public string ArticleId { get; init; } = "";
    public string? TitleAr { get; init; }
    public string? Editor { get; init; }
    public DateTime ReviewBy { get; init; }
    public DateTime Day { get; init; }
}

/// <summary>
/// Writes the day's reminders for published articles past their review date, once per day across
/// all nodes: the run claims the day with a row in <c>kb_job_runs</c> (unique per job and day) in
/// the same transaction as the reminders, so a node that loses the race writes nothing and a failed
/// run leaves the day unclaimed for the next attempt. Each reminder is also queued as an in-app
/// notification in the shared outbox, to the article's last editor (or every editor).
/// </summary>
public sealed class ReviewReminders(NpgsqlDataSource dataSource)
{
    public const string Job = "kb-review-reminders";

    /// <summary>Runs the day's reminders; returns how many were written, or null when the day was already claimed.</summary>
    public async Task<int?> RunDayAsync(DateOnly day, string node, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var claimed = await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kb_job_runs (job, day, node) VALUES (@Job, @day, @node) ON CONFLICT DO NOTHING",
            new { Job, day, node }, tx, cancellationToken: ct));
        if (claimed == 0)
            return null;
        // The editor to remind is whoever last wrote the article; an imported article has none, so every editor sees it.
        var written = (await conn.QueryAsync<WrittenReminder>(new CommandDefinition("""
            INSERT INTO kb_reminders (article_id, editor, review_by, day)
            SELECT a.id,
                   (SELECT r.author FROM kb_revisions r WHERE r.article_id = a.id AND r.author <> 'import' ORDER BY r.revision DESC LIMIT 1),
                   (p.document->>'review_by')::date, @day
            FROM kb_articles a
            JOIN kb_revisions p ON p.article_id = a.id AND p.revision = a.published_revision
            WHERE a.status = 'published' AND p.document->>'review_by' IS NOT NULL AND (p.document->>'review_by')::date < @day
            ON CONFLICT (article_id, day) DO NOTHING
            RETURNING article_id AS ArticleId, editor AS Editor, review_by AS ReviewBy
            """, new { day }, tx, cancellationToken: ct))).ToList();
        // Also into the shared in-app notifications (the tickets feature's outbox), in the same transaction.
        await TicketWrites.EnqueueAsync(conn, tx, written.Select(w => new OutboxMessage("in-app",
            w.Editor is null ? "role:" + Roles.Editor : "user:" + w.Editor, null,
            new NotificationPayload("kb.review-due", null,
                $"تجاوز المقال {w.ArticleId} تاريخ مراجعته ({w.ReviewBy:yyyy-MM-dd})",
                $"Article {w.ArticleId} is past its review date ({w.ReviewBy:yyyy-MM-dd})"))), DateTimeOffset.UtcNow, ct);
        await tx.CommitAsync(ct);
        return written.Count;
    }

    /// <summary>Open reminders for an editor: theirs and those addressed to every editor, latest day first, one per article.</summary>
    public async Task<IReadOnlyList<ReviewReminder>> OpenAsync(string editor, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<ReviewReminder>(new CommandDefinition("""
            SELECT DISTINCT ON (m.article_id) m.id AS Id, m.article_id AS ArticleId, m.editor AS Editor,
                   m.review_by AS ReviewBy, m.day AS Day, r.document->>'title_ar' AS TitleAr
            FROM kb_reminders m
            JOIN kb_articles a ON a.id = m.article_id
            LEFT JOIN kb_revisions r ON r.article_id = a.id AND r.revision = a.published_revision
            WHERE m.dismissed_at IS NULL AND (m.editor = @editor OR m.editor IS NULL)
            ORDER BY m.article_id, m.day DESC
            """, new { editor }, cancellationToken: ct));
        return rows.OrderBy(r => r.ReviewBy).ToList();
    }

    /// <summary>Dismisses every open reminder of an article (the editor has seen to it).</summary>
    public async Task DismissAsync(string articleId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE kb_reminders SET dismissed_at = now() WHERE article_id = @articleId AND dismissed_at IS NULL",
            new { articleId }, cancellationToken: ct));
    }

    private sealed record WrittenReminder
    {
        public string ArticleId { get; init; } = "";
        public string? Editor { get; init; }
        public DateTime ReviewBy { get; init; }
    }
}
