#!/usr/bin/env bash
# Runs a command with a virtual display (Xvfb), a private D-Bus session and the AT-SPI bus, the
# way the UI tests and the headless run see the kiosk.   scripts/with-display.sh CMD [ARGS…]
# BHUMISEBA_SCREEN=WxH sets the screen's size (default 1280x800, the tests' size).
set -euo pipefail
if [[ -z ${_BHUMISEBA_IN_DBUS:-} ]]; then
  export _BHUMISEBA_IN_DBUS=1
  exec dbus-run-session -- "$0" "$@"
fi
display=$(( 90 + RANDOM % 400 ))
while [[ -e /tmp/.X11-unix/X$display || -e /tmp/.X$display-lock ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 "${BHUMISEBA_SCREEN:-1280x800}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb $atspi 2>/dev/null || true' EXIT
export DISPLAY=":$display" GDK_BACKEND=x11 GTK_A11Y=atspi NO_AT_BRIDGE=0
for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$display ]] && break; sleep 0.05; done
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
atspi=$!
sleep 0.3
"$@"
