namespace CareDesk.Load;

/// <summary>
/// The pgbench scripts and their tables. pgbench reads <c>:name</c> as a variable even inside a string
/// literal, so the literals here hold no colon followed by a letter or digit (<c>api-load</c> for the app's
/// <c>api:load</c>, a compact ISO time); a test checks that the only variables are <c>:nid</c> and <c>:tid</c>.
/// </summary>
public static class PgBenchScripts
{
    public const string Schema = "loadbench";

    public const string Setup = $$"""
        DROP SCHEMA IF EXISTS {{Schema}} CASCADE;
        CREATE SCHEMA {{Schema}};
        CREATE TABLE {{Schema}}.tickets (LIKE public.tickets INCLUDING ALL);
        CREATE TABLE {{Schema}}.ticket_events (LIKE public.ticket_events INCLUDING ALL);
        CREATE TABLE {{Schema}}.outbox (LIKE public.outbox INCLUDING ALL);
        CREATE TABLE {{Schema}}.ticket_stages (LIKE public.ticket_stages INCLUDING ALL);
        CREATE TABLE {{Schema}}.api_intake (LIKE public.api_intake INCLUDING ALL);
        CREATE TABLE {{Schema}}.audit_log (LIKE public.audit_log INCLUDING ALL);
        CREATE SEQUENCE {{Schema}}.ticket_number_seq;
        """;

    private const string TicketInsert = $$"""
        INSERT INTO {{Schema}}.tickets (number, caller_national_id, caller_phone, case_type, stage_index, stage_code, owning_agency, status, opened_by, opened_at, stage_started_at, stage_due, journey_due, details, updated_at) VALUES ('CD-' || to_char(now() AT TIME ZONE 'Asia/Riyadh', 'YYYY') || '-' || lpad(nextval('{{Schema}}.ticket_number_seq')::text, 6, '0'), :nid, '0512345678', 'payment-not-reflected', 0, 'contact-center', 'MOF', 'open', 'api-load', now(), now(), now() + interval '3 days', now() + interval '12 days', '{"amount": "300", "service": "تجديد جواز", "payment_date": "2026-10-01", "beneficiary_id": "1045678909", "sadad_bill_number": "778899001"}'::jsonb, now())
        """;

    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>
    {
        ["insert"] = $$"""
            \set nid random(1000000000, 1999999999)
            BEGIN;
            {{TicketInsert}};
            END;
            """,
        ["intake-sql"] = $$"""
            \set nid random(1000000000, 1999999999)
            SELECT id, integration, scopes FROM public.api_keys WHERE key_hash = 'loadbench' AND revoked_at IS NULL;
            SELECT ticket_id, request_hash FROM {{Schema}}.api_intake WHERE integration = 'api-load' AND idempotency_key = :nid::text;
            BEGIN;
            {{TicketInsert}} RETURNING id AS tid, * \gset
            INSERT INTO {{Schema}}.ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data) VALUES (:tid, 1, 'created', 'api-load', 'api-load', 'MOF', now(), '{"case_type": "payment-not-reflected", "details": {"amount": "300", "service": "تجديد جواز"} }');
            INSERT INTO {{Schema}}.ticket_events (ticket_id, version, kind, actor, actor_name, agency, at, data) VALUES (:tid, 1, 'routed', 'api-load', 'api-load', 'MOF', now(), '{"route": {"stage": "contact-center", "agency": "MOF", "stage_due": "2026-12-01T100000Z"} }');
            INSERT INTO {{Schema}}.ticket_stages (ticket_id, hand_off, case_type, stage, agency, opened_at, started_at, due_at) VALUES (:tid, 0, 'payment-not-reflected', 'contact-center', 'MOF', now(), now(), now() + interval '3 days') ON CONFLICT (ticket_id, hand_off) DO UPDATE SET escalated_at = coalesce({{Schema}}.ticket_stages.escalated_at, excluded.escalated_at);
            INSERT INTO {{Schema}}.outbox (channel, audience, ticket_id, payload, created_at, next_attempt_at) VALUES ('in-app', 'agency-backup-MOF', :tid, '{"kind": "ticket-new", "text_ar": "تذكرة جديدة لجهتكم", "text_en": "New ticket for your agency"}', now(), now());
            SELECT pg_notify('loadbench', :tid::text);
            INSERT INTO {{Schema}}.api_intake (ticket_id, integration, channel, idempotency_key, request_hash) VALUES (:tid, 'api-load', 'email', :tid::text, md5(:tid::text));
            INSERT INTO {{Schema}}.audit_log (actor, action, subject, ticket, details, ip) VALUES ('api-load', 'api.call', 'POST /api/tickets', 'CD-2026-000001', '201', '127.0.0.1');
            COMMIT;
            """,
    };
}
