-- "Helpful / not helpful" from the agent console, per article revision, for the content-gap report.
CREATE TABLE article_feedback (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    article_id text        NOT NULL REFERENCES kb_articles (id),
    revision   integer     NOT NULL,
    helpful    boolean     NOT NULL,
    search_id  bigint      REFERENCES search_log (id),
    user_name  text
);

CREATE INDEX article_feedback_article ON article_feedback (article_id, revision);
