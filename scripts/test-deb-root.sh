#!/usr/bin/env bash
# The Debian package in a fresh Debian 12 root (called by scripts/test-deb.sh with the package it
# built; alone, as root: bash scripts/test-deb-root.sh out/deb/bhumiseba-kiosk_VERSION_ARCH.deb):
#   debootstrap --variant=minbase bookworm into out/deb-root.XXXXXX/root (Debian's own packages,
#   nothing of this machine's); `apt-get install --no-install-recommends ./the.deb` there pulls
#   every runtime dependency from Debian alone (a missing Depends shows here, not at a centre);
#   the user, the data folder, the conffile and the unit are there; kioskctl --version and
#   doctor run in the root (chroot: every check but printers passes; printers, with no cupsd,
#   fails in words); the installed kiosk runs its tour under cage (headless) as its user: every
#   page painted, the papers' pictures (SVG through gdk-pixbuf) drawn.
#   Then the same root boots with systemd as PID 1 (systemd-nspawn --boot): sysusers and
#   tmpfiles make the user and the data folder at boot, the unit is enabled, its condition
#   (ConditionPathExists=/dev/tty0: no console in a container) is reported unmet, not a failed or
#   restarting unit; `systemctl show` has the hardening; the kiosk started as that unit (with a
#   drop-in for a headless screen) says READY=1 to systemd and keeps feeding its watchdog; purge
#   in the booted system leaves no data, no config and no unit.
# Every mount is made in a private mount namespace (gone with this script) and unmounted at the
# end; the root is deleted at the end, also on failure. Closes with "deb-root: N passed, M failed".
# Timings (2-core machine): see README.md's packaging section.
# The commands run in the root or the container are in single quotes on purpose: they expand there.
# shellcheck disable=SC2016
set -euo pipefail
cd "$(dirname "$0")/.."
[[ ${1:-} ]] || { echo "usage: $0 PATH/TO/bhumiseba-kiosk_VERSION_ARCH.deb" >&2; exit 64; }
deb=$(readlink -f "$1")
[[ -s $deb ]] || { echo "$deb: no such package" >&2; exit 66; }
if [[ $(id -u) != 0 ]]; then
  exec sudo bash "$0" "$deb"
fi
# Our own mount namespace: whatever is mounted below never shows on the machine, even if this
# script is killed.
if [[ -z ${BHUMISEBA_DEB_ROOT_NS:-} ]]; then
  exec unshare --mount --propagation private env BHUMISEBA_DEB_ROOT_NS=1 bash "$0" "$deb"
fi

passed=0
failed=0
mkdir -p out
work=$(mktemp -d "$PWD/out/deb-root.XXXXXX")
chmod 0755 "$work"
root=$work/root
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
seconds() { echo $(($(date +%s) - $1)); }

