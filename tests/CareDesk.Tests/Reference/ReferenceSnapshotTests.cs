using System.Text.Json;
using CareDesk.Features.Reference;
using CareDesk.Knowledge.Reference;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Reference;

/// <summary>The node's reference data read from PostgreSQL: same as the files, validated alike, following every change, keeping the last good load.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReferenceSnapshotTests(PostgresServer postgres)
{
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ReferenceData.JsonOptions);

    [Fact]
    public async Task ReloadAsync_ImportedSeeds_SameDataAsTheFiles()
    {
        await using var ds = await ReferenceNodes.SeededDatabaseAsync(postgres);
        var node = ReferenceNodes.Node(ds);

        Assert.Empty(await node.ReloadAsync());

        var files = ReferenceData.Load(ReferenceNodes.RepoSeeds);
        var loaded = node.Current.Data;
        Assert.Equal(Json(files.Agencies), Json(loaded.Agencies));
        Assert.Equal(Json(files.Liaisons), Json(loaded.Liaisons));
        // jsonb keeps an object's keys in its own order; the RACI roles are a map, so compare them sorted.
        Assert.Equal(Json(SortedRoles(files.CaseTypes)), Json(SortedRoles(loaded.CaseTypes)));
        Assert.Equal(Json(files.Templates), Json(loaded.Templates));
        Assert.Equal(Json(files.Holidays), Json(loaded.Holidays));
        Assert.Equal(ReferenceDocuments.Origin, loaded.Directory);
        var holidays = SaudiCalendarOf(files).Holidays(2027);
        Assert.NotEmpty(holidays);
        Assert.Equal(holidays, node.Current.Calendar.Holidays(2027));
    }

    [Fact]
    public async Task ReloadAsync_EmptyDatabase_ReportsEveryDocumentMissing()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync("ref");
        var node = ReferenceNodes.Node(ds);

        var problems = await node.ReloadAsync();

        Assert.Equal(ReferenceData.FileNames.Count, problems.Count);
        Assert.All(problems, p => Assert.Equal("missing-seed", p.Code));
        Assert.Throws<InvalidOperationException>(() => node.Current);
    }

    [Fact]
    public async Task ReloadAsync_DocumentBreaksASeedRule_KeepsTheLastGoodLoad()
    {
        await using var ds = await ReferenceNodes.SeededDatabaseAsync(postgres);
        var node = ReferenceNodes.Node(ds);
        await node.ReloadAsync();
        var before = node.Current;
        await ExecuteAsync(ds, """
            UPDATE seed_documents SET content = jsonb_set(content, '{liaisons,0,phone}', '"call me"') WHERE name = 'liaisons.json'
            """);

        var problems = await node.ReloadAsync();

        Assert.Equal("liaison-phone", Assert.Single(problems).Code);
        Assert.Same(before, node.Current);
    }

    [Fact]
    public async Task ReloadAsync_DatabaseGone_ThrowsAndKeepsTheLastGoodLoad()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gone");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var ds = NpgsqlDataSource.Create(connectionString);
        await new CareDesk.Data.MigrationRunner(ds, Microsoft.Extensions.Logging.Abstractions.NullLogger<CareDesk.Data.MigrationRunner>.Instance).ApplyAsync();
        await using (var conn = await ds.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await ReferenceImport.ImportAsync(conn, tx, ReferenceData.Load(ReferenceNodes.RepoSeeds), default);
            await tx.CommitAsync();
        }
        var node = ReferenceNodes.Node(ds);
        await node.ReloadAsync();
        var before = node.Current;
        await using (var server = NpgsqlDataSource.Create(postgres.Server.ConnectionString))
            await ExecuteAsync(server, $"DROP DATABASE {name} WITH (FORCE)");

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => node.ReloadAsync());

        Assert.Same(before, node.Current);
        Assert.Equal("visa-fee-refund", node.Current.Data.FindCaseType("visa-fee-refund")?.Code);
    }

    [Fact]
    public async Task Listener_ChangeCommittedWithNotify_EveryNodeFollows()
    {
        await using var cluster = await ReferenceNodes.StartAsync(postgres, 2);

        await ExecuteAsync(cluster.Data, $"""
            UPDATE seed_documents SET content = jsonb_set(content, '{"{"}liaisons,0,phone{"}"}', '"+966 11 555 0000"') WHERE name = 'liaisons.json';
            SELECT pg_notify('{ReferenceDocuments.Channel}', 'liaisons.json');
            """);

        foreach (var node in cluster.Nodes)
            await ReferenceNodes.WaitAsync(() => node.Current.Data.Liaisons.Liaisons[0].Phone == "+966 11 555 0000", "the new phone on the node");
    }

    private static CaseTypesFile SortedRoles(CaseTypesFile file) => file with
    {
        CaseTypes = file.CaseTypes.Select(c => c with
        {
            Journey = c.Journey.Select(s => s with { Roles = new SortedDictionary<string, string>(s.Roles.ToDictionary(), StringComparer.Ordinal) }).ToList(),
        }).ToList(),
    };

    private static CareDesk.Knowledge.Calendar.SaudiWorkingCalendar SaudiCalendarOf(ReferenceData data) =>
        CareDesk.Knowledge.Calendar.SaudiWorkingCalendar.FromReferenceData(data);

    private static async Task ExecuteAsync(NpgsqlDataSource ds, string sql)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await conn.ExecuteAsync(sql);
    }
}
