#!/usr/bin/env bash
# The Debian package's test (a stage of scripts/test.sh; alone: scripts/test.sh deb):
#   builds out/deb/*.deb (scripts/build-deb.sh: release build, incremental), lintian (no error),
#   systemd-analyze verify and security (exposure at most 4.0), installs the package on this
#   machine with apt-get, checks the user, the data folder, the conffile, the unit, kioskctl's
#   --version, man page and completion; starts the installed kiosk headless under cage as its
#   user with the example config (+ a drop-in for the private cupsd): the home page comes up and
#   systemd's READY=1 and WATCHDOG=1 arrive; `kioskctl doctor` passes; a backup restores; a
#   broken config shows the out-of-service page; an upgrade keeps the data; remove keeps it;
#   purge deletes it. Then scripts/test-deb-root.sh: the package in a fresh Debian 12 root
#   (debootstrap), booted with systemd (systemd-nspawn), its checks counted here.
#   Closes with "deb: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=()
[[ $(id -u) == 0 ]] || sudo=(sudo)
passed=0
failed=0
check() { # check NAME CMD…: one line per check
  local name=$1
  shift
  if "$@" >"$work/check.out" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    tail -n 30 "$work/check.out" | sed 's/^/      /'
  fi
}
work=$(mktemp -d /tmp/bhumiseba-deb.XXXXXX)
chmod 0755 "$work"
own_cups=
cleanup() {
  if [[ -n $own_cups ]]; then scripts/private-cupsd.sh stop "$work/cups" || true; fi
  # Never leave the package on the machine.
  if dpkg-query -W -f='${Status}' bhumiseba-kiosk 2>/dev/null | grep -q "ok installed\|config-files"; then
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q bhumiseba-kiosk >/dev/null 2>&1 || true
  fi
  "${sudo[@]}" rm -rf "$work"
}
trap cleanup EXIT

start=$(date +%s)
echo "== deb: build (scripts/build-deb.sh)"
if ! bash scripts/build-deb.sh >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log"
  echo "deb: 0 passed, 1 failed"
  exit 1
fi
built=$(date +%s)
echo "package built in $((built - start)) s"
version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
deb=$PWD/out/deb/bhumiseba-kiosk_${version}_$arch.deb
check "package and its -dbgsym built" test -s "$deb" -a -s "out/deb/bhumiseba-kiosk-dbgsym_${version}_$arch.deb"

# lintian: no error (warnings and infos are printed, for the record).
lint() {
  lintian --fail-on error --tag-display-limit 0 "$deb" "out/deb/bhumiseba-kiosk-dbgsym_${version}_$arch.deb" \
    | tee "$work/lintian.txt"
  ! grep -q "^E: " "$work/lintian.txt"
}
check "lintian: no errors" lint
sed 's/^/      /' "$work/lintian.txt"
unstripped() {
  ! grep -E "unstripped-binary|file-in-etc-not-marked-as-conffile|systemd-service-in-odd-location|no-copyright-file" \
    "$work/lintian.txt"
}
check "lintian: none of today's tags (unstripped, conffile, odd unit place, copyright)" unstripped

# The unit as packaged.
mkdir -p "$work/root"
dpkg-deb -x "$deb" "$work/root"
unit=$work/root/lib/systemd/system/bhumiseba-kiosk.service
exposure() {
  systemd-analyze security --offline=yes "$unit" >"$work/security.txt" 2>&1 || true
  local score
  score=$(grep -oE "Overall exposure level for [^:]+: [0-9.]+" "$work/security.txt" | grep -oE "[0-9.]+$")
  echo "exposure $score"
  [[ -n $score ]] && awk -v s="$score" 'BEGIN { exit !(s <= 4.0) }'
}
check "systemd-analyze security: exposure <= 4.0" exposure
sed 's/^/      /' "$work/check.out"
for key in "Type=notify" "WatchdogSec=" "ConditionPathExists=/dev/tty0" "Wants=systemd-logind.service" \
  "NoNewPrivileges=yes" "ProtectSystem=strict" "ProtectHome=yes" "PrivateTmp=yes" "StateDirectory=bhumiseba" \
  "StateDirectoryMode=0700" "RestrictAddressFamilies=" "SystemCallFilter="; do
  check "unit has $key" grep -q "^$key" "$unit"
