#!/usr/bin/env bash
# Fuzzes every validator, the resume code, the config parser, the JSON reader and the service-file
# loader (KioskCore's FuzzTargets) with libFuzzer and AddressSanitizer, for a fixed time.
#   scripts/fuzz.sh [SECONDS]     (default 60; part of the benchmarks, never of the test run)
# New inputs that reach new code are added to Tests/Fuzz/corpus/, which the tests replay; a crash
# is written to .build/fuzz/ and the script fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
mkdir -p .build/fuzz Tests/Fuzz/corpus
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name KioskCore \
  Sources/KioskCore/*.swift bench/fuzz/FuzzEntry.swift -o .build/fuzz/kiosk-fuzz 2>&1 |
  { grep -v "Cannot export local symbol" || true; }
# -max_len 4096: the longest config or service file worth generating; -rss_limit_mb: the machine's.
.build/fuzz/kiosk-fuzz -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=4096 \
  -artifact_prefix=.build/fuzz/ -print_final_stats=1 Tests/Fuzz/corpus 2>&1 | tail -n 12
