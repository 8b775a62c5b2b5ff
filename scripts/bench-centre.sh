#!/usr/bin/env bash
# Benchmarks of a centre's store (issue 15; never part of the test run), on a private PostgreSQL
# server over loopback TCP (scripts/private-postgres.sh, fsync on):
#   - durable autosave through PostgreSQL with DRAFTS stored drafts, and the same on SQLite;
#   - DESKS desks (processes) charging EACH receipts at once, p99 per charge, and where the time
#     goes (statements per charge and their server time from pg_stat_statements, and the same run
#     with the commit's WAL flush off);
#   - what a ministry's logical-replication subscription to the ledger would carry per receipt;
#   - `kioskctl ledger verify` (--full and the default incremental) at 1,000 / 10,000 / 100,000
#     receipts on SQLite, and on PostgreSQL after `kioskctl store copy --to`: time and peak RSS.
#   scripts/bench-centre.sh [DRAFTS] [DESKS] [EACH] [LEDGER SIZES]   (defaults: 1000000 9 200 "1000 10000 100000")
# BENCH_PARTS picks parts (default: all): autosave desks ministry ledger, e.g.
#   BENCH_PARTS="autosave desks" bash scripts/bench-centre.sh   (the two budgets; the rest is slow)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
drafts=${1:-1000000}
desks=${2:-9}
each=${3:-200}
read -r -a sizes <<<"${4:-1000 10000 100000}"
parts=" ${BENCH_PARTS:-autosave desks ministry ledger} "
part() { [[ $parts == *" $1 "* ]]; }
bash scripts/build-release.sh KioskBench
bash scripts/build-release.sh kioskctl
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
work=$(mktemp -d /tmp/bhumiseba-bench-centre.XXXXXX)
shm=$(mktemp -d /dev/shm/bhumiseba-bench-centre.XXXXXX)
chmod 0755 "$work"
trap 'scripts/private-postgres.sh stop "$work/pg"; rm -rf "$work" "$shm"' EXIT

while IFS= read -r line; do export "${line?}"; done < <(scripts/private-postgres.sh start "$work/pg")
admin=$BHUMISEBA_TEST_PG
psql_admin() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
# pg_stat_statements counts the statements of a charge (loaded at start: one restart).
psql_admin "$admin" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
scripts/private-postgres.sh stop "$work/pg"
scripts/private-postgres.sh restart "$work/pg"
url=${admin%/postgres}/centre
psql_admin "$admin" -c "CREATE DATABASE centre"
psql_admin "$url" -c "CREATE EXTENSION pg_stat_statements"
key=$work/centre-ledger.key
export BHUMISEBA_SHARE=$repo
pg_version=$(psql_admin "$admin" -c "SHOW server_version")
echo "== centre store: PostgreSQL $pg_version at ${url#postgresql://} (loopback TCP, fsync=on, synchronous_commit=on)"
XDG_DATA_HOME=$work/kioskctl BHUMISEBA_STORE_URL=$url BHUMISEBA_LEDGER_KEY=$key "$bin/kioskctl" store init

seconds() { python3 -c 'import time; print(time.monotonic())'; }
t0=$(seconds)
psql_admin -v drafts="$drafts" -f bench/seed-drafts.sql "$url"
t1=$(seconds)
echo "seeded $drafts drafts (2 answers each) with SQL in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s;" \
  "draft + draft_answer + issued_code: $(psql_admin "$url" -c "SELECT pg_size_pretty(pg_total_relation_size('draft') + pg_total_relation_size('draft_answer') + pg_total_relation_size('issued_code'))")"

if part autosave; then
echo "== autosave"
psql_admin "$admin" -c "ALTER SYSTEM SET track_wal_io_timing = on" -c "SELECT pg_reload_conf()" >/dev/null
for run in 1 2 3; do
  "$bin/KioskBench" autosave "$url" "$key" 5000 "PostgreSQL, $drafts drafts stored (run $run)"
done
# A centre kiosk's autosave: on its own SQLite file first (with the outbox row), then handed to
# the server (one call), after a read of the draft's state there (filed meanwhile?).
"$bin/KioskBench" autosave-kiosk "$url" "$key" "$work/journal.sqlite" 2000 \
  "a centre kiosk (its journal, then PostgreSQL), $drafts drafts stored"
