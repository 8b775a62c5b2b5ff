#!/usr/bin/env bash
# Every test: installs what is missing (Debian packages), lints, builds, starts a private cupsd,
# runs the Swift test targets and then the UI tests (a real window under Xvfb, driven by AT-SPI).
#   scripts/test.sh            everything
#   scripts/test.sh ui [NAME…] only the UI tests (after a build)
#   scripts/test.sh deb        only the Debian package's stage (scripts/test-deb.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

work=$(mktemp -d /tmp/bhumiseba-test.XXXXXX)
chmod 0755 "$work"  # the private cupsd runs as nobody when we are root
cleanup() {
  scripts/private-cupsd.sh stop "$work/cups" || true
  scripts/private-postgres.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

# A private PostgreSQL server (initdb in $work/pg as an unprivileged user, a socket and a free
# loopback port), for the store tests on the centre's engine and the UI tests of a centre.
start_postgres() {
  local env
  env=$(scripts/private-postgres.sh start "$work/pg")
  while IFS= read -r line; do export "${line?}"; done <<<"$env"
}

start_cups() {
  local env
  env=$(scripts/private-cupsd.sh start "$work/cups")
  while IFS= read -r line; do export "${line?}"; done <<<"$env"
}

# The UI tests under pytest (Debian's, beside python3-pyatspi), in the virtual display.
ui_tests() {
  local tests=()
  for name in "$@"; do tests+=("Tests/UITests/kiosk_ui.py::$name"); done
  ((${#tests[@]})) || tests=(Tests/UITests/kiosk_ui.py)
  scripts/with-display.sh /usr/bin/python3 -m pytest -p no:cacheprovider -q -rf --color=no -W ignore::DeprecationWarning "${tests[@]}" 2>&1 |
    { grep --line-buffered -v "dbus-daemon\|dbind-WARNING" || true; }
}

# The Debian package: built (release, incremental), lintian, systemd-analyze, installed with apt,
# run under cage as its user, purged (scripts/test-deb.sh).
deb_tests() {
  bash scripts/test-deb.sh 2>&1
}

if [[ ${1:-} == deb ]]; then
  start_cups
  deb_tests
  exit
fi

if [[ ${1:-} == ui ]]; then
  shift
  bash scripts/build-texts.sh
  swift build
  start_cups
  start_postgres
  status=0
  ui_tests "$@" || status=$?
  exit "$status"
fi

echo "== swift format lint, ruff, shellcheck"
swift format lint --strict --recursive Package.swift Sources Tests bench
# ruff is not in Debian 12: a pinned copy from PyPI in a virtual environment of its own.
if [[ ! -x .build/lint/bin/ruff ]]; then
  python3 -m venv .build/lint
  .build/lint/bin/pip install --quiet --disable-pip-version-check ruff==0.17.6
fi
.build/lint/bin/ruff check --quiet Tests/UITests scripts bench
shellcheck scripts/*.sh .ci/run packaging/kioskctl packaging/start-kiosk debian/*.postinst debian/*.postrm

echo "== build"
bash scripts/build-texts.sh
swift build --build-tests -Xswiftc -warnings-as-errors 2>&1 | { grep -v "prohibited flag" || true; }

start_cups
start_postgres
echo "== swift test (private cupsd at $CUPS_SERVER, private PostgreSQL at $BHUMISEBA_TEST_PG)"
swift_status=0
# In a virtual display too: GtkTests check widgets' lifetimes in a real GTK.
scripts/with-display.sh swift test --skip-build --no-parallel 2>&1 | tee "$work/swift-test.log" || swift_status=$?

# The package's release build takes 15–22 minutes on two cores, the UI tests about as long while
# mostly waiting for the window: the release build runs beside them at the lowest priority, so the
# package stage only links. (Not beside `swift test`: SwiftPM lets one build use .build at a time.)
echo "== release build for the package, beside the UI tests (log: $work/release.log)"
(nice -n 19 bash scripts/build-release.sh bhumiseba-kiosk && nice -n 19 bash scripts/build-release.sh kioskctl) \
  >"$work/release.log" 2>&1 &
release_pid=$!

echo "== UI tests (Xvfb + AT-SPI)"
ui_status=0
ui_tests | tee "$work/ui.log" || ui_status=$?

release_start=$(date +%s)
release_status=0
wait "$release_pid" || release_status=$?
echo "release build: exit $release_status, waited $(($(date +%s) - release_start)) s after the UI tests"
((release_status == 0)) || tail -n 40 "$work/release.log"

echo "== Debian package (scripts/test-deb.sh)"
deb_status=0
deb_tests | tee "$work/deb.log" || deb_status=$?

# One closing line for everything that ran.
swift_passed=$(grep -oE "Test run with [0-9]+ tests? (in [0-9]+ suites? )?passed" "$work/swift-test.log" | grep -oE "[0-9]+" | head -1 || true)
xc_passed=$(grep -oE "Executed [0-9]+ tests?, with 0 failures" "$work/swift-test.log" | tail -1 | grep -oE "[0-9]+" | head -1 || true)
# pytest's last line: "27 passed, 1 failed in 612.30s" (either count may be missing).
ui_line=$(tail -n 3 "$work/ui.log" | grep -E "[0-9]+ (passed|failed)" | tail -1 || true)
ui_passed=$(grep -oE "[0-9]+ passed" <<<"$ui_line" | grep -oE "[0-9]+" || echo 0)
ui_failed=0
for n in $(grep -oE "[0-9]+ (failed|errors?)" <<<"$ui_line" | grep -oE "[0-9]+" || true); do ui_failed=$((ui_failed + n)); done
[[ -n $ui_line ]] || ui_failed=1
((ui_status == 0)) || ((ui_failed > 0)) || ui_failed=1
# scripts/test-deb.sh's last line: "deb: 31 passed, 0 failed".
deb_line=$(grep -E "^deb: [0-9]+ passed, [0-9]+ failed" "$work/deb.log" | tail -1 || true)
deb_passed=$(grep -oE "[0-9]+ passed" <<<"$deb_line" | grep -oE "[0-9]+" || echo 0)
deb_failed=$(grep -oE "[0-9]+ failed" <<<"$deb_line" | grep -oE "[0-9]+" || echo 1)
((deb_status == 0)) || ((deb_failed > 0)) || deb_failed=1
failed=$((ui_failed + deb_failed))
((swift_status == 0)) || failed=$((failed + 1))
echo "all: $(( ${swift_passed:-0} + ${xc_passed:-0} + ui_passed + deb_passed )) passed, $failed failed"
((swift_status == 0 && ui_status == 0 && deb_status == 0))
