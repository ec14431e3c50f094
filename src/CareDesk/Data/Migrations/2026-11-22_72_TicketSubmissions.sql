-- The agent console's new-ticket form: one row per ticket it opened, under the submission key the
-- form made when it was created and keeps across its retries. Written in the ticket's own
-- transaction, so a retry after a lost answer, a double click or two racing submits find the ticket
-- the key already opened instead of opening a second one (as api_intake does for Idempotency-Key).
CREATE TABLE ticket_submissions (
    submission_key uuid        PRIMARY KEY,
    ticket_id      bigint      NOT NULL UNIQUE REFERENCES tickets (id),
    opened_by      text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The same for the console's "resolved without a ticket": one key per call on screen, kept across
-- retries of its button, so a retry after a lost answer or a double click records the call once.
ALTER TABLE call_resolutions ADD COLUMN submission_key uuid UNIQUE;
