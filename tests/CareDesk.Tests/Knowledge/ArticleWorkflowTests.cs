using CareDesk.Features.Reference;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Search;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class ArticleWorkflowTests(PostgresServer postgres)
{
    private static async Task<string> InReviewAsync(ArticleWorkflow workflow, EditorActor author)
    {
        var article = Article();
        await workflow.CreateAsync(article, "new article", author);
        await workflow.SubmitAsync(article.Id, 1, author);
        return article.Id;
    }

    [Fact]
    public async Task ApproveAsync_ByAuthor_ThrowsFourEyesAndChangesNothing()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, EditorReviewer);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.ApproveAsync(id, 1, null, EditorReviewer));

        Assert.Equal("editor.error.foureyes", ex.Key);
        var history = await new RevisionStore(ds).HistoryAsync(id);
        Assert.Equal(RevisionStates.InReview, Assert.Single(history).State);
        Assert.Empty(await new ArticleStore(ds).PublishedAsync());
        Assert.Empty(await new AuditLog(ds).QueryAsync(new AuditQuery(Action: AuditActions.Publish)));
    }

    [Fact]
    public async Task ReturnAsync_ByAuthor_ThrowsFourEyes()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, EditorReviewer);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.ReturnAsync(id, 1, "looks fine to me", EditorReviewer));

        Assert.Equal("editor.error.foureyes", ex.Key);
    }

    [Fact]
    public async Task ApproveAsync_ByOtherReviewer_PublishesRevision()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);

        await workflow.ApproveAsync(id, 1, "checked against seed 004", Reviewer);

        var published = Assert.Single(await new ArticleStore(ds).PublishedAsync());
        Assert.Equal(id, published.Id);
        Assert.Equal("published", published.Status);
        var rev = Assert.Single(await new RevisionStore(ds).HistoryAsync(id));
        Assert.Equal((RevisionStates.Published, "editor1", "reviewer1", "checked against seed 004"), (rev.State, rev.Author, rev.Reviewer, rev.ReviewNote));
        Assert.NotNull(rev.ReviewedAt);
        var audited = Assert.Single(await new AuditLog(ds).QueryAsync(new AuditQuery(Action: AuditActions.Publish)));
        Assert.Equal(("reviewer1", id), (audited.Actor, audited.Subject));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("editor")]
    public async Task ApproveAsync_WithoutReviewerRole_Throws(string who)
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.ApproveAsync(id, 1, null, who == "agent" ? Agent : OtherEditor));

        Assert.Equal("editor.error.role", ex.Key);
    }

    [Fact]
    public async Task CreateAsync_ByReviewerOrAgent_Throws()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));

        Assert.Equal("editor.error.role", (await Assert.ThrowsAsync<EditingException>(() => workflow.CreateAsync(Article(), "x", Reviewer))).Key);
        Assert.Equal("editor.error.role", (await Assert.ThrowsAsync<EditingException>(() => workflow.CreateAsync(Article(), "x", Agent))).Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SaveDraftAsync_NoChangeNote_Throws(string note)
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await workflow.CreateAsync(article, "first", Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.SaveDraftAsync(article.Id, 1, article, note, Editor));

        Assert.Equal("editor.error.note", ex.Key);
    }

    [Fact]
    public async Task ReturnAsync_WithNote_AuthorRevisesAndSecondRoundPublishes()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);

        await Assert.ThrowsAsync<EditingException>(() => workflow.ReturnAsync(id, 1, " ", Reviewer));
        await workflow.ReturnAsync(id, 1, "the 72-hour rule is missing", Reviewer);
        var r2 = await workflow.SaveDraftAsync(id, 1, Article(id, "- المهلة 72 ساعة"), "added the 72-hour rule", Editor);
        await workflow.SubmitAsync(id, r2, Editor);
        await workflow.ApproveAsync(id, r2, null, Reviewer);

        var history = await new RevisionStore(ds).HistoryAsync(id);
        Assert.Equal([(2, RevisionStates.Published), (1, RevisionStates.Returned)], history.Select(h => (h.Revision, h.State)));
        Assert.Equal("the 72-hour rule is missing", history[1].ReviewNote);
        Assert.Contains("المهلة 72 ساعة", Assert.Single(await new ArticleStore(ds).PublishedAsync()).Body);
    }

    [Fact]
    public async Task SaveDraftAsync_OnPublishedArticle_KeepsPublishedUntilApproved()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);
        await workflow.ApproveAsync(id, 1, null, Reviewer);

        var r2 = await workflow.SaveDraftAsync(id, 1, Article(id, "سطر جديد في المسودة"), "draft change", OtherEditor);
        await workflow.SubmitAsync(id, r2, OtherEditor);

        Assert.DoesNotContain("سطر جديد في المسودة", Assert.Single(await new ArticleStore(ds).PublishedAsync()).Body);
        await workflow.ApproveAsync(id, r2, null, Reviewer);
        Assert.Contains("سطر جديد في المسودة", Assert.Single(await new ArticleStore(ds).PublishedAsync()).Body);
        var history = await new RevisionStore(ds).HistoryAsync(id);
        Assert.Equal([RevisionStates.Published, RevisionStates.Superseded], history.Select(h => h.State));
    }

    [Fact]
    public async Task SaveDraftAsync_StaleBaseRevision_ThrowsAndWritesNothing()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await workflow.CreateAsync(article, "first", Editor);
        await workflow.SaveDraftAsync(article.Id, 1, article, "second", Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.SaveDraftAsync(article.Id, 1, article, "from an old screen", OtherEditor));

        Assert.Equal("editor.error.stale", ex.Key);
        Assert.Equal(2, (await new RevisionStore(ds).HistoryAsync(article.Id)).Count);
    }

    [Fact]
    public async Task SaveDraftAsync_WhileInReview_ThrowsWrongState()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.SaveDraftAsync(id, 1, Article(id), "sneaky change", Editor));

        Assert.Equal("editor.error.state", ex.Key);
    }

    [Fact]
    public async Task SubmitAsync_ArticleMissingSections_ThrowsInvalid()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article() with { Body = "نص بلا أقسام" };
        await workflow.CreateAsync(article, "first", Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.SubmitAsync(article.Id, 1, Editor));

        Assert.Equal("editor.error.invalid", ex.Key);
        Assert.Contains("missing", ex.Message);
    }

    [Fact]
    public async Task SubmitAsync_UnknownCaseTypeAndAgency_ThrowsNamingThem()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var validator = new ArticleValidator(ReferenceSnapshot.Fixed(CareDesk.Knowledge.Reference.ReferenceData.Load(Path.Combine(TestPaths.RepoRoot, "seeds"))));
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds), validator);
        var article = Article() with { CaseTypes = ["no-such-case"], Agencies = ["NOPE"] };
        await workflow.CreateAsync(article, "first", Editor);

        var ex = await Assert.ThrowsAsync<EditingException>(() => workflow.SubmitAsync(article.Id, 1, Editor));

        Assert.Equal("editor.error.invalid", ex.Key);
        Assert.Contains("no-such-case", ex.Message);
        Assert.Contains("NOPE", ex.Message);
        Assert.Empty(validator.Problems(Article()));
    }

    [Fact]
    public async Task SaveDraftAsync_EverySave_KeptWithAuthorAndNote()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await workflow.CreateAsync(article, "first", Editor);
        await workflow.SaveDraftAsync(article.Id, 1, Article(article.Id, "ثانية"), "second", OtherEditor);
        await workflow.SaveDraftAsync(article.Id, 2, Article(article.Id, "ثالثة"), "third", Editor);

        var history = await new RevisionStore(ds).HistoryAsync(article.Id);

        Assert.Equal([(3, "draft", "editor1", "third"), (2, "superseded", "editor2", "second"), (1, "superseded", "editor1", "first")],
            history.Select(h => (h.Revision, h.State, h.Author, h.ChangeNote)));
        Assert.Contains("ثانية", (await new RevisionStore(ds).DocumentAsync(article.Id, 2))!.Body);
    }

    [Fact]
    public async Task RestoreAsync_OldRevision_NewDraftWithItsContent()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article(extraBodyLine: "النص الأصلي");
        await workflow.CreateAsync(article, "first", Editor);
        await workflow.SaveDraftAsync(article.Id, 1, Article(article.Id, "نص خاطئ"), "second", Editor);

        var restored = await workflow.RestoreAsync(article.Id, 1, "revision 2 was wrong", OtherEditor);

        Assert.Equal(3, restored);
        var doc = (await new RevisionStore(ds).DocumentAsync(article.Id, 3))!;
        Assert.Contains("النص الأصلي", doc.Body);
        Assert.DoesNotContain("نص خاطئ", doc.Body);
        Assert.Equal(3, (await new RevisionStore(ds).HistoryAsync(article.Id)).Count);
    }

    [Fact]
    public async Task ArchiveAsync_Published_LeavesSearchAndNotifies()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);
        await workflow.ApproveAsync(id, 1, null, Reviewer);

        await Assert.ThrowsAsync<EditingException>(() => workflow.ArchiveAsync(id, "obsolete", Editor));
        var notified = await NotificationsDuringAsync(ds, () => workflow.ArchiveAsync(id, "obsolete", Reviewer));

        Assert.Empty(await new ArticleStore(ds).PublishedAsync());
        Assert.Equal([id], notified);
        Assert.Equal(ArticleStatuses.Archived, Assert.Single(await new RevisionStore(ds).ArticlesAsync()).Status);
    }

    [Fact]
    public async Task ApproveAsync_Committed_SendsOneNotifyWithTheArticleId()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);

        var notified = await NotificationsDuringAsync(ds, () => workflow.ApproveAsync(id, 1, null, Reviewer));

        Assert.Equal([id], notified);
    }

    [Fact]
    public async Task ApproveAsync_Refused_SendsNoNotify()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, EditorReviewer);

        var notified = await NotificationsDuringAsync(ds, async () =>
            await Assert.ThrowsAsync<EditingException>(() => workflow.ApproveAsync(id, 1, null, EditorReviewer)));

        Assert.Empty(notified);
    }

    [Fact]
    public async Task ApproveAsync_TwoReviewersAtOnce_OnePublishesTheOtherSeesWrongState()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var id = await InReviewAsync(workflow, Editor);
        var second = EditorActor.Of("reviewer2", CareDesk.Features.Accounts.Roles.Reviewer);

        var results = await Task.WhenAll(
            Capture(() => workflow.ApproveAsync(id, 1, null, Reviewer)),
            Capture(() => workflow.ApproveAsync(id, 1, null, second)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is EditingException { Key: "editor.error.state" });
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task<List<string>> NotificationsDuringAsync(NpgsqlDataSource ds, Func<Task> action)
    {
        var payloads = new List<string>();
        await using var listen = await ds.OpenConnectionAsync();
        listen.Notification += (_, e) => payloads.Add(e.Payload);
        await listen.ExecuteAsync($"LISTEN {KnowledgeChangeListener.Channel}");
        await action();
        while (await listen.WaitAsync(TimeSpan.FromMilliseconds(300)))
        {
        }
        return payloads;
    }
}
