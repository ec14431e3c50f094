using Dapper;
using Npgsql;

namespace CareDesk.Features.AgentConsole;

/// <summary>What the caller was told on a call closed without a ticket.</summary>
/// <param name="CallerNationalId">The validated ID, or null when the caller gave none.</param>
/// <param name="ArticleId">The article read to the caller.</param>
/// <param name="Revision">Its published revision at the time.</param>
/// <param name="GuideOutcome">The guided outcome code, when a guide led to the article.</param>
/// <param name="ExpectedBy">The date the caller was given, when a guide gave one.</param>
/// <param name="SearchId">The logged search the article came from, if any.</param>
/// <param name="Agent">The signed-in agent, when known.</param>
/// <param name="SubmissionKey">The console's key for this call: recording it again (a retry, a double click) adds nothing.</param>
/// <param name="At">When the call was closed (UTC); null is the database's now. Only the demo history writes the past.</param>
public sealed record CallResolution(
    string? CallerNationalId, string ArticleId, int Revision, string? GuideOutcome, DateTimeOffset? ExpectedBy, long? SearchId, string? Agent,
    Guid? SubmissionKey = null, DateTimeOffset? At = null);

/// <summary>First-contact resolutions, for the supervisor's report and for audits.</summary>
public sealed class CallResolutionStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records the call; with a key already recorded, returns that row's id and writes nothing.</summary>
    public async Task<long> RecordAsync(CallResolution call, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO call_resolutions (at, caller_national_id, article_id, revision, guide_outcome, expected_by, search_id, agent, submission_key)
            VALUES (coalesce(@At::timestamptz, now()), @CallerNationalId, @ArticleId, @Revision, @GuideOutcome, @ExpectedBy, @SearchId, @Agent, @SubmissionKey)
            ON CONFLICT (submission_key) DO NOTHING
            RETURNING id
            """, call, cancellationToken: ct));
        // A conflict waited for the first write to commit; this statement's own snapshot may predate it, the next one does not.
        return id ?? await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT id FROM call_resolutions WHERE submission_key = @SubmissionKey", call, cancellationToken: ct));
    }

    /// <summary>One recorded resolution, or null.</summary>
    public async Task<CallResolution?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT caller_national_id AS CallerNationalId, article_id AS ArticleId, revision, guide_outcome AS GuideOutcome,
                   expected_by AS ExpectedBy, search_id AS SearchId, agent
            FROM call_resolutions WHERE id = @id
            """, new { id }, cancellationToken: ct));
        return row is null ? null : new CallResolution(row.CallerNationalId, row.ArticleId, row.Revision, row.GuideOutcome,
            row.ExpectedBy is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, row.SearchId, row.Agent);
    }

    private sealed class Row
    {
        public string? CallerNationalId { get; init; }
        public string ArticleId { get; init; } = "";
        public int Revision { get; init; }
        public string? GuideOutcome { get; init; }
        public DateTime? ExpectedBy { get; init; }
        public long? SearchId { get; init; }
        public string? Agent { get; init; }
    }
}
