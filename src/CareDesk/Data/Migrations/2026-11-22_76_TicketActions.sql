-- The ticket page's actions (claim, note, request info, verification, reply, advance, reroute,
-- resolve, reopen) made safe to retry: one row per change applied under an action key, the key the
-- page made for that pending action and keeps across its retries. Written in the change's own
-- transaction, so a retry after a lost answer, a double click or two racing submits find the change
-- the key already made ("already saved") instead of a version conflict or a second event.
--
-- A side table and not a column on ticket_events: that table holds millions of rows (docs/reports.md),
-- and the unique index a key column needs would be built at start-up inside the migration's
-- transaction (CREATE INDEX CONCURRENTLY cannot run there), holding a lock that stops every ticket
-- change until the whole table is scanned. A new, empty table is created at once.
CREATE TABLE ticket_actions (
    action_key uuid        PRIMARY KEY,
    ticket_id  bigint      NOT NULL REFERENCES tickets (id),
    -- The ticket version the change produced: the version of its ticket_events row.
    version    int         NOT NULL,
    kind       text        NOT NULL,
    actor      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
