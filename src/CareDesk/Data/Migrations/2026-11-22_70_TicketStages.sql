-- One row per stage a ticket went through (one per hand-off), for the supervisor reports
-- (Features/Tickets/TicketStages.cs writes it, Features/Reports/ReportQueries.cs reads it). It is
-- written in the transaction of the event that starts the stage (routed, stage-advanced, rerouted,
-- reopened), ends it (stage-advanced, rerouted, resolved) or escalates it, so the reports read one
-- row per stage instead of pairing events.
CREATE TABLE ticket_stages (
    ticket_id    bigint      NOT NULL REFERENCES tickets (id),
    hand_off     int         NOT NULL,   -- tickets.hand_off while the ticket was in this stage
    case_type    text        NOT NULL,   -- the ticket's (it never changes), for the case-type filter
    stage        text        NOT NULL,
    agency       text        NOT NULL,   -- the agency that held the stage
    opened_at    timestamptz NOT NULL,   -- the ticket's, for end-to-end times
    started_at   timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,   -- as computed when the stage began
    escalated_at timestamptz,            -- the sweeper escalates at most once per hand-off
    ended_at     timestamptz,
    ended_by     text CHECK (ended_by IN ('stage-advanced', 'rerouted', 'resolved')),
    PRIMARY KEY (ticket_id, hand_off),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);

SET LOCAL work_mem = '256MB';

-- Backfill: the stages of every ticket that has none yet, recovered from its history (before the
-- indexes, which are quicker to build afterwards). generate-load-data and the report tests run this
-- same statement: TicketStages.BackfillSql reads it from here, down to the end marker. Each routed,
-- stage-advanced, rerouted or reopened event starts a stage and holds its stage, agency and due in
-- data.route (a routed event written by the app holds them at the top of data); hand_off counts
-- them. A stage ends at its resolution, or at the next start if that is a hand-off or a reroute; its
-- first escalated event escalates it.
INSERT INTO ticket_stages (ticket_id, hand_off, case_type, stage, agency, opened_at, started_at, due_at, escalated_at, ended_at, ended_by)
SELECT s.ticket_id, s.hand_off, t.case_type, s.stage, s.agency, t.opened_at, s.started_at, s.due_at::timestamptz, s.escalated_at,
       coalesce(s.resolved_at, CASE WHEN s.next_kind IN ('stage-advanced', 'rerouted') THEN s.next_started_at END),
       CASE WHEN s.resolved_at IS NOT NULL THEN 'resolved' WHEN s.next_kind IN ('stage-advanced', 'rerouted') THEN s.next_kind END
FROM (
    SELECT g.*, lead(g.kind) OVER w AS next_kind, lead(g.started_at) OVER w AS next_started_at
    FROM (
        SELECT e.ticket_id, e.hand_off,
               min(e.kind) FILTER (WHERE e.starts) AS kind,
               min(e.at) FILTER (WHERE e.starts) AS started_at,
               min(e.route->>'stage') FILTER (WHERE e.starts) AS stage,
               min(e.route->>'agency') FILTER (WHERE e.starts) AS agency,
               min(e.route->>'stage_due') FILTER (WHERE e.starts) AS due_at,
               min(e.at) FILTER (WHERE e.kind = 'escalated') AS escalated_at,
               min(e.at) FILTER (WHERE e.kind = 'resolved') AS resolved_at
        FROM (
            SELECT e.ticket_id, e.kind, e.at, coalesce(e.data->'route', e.data) AS route, e.kind IN ('routed', 'stage-advanced', 'rerouted', 'reopened') AS starts,
                   count(*) FILTER (WHERE e.kind IN ('routed', 'stage-advanced', 'rerouted', 'reopened'))
                       OVER (PARTITION BY e.ticket_id ORDER BY e.id) AS hand_off
            FROM ticket_events e
            WHERE e.kind IN ('routed', 'stage-advanced', 'rerouted', 'reopened', 'resolved', 'escalated')
              AND NOT EXISTS (SELECT FROM ticket_stages x WHERE x.ticket_id = e.ticket_id)) e
        WHERE e.hand_off > 0
        GROUP BY e.ticket_id, e.hand_off) g
    WINDOW w AS (PARTITION BY g.ticket_id ORDER BY g.hand_off)) s
JOIN tickets t ON t.id = s.ticket_id
ON CONFLICT (ticket_id, hand_off) DO NOTHING;
-- End of backfill.

-- Stages that ended in a period (stage deadlines, stage times), optionally for one agency or case
-- type; covering, so a year of stages is read from an index alone. Unfiltered stage times take each
-- stage's range of ticket_stages_stage_ended, and the end-to-end times the resolutions' own index.
CREATE INDEX ticket_stages_ended ON ticket_stages (ended_at) INCLUDE (agency, case_type, due_at) WHERE ended_at IS NOT NULL;
CREATE INDEX ticket_stages_agency_ended ON ticket_stages (agency, ended_at) INCLUDE (case_type, due_at, stage, started_at) WHERE ended_at IS NOT NULL;
CREATE INDEX ticket_stages_type_ended ON ticket_stages (case_type, ended_at) INCLUDE (agency, due_at, stage, started_at) WHERE ended_at IS NOT NULL;
CREATE INDEX ticket_stages_stage_ended ON ticket_stages (stage, ended_at) INCLUDE (started_at, agency, case_type) WHERE ended_at IS NOT NULL;
CREATE INDEX ticket_stages_resolved ON ticket_stages (ended_at) INCLUDE (opened_at, agency, case_type) WHERE ended_by = 'resolved';

-- Escalations in a period by the agency that held the stage.
CREATE INDEX ticket_stages_escalated ON ticket_stages (escalated_at) INCLUDE (agency, case_type) WHERE escalated_at IS NOT NULL;

-- The reports no longer read stage ends and escalations from the events.
DROP INDEX IF EXISTS ticket_events_report;

ANALYZE ticket_stages;
