#!/usr/bin/env bash
# Every test: installs what is missing (Debian packages), lints, builds, starts a private cupsd,
# runs the Swift test targets and then the UI tests (a real window under Xvfb, driven by AT-SPI).
#   scripts/test.sh            everything
#   scripts/test.sh ui [NAME…] only the UI tests (after a build)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

work=$(mktemp -d /tmp/bhumiseba-test.XXXXXX)
chmod 0755 "$work"  # the private cupsd runs as nobody when we are root
cleanup() { scripts/private-cupsd.sh stop "$work/cups" || true; rm -rf "$work"; }
trap cleanup EXIT

start_cups() {
  local env
  env=$(scripts/private-cupsd.sh start "$work/cups")
  while IFS= read -r line; do export "${line?}"; done <<<"$env"
}

if [[ ${1:-} == ui ]]; then
  shift
  swift build
  start_cups
  scripts/with-display.sh /usr/bin/python3 Tests/UITests/kiosk_ui.py "$@" 2>&1 | { grep -v "dbus-daemon" || true; }
  exit
fi

echo "== swift format lint"
swift format lint --strict --recursive Package.swift Sources Tests bench

echo "== build"
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | { grep -v "prohibited flag" || true; }

start_cups
echo "== swift test (private cupsd at $CUPS_SERVER)"
swift_status=0
swift test --skip-build --no-parallel 2>&1 | tee "$work/swift-test.log" || swift_status=$?

echo "== UI tests (Xvfb + AT-SPI)"
ui_status=0
scripts/with-display.sh /usr/bin/python3 Tests/UITests/kiosk_ui.py 2>&1 | { grep -v "dbus-daemon" || true; } | tee "$work/ui.log" || ui_status=$?

# One closing line for everything that ran.
swift_passed=$(grep -oE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" "$work/swift-test.log" | grep -oE "[0-9]+" | head -1 || true)
xc_passed=$(grep -oE "Executed [0-9]+ tests?, with 0 failures" "$work/swift-test.log" | tail -1 | grep -oE "[0-9]+" | head -1 || true)
ui_line=$(grep -E "^ui: [0-9]+ passed, [0-9]+ failed" "$work/ui.log" || echo "ui: 0 passed, 1 failed")
ui_passed=$(sed -E 's/ui: ([0-9]+) passed.*/\1/' <<<"$ui_line")
ui_failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$ui_line")
failed=$ui_failed
((swift_status == 0)) || failed=$((failed + 1))
echo "all: $(( ${swift_passed:-0} + ${xc_passed:-0} + ui_passed )) passed, $failed failed"
((swift_status == 0 && ui_status == 0))
