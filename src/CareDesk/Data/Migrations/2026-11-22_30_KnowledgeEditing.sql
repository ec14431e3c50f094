-- Knowledge editing: the synonym table editors maintain, agents' feedback on articles (written by
-- the console, read by the content-gap report), and the daily review-date reminders.

-- One row per group of interchangeable words; the whole table is the search's synonym table.
CREATE TABLE kb_synonym_groups (
    position   integer     PRIMARY KEY,
    words      text[]      NOT NULL CHECK (cardinality(words) >= 2),
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Present once seeds/synonyms.json has been imported, so an emptied table is not re-filled at start.
CREATE TABLE kb_synonym_import (
    id          integer     PRIMARY KEY CHECK (id = 1),
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- "Was this answer helpful?" from agents, per article revision actually read.
CREATE TABLE kb_feedback (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text       NOT NULL REFERENCES kb_articles (id),
    revision  integer     NOT NULL,
    helpful   boolean     NOT NULL,
    comment   text,
    user_name text,
    at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (article_id, revision) REFERENCES kb_revisions (article_id, revision)
);

CREATE INDEX kb_feedback_at ON kb_feedback (at);

-- A daily job runs once per day across all nodes: the first node to insert the day's row does it.
CREATE TABLE kb_job_runs (
    job        text        NOT NULL,
    day        date        NOT NULL,
    node       text        NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job, day)
);

-- In-app reminders: an article past its review date, for its editor (NULL: every editor).
CREATE TABLE kb_reminders (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text        NOT NULL REFERENCES kb_articles (id),
    editor     text,
    review_by  date        NOT NULL,
    day        date        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    dismissed_at timestamptz,
    UNIQUE (article_id, day)
);

CREATE INDEX kb_reminders_open ON kb_reminders (editor) WHERE dismissed_at IS NULL;

-- At most one open (draft or in-review) revision per article: two editors cannot fork it.
CREATE UNIQUE INDEX kb_revisions_one_open ON kb_revisions (article_id) WHERE state IN ('draft', 'in-review');
