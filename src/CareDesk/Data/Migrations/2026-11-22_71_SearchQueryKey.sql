-- The content-gap report (Features/Knowledge/Gaps/ContentGaps.cs) groups searches by their text in
-- lower case with spaces folded. Stored once per search, so a year of searches (a million at the
-- measured scale) is not normalized with a regular expression on every report.
ALTER TABLE search_log ADD COLUMN query_key text GENERATED ALWAYS AS (lower(regexp_replace(btrim(query), '\s+', ' ', 'g'))) STORED;
