#!/usr/bin/env bash
# Benchmarks (never part of the test run): start-up of the kiosk against a bare C GTK 4 window.
#   scripts/bench.sh [START-UP RUNS] [JOURNEYS] [FUZZ SECONDS]   (then scripts/fuzz.sh, and the
#   centre's store on a private PostgreSQL: scripts/bench-centre.sh, which also runs on its own)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-release.sh bhumiseba-kiosk
bash scripts/build-release.sh KioskBench
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
mkdir -p .build/bench
# pkg-config's flags are words on purpose.
# shellcheck disable=SC2046
gcc -O2 -o .build/bench/bare bench/bare.c $(pkg-config --cflags --libs gtk4)
work=$(mktemp -d /tmp/bhumiseba-bench.XXXXXX)
chmod 0755 "$work"
trap 'scripts/private-cupsd.sh stop "$work/cups"; rm -rf "$work"' EXIT
while IFS= read -r line; do export "${line?}"; done < <(scripts/private-cupsd.sh start "$work/cups")
echo "== core, print and store (release; private cupsd at $CUPS_SERVER)"
"$bin/KioskBench" all
echo "== start-up"
scripts/with-display.sh /usr/bin/python3 bench/startup.py "$bin/bhumiseba-kiosk" .build/bench/bare "${1:-15}" 2> >(grep -v dbus-daemon >&2)
echo "== tap to next page painted, whole e-Namjari journeys (answers saved to SQLite as usual)"
for renderer in cairo gl; do
  XDG_DATA_HOME="$work/journey-$renderer" GSK_RENDERER=$renderer \
    scripts/with-display.sh "$bin/bhumiseba-kiosk" --bench-journey "${2:-10}" 2>/dev/null | grep -E "journey-(taps|page)"
done
echo "== fuzzing (libFuzzer + ASan over every validator, the config, JSON and service files: scripts/fuzz.sh)"
bash scripts/fuzz.sh "${3:-60}"
echo "== a centre's store (private PostgreSQL: scripts/bench-centre.sh)"
bash scripts/bench-centre.sh
