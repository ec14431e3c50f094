using CareDesk.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Data;

/// <summary>The real executable, started, killed and restarted, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AppLifecycleTests(PostgresServer postgres)
{
    [Fact]
    public async Task Start_TwoNodesAtOnce_ApplyEachMigrationOnce()
    {
        var cs = await postgres.CreateDatabaseAsync("twonodes");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__CareDesk"] = cs };

        var nodes = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            var journal = (await conn.QueryAsync<string>("SELECT name FROM schema_migrations")).ToList();
            Assert.Equal(MigrationRunner.Embedded().Count, journal.Count);
            Assert.Equal(journal.Count, journal.Distinct().Count());
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_AfterKill9_LosesAndDuplicatesNothing()
    {
        var cs = await postgres.CreateDatabaseAsync("kill9");
        var settings = new Dictionary<string, string> { ["ConnectionStrings__CareDesk"] = cs };

        var first = await AppProcess.StartAsync(settings);
        var before = await Snapshot(cs);
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));

        await using var second = await AppProcess.StartAsync(settings);
        var after = await Snapshot(cs);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Start_PrivateServer_PrintsUrlAndStopsServerOnShutdown()
    {
        var dataDir = Path.Combine(postgres.Root, "app-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string>
        {
            ["CareDesk__Database__DataDirectory"] = dataDir,
            ["CareDesk__Database__Port"] = EmbeddedPostgres.FreePort().ToString(),
        };

        var app = await AppProcess.StartAsync(settings);
        Assert.Contains(app.BaseUrl, app.Output);
        Assert.True(File.Exists(Path.Combine(dataDir, "postmaster.pid")));

        await app.StopAsync();

        Assert.False(File.Exists(Path.Combine(dataDir, "postmaster.pid")), "the private server is still running after shutdown");
    }

    [Theory]
    [InlineData("CareDesk__Database__Port", "not-a-port", "CareDesk:Database:Port")]
    [InlineData("ConnectionStrings__CareDesk", "Host=127.0.0.1;Port=1;Timeout=2", "ConnectionStrings:CareDesk")]
    [InlineData("ConnectionStrings__CareDesk", "Hots==;;=x", "ConnectionStrings:CareDesk")]
    public async Task Start_BadSetting_ExitsNonZeroNamingIt(string key, string value, string named)
    {
        var app = await AppProcess.StartAsync(new Dictionary<string, string> { [key] = value }, waitHealthy: false);

        var code = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains(named, app.Output);
        Assert.DoesNotContain("   at ", app.Output);
    }

    private static async Task<string> Snapshot(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        var counts = await conn.QueryAsync<(string Table, long Rows)>("""
            SELECT 'schema_migrations', count(*) FROM schema_migrations
            UNION ALL SELECT 'kb_articles', count(*) FROM kb_articles
            UNION ALL SELECT 'kb_revisions', count(*) FROM kb_revisions
            UNION ALL SELECT 'agencies', count(*) FROM agencies
            UNION ALL SELECT 'case_types', count(*) FROM case_types
            """);
        return string.Join(", ", counts.Select(c => $"{c.Table}={c.Rows}"));
    }
}
