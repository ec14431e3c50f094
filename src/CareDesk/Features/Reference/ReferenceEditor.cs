using System.Text.Json;
using CareDesk.Features.Audit;
using CareDesk.Knowledge.Documents;
using CareDesk.Knowledge.Reference;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>What became of an administrator's change to the reference data.</summary>
public enum ReferenceEditOutcome
{
    /// <summary>Written, audited and announced; this node already reads it.</summary>
    Saved,

    /// <summary>Refused: the change breaks a rule (<see cref="ReferenceEditResult.Problems"/> or <see cref="ReferenceEditResult.MessageKey"/>). Nothing written.</summary>
    Invalid,

    /// <summary>Someone changed the same thing since it was read. Nothing written; read it again.</summary>
    Conflict,
}

/// <summary>The outcome, and why a change was refused: the seed rules' problems, or a <c>ui-text</c> key.</summary>
public sealed record ReferenceEditResult(ReferenceEditOutcome Outcome, IReadOnlyList<ContentProblem> Problems, string? MessageKey = null)
{
    public static readonly ReferenceEditResult Saved = new(ReferenceEditOutcome.Saved, []);

    public static readonly ReferenceEditResult Conflict = new(ReferenceEditOutcome.Conflict, [], "admin.ref.conflict");

    public static ReferenceEditResult Refused(string messageKey) => new(ReferenceEditOutcome.Invalid, [], messageKey);

    public bool IsSaved => Outcome == ReferenceEditOutcome.Saved;
}

/// <summary>
/// Every administrator change to the reference data, one transaction each: the stored documents are
/// locked, the change is checked against what the administrator read (optimistic concurrency: a
/// difference is a <see cref="ReferenceEditOutcome.Conflict"/>), applied to the document, re-parsed
/// and validated with the seed files' rules, written with the table rows, an audit entry (who, what,
/// before and after) and a NOTIFY so that every node reloads its <see cref="ReferenceSnapshot"/>.
/// </summary>
public sealed partial class ReferenceEditor(NpgsqlDataSource dataSource, ReferenceSnapshot snapshot, IAuditLog audit, ILogger<ReferenceEditor> logger)
{
    /// <summary>
    /// The new content of the documents a change touches (file name → the file's record), and the
    /// item it changes before and after, for the audit trail.
    /// </summary>
    internal sealed record Change(IReadOnlyDictionary<string, object> Files, string Subject, object? Before, object? After);

    /// <summary>
    /// Applies <paramref name="decide"/> to the stored data in one transaction: it returns the
    /// <see cref="Change"/> to write, or a result that refuses it.
    /// </summary>
    internal async Task<ReferenceEditResult> EditAsync(string actor, string action, Func<ReferenceData, object> decide, CancellationToken ct)
    {
        ReferenceEditResult result;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            var documents = await ReferenceDocuments.LoadAsync(conn, tx, ct, forUpdate: true);
            var (current, stored) = ReferenceDocuments.Check(documents);
            if (current is null)
                return new ReferenceEditResult(ReferenceEditOutcome.Invalid, stored, "admin.ref.stored-invalid");
            var decision = decide(current);
            if (decision is ReferenceEditResult refused)
                return refused;
            var change = (Change)decision;
            var changed = change.Files.ToDictionary(f => f.Key, f => ReferenceData.ToDocument(f.Value), StringComparer.Ordinal);
            var next = new Dictionary<string, byte[]>(documents, StringComparer.Ordinal);
            foreach (var (name, bytes) in changed)
                next[name] = bytes;
            var (data, problems) = ReferenceDocuments.Check(next);
            if (data is null)
                return new ReferenceEditResult(ReferenceEditOutcome.Invalid, problems);
            await ReferenceDocuments.SaveAsync(conn, tx, changed, data, actor, ct);
            await audit.WriteAsync(conn, tx, new AuditEntry(actor, action, change.Subject, Details: AuditDiff.Describe(change.Before, change.After)), ct);
            await tx.CommitAsync(ct);
            result = ReferenceEditResult.Saved;
        }
        await ReloadHereAsync(ct);
        return result;
    }

    // The listener reloads too; reloading now lets the administrator see the change at once.
    private async Task ReloadHereAsync(CancellationToken ct)
    {
        try
        {
            await snapshot.ReloadAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Reference change saved; this node reloads it when the database answers ({Error})", ex.Message);
        }
    }

    internal static bool Same(object? a, object? b) =>
        JsonSerializer.Serialize(a, ReferenceData.JsonOptions) == JsonSerializer.Serialize(b, ReferenceData.JsonOptions);
}
