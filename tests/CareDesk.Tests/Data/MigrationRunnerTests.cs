using CareDesk.Data;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Data;

[Collection(PostgresCollection.Name)]
public sealed class MigrationRunnerTests(PostgresServer postgres)
{
    private static MigrationRunner Runner(NpgsqlDataSource ds) => new(ds, NullLogger<MigrationRunner>.Instance);

    [Fact]
    public async Task ApplyAsync_Twice_AppliesEachFileOnce()
    {
        await using var ds = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var first = await Runner(ds).ApplyAsync();
        var second = await Runner(ds).ApplyAsync();

        Assert.Equal(MigrationRunner.Embedded().Count, first);
        Assert.Equal(0, second);
        Assert.Equal(first, await MigrationRunner.AppliedCountAsync(ds));
    }

    [Fact]
    public async Task ApplyAsync_FourRunnersAtOnce_EachFileAppliedExactlyOnce()
    {
        var cs = await postgres.CreateDatabaseAsync();
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(cs)).ToList();
        try
        {
            var counts = await Task.WhenAll(sources.Select(ds => Task.Run(() => Runner(ds).ApplyAsync())));

            Assert.Equal(MigrationRunner.Embedded().Count, counts.Sum());
            await using var conn = await sources[0].OpenConnectionAsync();
            var names = (await conn.QueryAsync<string>("SELECT name FROM schema_migrations")).ToList();
            Assert.Equal(names.Distinct().Count(), names.Count);
        }
        finally
        {
            foreach (var ds in sources)
                await ds.DisposeAsync();
        }
    }

    [Fact]
    public async Task ApplyAsync_AppliedFileChanged_ThrowsAndAppliesNothing()
    {
        await using var ds = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var original = new MigrationRunner.Migration("2000-01-01_01_A.sql", "CREATE TABLE a (x int);", "aaaaaaaaaaaaaaaa");
        await Runner(ds).ApplyAsync([original]);

        var edited = original with { Sql = "CREATE TABLE a (x int, y int);", Checksum = "bbbbbbbbbbbbbbbb" };
        var next = new MigrationRunner.Migration("2000-01-02_01_B.sql", "CREATE TABLE b (x int);", "cccccccccccccccc");
        var ex = await Assert.ThrowsAsync<StartupException>(() => Runner(ds).ApplyAsync([edited, next]));

        Assert.Contains("2000-01-01_01_A.sql", ex.Message);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Null(await conn.ExecuteScalarAsync<string>("SELECT to_regclass('b')::text"));
    }

    [Fact]
    public async Task ApplyAsync_FailingFile_RollsBackThatFileOnly()
    {
        await using var ds = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var good = new MigrationRunner.Migration("2000-01-01_01_Good.sql", "CREATE TABLE good (x int);", "1111111111111111");
        var bad = new MigrationRunner.Migration("2000-01-02_01_Bad.sql", "CREATE TABLE half (x int); SELECT * FROM missing_table;", "2222222222222222");

        await Assert.ThrowsAsync<PostgresException>(() => Runner(ds).ApplyAsync([good, bad]));

        await using var conn = await ds.OpenConnectionAsync();
        Assert.NotNull(await conn.ExecuteScalarAsync<string>("SELECT to_regclass('good')::text"));
        Assert.Null(await conn.ExecuteScalarAsync<string>("SELECT to_regclass('half')::text"));
        Assert.Equal(["2000-01-01_01_Good.sql"], await conn.QueryAsync<string>("SELECT name FROM schema_migrations"));
    }

    [Fact]
    public void Embedded_FileNames_AreDatedAndOrdered()
    {
        var names = MigrationRunner.Embedded().Select(m => m.Name).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(@"^\d{4}-\d{2}-\d{2}_\d{2}_[A-Za-z]+\.sql$", n));
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
