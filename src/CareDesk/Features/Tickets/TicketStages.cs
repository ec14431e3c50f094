using CareDesk.Data;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Tickets;

/// <summary>
/// <c>ticket_stages</c>: one row per stage a ticket went through (per hand-off), which the supervisor
/// reports read. <see cref="TicketWrites.AppendEventAsync"/> keeps it in step with the history inside
/// the event's transaction: an event that starts a stage inserts its row from the ticket row (which
/// holds the current stage's code, agency, start and due), one that ends a stage sets its end, an
/// escalation sets its escalation time. Each write is an upsert from the ticket row, so a stage row
/// that is missing for any reason is written whole rather than left out.
/// </summary>
internal static class TicketStages
{
    public const string Migration = "2026-11-22_70_TicketStages.sql";

    private const string BackfillMarker = "-- Backfill:";
    private const string BackfillEndMarker = "-- End of backfill.";

    private static readonly HashSet<string> Starts =
        [TicketEventKind.Routed, TicketEventKind.StageAdvanced, TicketEventKind.Rerouted, TicketEventKind.Reopened];

    private static readonly HashSet<string> Ends =
        [TicketEventKind.StageAdvanced, TicketEventKind.Rerouted, TicketEventKind.Resolved];

    /// <summary>
    /// The backfill of migration 70, which writes the stages of every ticket that has none from its
    /// events (idempotent). generate-load-data and the report tests run it after writing history by hand.
    /// </summary>
    public static string BackfillSql => Backfill.Value;

    // Read on first use, so the ticket commands never depend on the migration's text.
    private static readonly Lazy<string> Backfill = new(ReadBackfill);

    /// <summary>
    /// What an event of <paramref name="kind"/> does to the stages: ends the stage <paramref name="before"/>
    /// was in, starts the one <paramref name="after"/> is in, or escalates it.
    /// </summary>
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Ticket? before, Ticket after, string kind, DateTimeOffset now, CancellationToken ct)
    {
        if (Ends.Contains(kind))
            await UpsertAsync(conn, tx, before ?? throw new ArgumentNullException(nameof(before), $"a {kind} event ends the stage the ticket was in"), now, kind, null, ct);
        if (Starts.Contains(kind))
            await UpsertAsync(conn, tx, after, null, null, null, ct);
        if (kind == TicketEventKind.Escalated)
            await UpsertAsync(conn, tx, after, null, null, now, ct);
    }

    private static Task UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Ticket stageOf, DateTimeOffset? endedAt, string? endedBy, DateTimeOffset? escalatedAt, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ticket_stages (ticket_id, hand_off, case_type, stage, agency, opened_at, started_at, due_at, escalated_at, ended_at, ended_by)
            VALUES (@Id, @HandOff, @CaseType, @StageCode, @OwningAgency, @OpenedAt, @StageStartedAt, @StageDue, @EscalatedAt, @EndedAt, @EndedBy)
            ON CONFLICT (ticket_id, hand_off) DO UPDATE SET
                escalated_at = coalesce(ticket_stages.escalated_at, excluded.escalated_at),
                ended_at = coalesce(ticket_stages.ended_at, excluded.ended_at),
                ended_by = coalesce(ticket_stages.ended_by, excluded.ended_by)
            """, new
        {
            stageOf.Id,
            stageOf.HandOff,
            stageOf.CaseType,
            stageOf.StageCode,
            stageOf.OwningAgency,
            OpenedAt = stageOf.OpenedAt.UtcDateTime,
            StageStartedAt = stageOf.StageStartedAt.UtcDateTime,
            StageDue = stageOf.StageDue.UtcDateTime,
            EscalatedAt = escalatedAt?.UtcDateTime,
            EndedAt = endedAt?.UtcDateTime,
            EndedBy = endedBy,
        }, tx, cancellationToken: ct));

    private static string ReadBackfill()
    {
        var sql = MigrationRunner.Embedded().Single(m => m.Name == Migration).Sql;
        var start = sql.IndexOf(BackfillMarker, StringComparison.Ordinal);
        var end = sql.IndexOf(BackfillEndMarker, StringComparison.Ordinal);
        if (start < 0 || end < start)
            throw new InvalidOperationException($"{Migration} has no '{BackfillMarker}' … '{BackfillEndMarker}' section");
        return sql[start..end].TrimEnd();
    }
}
