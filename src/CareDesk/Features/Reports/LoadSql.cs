using CareDesk.Features.Tickets;

namespace CareDesk.Features.Reports;

/// <summary>
/// The synthetic data set of <c>generate-load-data</c>, built with generate_series (parameters @n =
/// tickets, @now = one moment for every step, so the tickets and their events agree to the microsecond).
/// Ticket g: opened g minutes into the last year (wrapping), case type ct01–ct10, intake
/// at one of five agencies for 1–72 h (due 48 h), review at another for 1–120 h (due 72 h); 70 %
/// resolved, 20 % open at review, 10 % open at intake; intake stages past due are escalated.
/// ticket_stages is then filled from these events by migration 70's backfill.
/// </summary>
internal static class LoadSql
{
    private const string Ticket = """
        'LOAD-' || g AS number,
        @now - interval '365 days' + (g % 525600) * interval '1 minute' + (g / 525600) * interval '1 second' AS opened,
        (1 + g * 7919 % 72) * interval '1 hour' AS intake,
        (1 + g * 104729 % 120) * interval '1 hour' AS review,
        (ARRAY['MOF', 'GOSI', 'ZATCA', 'MOH', 'MOI'])[1 + g % 5] AS intake_agency,
        (ARRAY['MOF', 'GOSI', 'ZATCA', 'MOH', 'MOI'])[1 + (g / 5 + 1) % 5] AS review_agency,
        g % 10 AS fate
        """;

    public static readonly IReadOnlyList<(string What, string Sql)> Steps =
    [
        ("tickets", $"""
            INSERT INTO tickets (number, caller_national_id, case_type, stage_index, stage_code, owning_agency, status, opened_by,
                                 opened_at, hand_off, stage_started_at, stage_due, journey_due, escalated_hand_off, updated_at)
            SELECT number, '1' || lpad((g % 1000000000)::text, 9, '0'), 'ct' || lpad((1 + g % 10)::text, 2, '0'),
                   CASE WHEN fate = 9 THEN 0 ELSE 1 END, CASE WHEN fate = 9 THEN 'intake' ELSE 'review' END,
                   CASE WHEN fate = 9 THEN intake_agency ELSE review_agency END,
                   CASE WHEN fate < 7 THEN 'resolved' WHEN fate = 7 THEN 'claimed' ELSE 'open' END, 'load',
                   opened, CASE WHEN fate = 9 THEN 1 ELSE 2 END, opened + CASE WHEN fate = 9 THEN interval '0' ELSE intake END,
                   opened + CASE WHEN fate = 9 THEN interval '48 hours' ELSE intake + interval '72 hours' END,
                   opened + interval '30 days',
                   CASE WHEN fate = 9 AND opened + interval '48 hours 5 minutes' < @now THEN 1 END, opened
            FROM (SELECT g, {Ticket} FROM generate_series(1::bigint, @n) g) s
            """),
        ("events: created+routed", $"""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            SELECT t.id, 1, k.kind, 'load', 'Load', s.intake_agency, s.opened,
                   CASE WHEN k.kind = 'routed' THEN jsonb_build_object('route', jsonb_build_object(
                       'stage', 'intake', 'agency', s.intake_agency, 'stage_due', s.opened + interval '48 hours')) ELSE jsonb_build_object() END
            FROM (SELECT g, {Ticket} FROM generate_series(1::bigint, @n) g) s
            JOIN tickets t ON t.number = s.number
            CROSS JOIN (VALUES ('created'), ('routed')) k (kind)
            """),
        ("events: escalated", $"""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            SELECT t.id, 2, 'escalated', 'system', 'System', s.intake_agency, s.opened + interval '48 hours 5 minutes',
                   jsonb_build_object('stage', 'intake')
            FROM (SELECT g, {Ticket} FROM generate_series(1::bigint, @n) g) s
            JOIN tickets t ON t.number = s.number
            WHERE (s.fate = 9 OR s.intake > interval '48 hours 5 minutes') AND s.opened + interval '48 hours 5 minutes' < @now
            """),
        ("events: stage-advanced", $"""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            SELECT t.id, 3, 'stage-advanced', 'load', 'Load', s.review_agency, s.opened + s.intake,
                   jsonb_build_object('from_stage', 'intake', 'route', jsonb_build_object(
                       'stage', 'review', 'agency', s.review_agency, 'stage_due', s.opened + s.intake + interval '72 hours'))
            FROM (SELECT g, {Ticket} FROM generate_series(1::bigint, @n) g) s
            JOIN tickets t ON t.number = s.number
            WHERE s.fate < 9
            """),
        ("events: resolved", $"""
            INSERT INTO ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data)
            SELECT t.id, 4, 'resolved', 'load', 'Load', s.review_agency, s.opened + s.intake + s.review, jsonb_build_object()
            FROM (SELECT g, {Ticket} FROM generate_series(1::bigint, @n) g) s
            JOIN tickets t ON t.number = s.number
            WHERE s.fate < 7
            """),
        ("searches", """
            INSERT INTO search_log (at, query, hit_count, chosen_article)
            SELECT @now - interval '365 days' + (g % 525600) * interval '1 minute', 'استعلام ' || (g % 5000), g % 7, NULL
            FROM generate_series(1::bigint, @n) g
            """),
        ("call resolutions", """
            INSERT INTO call_resolutions (at, article_id, revision)
            SELECT @now - interval '365 days' + (g * 3 % 525600) * interval '1 minute', r.article_id, r.revision
            FROM (SELECT article_id, revision FROM kb_revisions ORDER BY article_id, revision LIMIT 1) r
            CROSS JOIN generate_series(1::bigint, @n / 3) g
            """),
        // The stages are recovered from the history just written, by the backfill of the migration that added them.
        ("ticket stages", $"SET work_mem = '256MB';\n{TicketStages.BackfillSql}\nRESET work_mem"),
        // What autovacuum does on a live database: statistics, and the visibility map that index-only scans need.
        ("vacuum analyze", "VACUUM ANALYZE"),
    ];
}
