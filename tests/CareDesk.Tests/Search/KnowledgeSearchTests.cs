using CareDesk.Features.Knowledge;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Search;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Search;

[Collection(PostgresCollection.Name)]
public sealed class KnowledgeSearchTests(PostgresServer postgres)
{
    private static KnowledgeSearch Node(NpgsqlDataSource ds) => KnowledgeNodes.Node(ds);

    private static FaqArticle Article(string id, string title) => new()
    {
        Id = id, Topic = "mof-contact", TitleAr = title, SummaryAr = title, Body = "## الإجابة المختصرة\n" + title,
    };

    [Fact]
    public async Task Publish_WithNotify_EveryNodeSwapsInTheNewIndex()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        await using var cluster = await KnowledgeNodes.StartAsync(ds, 2);
        await KnowledgeNodes.WaitAsync(() => cluster.AllListening, "both listeners LISTENing before the publish");
        await using (var conn = await ds.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await ArticleStore.ImportPublishedAsync(conn, tx, [Article("zebra-article", "قنطرة الزرافات المخططة")], "test", "test", default);
            await KnowledgeChangeListener.NotifyAsync(conn, tx, "zebra-article");
            await tx.CommitAsync();
        }

        foreach (var node in cluster.Nodes)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (node.Search(new SearchRequest { Query = "الزرافات" }).Hits.Count == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal("zebra-article", Assert.Single(node.Search(new SearchRequest { Query = "الزرافات" }).Hits).Id);
        }
    }

    [Fact]
    public async Task Publish_RolledBack_NoNodeSeesIt()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var node = Node(ds);
        await node.RebuildAsync();
        var listener = new KnowledgeChangeListener(ds, node, NullLogger<KnowledgeChangeListener>.Instance);
        await listener.StartAsync(default);
        try
        {
            await KnowledgeNodes.WaitAsync(() => listener.IsListening, "the listener LISTENing before the publish");
            await using (var conn = await ds.OpenConnectionAsync())
            await using (var tx = await conn.BeginTransactionAsync())
            {
                await ArticleStore.ImportPublishedAsync(conn, tx, [Article("ghost-article", "شبح الزرافات")], "test", "test", default);
                await KnowledgeChangeListener.NotifyAsync(conn, tx, "ghost-article");
                await tx.RollbackAsync();
            }
            await node.RebuildAsync();

            Assert.Empty(node.Search(new SearchRequest { Query = "شبح" }).Hits);
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }

    [Fact]
    public async Task LogAsync_ThenChosen_RecordsQueryHitsAndOpenedArticle()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var node = Node(ds);

        var id = await node.LogAsync("رصيد المدفوعات", 3, "balance-definition", "agent1", "console");
        await node.LogChosenAsync(id, "balance-definition");

        await using var conn = await ds.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT query, hit_count, chosen_article FROM search_log WHERE id = $1", conn) { Parameters = { new() { Value = id } } };
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("رصيد المدفوعات", r.GetString(0));
        Assert.Equal(3, r.GetInt32(1));
        Assert.Equal("balance-definition", r.GetString(2));
    }
}
