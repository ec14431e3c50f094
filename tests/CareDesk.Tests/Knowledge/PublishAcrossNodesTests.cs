using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Npgsql;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

/// <summary>Two real app processes on one database: a publish reaches the search index of both.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PublishAcrossNodesTests(PostgresServer postgres)
{
    private static async Task<(int Documents, DateTimeOffset BuiltAt)> IndexAsync(AppProcess node)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl) };
        var health = await http.GetFromJsonAsync<JsonElement>("/health");
        var search = health.GetProperty("search");
        return (search.GetProperty("documents").GetInt32(), search.GetProperty("built_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task ApproveAsync_TwoAppNodes_BothRebuildTheirIndexWithTheArticle()
    {
        var cs = await postgres.CreateDatabaseAsync("kbnodes");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__CareDesk"] = cs };
        var nodes = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        try
        {
            var before = await Task.WhenAll(nodes.Select(IndexAsync));
            Assert.Equal(before[0].Documents, before[1].Documents);
            await using var ds = NpgsqlDataSource.Create(cs);
            var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
            var article = Article();
            await workflow.CreateAsync(article, "new", Editor);
            await workflow.SubmitAsync(article.Id, 1, Editor);

            var clock = Stopwatch.StartNew();
            await workflow.ApproveAsync(article.Id, 1, null, Reviewer);

            foreach (var (node, i) in nodes.Select((n, i) => (n, i)))
            {
                var now = await IndexAsync(node);
                while (now.Documents != before[i].Documents + 1 && clock.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(50);
                    now = await IndexAsync(node);
                }
                Assert.Equal(before[i].Documents + 1, now.Documents);
                Assert.True(now.BuiltAt > before[i].BuiltAt);
            }
            // "Within a second" in the issue; the bound leaves room for a loaded test machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"both nodes rebuilt after {clock.Elapsed}");
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }
}
