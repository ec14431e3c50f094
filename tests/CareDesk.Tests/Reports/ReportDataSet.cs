using CareDesk.Features.Tickets;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Reports;

/// <summary>
/// Five tickets with known timestamps, written straight into tickets and ticket_events in one
/// transaction, their ticket_stages rows recovered by migration 70's backfill (as on an upgraded
/// database; other tests check that live writes give the same rows). Case types
/// are "{prefix}refund" and "{prefix}visa"; agencies MOF, GOSI, ZATCA. <see cref="Day"/> is
/// 2026-11-10 09:00 UTC (12:00 in Riyadh); the report period is 2026-11-10 to 2026-11-12 (Riyadh).
/// </summary>
public static class ReportDataSet
{
    public static readonly DateTime Day = new(2026, 11, 10, 9, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly From = new(2026, 11, 10);
    public static readonly DateOnly To = new(2026, 11, 12);

    public static async Task InsertAsync(NpgsqlConnection conn, string prefix)
    {
        var refund = prefix + "refund";
        var visa = prefix + "visa";
        var h = (double hours) => Day.AddHours(hours);
        // One transaction: a backfill running beside it (another test's) never sees half a history.
        await using var tx = await conn.BeginTransactionAsync();

        // T1: intake at MOF 20 h (due 24 h: met), review at GOSI 30 h (due 24 h: missed, escalated at 44 h), resolved at 50 h.
        var t1 = await TicketAsync(conn, prefix + "1", refund, "review", "GOSI", "resolved", h(0));
        await EventAsync(conn, t1, "routed", "MOF", h(0), "intake", "MOF", h(24));
        await EventAsync(conn, t1, "stage-advanced", "GOSI", h(20), "review", "GOSI", h(44));
        await EventAsync(conn, t1, "escalated", "GOSI", h(44.5));
        await EventAsync(conn, t1, "resolved", "GOSI", h(50));

        // T2: intake at MOF 30 h (due 24 h: missed, escalated at 26 h), rerouted to ZATCA, still open.
        var t2 = await TicketAsync(conn, prefix + "2", refund, "intake", "ZATCA", "open", h(1));
        await EventAsync(conn, t2, "routed", "MOF", h(1), "intake", "MOF", h(25));
        await EventAsync(conn, t2, "escalated", "MOF", h(26));
        await EventAsync(conn, t2, "rerouted", "ZATCA", h(31), "intake", "ZATCA", h(55));

        // T3: intake at MOF 4 h (met), resolved.
        var t3 = await TicketAsync(conn, prefix + "3", visa, "intake", "MOF", "resolved", h(2));
        await EventAsync(conn, t3, "routed", "MOF", h(2), "intake", "MOF", h(26));
        await EventAsync(conn, t3, "resolved", "MOF", h(6));

        // T4: opened before the period, still claimed at intake by MOF.
        var t4 = await TicketAsync(conn, prefix + "4", visa, "intake", "MOF", "claimed", h(-24 * 5));
        await EventAsync(conn, t4, "routed", "MOF", h(-24 * 5), "intake", "MOF", h(-24 * 4));

        // T5: opened 2026-11-10 21:30 UTC, which is 2026-11-11 00:30 in Riyadh; awaiting information at GOSI.
        var t5 = await TicketAsync(conn, prefix + "5", visa, "review", "GOSI", "awaiting-info", h(12.5));
        await EventAsync(conn, t5, "routed", "GOSI", h(12.5), "review", "GOSI", h(200));

        await conn.ExecuteAsync(TicketStages.BackfillSql, transaction: tx);
        await tx.CommitAsync();
    }

    private static Task<long> TicketAsync(NpgsqlConnection conn, string number, string caseType, string stage, string agency, string status, DateTime opened) =>
        conn.ExecuteScalarAsync<long>("""
            INSERT INTO tickets (number, caller_national_id, case_type, stage_index, stage_code, owning_agency, status, opened_by,
                                 opened_at, stage_started_at, stage_due, journey_due, updated_at)
            VALUES (@number, '1000000001', @caseType, 0, @stage, @agency, @status, 'agent1', @opened, @opened, @opened, @opened, @opened)
            RETURNING id
            """, new { number, caseType, stage, agency, status, opened });

    private static Task EventAsync(NpgsqlConnection conn, long ticket, string kind, string agency, DateTime at, string? stage = null, string? routeAgency = null, DateTime? due = null) =>
        conn.ExecuteAsync("""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            VALUES (@ticket, 1, @kind, 'tester', 'Tester', @agency, @at,
                    CASE WHEN @stage::text IS NULL THEN '{}'::jsonb
                         ELSE jsonb_build_object('route', jsonb_build_object('stage', @stage::text, 'agency', @routeAgency::text, 'stage_due', @due::timestamptz)) END)
            """, new { ticket, kind, agency, at, stage, routeAgency, due });
}
