using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Features.Reference;
using CareDesk.Tests.Data;
using CareDesk.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Tests.Reference;

[Collection(PostgresCollection.Name)]
public sealed class ReferenceImportTests(PostgresServer postgres)
{
    private static ReferenceImport Import(NpgsqlDataSource ds, string seedsDir) =>
        new(ds, new DatabaseOptions(), new ContentOptions { SeedsDirectory = seedsDir }, NullLogger<ReferenceImport>.Instance);

    private static string RepoSeeds => Path.Combine(TestPaths.RepoRoot, "seeds");

    [Fact]
    public async Task RunAsync_Twice_LoadsOwnersJourneysAndLiaisonsOnce()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();

        await Import(ds, RepoSeeds).RunAsync(default);
        var first = await Counts(ds);
        await Import(ds, RepoSeeds).RunAsync(default);

        Assert.Equal(first, await Counts(ds));
        await using var conn = await ds.OpenConnectionAsync();
        var owners = (await conn.QueryAsync<string>("SELECT code FROM agencies WHERE kind = 'owner' ORDER BY code")).ToList();
        Assert.Equal(["MOF", "MOFA", "NIC", "PASSPORTS"], owners);
        Assert.Equal(owners.Count * 2, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM liaisons"));
        var stages = await conn.ExecuteScalarAsync<int>(
            "SELECT jsonb_array_length(definition->'journey') FROM case_types WHERE code = 'visa-fee-refund'");
        Assert.True(stages >= 1);
    }

    [Fact]
    public async Task RunAsync_MalformedSeedFile_LoadsNothingAndNamesFileAndLine()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var dir = Directory.CreateTempSubdirectory("caredesk-seeds-").FullName;
        foreach (var f in Directory.GetFiles(RepoSeeds, "*.json"))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, "liaisons.json"), "{\n  \"liaisons\": [\n    { \"agency\": \n");

        var ex = await Assert.ThrowsAsync<StartupException>(() => Import(ds, dir).RunAsync(default));

        Assert.Contains("liaisons.json:", ex.Message);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM agencies"));
    }

    private static async Task<string> Counts(NpgsqlDataSource ds)
    {
        await using var conn = await ds.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<string>("""
            SELECT format('%s/%s/%s/%s/%s', (SELECT count(*) FROM agencies), (SELECT count(*) FROM liaisons),
                (SELECT count(*) FROM case_types), (SELECT count(*) FROM response_templates), (SELECT count(*) FROM seed_documents))
            """) ?? "";
    }
}
