using System.Text.Json;
using CareDesk.Features.Audit;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Documents;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Editing;

/// <summary>
/// The editing workflow of an article: draft → in review → published (or returned with a note) →
/// archived. Every save is a new revision, kept forever with who, when and why; an earlier open
/// revision of the article is marked superseded. A revision is reviewed by someone other than its
/// author. Approving publishes: the revision, the article row and the <c>NOTIFY</c> that makes every
/// node rebuild its search index are one transaction. A revision goes to review, and is published,
/// only when it passes the content checks (the format; with a validator, the reference data too).
/// Each action locks the article row, so two people acting at once are serialized and the second
/// sees the first's result.
/// </summary>
public sealed class ArticleWorkflow(NpgsqlDataSource dataSource, IAuditLog audit, ArticleValidator? validator = null)
{
    /// <summary>Starts a new article as draft revision 1.</summary>
    public async Task<int> CreateAsync(FaqArticle document, string changeNote, EditorActor actor, CancellationToken ct = default)
    {
        RequireEditor(actor, "create an article");
        RequireNote(changeNote);
        RequireShape(document);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var inserted = await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO kb_articles (id, topic, status) VALUES (@Id, @Topic, 'draft')
            ON CONFLICT (id) DO NOTHING
            """, new { document.Id, document.Topic }, tx, cancellationToken: ct));
        if (inserted == 0)
            throw EditingException.Exists(document.Id);
        await InsertRevisionAsync(conn, tx, document.Id, 1, document, changeNote, actor, ct);
        await tx.CommitAsync(ct);
        return 1;
    }

    /// <summary>
    /// Saves a new draft revision. <paramref name="baseRevision"/> is the latest revision the editor
    /// opened; if someone saved since, nothing is written (<see cref="EditingException.Stale"/>).
    /// </summary>
    public async Task<int> SaveDraftAsync(string articleId, int baseRevision, FaqArticle document, string changeNote, EditorActor actor, CancellationToken ct = default)
    {
        RequireEditor(actor, "save a draft");
        RequireNote(changeNote);
        RequireShape(document with { Id = articleId });
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var head = await LockAsync(conn, tx, articleId, ct);
        if (head.LatestRevision != baseRevision)
            throw EditingException.Stale();
        var revision = await NewDraftAsync(conn, tx, head, document with { Id = articleId }, changeNote, actor, ct);
        await tx.CommitAsync(ct);
        return revision;
    }

    /// <summary>Makes a new draft whose content is an old revision's.</summary>
    public async Task<int> RestoreAsync(string articleId, int fromRevision, string changeNote, EditorActor actor, CancellationToken ct = default)
    {
        RequireEditor(actor, "restore a revision");
        RequireNote(changeNote);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var head = await LockAsync(conn, tx, articleId, ct);
        var old = await DocumentAsync(conn, tx, articleId, fromRevision, ct) ?? throw EditingException.NotFound($"{articleId} revision {fromRevision}");
        var revision = await NewDraftAsync(conn, tx, head, old, changeNote, actor, ct);
        await tx.CommitAsync(ct);
        return revision;
    }

    /// <summary>Sends a draft to review. The article must pass the content format's checks.</summary>
    public async Task SubmitAsync(string articleId, int revision, EditorActor actor, CancellationToken ct = default)
    {
        RequireEditor(actor, "submit for review");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var head = await LockAsync(conn, tx, articleId, ct);
        var (state, _) = await RevisionStateAsync(conn, tx, articleId, revision, ct);
        if (state != RevisionStates.Draft)
            throw EditingException.WrongState(state, "submitted for review");
        var document = (await DocumentAsync(conn, tx, articleId, revision, ct))!;
        var problems = Problems(document);
        if (problems.Count > 0)
            throw EditingException.Invalid(problems.Select(p => p.MessageEn).ToList());
        await SetStateAsync(conn, tx, articleId, revision, RevisionStates.InReview, ct);
        if (head.Status is ArticleStatuses.Draft)
            await SetArticleAsync(conn, tx, articleId, ArticleStatuses.InReview, head.PublishedRevision, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Approves and publishes a revision in review: it becomes the published revision, the one
    /// before is superseded, and every node is told to rebuild its index — all in one transaction.
    /// </summary>
    public async Task ApproveAsync(string articleId, int revision, string? reviewNote, EditorActor actor, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockAsync(conn, tx, articleId, ct);
        await RequireReviewableAsync(conn, tx, articleId, revision, actor, "approved", ct);
        var document = (await DocumentAsync(conn, tx, articleId, revision, ct))! with { Status = ArticleStatuses.Published };
        var problems = Problems(document);
        if (problems.Count > 0)
            throw EditingException.Invalid(problems.Select(p => p.MessageEn).ToList());
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE kb_revisions SET state = 'superseded'
            WHERE article_id = @articleId AND state IN ('published', 'archived')
            """, new { articleId }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE kb_revisions
            SET state = 'published', document = @Document::jsonb, reviewer = @Reviewer, review_note = @Note, reviewed_at = now()
            WHERE article_id = @articleId AND revision = @revision
            """, new { articleId, revision, Document = JsonSerializer.Serialize(document, ArticleStore.Json), Reviewer = actor.Name, Note = Blank(reviewNote) }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE kb_articles SET status = 'published', published_revision = @revision, topic = @Topic, updated_at = now()
            WHERE id = @articleId
            """, new { articleId, revision, document.Topic }, tx, cancellationToken: ct));
        await audit.WriteAsync(conn, tx, new AuditEntry(actor.Name, AuditActions.Publish, articleId, Details: $"revision {revision} published"), ct);
        await KnowledgeChangeListener.NotifyAsync(conn, tx, articleId, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sends a revision in review back to its author with a required note.</summary>
    public async Task ReturnAsync(string articleId, int revision, string reviewNote, EditorActor actor, CancellationToken ct = default)
    {
        RequireNote(reviewNote);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var head = await LockAsync(conn, tx, articleId, ct);
        await RequireReviewableAsync(conn, tx, articleId, revision, actor, "returned", ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE kb_revisions SET state = 'returned', reviewer = @Reviewer, review_note = @Note, reviewed_at = now()
            WHERE article_id = @articleId AND revision = @revision
            """, new { articleId, revision, Reviewer = actor.Name, Note = reviewNote.Trim() }, tx, cancellationToken: ct));
        if (head.Status is ArticleStatuses.InReview)
            await SetArticleAsync(conn, tx, articleId, ArticleStatuses.Draft, head.PublishedRevision, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Takes a published article out of search (a reviewer's decision, with a reason).</summary>
    public async Task ArchiveAsync(string articleId, string note, EditorActor actor, CancellationToken ct = default)
    {
        if (!actor.CanReview)
            throw EditingException.NotAllowed("archive an article");
        RequireNote(note);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var head = await LockAsync(conn, tx, articleId, ct);
        if (head.Status != ArticleStatuses.Published || head.PublishedRevision is not { } published)
            throw EditingException.WrongState(head.Status, "archived");
        var document = (await DocumentAsync(conn, tx, articleId, published, ct))! with { Status = ArticleStatuses.Archived };
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE kb_revisions SET state = 'archived', document = @Document::jsonb, review_note = @Note, reviewer = @Reviewer, reviewed_at = now()
            WHERE article_id = @articleId AND revision = @published
            """, new { articleId, published, Document = JsonSerializer.Serialize(document, ArticleStore.Json), Note = note.Trim(), Reviewer = actor.Name }, tx, cancellationToken: ct));
        await SetArticleAsync(conn, tx, articleId, ArticleStatuses.Archived, published, ct);
        await audit.WriteAsync(conn, tx, new AuditEntry(actor.Name, AuditActions.Publish, articleId, Details: $"revision {published} archived: {note.Trim()}"), ct);
        await KnowledgeChangeListener.NotifyAsync(conn, tx, articleId, ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<int> NewDraftAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ArticleHead head, FaqArticle document, string changeNote, EditorActor actor, CancellationToken ct)
    {
        var (openState, _) = head.OpenRevision is { } open ? await RevisionStateAsync(conn, tx, head.Id, open, ct) : ("", "");
        if (openState == RevisionStates.InReview)
            throw EditingException.WrongState(openState, "changed while in review");
        if (head.OpenRevision is { } previous)
            await SetStateAsync(conn, tx, head.Id, previous, RevisionStates.Superseded, ct);
        var revision = head.LatestRevision + 1;
        await InsertRevisionAsync(conn, tx, head.Id, revision, document with { Id = head.Id }, changeNote, actor, ct);
        if (head.Status is ArticleStatuses.InReview)
            await SetArticleAsync(conn, tx, head.Id, ArticleStatuses.Draft, head.PublishedRevision, ct);
        return revision;
    }

    private static Task InsertRevisionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string id, int revision, FaqArticle document, string note, EditorActor actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO kb_revisions (article_id, revision, state, document, change_note, author)
            VALUES (@id, @revision, 'draft', @Document::jsonb, @Note, @Author)
            """, new { id, revision, Document = JsonSerializer.Serialize(document with { Status = ArticleStatuses.Draft }, ArticleStore.Json), Note = note.Trim(), Author = actor.Name }, tx, cancellationToken: ct));

    private static async Task RequireReviewableAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, int revision, EditorActor actor, string action, CancellationToken ct)
    {
        if (!actor.CanReview)
            throw EditingException.NotAllowed($"review ({action})");
        var (state, author) = await RevisionStateAsync(conn, tx, articleId, revision, ct);
        if (state != RevisionStates.InReview)
            throw EditingException.WrongState(state, action);
        if (string.Equals(author, actor.Name, StringComparison.OrdinalIgnoreCase))
            throw EditingException.FourEyes();
    }

    private static async Task<ArticleHead> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, CancellationToken ct)
    {
        var head = await conn.QuerySingleOrDefaultAsync<ArticleHead>(new CommandDefinition("""
            SELECT a.id AS Id, a.status AS Status, a.published_revision AS PublishedRevision,
                   (SELECT max(revision) FROM kb_revisions r WHERE r.article_id = a.id) AS LatestRevision,
                   (SELECT revision FROM kb_revisions r WHERE r.article_id = a.id AND r.state IN ('draft', 'in-review')) AS OpenRevision
            FROM kb_articles a WHERE a.id = @articleId
            FOR UPDATE
            """, new { articleId }, tx, cancellationToken: ct));
        return head ?? throw EditingException.NotFound(articleId);
    }

    private static async Task<(string State, string Author)> RevisionStateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, int revision, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<RevisionHead>(new CommandDefinition(
            "SELECT state AS State, author AS Author FROM kb_revisions WHERE article_id = @articleId AND revision = @revision",
            new { articleId, revision }, tx, cancellationToken: ct));
        return row is null ? throw EditingException.NotFound($"{articleId} revision {revision}") : (row.State, row.Author);
    }

    private static async Task<FaqArticle?> DocumentAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, int revision, CancellationToken ct)
    {
        var json = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document::text FROM kb_revisions WHERE article_id = @articleId AND revision = @revision",
            new { articleId, revision }, tx, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<FaqArticle>(json, ArticleStore.Json);
    }

    private static Task SetStateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, int revision, string state, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE kb_revisions SET state = @state WHERE article_id = @articleId AND revision = @revision",
            new { articleId, revision, state }, tx, cancellationToken: ct));

    private static Task SetArticleAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string articleId, string status, int? publishedRevision, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE kb_articles SET status = @status, published_revision = @publishedRevision, updated_at = now() WHERE id = @articleId",
            new { articleId, status, publishedRevision }, tx, cancellationToken: ct));

    private static void RequireEditor(EditorActor actor, string action)
    {
        if (!actor.CanEdit)
            throw EditingException.NotAllowed(action);
    }

    private static void RequireNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
            throw EditingException.NoteRequired();
    }

    private static void RequireShape(FaqArticle document)
    {
        var problems = new List<string>();
        if (!ArticleChecks.IsValidId(document.Id))
            problems.Add($"id '{document.Id}' must be kebab-case");
        if (string.IsNullOrWhiteSpace(document.Topic))
            problems.Add("topic is required");
        if (string.IsNullOrWhiteSpace(document.TitleAr))
            problems.Add("title_ar is required");
        if (problems.Count > 0)
            throw EditingException.Invalid(problems);
    }

    private IReadOnlyList<ContentProblem> Problems(FaqArticle document) =>
        validator?.Problems(document) ?? ArticleChecks.Problems(document);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private sealed record RevisionHead(string State, string Author);

    private sealed record ArticleHead(string Id, string Status, int? PublishedRevision, int LatestRevision, int? OpenRevision);
}
