using Dapper;
using Npgsql;

namespace CareDesk.Data;

/// <summary>
/// What the start-up imports of seed files share: a broken file refuses the whole import with the
/// first problems listed, and the rows are written in one transaction under an advisory lock so two
/// nodes starting together don't both import.
/// </summary>
public static class SeedImport
{
    public static async Task<bool> HasRowsAsync(NpgsqlConnection conn, string table, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT EXISTS (SELECT 1 FROM {table})", cancellationToken: ct));

    public static StartupException Refused(string what, string dir, string setting, IReadOnlyCollection<object> problems) =>
        new($"The {what} in {dir} ({setting}) has {problems.Count} problem(s); nothing was imported:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", problems.Take(10)));

    /// <summary>Runs <paramref name="write"/> in one transaction holding the advisory lock <paramref name="lockKey"/>.</summary>
    public static async Task<int> InLockedTransactionAsync(NpgsqlConnection conn, long lockKey, Func<NpgsqlTransaction, Task<int>> write, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@lockKey)", new { lockKey }, tx, cancellationToken: ct));
        var rows = await write(tx);
        await tx.CommitAsync(ct);
        return rows;
    }
}