machine=bhumiseba-deb-root-$$
nspawn_pid=
mounted=()
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  mounted=()
}
cleanup() {
  local status=$?
  if [[ -n $nspawn_pid ]] && kill -0 "$nspawn_pid" 2>/dev/null; then
    kill -TERM "$nspawn_pid" 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$nspawn_pid" 2>/dev/null || true
    wait "$nspawn_pid" 2>/dev/null || true
  fi
  unmount_all
  # Deleted only when nothing is mounted under it any more (never a machine's /dev or /proc).
  if grep -q " ${root}[/ ]" /proc/self/mounts; then
    echo "deb-root: still mounted under $root, not deleted:" >&2
    grep " ${root}[/ ]" /proc/self/mounts >&2
  else
    rm -rf --one-file-system "$work"
  fi
  # systemd-nspawn leaves its propagation folder where /run is not a tmpfs.
  rm -rf "/run/systemd/nspawn/propagate/$machine"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The root's API file systems for chroot: its own /dev (the few nodes a program needs, no device
# of this machine), /proc, /sys read-only, /run and /dev/shm as tmpfs.
mount_api() {
  mount -t proc proc "$root/proc" && mounted+=("$root/proc")
  mount -t sysfs -o ro sysfs "$root/sys" && mounted+=("$root/sys")
  mount -t tmpfs -o mode=0755,nosuid tmpfs "$root/dev" && mounted+=("$root/dev")
  local node
  for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    mknod -m 0666 "$root/dev/$name" c "$major" "$minor"
  done
  mkdir -p "$root/dev/pts" "$root/dev/shm"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$root/dev/pts" && mounted+=("$root/dev/pts")
  ln -s pts/ptmx "$root/dev/ptmx"
  ln -s /proc/self/fd "$root/dev/fd"
  mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm" && mounted+=("$root/dev/shm")
  mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run" && mounted+=("$root/run")
}
inroot() { # inroot CMD…: in the root, with a clean environment
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}
start=$(date +%s)

# 1. A bare Debian 12: debootstrap from Debian's archive (its default mirror), minbase.
echo "== deb-root: debootstrap --variant=minbase bookworm"
t=$(date +%s)
bootstrap() { nice -n 10 debootstrap --variant=minbase bookworm "$root" >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log"; return 1; }; }
check "debootstrap: a minimal Debian 12 root" bootstrap
t_debootstrap=$(seconds "$t")
echo "debootstrap took $t_debootstrap s ($(du -sm "$root" | cut -f1) MiB)"
if [[ ! -x $root/usr/bin/apt-get ]]; then
  echo "deb-root: $passed passed, $((failed + 1)) failed"
  exit 1
fi
# What debootstrap fetched is not needed again: the package's dependencies come from apt.
rm -f "$root"/var/cache/apt/archives/*.deb
mount_api

# 2. The package, with apt, its dependencies from Debian only (no recommends: Depends must be
# enough on its own).
echo "== deb-root: apt-get install ./$(basename "$deb")"
t=$(date +%s)
cp "$deb" "$root/tmp/"
install_in_root() {
  if ! { inroot nice -n 10 apt-get update -q \
    && inroot nice -n 10 apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")"; } >"$work/apt.log" 2>&1; then
    tail -n 40 "$work/apt.log"
    return 1
  fi
  grep -E "^[0-9]+ upgraded, [0-9]+ newly installed" "$work/apt.log"
}
check "apt-get install ./$(basename "$deb") in the bare root (Depends only, from Debian)" install_in_root
sed 's/^/      /' "$work/check.out"
t_install=$(seconds "$t")
echo "apt-get update + install took $t_install s"
rm -f "$root/tmp/$(basename "$deb")"
version=$(dpkg-deb -f "$deb" Version)

check "user bhumiseba (sysusers.d), in video input render" \
  inroot bash -c 'id bhumiseba && for g in video input render; do ! getent group $g >/dev/null || id -nG bhumiseba | grep -qw $g; done'
check "data folder /var/lib/bhumiseba 0700 bhumiseba (tmpfiles.d)" \
  inroot bash -c '[[ $(stat -c "%a %U" /var/lib/bhumiseba) == "700 bhumiseba" ]]'
check "/etc/bhumiseba/kiosk.conf is a conffile, kiosk.conf.d/ is there" \
  inroot bash -c "dpkg-query -W -f='\${Conffiles}' bhumiseba-kiosk | grep -q ' /etc/bhumiseba/kiosk.conf ' && test -d /etc/bhumiseba/kiosk.conf.d"
check "unit installed and enabled for graphical.target" \
  test -f "$root/lib/systemd/system/bhumiseba-kiosk.service" -a -L "$root/etc/systemd/system/graphical.target.wants/bhumiseba-kiosk.service"
check "kioskctl --version is the package's ($version)" inroot bash -c "[[ \$(kioskctl --version) == '$version' ]]"

# doctor as the technician runs it (root; kioskctl runs itself as bhumiseba), with the installed
# config: config, store, fonts, disk, clock and ledger pass; printers cannot (no cupsd in the
# root) and must say so in words rather than crash or hang.
doctor_in_root() {
  local s=0
  inroot timeout 60 kioskctl doctor --json >"$work/doctor.json" || s=$?
  inroot timeout 60 kioskctl doctor || true
  echo "exit $s"
  /usr/bin/python3 - "$work/doctor.json" "$s" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
checks = {c["check"]: c for c in d["checks"]}
expected_ok = ["config", "store", "fonts", "disk", "clock", "ledger"]
assert sorted(checks) == sorted(expected_ok + ["printers"]), sorted(checks)
bad = [n for n in expected_ok if not checks[n]["ok"]]
assert not bad, f"failed: {bad}"
p = checks["printers"]
assert not p["ok"] and p["detail"].strip(), p
assert d["ok"] is False and sys.argv[2] == "1", (d["ok"], sys.argv[2])
print("printers (no cupsd here):", p["detail"])
PY
}
check "kioskctl doctor in the root: 6 checks pass, printers fails in words (no cupsd)" doctor_in_root
sed 's/^/      /' "$work/check.out"

# The installed kiosk's tour (every page, both languages) under cage, headless, as its user:
# cage needs Xwayland, the pages need the fonts, the papers' pictures need gdk-pixbuf's SVG
# loader. A picture that cannot be loaded is drawn by GTK as a pale "missing image": the
# pictures' column of the first info page must have dark strokes.
tour_in_root() {
  install -d -m 0700 -o "$(inroot id -u bhumiseba)" "$root/run/tour-xdg" "$root/tmp/tour"
  inroot runuser -u bhumiseba -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    HOME=/var/lib/bhumiseba XDG_RUNTIME_DIR=/run/tour-xdg WLR_BACKENDS=headless WLR_RENDERER=pixman \
    WLR_LIBINPUT_NO_DEVICES=1 timeout 180 nice -n 10 cage -- /usr/lib/bhumiseba/bhumiseba-kiosk --tour /tmp/tour \
    >"$work/tour.log" 2>&1 || { cat "$work/tour.log"; return 1; }
  local pages
  pages=$(find "$root/tmp/tour" -name '*.png' | wc -l)
  echo "$pages pages"
  ((pages >= 40)) || { cat "$work/tour.log"; return 1; }
  /usr/bin/python3 - "$root/tmp/tour/bn-03-info.png" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
dark = sum(1 for x in range(44, 108) for y in range(250, 525) if sum(im.getpixel((x, y))) < 400)
print("dark pixels in the pictures' column:", dark)
assert dark > 500, "the papers' pictures are not drawn (gdk-pixbuf's SVG loader: librsvg2-common)"
PY
}
t=$(date +%s)
check "the installed kiosk's tour under cage in the root: every page, the papers' pictures drawn" tour_in_root
sed 's/^/      /' "$work/check.out"
cp "$root/tmp/tour/bn-03-info.png" "$PWD/out/deb-root-info.png" 2>/dev/null || true
echo "tour took $(seconds "$t") s"
rm -rf "$root/tmp/tour"

# 3. The same root booted, systemd as PID 1. What postinst made is taken away first, so that
# systemd-sysusers and systemd-tmpfiles make the user and the data folder at boot, as they do on
# a kiosk whose image was made without running them.
inroot userdel bhumiseba >/dev/null 2>&1 || true
rm -rf "$root/var/lib/bhumiseba"
unmount_all
echo "== deb-root: boot (systemd-nspawn --boot)"
t=$(date +%s)
systemd-nspawn -D "$root" --boot --machine="$machine" --register=no --keep-unit --private-network \
  --console=pipe -q </dev/null >"$work/boot.log" 2>&1 &
nspawn_pid=$!
leader=
inbox() { # inbox CMD…: in the booted container, with a clean environment
  nsenter -t "$leader" -a -- /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SYSTEMD_PAGER= \
    DEBIAN_FRONTEND=noninteractive "$@"
}
booted() {
  # The container's PID 1: the child of systemd-nspawn that runs systemd.
  local pid
  for _ in $(seq 150); do
    for pid in $(pgrep -P "$nspawn_pid" || true); do
      [[ $(cat "/proc/$pid/comm" 2>/dev/null) == systemd ]] && leader=$pid
    done
    [[ -n $leader ]] && break
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.2
  done
  [[ -n $leader ]] || { cat "$work/boot.log"; return 1; }
  # Until systemd listens on its own socket, then until the boot is over.
  for _ in $(seq 120); do
    inbox test -S /run/systemd/private && break
    sleep 0.5
  done
  local state
  state=$(inbox timeout 90 systemctl is-system-running --wait) || true
  echo "system: $state"
  [[ $state == running ]] || { inbox systemctl --failed --no-pager; cat "$work/boot.log"; return 1; }
}
check "systemd-nspawn --boot: the root boots, systemd reports 'running'" booted
sed 's/^/      /' "$work/check.out"
t_boot=$(seconds "$t")
echo "boot took $t_boot s"

if [[ -n $leader ]]; then
  check "systemd-sysusers at boot made the user bhumiseba (video input render)" \
    inbox bash -c '[[ $(systemctl show -P Result systemd-sysusers.service) == success ]] && id bhumiseba && for g in video input render; do ! getent group $g >/dev/null || id -nG bhumiseba | grep -qw $g; done'
  check "systemd-tmpfiles at boot made /var/lib/bhumiseba 0700 bhumiseba" \
    inbox bash -c '[[ $(systemctl show -P Result systemd-tmpfiles-setup.service) == success && $(stat -c "%a %U" /var/lib/bhumiseba) == "700 bhumiseba" ]]'
  check "systemctl is-enabled bhumiseba-kiosk: enabled" inbox bash -c '[[ $(systemctl is-enabled bhumiseba-kiosk.service) == enabled ]]'
  # No console in a container: the unit is skipped with its condition unmet (as on a machine
  # without a screen), not failed, not restarting.
  condition() {
    sleep 3
    inbox systemctl status bhumiseba-kiosk.service --no-pager || true
    local show
    show=$(inbox systemctl show bhumiseba-kiosk.service -p ConditionResult,ActiveState,Result,NRestarts)
    echo "$show"
    grep -qx ConditionResult=no <<<"$show" && grep -qx ActiveState=inactive <<<"$show" \
      && grep -qx Result=success <<<"$show" && grep -qx NRestarts=0 <<<"$show" \
      && inbox journalctl -b -u bhumiseba-kiosk.service --no-pager | grep -q "unmet condition check (ConditionPathExists=/dev/tty0)" \
      && ! inbox systemctl is-failed -q bhumiseba-kiosk.service
  }
  check "no /dev/tty0: systemd skips the unit (condition unmet), not failed, no restarts" condition
  sed 's/^/      /' "$work/check.out"
  hardening() {
    local show
    show=$(inbox systemctl show bhumiseba-kiosk.service -p Type,NotifyAccess,Restart,User,PAMName,TTYPath,StateDirectory,StateDirectoryMode,NoNewPrivileges,ProtectSystem,ProtectHome,PrivateTmp,ProtectKernelTunables,ProtectControlGroups,ProtectProc,RestrictNamespaces,MemoryDenyWriteExecute,LockPersonality,CapabilityBoundingSet,DevicePolicy,RestrictAddressFamilies,SystemCallArchitectures,UMask)
    echo "$show"
    local want
    for want in Type=notify NotifyAccess=all Restart=always User=bhumiseba PAMName= \
      TTYPath=/dev/tty1 StateDirectory=bhumiseba StateDirectoryMode=0700 NoNewPrivileges=yes ProtectSystem=strict \
      ProtectHome=yes PrivateTmp=yes ProtectKernelTunables=yes ProtectControlGroups=yes ProtectProc=invisible \
      RestrictNamespaces=yes MemoryDenyWriteExecute=yes LockPersonality=yes CapabilityBoundingSet= DevicePolicy=closed \
      "RestrictAddressFamilies=AF_INET AF_INET6 AF_NETLINK AF_UNIX" SystemCallArchitectures=native UMask=0077; do
      grep -qxF "$want" <<<"$show" || { echo "missing: $want"; return 1; }
    done
  }
  check "systemctl show: the unit's hardening as systemd reads it" hardening
fi

if [[ -n $leader ]]; then
  # The kiosk as systemd's own service, with every line of the unit as shipped but what a
  # container has no way to give: a console (tty1) and a screen. The drop-in lets the condition
  # pass, sends the tty lines nowhere, gives cage a headless output and shortens the watchdog to
  # 3 s. Under the unit's sandbox (system call filter, MemoryDenyWriteExecute, ProtectSystem …)
  # the kiosk must say READY=1 (the start returns) and go on feeding the watchdog.
  as_service() {
    mkdir -p "$root/etc/systemd/system/bhumiseba-kiosk.service.d"
    cat >"$root/etc/systemd/system/bhumiseba-kiosk.service.d/50-headless-test.conf" <<'CONF'
[Unit]
ConditionPathExists=
[Service]
TTYPath=
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
StandardInput=null
WatchdogSec=3
TimeoutStartSec=40
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
CONF
    inbox systemctl daemon-reload
    local s=0
    inbox timeout 60 systemctl start bhumiseba-kiosk.service || s=$?
    sleep 8
    inbox systemctl status bhumiseba-kiosk.service --no-pager -n 30 || true
    local show
    show=$(inbox systemctl show bhumiseba-kiosk.service -p ActiveState,SubState,NRestarts,Result,StatusText)
    echo "start: exit $s"
    echo "$show"
    ((s == 0)) && grep -qx ActiveState=active <<<"$show" && grep -qx SubState=running <<<"$show" \
      && grep -qx NRestarts=0 <<<"$show" && grep -qx "StatusText=home page shown" <<<"$show" && inbox journalctl -b -u bhumiseba-kiosk.service --no-pager | grep -q "kiosk started"
  }
  t=$(date +%s)
  check "started by systemd (headless drop-in): READY=1 under the unit's sandbox, watchdog fed 8 s" as_service
  sed 's/^/      /' "$work/check.out"
  inbox systemctl stop bhumiseba-kiosk.service || true
  rm -rf "$root/etc/systemd/system/bhumiseba-kiosk.service.d"
  inbox systemctl daemon-reload || true
  echo "service start took $(seconds "$t") s"

  # Purge in the running system (postrm reloads systemd): nothing of the kiosk is left.
  purge_booted() {
    inbox apt-get purge -y -q bhumiseba-kiosk >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; return 1; }
    local left
    left=$(inbox find / -xdev \( -path /proc -o -path /sys -o -path /var/log/journal \) -prune -o -name '*bhumiseba*' -print)
    echo "left: ${left:-nothing}"
    [[ -z $left ]] && inbox bash -c '! dpkg-query -W bhumiseba-kiosk 2>/dev/null && [[ $(systemctl is-enabled bhumiseba-kiosk.service 2>&1) == *"not-found"* || $(systemctl is-enabled bhumiseba-kiosk.service 2>&1) == *"No such file"* ]]'
  }
  check "apt-get purge in the booted root: no data, no config, no unit left" purge_booted
  sed 's/^/      /' "$work/check.out"
  poweroff() {
    inbox systemctl poweroff || true
    local s=0
    for _ in $(seq 60); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.5; done
    wait "$nspawn_pid" || s=$?
    nspawn_pid=
    echo "systemd-nspawn: exit $s"
    ((s == 0))
  }
  check "the container powers off cleanly" poweroff
fi

echo "deb-root took $(seconds "$start") s (debootstrap $t_debootstrap s, apt install $t_install s, boot ${t_boot:-?} s)"
echo "deb-root: $passed passed, $failed failed"
((failed == 0))
