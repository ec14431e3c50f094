-- Reference data loaded from seeds/: the agencies tickets are routed to, their liaison officers,
-- the case types with their journeys, response templates and holidays. The files stay the source;
-- these rows are what the running desk reads and what the admin pages edit.
CREATE TABLE agencies (
    code     text PRIMARY KEY,
    name_ar  text    NOT NULL,
    name_en  text    NOT NULL,
    kind     text    NOT NULL CHECK (kind IN ('owner', 'external')),
    data     jsonb   NOT NULL DEFAULT '{}'
);

CREATE TABLE liaisons (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency_code text NOT NULL REFERENCES agencies (code),
    rank        text NOT NULL CHECK (rank IN ('primary', 'backup')),
    name_ar     text NOT NULL,
    name_en     text NOT NULL,
    phone       text,
    email       text,
    username    text,
    UNIQUE (agency_code, rank)
);

CREATE TABLE case_types (
    code       text PRIMARY KEY,
    name_ar    text  NOT NULL,
    name_en    text  NOT NULL,
    definition jsonb NOT NULL
);

CREATE TABLE response_templates (
    code    text PRIMARY KEY,
    data    jsonb NOT NULL
);

-- Whole seed files that code reads as documents (holidays rules, public channels, synonyms…),
-- keyed by file name, with the hash of what was imported.
CREATE TABLE seed_documents (
    name        text PRIMARY KEY,
    sha256      text        NOT NULL,
    content     jsonb       NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
