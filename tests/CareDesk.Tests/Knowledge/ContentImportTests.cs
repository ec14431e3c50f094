using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class ContentImportTests(PostgresServer postgres)
{
    private static ContentImport Import(NpgsqlDataSource ds, string faqDir) =>
        new(ds, new DatabaseOptions(), new ContentOptions { FaqDirectory = faqDir }, NullLogger<ContentImport>.Instance);

    private static string RepoFaq => Path.Combine(TestPaths.RepoRoot, "content", "faq");

    [Fact]
    public async Task RunAsync_Twice_ImportsEveryArticleOnce()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var files = Directory.GetFiles(RepoFaq, "*.md").Length;

        await Import(ds, RepoFaq).RunAsync(default);
        await Import(ds, RepoFaq).RunAsync(default);

        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(files, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM kb_articles"));
        Assert.Equal(files, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM kb_revisions"));
        var published = await new ArticleStore(ds).PublishedAsync();
        Assert.Equal(files, published.Count);
        Assert.All(published, a => Assert.False(string.IsNullOrWhiteSpace(a.Body)));
    }

    [Fact]
    public async Task RunAsync_OneBrokenFile_ImportsNothingAndNamesTheFile()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("caredesk-faq-").FullName;
        foreach (var f in Directory.GetFiles(RepoFaq, "*.md").Take(3))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, "zz-broken.md"), "---\nid: zz-broken\ntopic: [unclosed\n---\nنص\n");

        var ex = await Assert.ThrowsAsync<StartupException>(() => Import(ds, dir).RunAsync(default));

        Assert.Contains("zz-broken.md", ex.Message);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM kb_articles"));
    }
}
