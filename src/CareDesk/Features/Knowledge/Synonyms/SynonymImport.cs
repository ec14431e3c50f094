using CareDesk.Data;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Synonyms;

/// <summary>
/// Fills the synonym table from <c>seeds/synonyms.json</c> the first time the database starts; after
/// that the table is the editors' and the file is not read again (an emptied table stays empty).
/// </summary>
public sealed class SynonymImport(
    NpgsqlDataSource dataSource,
    DatabaseOptions database,
    ContentOptions content,
    ILogger<SynonymImport> logger) : IStartupStep
{
    private const long LockKey = 0x4B_42_53_79_6E_6F_6E_79; // "KBSynony"

    public int Order => 30;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!database.ImportOnEmpty)
            return;
        var path = Path.Combine(content.SeedsDirectory, "synonyms.json");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var first = await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kb_synonym_import (id) VALUES (1) ON CONFLICT DO NOTHING", transaction: tx, cancellationToken: ct));
        if (first == 0)
            return;
        IReadOnlyList<IReadOnlyList<string>> groups;
        try
        {
            groups = File.Exists(path) ? SynonymStore.ReadFile(path) : [];
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            throw new StartupException($"The synonym file {path} cannot be read: {ex.Message} / تعذرت قراءة ملف المرادفات.", ex);
        }
        await SynonymStore.InsertAsync(conn, tx, groups, "import", ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Imported {Count} synonym group(s) from {Path}", groups.Count, path);
    }
}
