using CareDesk.Features.Audit;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Knowledge.Gaps;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;
using static CareDesk.Tests.Knowledge.KnowledgeFixtures;

namespace CareDesk.Tests.Knowledge;

[Collection(PostgresCollection.Name)]
public sealed class ContentGapsTests(PostgresServer postgres)
{
    private static readonly DateTime Day = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static Task LogAsync(NpgsqlConnection conn, string query, int hits, string? chosen, DateTime at) =>
        conn.ExecuteAsync("INSERT INTO search_log (at, query, hit_count, chosen_article) VALUES (@at, @query, @hits, @chosen)", new { at, query, hits, chosen });

    [Fact]
    public async Task ReportAsync_Period_CountsGapsInsideItOnly()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var workflow = new ArticleWorkflow(ds, new AuditLog(ds));
        var article = Article();
        await PublishNewAsync(workflow, article);
        await using (var conn = await ds.OpenConnectionAsync())
        {
            await LogAsync(conn, "استرداد رسوم الحج", 0, null, Day);
            await LogAsync(conn, " استرداد  رسوم الحج", 0, null, Day.AddHours(1));
            await LogAsync(conn, "استرداد رسوم الحج", 0, null, Day.AddDays(-30));
            await LogAsync(conn, "رقم الوزارة", 4, null, Day);
            await LogAsync(conn, "رقم الوزارة", 4, article.Id, Day);
            await LogAsync(conn, "تواصل", 2, article.Id, Day);
            await conn.ExecuteAsync("INSERT INTO kb_feedback (article_id, revision, helpful, comment, user_name, at) VALUES (@Id, 1, false, 'الرقم قديم', 'agent1', @Day), (@Id, 1, true, null, 'agent2', @Day)", new { article.Id, Day });
        }

        var report = await new ContentGaps(ds).ReportAsync(Day.AddDays(-1), Day.AddDays(1));

        Assert.Equal(6 - 1, report.Searches);
        var noResult = Assert.Single(report.NoResults);
        Assert.Equal(2, noResult.Count);
        Assert.Equal(("رقم الوزارة", 1L), (Assert.Single(report.NothingOpened).Query, report.NothingOpened[0].Count));
        Assert.Equal("الرقم قديم", Assert.Single(report.NotHelpful).Comment);
        var used = Assert.Single(report.MostUsed);
        Assert.Equal((article.Id, 2L, 1L), (used.ArticleId, used.Opened, used.NotHelpful));
    }
}