# Where the time goes: the same autosave from libpq (pgbench: the one call KioskStore makes), the
# WAL flush per commit, and one round trip of the store's client.
pct() {  # LABEL LOG…: p50/p99 of pgbench's per-transaction log (latency in µs, third column)
  local label=$1
  shift
  python3 -c '
import sys
v = sorted(int(line.split()[2]) / 1000 for f in sys.argv[2:] for line in open(f))
p = lambda q: v[min(len(v) - 1, round((len(v) - 1) * q))]
print("%s: n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms" % (sys.argv[1], len(v), p(0.5), p(0.99), v[-1]))' "$label" "$@"
}
draft=$(psql_admin "$url" -c "SELECT max(id) FROM draft")
psql_admin "$admin" -c "SELECT pg_stat_reset_shared('wal')" >/dev/null
(cd "$work" && pgbench -n -M extended -D draft="$draft" -f "$repo/bench/autosave-pgbench.sql" \
  -t 5000 -l --log-prefix=autosave "$url" >/dev/null 2>&1)
pct "  the same autosave from pgbench (libpq; one call of bhumiseba_save_answer)" "$work"/autosave.*
psql_admin "$url" -c "SELECT '  WAL flushes: ' || wal_sync || ', ' || round((wal_sync_time / nullif(wal_sync, 0))::numeric, 3)
  || ' ms each' FROM pg_stat_wal"
"$bin/KioskBench" roundtrip "$url" 5000 | sed 's/^/  /'
# WAL written per autosave (the figure docs/scaling.md starts from).
lsn0=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
"$bin/KioskBench" autosave "$url" "$key" 2000 "PostgreSQL, again (for its WAL)" >/dev/null
lsn1=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
echo "  WAL per autosave: $(psql_admin "$admin" -c "SELECT round(pg_wal_lsn_diff('$lsn1', '$lsn0') / 2050)") bytes"
mkdir -p "$work/sqlite"
t0=$(seconds)
"$bin/KioskBench" seed "$work/sqlite/kiosk.sqlite" "$drafts"
t1=$(seconds)
echo "(SQLite: seeded $drafts drafts in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s)"
"$bin/KioskBench" autosave "$work/sqlite/kiosk.sqlite" "$work/sqlite/ledger.key" 5000 "SQLite file, $drafts drafts stored"
fi

if part desks; then
echo "== desks charging"
"$bin/KioskBench" desks "$url" "$key" 1 300
psql_admin "$url" -c "SELECT pg_stat_statements_reset()" >/dev/null
lsn0=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
"$bin/KioskBench" desks "$url" "$key" "$desks" "$each"
lsn1=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
n=$((desks * each))
echo "  where a charge's time goes (pg_stat_statements over the $n charges; each statement is a round trip):"
psql_admin -F ' | ' "$url" -c "
  SELECT to_char(calls::numeric / $n, 'FM990.0') || ' per charge', to_char(mean_exec_time, 'FM990.000') || ' ms',
         left(regexp_replace(query, '\s+', ' ', 'g'), 70)
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'centre')
    AND query NOT LIKE '%pg_stat_statements%' AND calls >= $n ORDER BY total_exec_time DESC" | sed 's/^/    /'
psql_admin -F ' ' "$url" -c "
  SELECT 'statements per charge:', round(sum(calls)::numeric / $n, 1), ' server time per charge:',
         round((sum(total_exec_time) / $n)::numeric, 3), 'ms'
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'centre')
    AND query NOT LIKE '%pg_stat_statements%' AND calls >= $n" | sed 's/^/    /'
echo "  WAL per charge: $(psql_admin "$admin" -c "SELECT round(pg_wal_lsn_diff('$lsn1', '$lsn0') / $n)") bytes;" \
  "receipt row: $(psql_admin "$url" -c "SELECT round(avg(pg_column_size(receipt.*))) FROM receipt") bytes"
echo "  the same with the commit's WAL flush off (synchronous_commit=off; for comparison only):"
psql_admin "$admin" -c "ALTER DATABASE centre SET synchronous_commit = off"
"$bin/KioskBench" desks "$url" "$key" "$desks" "$each" | sed 's/^/  /'
psql_admin "$admin" -c "ALTER DATABASE centre RESET synchronous_commit"
fi