done

echo "== deb: install (apt-get install ./…deb)"
if dpkg-query -W -f='${Status}' bhumiseba-kiosk 2>/dev/null | grep -q "ok installed\|config-files"; then
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q bhumiseba-kiosk >/dev/null
fi
install_deb() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb"; }
check "apt-get install ./$(basename "$deb")" install_deb
check "user bhumiseba (sysusers.d), in video input render" \
  bash -c "id bhumiseba && for g in video input render; do ! getent group \$g >/dev/null || id -nG bhumiseba | grep -qw \$g; done"
check "data folder /var/lib/bhumiseba 0700 bhumiseba" \
  bash -c "[[ \$(stat -c '%a %U' /var/lib/bhumiseba) == '700 bhumiseba' ]]"
check "/etc/bhumiseba/kiosk.conf is a conffile" \
  bash -c "dpkg-query -W -f='\${Conffiles}' bhumiseba-kiosk | grep -q ' /etc/bhumiseba/kiosk.conf '"
check "kiosk.conf.d/ for drop-ins" test -d /etc/bhumiseba/kiosk.conf.d
check "unit in /lib/systemd/system, enabled for graphical.target" \
  test -e /lib/systemd/system/bhumiseba-kiosk.service -a -L /etc/systemd/system/graphical.target.wants/bhumiseba-kiosk.service
verify() {
  systemd-analyze verify /lib/systemd/system/bhumiseba-kiosk.service 2>&1 | tee "$work/verify.txt"
  [[ ! -s $work/verify.txt ]]
}
check "systemd-analyze verify (the installed unit)" verify
check "kioskctl --version is the package's ($version)" bash -c "[[ \$(kioskctl --version) == '$version' ]]"
check "man page kioskctl(1) and bash completion" \
  test -s /usr/share/man/man1/kioskctl.1.gz -a -s /usr/share/bash-completion/completions/kioskctl
cups_filter() {
  local f=/usr/lib/cups/filter/bhumiseba-escpos-status
  [[ -x $f && $(stat -c %U:%a "$f") == root:755 ]] &&
    cupstestppd -q /usr/share/bhumiseba/assets/cups/bhumiseba-thermal.ppd
}
check "thermal queues' CUPS filter (root's, 0755) and PPD installed" cups_filter
check "licences: copyright and the place list's MIT licence" \
  bash -c 'grep -q "Nuhil Mehdy" /usr/share/doc/bhumiseba-kiosk/copyright && test -s /usr/share/bhumiseba/assets/places/LICENSE'

# The example config, with a drop-in pointing the printers at a private cupsd.
if [[ -z ${CUPS_SERVER:-} ]]; then
  own_cups=1
  env=$(scripts/private-cupsd.sh start "$work/cups")
  while IFS= read -r line; do export "${line?}"; done <<<"$env"
fi
conf=$work/etc/kiosk.conf
mkdir -p "$work/etc/kiosk.conf.d"
cp /usr/share/doc/bhumiseba-kiosk/examples/kiosk.conf.example "$conf"
printf '[printing]\ncups_server = %s\nslip_queue = capture\na4_queue = a4\n' "$CUPS_SERVER" \
  >"$work/etc/kiosk.conf.d/50-test.conf"
chmod -R a+rX "$work/etc"
runtime=$work/run
"${sudo[@]}" install -d -m 0700 -o bhumiseba -g bhumiseba "$runtime"

