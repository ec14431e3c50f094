using CareDesk.Features.AgentConsole;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Documents;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.AgentConsole;

[Collection(PostgresCollection.Name)]
public sealed class ConsoleStoresTests(PostgresServer postgres)
{
    private static async Task<string> PublishAsync(NpgsqlDataSource ds)
    {
        var id = "console-" + Guid.NewGuid().ToString("N")[..8];
        await using var conn = await ds.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ArticleStore.ImportPublishedAsync(conn, tx,
            [new FaqArticle { Id = id, Topic = "mof-contact", TitleAr = "عنوان", Body = "## الإجابة المختصرة\nنص" }], "test", "test", default);
        await tx.CommitAsync();
        return id;
    }

    [Fact]
    public async Task GetPublishedAsync_PublishedArticle_ReturnsDocumentAndRevision()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);

        var published = await new ArticleStore(ds).GetPublishedAsync(id);

        Assert.NotNull(published);
        Assert.Equal(id, published.Article.Id);
        Assert.Equal(1, published.Revision);
        Assert.True(published.LastReviewedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task GetPublishedAsync_UnknownId_Null()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();

        Assert.Null(await new ArticleStore(ds).GetPublishedAsync("no-such-article"));
    }

    [Fact]
    public async Task RecordAsync_SameKeyAgainAndRacing_RecordsTheCallOnce()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);
        var store = new CallResolutionStore(ds);
        var call = new CallResolution("1234567897", id, 1, null, null, null, "agent1", Guid.NewGuid());

        // A retry after a lost answer, then a double click's clicks racing each other.
        var first = await store.RecordAsync(call);
        var again = await store.RecordAsync(call);
        var raced = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => store.RecordAsync(call with { SubmissionKey = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001") }))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(first, again);
        Assert.Single(raced.Distinct());
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM call_resolutions"));
    }

    [Fact]
    public async Task RecordAsync_Resolution_KeepsTheArticleRevisionAndDateTheCallerWasGiven()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);
        var expected = new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero);
        var store = new CallResolutionStore(ds);

        var rowId = await store.RecordAsync(new CallResolution("1234567897", id, 1, "visa-mofa", expected, null, "agent1"));

        Assert.Equal(new CallResolution("1234567897", id, 1, "visa-mofa", expected, null, "agent1"), await store.GetAsync(rowId));
    }

    [Fact]
    public async Task RecordAsync_RevisionThatDoesNotExist_RefusedAndNothingWritten()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);

        await Assert.ThrowsAsync<PostgresException>(() =>
            new CallResolutionStore(ds).RecordAsync(new CallResolution(null, id, 7, null, null, null, null)));

        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM call_resolutions"));
    }

    [Fact]
    public async Task RecordAsync_MalformedCallerId_Refused()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);

        await Assert.ThrowsAsync<PostgresException>(() =>
            new CallResolutionStore(ds).RecordAsync(new CallResolution("3123", id, 1, null, null, null, null)));
    }

    [Fact]
    public async Task FeedbackRecordAsync_Helpful_StoredAgainstTheRevision()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var id = await PublishAsync(ds);

        await new ArticleFeedbackStore(ds).RecordAsync(id, 1, helpful: false, comment: "لا يذكر رقم الدعم", userName: "agent1");

        await using var conn = await ds.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(int Revision, bool Helpful)>("SELECT revision, helpful FROM kb_feedback WHERE article_id = @id", new { id });
        Assert.Equal((1, false), row);
    }
}
