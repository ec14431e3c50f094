using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;
using CareDesk.Knowledge.Validation;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>
/// The reference data as PostgreSQL keeps it: each seed file whole in <c>seed_documents</c> (what the
/// desk reads and the admin pages edit), and the rows of <c>agencies</c>, <c>liaisons</c>,
/// <c>case_types</c> and <c>response_templates</c> kept in step with them for SQL.
/// </summary>
public static class ReferenceDocuments
{
    /// <summary>What problems name as the folder of documents read from the database.</summary>
    public const string Origin = "seed_documents";

    /// <summary>The NOTIFY channel of a committed change; every node reloads its snapshot.</summary>
    public const string Channel = "reference_changed";

    /// <summary>Every stored document by file name; <paramref name="forUpdate"/> locks them until the transaction ends.</summary>
    public static async Task<Dictionary<string, byte[]>> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct, bool forUpdate = false)
    {
        var rows = await conn.QueryAsync<(string Name, string Content)>(new CommandDefinition(
            $"SELECT name, jsonb_pretty(content) FROM seed_documents ORDER BY name{(forUpdate ? " FOR UPDATE" : "")}", transaction: tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Name, r => Encoding.UTF8.GetBytes(r.Content), StringComparer.Ordinal);
    }

    /// <summary>Parses the documents and checks them with the seed files' rules; the data only when there is no problem.</summary>
    public static (ReferenceData? Data, IReadOnlyList<ContentProblem> Problems) Check(IReadOnlyDictionary<string, byte[]> documents)
    {
        var (data, problems) = ReferenceData.Parse(documents, Origin);
        if (data is null)
            return (null, problems);
        var disagreements = SeedValidator.Validate(data);
        return disagreements.Count == 0 ? (data, []) : (null, disagreements);
    }

    /// <summary>
    /// Replaces the changed documents, brings the tables in step with <paramref name="data"/> (parsed
    /// from the new documents) and announces the change; all inside the caller's transaction.
    /// </summary>
    public static async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyDictionary<string, byte[]> changed,
        ReferenceData data, string actor, CancellationToken ct)
    {
        foreach (var (name, bytes) in changed)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                UPDATE seed_documents SET content = @Content::jsonb, updated_at = now(), updated_by = @Actor WHERE name = @Name
                """, new { Name = name, Content = Encoding.UTF8.GetString(bytes), Actor = actor }, tx, cancellationToken: ct));
        }
        await WriteRowsAsync(conn, tx, data, overwrite: true, ct);
        await NotifyAsync(conn, tx, changed.Keys, ct);
    }

    /// <summary>Announces changed documents inside the caller's transaction: every node reloads once it commits.</summary>
    public static Task NotifyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> names, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@Channel, @Names)",
            new { Channel, Names = string.Join(',', names) }, tx, cancellationToken: ct));

    /// <summary>Inserts each seed file whole into <c>seed_documents</c>, keeping rows that exist; returns the rows inserted.</summary>
    public static async Task<int> InsertDocumentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData data, CancellationToken ct)
    {
        var rows = 0;
        foreach (var name in ReferenceData.FileNames)
        {
            var bytes = await File.ReadAllBytesAsync(data.PathOf(name), ct);
            rows += await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO seed_documents (name, sha256, content) VALUES (@Name, @Sha, @Content::jsonb) ON CONFLICT (name) DO NOTHING
                """, new { Name = name, Sha = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), Content = Encoding.UTF8.GetString(bytes) }, tx, cancellationToken: ct));
        }
        return rows;
    }

    /// <summary>
    /// Writes the agencies, liaisons, case types and templates as rows; <paramref name="overwrite"/>
    /// replaces rows that exist (an edit), else they are kept (the first import). Returns the rows written.
    /// </summary>
    public static async Task<int> WriteRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ReferenceData data, bool overwrite, CancellationToken ct)
    {
        string OnConflict(string key, string columns) => overwrite
            ? $"ON CONFLICT ({key}) DO UPDATE SET " + string.Join(", ", columns.Split(", ").Select(c => $"{c} = excluded.{c}"))
            : $"ON CONFLICT ({key}) DO NOTHING";
        var rows = 0;
        foreach (var a in data.Agencies.Agencies)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO agencies (code, name_ar, name_en, kind, data) VALUES (@Code, @NameAr, @NameEn, @Kind, @Data::jsonb)
                {OnConflict("code", "name_ar, name_en, kind, data")}
                """, new { a.Code, a.NameAr, a.NameEn, Kind = a.Kind.ToString().ToLowerInvariant(), Data = Json(a) }, tx, cancellationToken: ct));
        }
        foreach (var l in data.Liaisons.Liaisons)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO liaisons (agency_code, rank, name_ar, name_en, title_ar, title_en, phone, email, username)
                VALUES (@Agency, @Rank, @NameAr, @NameEn, @TitleAr, @TitleEn, @Phone, @Email, @Username)
                {OnConflict("agency_code, rank", "name_ar, name_en, title_ar, title_en, phone, email, username")}
                """, new { l.Agency, Rank = l.Rank.ToString().ToLowerInvariant(), l.NameAr, l.NameEn, l.TitleAr, l.TitleEn, l.Phone, l.Email, l.Username },
                tx, cancellationToken: ct));
        }
        foreach (var c in data.CaseTypes.CaseTypes)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO case_types (code, name_ar, name_en, definition) VALUES (@Code, @NameAr, @NameEn, @Definition::jsonb)
                {OnConflict("code", "name_ar, name_en, definition")}
                """, new { c.Code, c.NameAr, c.NameEn, Definition = Json(c) }, tx, cancellationToken: ct));
        }
        foreach (var t in data.Templates.Templates)
        {
            rows += await conn.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO response_templates (code, data) VALUES (@Code, @Data::jsonb) {OnConflict("code", "data")}
                """, new { t.Code, Data = Json(t) }, tx, cancellationToken: ct));
        }
        return rows;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ReferenceData.JsonOptions);
}