# The installed kiosk under cage, headless, as its user, in a clean environment; systemd's notify
# socket stood in for by a listener that keeps every datagram.
under_cage() { # under_cage CONFIG SHOT → stdout+stderr in $work/cage.log, status
  local sock=$runtime/notify.sock
  "${sudo[@]}" rm -f "$sock" "$work/notify.txt"
  python3 - "$sock" "$work/notify.txt" <<'PY' &
import os, socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
s.settimeout(0.5)
end = time.time() + 90
with open(sys.argv[2], "w") as out:
    while time.time() < end and not os.path.exists(sys.argv[1] + ".stop"):
        try:
            out.write(s.recv(4096).decode() + "\n---\n")
            out.flush()
        except socket.timeout:
            pass
PY
  local listener=$!
  for _ in $(seq 50); do [[ -S $sock ]] && break; sleep 0.05; done
  local status=0
  runuser -u bhumiseba -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/var/lib/bhumiseba \
    XDG_RUNTIME_DIR="$runtime" BHUMISEBA_CONFIG="$1" WLR_BACKENDS=headless WLR_RENDERER=pixman \
    WLR_LIBINPUT_NO_DEVICES=1 NOTIFY_SOCKET="$sock" WATCHDOG_USEC=200000 BHUMISEBA_LOG_PRIORITIES=1 \
    timeout 60 cage -- /usr/lib/bhumiseba/bhumiseba-kiosk --snapshot "$2" --quit-after-snapshot \
    >"$work/cage.log" 2>&1 || status=$?
  touch "$sock.stop"
  wait "$listener" || true
  rm -f "$sock.stop"
  return "$status"
}
home_page() {
  under_cage "$conf" "$runtime/home.png" || { cat "$work/cage.log"; return 1; }
  # (each step's failure counts: the steps are joined with &&)
  python3 -c 'import struct,sys; h=open(sys.argv[1],"rb").read(24); w,t=struct.unpack(">II",h[16:24]); print(w,t); assert h[:8]==b"\x89PNG\r\n\x1a\n" and (w,t)==(1280,720)' "$runtime/home.png" \
    && [[ $(stat -c %s "$runtime/home.png") -gt 40000 ]] && grep -q "display=wayland" "$work/cage.log" \
    && [[ $(stat -c %U /var/lib/bhumiseba/kiosk.sqlite) == bhumiseba ]]
}
check "installed kiosk under cage (headless) as bhumiseba: home page painted" home_page
check "sd_notify: READY=1, then WATCHDOG=1 from the main loop" \
  bash -c "grep -q '^READY=1' '$work/notify.txt' && [[ \$(grep -c '^WATCHDOG=1' '$work/notify.txt') -ge 2 ]]"
check "journal priorities: the kiosk's log lines start with <N> (swift-log handler)" \
  grep -qE "^<6>bhumiseba[.a-z]*: kiosk started" "$work/cage.log"

export BHUMISEBA_CONFIG=$conf
doctor() { kioskctl doctor; }
check "kioskctl doctor passes" doctor
sed 's/^/      /' "$work/check.out"
check "kioskctl doctor --json" bash -c 'kioskctl doctor --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"ok\"] and len(d[\"checks\"]) == 7"'
misuse() { # exit 64 only for a wrong command line; errors as JSON under --json
  local s=0
  # (steps joined by explicit returns: each one's failure counts)
  kioskctl fee no-such-service >/dev/null 2>&1 || s=$?
  [[ $s == 1 ]] || { echo "unknown service: exit $s"; return 1; }
  s=0; kioskctl --no-such-option >/dev/null 2>&1 || s=$?
  [[ $s == 64 ]] || { echo "bad option: exit $s"; return 1; }
  s=0; kioskctl fee no-such-service --json >"$work/err.json" 2>/dev/null || s=$?
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ok"] is False and d["exit_code"]==1' "$work/err.json"
}
check "kioskctl exit statuses: 1 for a failure, 64 for misuse, JSON errors" misuse

