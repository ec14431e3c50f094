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
        var dir = CopyOfRepoSeeds();
        File.WriteAllText(Path.Combine(dir, "liaisons.json"), "{\n  \"liaisons\": [\n    { \"agency\": \n");

        var ex = await Assert.ThrowsAsync<StartupException>(() => Import(ds, dir).RunAsync(default));

        Assert.Contains("liaisons.json:", ex.Message);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM agencies"));
    }

    [Fact]
    public async Task RunAsync_SeedFileChangedSinceImport_ReplacesItsDocumentUnlessAnAdminEditedIt()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var dir = CopyOfRepoSeeds();
        await Import(ds, dir).RunAsync(default);
        var node = ReferenceNodes.Node(ds);
        await node.ReloadAsync();
        var editor = new ReferenceEditor(ds, node, new CareDesk.Features.Audit.AuditLog(ds), NullLogger<ReferenceEditor>.Instance);
        var nic = AgencyEntry.Of(node.Current.Data, "NIC")!;
        Assert.True((await editor.UpdateAgencyAsync("admin.test", nic, nic with { Backup = nic.Backup! with { Phone = "+966 11 555 0302" } })).IsSaved);
        Replace(dir, "liaisons.json", "+966 11 000 0301", "+966 11 999 0301");
        Replace(dir, "case-types.json", "\"sla_working_days\": 2", "\"sla_working_days\": 4");

        await Import(ds, dir).RunAsync(default);

        await node.ReloadAsync();
        Assert.Equal(4, node.Current.Data.FindCaseType("general-inquiry")!.Journey[0].SlaWorkingDays);
        Assert.Equal("+966 11 000 0301", AgencyEntry.Of(node.Current.Data, "NIC")!.Primary!.Phone);
        Assert.Equal("+966 11 555 0302", AgencyEntry.Of(node.Current.Data, "NIC")!.Backup!.Phone);
        await using var conn = await ds.OpenConnectionAsync();
        Assert.Equal(4, await conn.ExecuteScalarAsync<int>("SELECT (definition->'journey'->0->>'sla_working_days')::int FROM case_types WHERE code = 'general-inquiry'"));
    }

    [Fact]
    public async Task RunAsync_ChangedSeedFileBreaksARule_DatabaseKeepsItsData()
    {
        await using var ds = await postgres.CreateMigratedDatabaseAsync();
        var dir = CopyOfRepoSeeds();
        await Import(ds, dir).RunAsync(default);
        Replace(dir, "liaisons.json", "+966 11 000 0301", "not a phone");
        Replace(dir, "case-types.json", "\"sla_working_days\": 2", "\"sla_working_days\": 4");

        await Import(ds, dir).RunAsync(default);

        var node = ReferenceNodes.Node(ds);
        Assert.Empty(await node.ReloadAsync());
        Assert.Equal(2, node.Current.Data.FindCaseType("general-inquiry")!.Journey[0].SlaWorkingDays);
    }

    private static string CopyOfRepoSeeds()
    {
        var dir = Directory.CreateTempSubdirectory("caredesk-seeds-").FullName;
        foreach (var f in Directory.GetFiles(RepoSeeds, "*.json"))
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    private static void Replace(string dir, string file, string from, string to)
    {
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.Equal(1, text.Split(from).Length - 1);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
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
