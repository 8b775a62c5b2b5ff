#!/usr/bin/env bash
# Installs what the kiosk and its tests need from Debian 12's packages (as root, or with sudo).
# Quick when everything is there already.
set -euo pipefail
packages=(
  pkg-config libgtk-4-dev libpango1.0-dev libcairo2-dev libqrencode-dev libcups2-dev libsqlite3-dev libpoppler-glib-dev libsodium-dev librsvg2-dev
  libespeak-ng-dev libespeak-ng1 espeak-ng-data libpcaudio-dev sox librsvg2-common
  fonts-noto-core cups cups-daemon cups-client cups-ipp-utils avahi-daemon
  cage xwayland
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0 poppler-utils zbar-tools sqlite3 xdotool xclip python3-pil python3-pytest
  shellcheck python3-venv gettext
  debhelper dpkg-dev lintian debootstrap systemd-container
  postgresql postgresql-client
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=()
  [[ $(id -u) == 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6 (swift.org) first" >&2; exit 1; }
