using System.Security.Cryptography;
using System.Text.Json;
using CareDesk.Data;
using CareDesk.Features.Knowledge;
using CareDesk.Knowledge.Reference;
using Dapper;
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
    public static async Task<int> ImportAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData data, CancellationToken ct)
    {
        var rows = 0;
        foreach (var a in data.Agencies.Agencies)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO agencies (code, name_ar, name_en, kind, data) VALUES (@Code, @NameAr, @NameEn, @Kind, @Data::jsonb)
                ON CONFLICT (code) DO NOTHING
                """, new { a.Code, a.NameAr, a.NameEn, Kind = a.Kind.ToString().ToLowerInvariant(), Data = JsonSerializer.Serialize(a, ReferenceData.JsonOptions) }, tx, cancellationToken: ct));
        }
        foreach (var l in data.Liaisons.Liaisons)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO liaisons (agency_code, rank, name_ar, name_en, phone, email) VALUES (@Agency, @Rank, @NameAr, @NameEn, @Phone, @Email)
                ON CONFLICT (agency_code, rank) DO NOTHING
                """, new { l.Agency, Rank = l.Rank.ToString().ToLowerInvariant(), l.NameAr, l.NameEn, l.Phone, l.Email }, tx, cancellationToken: ct));
        }
        foreach (var c in data.CaseTypes.CaseTypes)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO case_types (code, name_ar, name_en, definition) VALUES (@Code, @NameAr, @NameEn, @Definition::jsonb)
                ON CONFLICT (code) DO NOTHING
                """, new { c.Code, c.NameAr, c.NameEn, Definition = JsonSerializer.Serialize(c, ReferenceData.JsonOptions) }, tx, cancellationToken: ct));
        }
        foreach (var t in data.Templates.Templates)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO response_templates (code, data) VALUES (@Code, @Data::jsonb) ON CONFLICT (code) DO NOTHING
                """, new { t.Code, Data = JsonSerializer.Serialize(t, ReferenceData.JsonOptions) }, tx, cancellationToken: ct));
        }
        foreach (var name in ReferenceData.FileNames)
        {
            var bytes = await File.ReadAllBytesAsync(data.PathOf(name), ct);
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO seed_documents (name, sha256, content) VALUES (@Name, @Sha, @Content::jsonb) ON CONFLICT (name) DO NOTHING
                """, new { Name = name, Sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), Content = System.Text.Encoding.UTF8.GetString(bytes) }, tx, cancellationToken: ct));
        }
        return rows;
    }
}
