using System.Text.Json;
using CareDesk.Features.Knowledge.Editing;
using CareDesk.Features.Search;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Knowledge.Synonyms;

/// <summary>
/// The synonym table in PostgreSQL (<c>kb_synonym_groups</c>): read by every node's index build,
/// replaced as a whole by an editor. A save and the <c>NOTIFY</c> that makes every node rebuild its
/// index are one transaction, like a publish.
/// </summary>
public sealed class SynonymStore(NpgsqlDataSource dataSource)
{
    /// <summary>The payload of the change notification a synonym save sends.</summary>
    public const string ChangeKey = "synonyms";

    public async Task<IReadOnlyList<IReadOnlyList<string>>> GroupsAsync(CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await GroupsAsync(conn, null, ct);
    }

    /// <summary>Replaces every group with <paramref name="groups"/> (groups of fewer than two words are dropped).</summary>
    public async Task ReplaceAsync(IReadOnlyList<IReadOnlyList<string>> groups, EditorActor actor, CancellationToken ct = default)
    {
        if (!actor.CanEdit)
            throw EditingException.NotAllowed("edit synonyms");
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM kb_synonym_groups", transaction: tx, cancellationToken: ct));
        await InsertAsync(conn, tx, groups, actor.Name, ct);
        await KnowledgeChangeListener.NotifyAsync(conn, tx, ChangeKey, ct);
        await tx.CommitAsync(ct);
    }

    internal static async Task<IReadOnlyList<IReadOnlyList<string>>> GroupsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        // Raw Npgsql: Dapper would not read or bind a text[] as one value.
        await using var cmd = new NpgsqlCommand("SELECT words FROM kb_synonym_groups ORDER BY position", conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var groups = new List<IReadOnlyList<string>>();
        while (await reader.ReadAsync(ct))
            groups.Add(reader.GetFieldValue<string[]>(0));
        return groups;
    }

    internal static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<IReadOnlyList<string>> groups, string by, CancellationToken ct)
    {
        var position = 0;
        foreach (var group in SynonymText.Clean(groups))
        {
            await using var cmd = new NpgsqlCommand("INSERT INTO kb_synonym_groups (position, words, updated_by) VALUES ($1, $2, $3)", conn, tx)
            {
                Parameters = { new() { Value = ++position }, new() { Value = group.ToArray() }, new() { Value = by } },
            };
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The groups of a <c>seeds/synonyms.json</c> file: <c>{"groups": [["a", "b"], …]}</c>.</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> ReadFile(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("groups", out var groups) || groups.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{path}: expected an object with a \"groups\" array");
        return groups.EnumerateArray()
            .Select(g => (IReadOnlyList<string>)g.EnumerateArray().Select(e => e.GetString() ?? "").ToList())
            .ToList();
    }
}