if part ministry; then
echo "== what a ministry's subscription would carry (docs/scaling.md): logical decoding, pgoutput, inserts only"
psql_admin "$admin" -c "ALTER SYSTEM SET wal_level = logical"
scripts/private-postgres.sh stop "$work/pg"
scripts/private-postgres.sh restart "$work/pg"
psql_admin "$url" -c "CREATE PUBLICATION ministry FOR TABLE receipt, ledger_head WITH (publish = 'insert')"
psql_admin "$url" -c "SELECT pg_create_logical_replication_slot('ministry', 'pgoutput')" >/dev/null
lsn0=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
"$bin/KioskBench" desks "$url" "$key" "$desks" "$each" | sed 's/^/  /'
lsn1=$(psql_admin "$admin" -c "SELECT pg_current_wal_lsn()")
n=$((desks * each))
read -r sent messages < <(psql_admin -F ' ' "$url" -c "
  SELECT sum(length(data)), count(*) FROM pg_logical_slot_get_binary_changes('ministry', NULL, NULL,
    'proto_version', '1', 'publication_names', 'ministry')")
echo "  sent to a subscriber: $sent bytes in $messages messages for $n receipts: $((sent / n)) bytes a receipt;" \
  "WAL per charge with wal_level=logical: $(psql_admin "$admin" -c "SELECT round(pg_wal_lsn_diff('$lsn1', '$lsn0') / $n)") bytes"
psql_admin "$url" -c "SELECT pg_drop_replication_slot('ministry')" >/dev/null
fi

if part ledger; then
echo "== ledger verify (kioskctl; /usr/bin/time -v: elapsed, peak RSS)"
timed() {  # LABEL COMMAND…: one line, elapsed s and peak RSS MiB
  local label=$1 log=$work/time.log
  shift
  /usr/bin/time -v "$@" >"$work/out.log" 2>"$log" || { cat "$work/out.log" "$log" >&2; return 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
  printf '  %-58s %8s s %5s MiB   %s\n' "$label" "${wall#0:}" "$rss" "$(tail -1 "$work/out.log")"
}
seeded=0
mkdir -p "$shm/ledger/bhumiseba"
for n in "${sizes[@]}"; do
  "$bin/KioskBench" receipts "$shm/ledger/bhumiseba/kiosk.sqlite" "$shm/ledger/bhumiseba/ledger.key" $((n - seeded))
  seeded=$n
  copy=$work/ledger-$n
  rm -rf "$copy"
  cp -a "$shm/ledger" "$copy"
  export XDG_DATA_HOME=$copy
  timed "SQLite $n: verify (no head yet: every row)" "$bin/kioskctl" ledger verify
  timed "SQLite $n: verify --full (then saves a verified head)" "$bin/kioskctl" ledger verify --full
  "$bin/KioskBench" receipts "$copy/bhumiseba/kiosk.sqlite" "$copy/bhumiseba/ledger.key" 100
  timed "SQLite $n + 100: verify (incremental, from the head)" "$bin/kioskctl" ledger verify
  unset XDG_DATA_HOME
done
# The largest ledger into a centre database (kioskctl store copy --to), verified there.
psql_admin "$admin" -c "CREATE DATABASE ledger"
ledger_url=${admin%/postgres}/ledger
export XDG_DATA_HOME=$work/ledger-$n
timed "store copy --to PostgreSQL ($n + 100 receipts, heads, audit)" "$bin/kioskctl" store copy --to "$ledger_url"
export BHUMISEBA_STORE_URL=$ledger_url
timed "PostgreSQL $n + 100: verify --full" "$bin/kioskctl" ledger verify --full
"$bin/KioskBench" receipts "$ledger_url" "$work/ledger-$n/bhumiseba/ledger.key" 100
timed "PostgreSQL $n + 200: verify (incremental)" "$bin/kioskctl" ledger verify
unset BHUMISEBA_STORE_URL XDG_DATA_HOME
echo "ledger sizes at $n + 100 receipts: SQLite file $(du -m "$work/ledger-$n/bhumiseba/kiosk.sqlite" | cut -f1) MiB;" \
  "PostgreSQL receipt table $(psql_admin "$ledger_url" -c "SELECT pg_size_pretty(pg_total_relation_size('receipt'))")," \
  "audit_log $(psql_admin "$ledger_url" -c "SELECT pg_size_pretty(pg_total_relation_size('audit_log'))")"
fi
