-- :drafts synthetic drafts of two answers each in a centre database (scripts/bench-centre.sh), as
-- KioskStore.seedSyntheticDrafts makes them but in three statements: a million in seconds, not
-- an hour of one-row inserts. Each resume code is 14 digits and its Luhn check digit, as
-- ResumeCode makes them (the body from the top of the code space: a kiosk's random code meets
-- one of them once in 10^8 drafts, and then draws again, as it does for any taken code).
--   psql -v drafts=1000000 -f bench/seed-drafts.sql postgresql://…
\set ON_ERROR_STOP on
CREATE FUNCTION pg_temp.luhn(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT body || ((10 - sum(
    CASE WHEN (length(body) - i) % 2 = 0
      THEN (substr(body, i, 1)::int * 2) - CASE WHEN substr(body, i, 1)::int > 4 THEN 9 ELSE 0 END
      ELSE substr(body, i, 1)::int END) % 10) % 10)::text
  FROM generate_series(1, length(body)) AS i
$$;
BEGIN;
CREATE TEMP TABLE seed ON COMMIT DROP AS
  SELECT pg_temp.luhn((99999999999999 - g)::text) AS code,
    extract(epoch FROM now()) - g * 0.5 AS t
  FROM generate_series(1, :drafts) AS g;
INSERT INTO issued_code(code) SELECT code FROM seed;
INSERT INTO draft(resume_code, service_id, language, state, created_at, updated_at)
  SELECT code, 'namjari', 'bn', 'waiting', t, t FROM seed;
INSERT INTO draft_answer(draft_id, question_id, value, updated_at)
  SELECT d.id, q.question_id, q.value, d.created_at
  FROM draft d JOIN seed s ON s.code = d.resume_code
  CROSS JOIN (VALUES ('applicant_name', 'রহিমা খাতুন'), ('mobile', '01712345678')) AS q(question_id, value);
COMMIT;
VACUUM ANALYZE issued_code, draft, draft_answer;
