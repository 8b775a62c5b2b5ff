#!/usr/bin/env bash
# Installs the kiosk on the machine at the counter, to start on the touchscreen at every boot:
#   /usr/lib/bhumiseba/       bhumiseba-kiosk, kioskctl (release builds, Swift runtime linked in)
#   /usr/bin/kioskctl         for the centre's administrator (packaging/kioskctl: the centre's
#                             settings, run as user bhumiseba)
#   /usr/lib/cups/filter/     bhumiseba-escpos-status, the thermal queues' filter (paper and
#                             cover asked at each job's start: packaging/cups/)
#   /usr/share/bhumiseba/     assets/ (catalogue, places, icons, cups/ the thermal PPD), ui/ (the touch theme) and
#                             locale/ (the texts, compiled from po/)
#   /etc/bhumiseba/kiosk.conf the centre's settings: written once, never overwritten
#   /var/lib/bhumiseba/       drafts, ledger and audit log (user bhumiseba, mode 0700)
#   bhumiseba-kiosk.service   cage on tty1 as user bhumiseba (packaging/systemd), enabled
# Needs root (or sudo). With --destdir DIR everything goes under DIR and nothing is enabled or
# created outside it (packagers, and the test). BHUMISEBA_BIN_DIR=DIR installs programs already
# built there instead of building them.
#   scripts/install-kiosk.sh [--destdir DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dest=
[[ ${1:-} == --destdir ]] && { dest=$(realpath -m "${2:?--destdir needs a folder}"); }
sudo=()
[[ -n $dest || $(id -u) == 0 ]] || sudo=(sudo)

bash scripts/install-deps.sh
if [[ -z ${BHUMISEBA_BIN_DIR:-} ]]; then
  bash scripts/build-release.sh bhumiseba-kiosk
  bash scripts/build-release.sh kioskctl
fi
bin=${BHUMISEBA_BIN_DIR:-$(swift build -c release --static-swift-stdlib --show-bin-path)}

"${sudo[@]}" install -d -m 0755 "$dest/usr/lib/bhumiseba" "$dest/usr/bin" "$dest/usr/share/bhumiseba" \
  "$dest/usr/share/doc/bhumiseba" "$dest/etc/bhumiseba" "$dest/etc/systemd/system"
"${sudo[@]}" install -m 0755 "$bin/bhumiseba-kiosk" "$bin/kioskctl" "$dest/usr/lib/bhumiseba/"
"${sudo[@]}" install -m 0755 packaging/kioskctl "$dest/usr/bin/kioskctl"
"${sudo[@]}" install -m 0755 packaging/start-kiosk "$dest/usr/lib/bhumiseba/start-kiosk"
# The thermal queues' filter (DLE EOT at each job's start), where cupsd looks for filters.
bash scripts/build-cups-filter.sh .build/cups-filter/bhumiseba-escpos-status
"${sudo[@]}" install -d -m 0755 "$dest/usr/lib/cups/filter"
"${sudo[@]}" install -m 0755 .build/cups-filter/bhumiseba-escpos-status "$dest/usr/lib/cups/filter/"
"${sudo[@]}" rm -rf "$dest/usr/share/bhumiseba/assets" "$dest/usr/share/bhumiseba/ui" "$dest/usr/share/bhumiseba/locale"
bash scripts/build-texts.sh
"${sudo[@]}" cp -r assets ui locale "$dest/usr/share/bhumiseba/"
"${sudo[@]}" install -m 0644 README.md packaging/kiosk.conf.example "$dest/usr/share/doc/bhumiseba/"
if [[ ! -e $dest/etc/bhumiseba/kiosk.conf ]]; then
  # Until the administrator sets the centre, the embedded default (the Customer Care Centre,
  # Bhumi Bhaban) applies; only where the data lives is set here.
  printf '%s\n' "# The centre's settings: see /usr/share/doc/bhumiseba/kiosk.conf.example for every key." \
    "# Set [centre] (id, names, area_class, receipt_prefix) before the first citizen comes." \
    "[storage]" "data_dir = /var/lib/bhumiseba" | "${sudo[@]}" tee "$dest/etc/bhumiseba/kiosk.conf" > /dev/null
fi
"${sudo[@]}" install -m 0644 packaging/systemd/bhumiseba-kiosk.service "$dest/etc/systemd/system/"
"${sudo[@]}" install -d -m 0700 "$dest/var/lib/bhumiseba"
if [[ -n $dest ]]; then
  echo "installed under $dest"
  exit 0
fi

# The kiosk's own user: may use the screen, the touch panel and the keyboard, nothing else.
if ! id bhumiseba > /dev/null 2>&1; then
  "${sudo[@]}" useradd --system --home-dir /var/lib/bhumiseba --shell /usr/sbin/nologin bhumiseba
fi
for group in video input render; do
  getent group "$group" > /dev/null && "${sudo[@]}" usermod -a -G "$group" bhumiseba
done
"${sudo[@]}" chown bhumiseba:bhumiseba /var/lib/bhumiseba
if [[ -d /run/systemd/system ]]; then
  "${sudo[@]}" systemctl daemon-reload
  "${sudo[@]}" systemctl enable bhumiseba-kiosk.service
  "${sudo[@]}" systemctl set-default graphical.target
  echo "installed; the kiosk starts on tty1 at the next boot (now: systemctl start bhumiseba-kiosk)"
else
  echo "installed; systemd is not running here, so nothing was enabled"
fi