# Backup and restore: an operator added is a row; the backup, restored into a fresh data folder,
# has it, checks whole, and its ledger verifies. (Each step's failure counts: joined with &&.)
backup_restore() {
  echo 482915 | kioskctl operator add deb-test --name "Test Operator" --pin-stdin \
    && install -d -m 0700 -o bhumiseba -g bhumiseba "$work/backup" \
    && kioskctl backup "$work/backup" \
    && install -d -m 0700 -o bhumiseba -g bhumiseba "$work/restored" \
    && install -m 0600 -o bhumiseba -g bhumiseba "$(find "$work/backup" -name 'kiosk-*.sqlite' | head -1)" \
      "$work/restored/kiosk.sqlite" \
    && { [[ ! -e $work/backup/ledger.key ]] \
      || install -m 0400 -o bhumiseba -g bhumiseba "$work/backup/ledger.key" "$work/restored/ledger.key"; } \
    && mkdir -p "$work/etc2/kiosk.conf.d" \
    && cp "$conf" "$work/etc2/kiosk.conf" \
    && cp "$work/etc/kiosk.conf.d/50-test.conf" "$work/etc2/kiosk.conf.d/" \
    && printf '[storage]\ndata_dir = %s\n' "$work/restored" >"$work/etc2/kiosk.conf.d/60-restored.conf" \
    && chmod -R a+rX "$work/etc2" \
    && BHUMISEBA_CONFIG=$work/etc2/kiosk.conf kioskctl store check \
    && BHUMISEBA_CONFIG=$work/etc2/kiosk.conf kioskctl operator list | grep -q deb-test \
    && BHUMISEBA_CONFIG=$work/etc2/kiosk.conf kioskctl doctor
}
check "kioskctl backup DIR, restored: whole, ledger ok, data kept" backup_restore

broken() {
  printf '[centre]\narea_class = D\n' >"$work/etc/broken.conf"
  chmod a+r "$work/etc/broken.conf"
  local s=0
  under_cage "$work/etc/broken.conf" "$runtime/broken.png" || s=$?
  cat "$work/cage.log"
  # (cage's own exit status is not the kiosk's)
  echo "exit $s"
  grep -q "$work/etc/broken.conf:2:" "$work/cage.log" && grep -q "out-of-service page" "$work/cage.log" \
    && [[ $(stat -c %s "$runtime/broken.png") -gt 20000 ]] && grep -q '^READY=1' "$work/notify.txt"
}
check "a broken config: the out-of-service page (file and line), not a restart loop" broken
cp "$runtime"/*.png "$PWD/out/deb/" 2>/dev/null || true

upgrade() {
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" && kioskctl operator list | grep -q deb-test
}
check "upgrade (the package again): migrations run, data kept" upgrade
remove() {
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q bhumiseba-kiosk \
    && test -e /var/lib/bhumiseba/kiosk.sqlite -a -e /etc/bhumiseba/kiosk.conf -a ! -e /usr/lib/bhumiseba/kioskctl
}
check "remove keeps the data and the config" remove
purge() {
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q bhumiseba-kiosk \
    && test ! -e /var/lib/bhumiseba -a ! -e /etc/bhumiseba
}
check "purge deletes the data and the config" purge

# The same package in a fresh Debian 12 root (debootstrap), booted with systemd: its own checks,
# counted here.
echo "== deb: a fresh Debian 12 root (scripts/test-deb-root.sh)"
root_status=0
bash scripts/test-deb-root.sh "$deb" 2>&1 | tee "$work/root.log" || root_status=$?
root_line=$(grep -E "^deb-root: [0-9]+ passed, [0-9]+ failed" "$work/root.log" | tail -1 || true)
if [[ -n $root_line ]]; then
  passed=$((passed + $(grep -oE "[0-9]+ passed" <<<"$root_line" | grep -oE "[0-9]+")))
  failed=$((failed + $(grep -oE "[0-9]+ failed" <<<"$root_line" | grep -oE "[0-9]+")))
fi
if [[ -z $root_line ]] || { ((root_status != 0)) && [[ $root_line == *" 0 failed" ]]; }; then
  failed=$((failed + 1))
  echo "FAIL  scripts/test-deb-root.sh: exit $root_status, count: ${root_line:-none}"
fi

echo "deb stage took $(($(date +%s) - start)) s (package build $((built - start)) s)"
echo "deb: $passed passed, $failed failed"
((failed == 0))
