-- "Helpful / not helpful" from the console goes to kb_feedback (2026-11-22_30_KnowledgeEditing.sql),
-- which the content-gap report reads.

-- A call closed without a ticket: the first-contact resolution, with the exact article revision the
-- caller was told (and the guided outcome and date, when a guide gave them), so an audit can show it.
CREATE TABLE call_resolutions (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                 timestamptz NOT NULL DEFAULT now(),
    caller_national_id text        CHECK (caller_national_id ~ '^[12][0-9]{9}$'),
    article_id         text        NOT NULL,
    revision           integer     NOT NULL,
    guide_outcome      text,
    expected_by        timestamptz,
    search_id          bigint      REFERENCES search_log (id),
    agent              text,
    FOREIGN KEY (article_id, revision) REFERENCES kb_revisions (article_id, revision)
);

CREATE INDEX call_resolutions_caller ON call_resolutions (caller_national_id, at);
CREATE INDEX call_resolutions_at ON call_resolutions (at);

-- The console looks up a caller's earlier and open tickets by their ID.
CREATE INDEX tickets_caller ON tickets (caller_national_id, opened_at DESC);
