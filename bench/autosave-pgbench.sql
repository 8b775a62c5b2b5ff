-- One autosave as KioskStore.saveAnswer sends it on PostgreSQL (one call of pg-003's function,
-- its own transaction, extended protocol), from pgbench (libpq, C) instead of the kiosk's Swift
-- client: scripts/bench-centre.sh runs it to tell the server's and the operating system's share
-- of an autosave from the client's.
--   pgbench -n -M extended -D draft=ID -f bench/autosave-pgbench.sql -t 5000 URL
\set q random(0, 19)
SELECT bhumiseba_save_answer(:draft, 'q' || :q, 'উত্তর ১', 'q' || :q, extract(epoch FROM now()));
