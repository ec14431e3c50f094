using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace CareDesk.Data;

/// <summary>
/// Applies the embedded <c>Data/Migrations/*.sql</c> files in name order, each in its own transaction,
/// journaled in <c>schema_migrations</c>. A session advisory lock makes nodes starting together take
/// turns, so each file is applied exactly once. A journaled file whose text has changed stops start-up:
/// applied migrations are never edited, a new file is added instead.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x43_61_72_65_44_65_73_6B; // "CareDesk"

    public sealed record Migration(string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Load(assembly, n))
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n");
        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql))).ToLowerInvariant();
        return new Migration(resource["Migrations/".Length..], sql, checksum);
    }

    /// <summary>Applies what is missing; returns the number of files applied by this call.</summary>
    public async Task<int> ApplyAsync(CancellationToken ct = default) => await ApplyAsync(Embedded(), ct);

    public async Task<int> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    name       text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken: ct));
            var applied = (await conn.QueryAsync<(string Name, string Checksum)>(
                new CommandDefinition("SELECT name, checksum FROM schema_migrations", cancellationToken: ct)))
                .ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);

            var count = 0;
            foreach (var m in migrations)
            {
                if (applied.TryGetValue(m.Name, out var checksum))
                {
                    if (checksum != m.Checksum)
                        throw new StartupException($"Migration {m.Name} was changed after it was applied (checksum {checksum[..12]} → {m.Checksum[..12]}). Restore it and add a new migration instead.");
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                await conn.ExecuteAsync(new CommandDefinition(m.Sql, transaction: tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (name, checksum) VALUES (@Name, @Checksum)", new { m.Name, m.Checksum }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Name}", m.Name);
                count++;
            }
            return count;
        }
        finally
        {
            await conn.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    public static async Task<int> AppliedCountAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM schema_migrations", cancellationToken: ct));
    }
}
