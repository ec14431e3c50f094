-- The knowledge base: an article row per FAQ article and every revision of it, kept forever.
CREATE TABLE kb_articles (
    id                 text PRIMARY KEY,
    topic              text NOT NULL,
    status             text NOT NULL CHECK (status IN ('draft', 'in-review', 'published', 'archived')),
    published_revision integer,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kb_revisions (
    article_id  text        NOT NULL REFERENCES kb_articles (id),
    revision    integer     NOT NULL,
    state       text        NOT NULL CHECK (state IN ('draft', 'in-review', 'published', 'archived', 'superseded', 'returned')),
    document    jsonb       NOT NULL,
    change_note text        NOT NULL,
    author      text        NOT NULL,
    reviewer    text,
    review_note text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    reviewed_at timestamptz,
    PRIMARY KEY (article_id, revision)
);

CREATE INDEX kb_revisions_state ON kb_revisions (state);

-- Every search an agent makes, for the content-gap report.
CREATE TABLE search_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    query          text        NOT NULL,
    hit_count      integer     NOT NULL,
    top_article    text,
    chosen_article text,
    user_name      text,
    source         text        NOT NULL DEFAULT 'console'
);

CREATE INDEX search_log_at ON search_log (at);
