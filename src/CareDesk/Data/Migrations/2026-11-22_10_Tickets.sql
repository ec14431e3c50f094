-- Tickets along the customer journey. The ticket row is the current state; ticket_events is the
-- history, appended in the same transaction as every change to the row.
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number             text        NOT NULL UNIQUE,
    caller_national_id text        NOT NULL,
    caller_phone       text,
    case_type          text        NOT NULL,
    stage_index        int         NOT NULL,
    stage_code         text        NOT NULL,
    owning_agency      text        NOT NULL,
    assignee           text,
    status             text        NOT NULL CHECK (status IN ('open', 'claimed', 'awaiting-info', 'resolved')),
    opened_by          text        NOT NULL,
    opened_at          timestamptz NOT NULL,
    -- Bumped on every hand-off (advance, reroute, reopen): a stage escalates at most once per hand-off.
    hand_off           int         NOT NULL DEFAULT 1,
    stage_started_at   timestamptz NOT NULL,
    stage_due          timestamptz NOT NULL,
    journey_due        timestamptz NOT NULL,
    escalated_hand_off int,
    details            jsonb       NOT NULL DEFAULT '{}',
    verification       jsonb       NOT NULL DEFAULT '{}',
    version            int         NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX tickets_agency_due ON tickets (owning_agency, stage_due) WHERE status <> 'resolved';
CREATE INDEX tickets_overdue ON tickets (stage_due) WHERE status <> 'resolved';
CREATE INDEX tickets_opened_by ON tickets (opened_by);

CREATE TABLE ticket_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  bigint      NOT NULL REFERENCES tickets (id),
    version    int         NOT NULL,
    kind       text        NOT NULL,
    actor      text        NOT NULL,
    actor_name text        NOT NULL,
    agency     text        NOT NULL,
    at         timestamptz NOT NULL,
    data       jsonb       NOT NULL DEFAULT '{}'
);

CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

-- The history is append-only: refuse edits and deletions at the database.
CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ticket_events is append-only';
END $$;

CREATE TRIGGER ticket_events_no_change BEFORE UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();

-- Who has a ticket open right now: one row per open page (circuit), kept alive by heartbeats.
CREATE TABLE ticket_viewers (
    ticket_id    bigint      NOT NULL REFERENCES tickets (id),
    session_id   text        NOT NULL,
    username     text        NOT NULL,
    display_name text        NOT NULL,
    last_seen    timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, session_id)
);

-- A call-back for the 19990 agent who opened a ticket, created when the ticket is resolved.
CREATE TABLE ticket_callbacks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id  bigint      NOT NULL REFERENCES tickets (id),
    agent      text        NOT NULL,
    created_at timestamptz NOT NULL,
    done_at    timestamptz
);

CREATE INDEX ticket_callbacks_agent ON ticket_callbacks (agent) WHERE done_at IS NULL;

-- Messages to deliver (in-app, e-mail), written in the transaction that decides them and drained
-- by the dispatcher with retries.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         text        NOT NULL CHECK (channel IN ('in-app', 'email')),
    audience        text        NOT NULL,
    ticket_id       bigint      REFERENCES tickets (id),
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    dispatched_at   timestamptz,
    failed_at       timestamptz,
    last_error      text
);

CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE dispatched_at IS NULL AND failed_at IS NULL;

-- In-app notifications. The audience is 'user:<name>', 'role:<role>' or 'agency-backup:<code>'.
CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id  bigint      NOT NULL UNIQUE REFERENCES outbox (id),
    audience   text        NOT NULL,
    ticket_id  bigint      REFERENCES tickets (id),
    kind       text        NOT NULL,
    text_ar    text        NOT NULL,
    text_en    text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX notifications_audience ON notifications (audience, id DESC);
