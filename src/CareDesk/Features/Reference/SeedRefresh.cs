using System.Security.Cryptography;
using CareDesk.Knowledge.Reference;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>
/// At start-up on a database that already holds reference data: a seed file that changed since it
/// was imported replaces its document when no administrator has edited that document; an edited one
/// is kept (and the difference logged), since the database is what the desk reads. The new set must
/// pass the seed rules as a whole, else nothing is replaced.
/// </summary>
internal static class SeedRefresh
{
    /// <summary>Replaces unedited documents whose file changed; returns the names replaced. Runs inside the caller's transaction.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData files, ILogger logger, CancellationToken ct)
    {
        var stored = (await conn.QueryAsync<(string Name, string Sha256, DateTime? UpdatedAt)>(new CommandDefinition(
            "SELECT name, sha256, updated_at FROM seed_documents ORDER BY name FOR UPDATE", transaction: tx, cancellationToken: ct)))
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
        var replaced = new Dictionary<string, (byte[] Bytes, string Sha)>(StringComparer.Ordinal);
        foreach (var name in ReferenceData.FileNames)
        {
            var bytes = await File.ReadAllBytesAsync(files.PathOf(name), ct);
            var sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            if (!stored.TryGetValue(name, out var row) || row.Sha256 == sha)
                continue;
            if (row.UpdatedAt is null)
                replaced[name] = (bytes, sha);
            else
                logger.LogWarning("Seed file {File} changed since it was imported, but an administrator has edited it since; the database keeps the edited version", name);
        }
        if (replaced.Count == 0)
            return [];

        var documents = await ReferenceDocuments.LoadAsync(conn, tx, ct);
        foreach (var (name, file) in replaced)
            documents[name] = file.Bytes;
        var (data, problems) = ReferenceDocuments.Check(documents);
        if (data is null)
        {
            logger.LogWarning("Changed seed files {Files} do not agree with the stored reference data; nothing replaced: {Problems}",
                string.Join(", ", replaced.Keys), string.Join("; ", problems.Take(5)));
            return [];
        }
        foreach (var (name, file) in replaced)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE seed_documents SET content = @Content::jsonb, sha256 = @Sha, imported_at = now() WHERE name = @Name
                """, new { Name = name, Content = System.Text.Encoding.UTF8.GetString(file.Bytes), file.Sha }, tx, cancellationToken: ct));
        }
        await ReferenceDocuments.WriteRowsAsync(conn, tx, data, overwrite: true, ct);
        await ReferenceDocuments.NotifyAsync(conn, tx, replaced.Keys, ct);
        return replaced.Keys.ToList();
    }
}
