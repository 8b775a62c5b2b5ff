#!/usr/bin/env bash
# Installs what is missing, builds the kiosk (release) and runs it full screen. With no display
# it runs under Xvfb instead, writes a screenshot of the home page and says where.
#   scripts/run-kiosk.sh [--config FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-release.sh
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/bhumiseba-kiosk
[[ -x $bin ]] || { echo "build failed" >&2; exit 1; }
if [[ -n ${DISPLAY:-} || -n ${WAYLAND_DISPLAY:-} ]]; then
  exec "$bin" "$@"
fi
shot=${BHUMISEBA_SNAPSHOT:-$PWD/out/home.png}
mkdir -p "$(dirname "$shot")"
echo "no display: running under Xvfb" >&2
scripts/with-display.sh "$bin" --snapshot "$shot" --quit-after-snapshot "$@" 2> >(grep -v dbus-daemon >&2)
[[ -s $shot ]] && echo "home page screenshot: $shot"
