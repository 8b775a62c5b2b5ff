-- One autosave as KioskStore.saveAnswer sends it (the same six statements, extended protocol),
-- from pgbench (libpq, C) instead of the kiosk's Swift client: scripts/bench-centre.sh runs it
-- to tell the server's and the operating system's share of an autosave from the client's.
--   pgbench -n -M extended -D draft=ID -f bench/autosave-pgbench.sql -t 5000 URL
\set q random(0, 19)
BEGIN;
SELECT state FROM draft WHERE id = :draft;
INSERT INTO draft_answer(draft_id, question_id, value, updated_at) VALUES (:draft, 'q' || :q, 'উত্তর ১', extract(epoch FROM now())) ON CONFLICT(draft_id, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
DELETE FROM draft_typing WHERE draft_id = :draft AND question_id = 'q' || :q;
UPDATE draft SET updated_at = extract(epoch FROM now()), position = coalesce('q' || :q, position) WHERE id = :draft;
COMMIT;
