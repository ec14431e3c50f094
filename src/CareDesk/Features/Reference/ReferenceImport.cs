using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Reference;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>
/// On an empty database, loads <c>seeds/</c> — agencies, liaison directory, case types with their
/// journeys, response templates — in one transaction, and keeps every seed file whole in
/// <c>seed_documents</c>. A malformed file stops start-up naming the file and line, and loads nothing.
/// Rows that already exist are left alone, so a second import adds nothing; a seed file changed since
/// its import replaces its document only when no administrator has edited it (<see cref="SeedRefresh"/>).
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
        var (data, problems) = ReferenceData.Read(content.SeedsDirectory);
        if (await SeedImport.HasRowsAsync(conn, "agencies", ct))
        {
            await RefreshAsync(conn, data, ct);
            return;
        }
        if (data is null)
            throw SeedImport.Refused("reference data", content.SeedsDirectory, $"{ContentOptions.Section}:SeedsDirectory", problems.ToArray<object>());

        var rows = await SeedImport.InLockedTransactionAsync(conn, LockKey, tx => ImportAsync(conn, tx, data, ct), ct);
        logger.LogInformation("Imported {Rows} reference row(s) from {Dir}", rows, content.SeedsDirectory);
    }

    // The database is what the desk reads: broken files never stop a node whose database has good data.
    private async Task RefreshAsync(NpgsqlConnection conn, ReferenceData? files, CancellationToken ct)
    {
        if (files is null)
        {
            logger.LogWarning("The seed files in {Dir} have problems; the database keeps its reference data", content.SeedsDirectory);
            return;
        }
        IReadOnlyList<string> replaced = [];
        await SeedImport.InLockedTransactionAsync(conn, LockKey, async tx =>
        {
            replaced = await SeedRefresh.RunAsync(conn, tx, files, logger, ct);
            return replaced.Count;
        }, ct);
        if (replaced.Count > 0)
            logger.LogInformation("Reference documents refreshed from changed seed files: {Files}", string.Join(", ", replaced));
    }

    /// <summary>Writes the reference data inside the caller's transaction; returns the rows inserted.</summary>
    public static async Task<int> ImportAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData data, CancellationToken ct) =>
        await ReferenceDocuments.WriteRowsAsync(conn, tx, data, overwrite: false, ct)
        + await ReferenceDocuments.InsertDocumentsAsync(conn, tx, data, ct);
}
