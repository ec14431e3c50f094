using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Reference;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>
/// On an empty database, loads <c>seeds/</c> — agencies, liaison directory, case types with their
/// journeys, response templates — in one transaction, and keeps every seed file whole in
/// <c>seed_documents</c>. A malformed file stops start-up naming the file and line, and loads nothing.
/// Rows that already exist are left alone, so a second import adds nothing.
/// </summary>
public sealed class ReferenceImport(
    NpgsqlDataSource dataSource,
    DatabaseOptions database,
    ContentOptions content,
    ILogger<ReferenceImport> logger) : IStartupStep
{
    private const long LockKey = 0x52_65_66_49_6D_70_6F_72; // "RefImpor"

    public int Order => 10;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!database.ImportOnEmpty)
            return;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await SeedImport.HasRowsAsync(conn, "agencies", ct))
            return;

        var (data, problems) = ReferenceData.Read(content.SeedsDirectory);
        if (data is null)
            throw SeedImport.Refused("reference data", content.SeedsDirectory, $"{ContentOptions.Section}:SeedsDirectory", problems.ToArray<object>());

        var rows = await SeedImport.InLockedTransactionAsync(conn, LockKey, tx => ImportAsync(conn, tx, data, ct), ct);
        logger.LogInformation("Imported {Rows} reference row(s) from {Dir}", rows, content.SeedsDirectory);
    }

    /// <summary>Writes the reference data inside the caller's transaction; returns the rows inserted.</summary>
    public static async Task<int> ImportAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData data, CancellationToken ct) =>
        await ReferenceDocuments.WriteRowsAsync(conn, tx, data, overwrite: false, ct)
        + await ReferenceDocuments.InsertDocumentsAsync(conn, tx, data, ct);
}
