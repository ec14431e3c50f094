-- The admin pages edit the reference data in place: seed_documents holds what the desk reads (each
-- document as the seed file's JSON), and the rows of agencies/liaisons/case_types follow it. A
-- liaison row now carries the whole directory entry (job title; the user name was already there).
ALTER TABLE liaisons
    ADD COLUMN title_ar text NOT NULL DEFAULT '',
    ADD COLUMN title_en text NOT NULL DEFAULT '';

UPDATE liaisons l
SET title_ar = coalesce(e->>'title_ar', ''),
    title_en = coalesce(e->>'title_en', ''),
    username = e->>'username'
FROM seed_documents d, jsonb_array_elements(d.content->'liaisons') e
WHERE d.name = 'liaisons.json' AND e->>'agency' = l.agency_code AND e->>'rank' = l.rank;

-- Who changed a document last, and when (sha256 stays the hash of what was imported).
ALTER TABLE seed_documents
    ADD COLUMN updated_at timestamptz,
    ADD COLUMN updated_by text;
