using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Search;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Search;

/// <summary>
/// The node's article snapshot: built with the search index from one load, swapped with it, updated
/// on every node by a publish, and holding only sanitized HTML.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeSnapshotTests(PostgresServer postgres)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ApproveAsync_NewRevision_EveryNodeServesItFromTheSnapshot()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        await using var cluster = await KnowledgeNodes.StartAsync(ds, 2);
        var nodes = cluster.Nodes;
        await WaitAsync(() => cluster.AllListening, "both listeners up");
        var article = Article();
        await PublishNewAsync(workflow, article);
        foreach (var node in nodes)
            await WaitAsync(() => node.Article(article.Id)?.Revision == 1, "revision 1 in the snapshot");

        var revised = article with { Body = article.Body + "\n\nسطر المراجعة الثانية عن الزرافات المخططة" };
        var revision = await workflow.SaveDraftAsync(article.Id, 1, revised, "second revision", Editor);
        await workflow.SubmitAsync(article.Id, revision, Editor);
        await workflow.ApproveAsync(article.Id, revision, null, Reviewer);

        foreach (var node in nodes)
        {
            await WaitAsync(() => node.Article(article.Id)?.Revision == revision, $"revision {revision} in the snapshot");
            var shown = node.Article(article.Id)!;
            Assert.Contains("سطر المراجعة الثانية", shown.Body.Html);
            var hit = Assert.Single(node.Search(new SearchRequest { Query = "الزرافات المخططة" }).Hits);
            Assert.Equal(article.Id, hit.Id);
            Assert.Equal(revision, node.Article(hit.Id)!.Revision);
        }
    }

    [Fact]
    public async Task RebuildAsync_WhilePublishing_EverySearchHitOpensWithTheIndexedRevision()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var node = KnowledgeNodes.Node(ds);
        var article = Article() with { TitleAr = "عنوان الزرافات 1" };
        await PublishNewAsync(workflow, article);
        await PublishNewAsync(workflow, Article());
        await node.RebuildAsync();

        using var done = new CancellationTokenSource();
        var checks = 0;
        var reader = Task.Run(() =>
        {
            do
            {
                // What the console does, on one snapshot: search, then open what was found.
                var snapshot = node.Snapshot;
                var hits = SearchEngine.Search(snapshot.Index, new SearchRequest { Query = "الزرافات" }).Hits;
                var hit = Assert.Single(hits);
                var opened = snapshot.Article(hit.Id);
                Assert.NotNull(opened);
                Assert.Equal(hit.Title, opened.Front.TitleAr);
                Assert.Equal(
                    snapshot.Index.Documents.Select(d => (d.Id, d.Title)).Order(),
                    snapshot.Articles.Select(a => (a.Id, a.Front.TitleAr)).Order());
                checks++;
            }
            while (!done.IsCancellationRequested);
        });

        try
        {
            for (var n = 2; n <= 4; n++)
            {
                var revision = await workflow.SaveDraftAsync(article.Id, n - 1, article with { TitleAr = $"عنوان الزرافات {n}" }, $"title {n}", Editor);
                await workflow.SubmitAsync(article.Id, revision, Editor);
                await workflow.ApproveAsync(article.Id, revision, null, Reviewer);
                await node.RebuildAsync();
            }
        }
        finally
        {
            done.Cancel();
        }
        await reader.WaitAsync(Bound);

        Assert.True(checks > 0);
        Assert.Equal((4, "عنوان الزرافات 4"), (node.Article(article.Id)!.Revision, node.Article(article.Id)!.Front.TitleAr));
    }

    [Fact]
    public async Task RebuildAsync_ScriptAndUnsafeLinksInBody_SnapshotHoldsSanitizedHtmlOnly()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var article = Article() with
        {
            Body = """
                ## الإجابة المختصرة
                يُسترد المبلغ خلال 15 يوماً. <script>alert('short')</script>

                ## الخطوات
                1. افتح [الرابط](javascript:alert(1)).
                2. <img src=x onerror="alert(2)">

                ## القاعدة
                - **المهلة:** 15 يوماً. <script>alert(3)</script>

                ## الرد المعتمد
                > نشكر تواصلك. <iframe src="https://evil.example"></iframe>
                """,
        };
        await using (var conn = await ds.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await ArticleStore.ImportPublishedAsync(conn, tx, [article], "test", "test", default);
            await tx.CommitAsync();
        }
        var node = KnowledgeNodes.Node(ds);

        await node.RebuildAsync();

        var shown = node.Article(article.Id)!;
        var html = new[] { shown.Body.Html, shown.Body.ShortAnswerHtml, shown.Body.StepsHtml, shown.Body.RuleHtml, shown.Body.ReplyHtml };
        Assert.All(html, Assert.NotNull);
        foreach (var fragment in html)
        {
            Assert.DoesNotContain("<script", fragment, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", fragment, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", fragment, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", fragment, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("&lt;script&gt;alert('short')&lt;/script&gt;", shown.Body.ShortAnswerHtml);
        Assert.Equal("", shown.Front.Body);
    }

    private static Task WaitAsync(Func<bool> condition, string what) => KnowledgeNodes.WaitAsync(condition, what);
}
