using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Knowledge.Synonyms;
using CareDesk.Features.Search;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Search;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class SynonymStoreTests(PostgresServer postgres)
{
    private static SynonymImport Import(NpgsqlDataSource ds, string seeds) =>
        new(ds, new DatabaseOptions(), new ContentOptions { SeedsDirectory = seeds }, NullLogger<SynonymImport>.Instance);

    private static string Seeds => Path.Combine(TestPaths.RepoRoot, "seeds");

    private static FaqArticle Zebra => new()
    {
        Id = "zebra-crossing", Topic = "mof-contact", TitleAr = "قنطرة الزرافات", SummaryAr = "قنطرة الزرافات", Body = "## الإجابة المختصرة\nقنطرة الزرافات",
    };

    private static async Task PublishAsync(NpgsqlDataSource ds, FaqArticle article)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ArticleStore.ImportPublishedAsync(conn, tx, [article], "test", "test", default);
        await tx.CommitAsync();
    }

    [Fact]
    public async Task Import_FirstStart_CopiesTheSeedFileOnce()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var fileGroups = SynonymText.Clean(SynonymStore.ReadFile(Path.Combine(Seeds, "synonyms.json")));

        await Import(ds, Seeds).RunAsync(default);
        await new SynonymStore(ds).ReplaceAsync([], Editor);
        await Import(ds, Seeds).RunAsync(default);

        Assert.NotEmpty(fileGroups);
        Assert.Empty(await new SynonymStore(ds).GroupsAsync());
    }

    [Fact]
    public async Task Import_SeedFile_TableHoldsItsGroups()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();

        await Import(ds, Seeds).RunAsync(default);

        var expected = SynonymText.Clean(SynonymStore.ReadFile(Path.Combine(Seeds, "synonyms.json")));
        Assert.Equal(expected.Select(g => string.Join(",", g)), (await new SynonymStore(ds).GroupsAsync()).Select(g => string.Join(",", g)));
    }

    [Fact]
    public async Task ReplaceAsync_NewGroup_SearchUsesItAfterRebuild()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        await PublishAsync(ds, Zebra);
        var search = new KnowledgeSearch(new ArticleStore(ds), ds, NullLogger<KnowledgeSearch>.Instance);
        await search.RebuildAsync();
        Assert.Empty(search.Search(new SearchRequest { Query = "حمارالوحش", Prefix = false }).Hits);

        await new SynonymStore(ds).ReplaceAsync(SynonymText.Parse("حمارالوحش، الزرافات"), Editor);
        await search.RebuildAsync();

        Assert.Equal("zebra-crossing", Assert.Single(search.Search(new SearchRequest { Query = "حمارالوحش", Prefix = false }).Hits).Id);
    }

    [Fact]
    public async Task ReplaceAsync_Committed_NotifiesEveryNode()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var payloads = new List<string>();
        await using var listen = await ds.OpenConnectionAsync();
        listen.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var cmd = new NpgsqlCommand($"LISTEN {KnowledgeChangeListener.Channel}", listen))
            await cmd.ExecuteNonQueryAsync();

        await new SynonymStore(ds).ReplaceAsync(SynonymText.Parse("a, b"), Editor);
        while (await listen.WaitAsync(TimeSpan.FromMilliseconds(300)))
        {
        }

        Assert.Equal([SynonymStore.ChangeKey], payloads);
    }

    [Fact]
    public async Task ReplaceAsync_ByAgent_ThrowsAndKeepsTable()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var store = new SynonymStore(ds);
        await store.ReplaceAsync(SynonymText.Parse("a, b"), Editor);

        await Assert.ThrowsAsync<EditingException>(() => store.ReplaceAsync([], Agent));

        Assert.Single(await store.GroupsAsync());
    }

    [Fact]
    public async Task PreviewAsync_EditedGroups_ShowsNewMatchesWithoutChangingLiveIndex()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        await PublishAsync(ds, Zebra);
        var search = new KnowledgeSearch(new ArticleStore(ds), ds, NullLogger<KnowledgeSearch>.Instance);
        await search.RebuildAsync();

        var preview = await new SynonymPreview(new ArticleStore(ds), search).PreviewAsync("حمارالوحش", SynonymText.Parse("حمارالوحش، الزرافات"));

        Assert.Empty(preview.Now);
        Assert.Equal("zebra-crossing", Assert.Single(preview.Edited).Id);
        Assert.Empty(search.Search(new SearchRequest { Query = "حمارالوحش", Prefix = false }).Hits);
        Assert.Empty(await new SynonymStore(ds).GroupsAsync());
    }

    [Fact]
    public void Parse_LinesAndCommas_GroupsOfTwoOrMoreTrimmed()
    {
        var groups = SynonymText.Parse("فلوس، مبلغ ,رسوم\nوحيدة\n\n ابشر , absher ، ابشر ");

        Assert.Equal(["فلوس|مبلغ|رسوم", "ابشر|absher"], groups.Select(g => string.Join("|", g)));
        Assert.Equal(groups.Select(g => string.Join("|", g)), SynonymText.Parse(SynonymText.Format(groups)).Select(g => string.Join("|", g)));
    }
}
