#!/usr/bin/env bash
# A private, unprivileged cupsd for tests and demos: its own folder, its own port on loopback,
# a capture backend that keeps every job byte-for-byte and can fake printer faults, a
# socket:// queue to a local stand-in for an 80 mm network thermal printer that speaks ESC/POS
# (scripts/escpos-printer.py), and CUPS's own IPP Everywhere printer (ippeveprinter) added
# driverless, as a centre's office printer is.
#
#   scripts/private-cupsd.sh start DIR    prints the environment to use (CUPS_SERVER=…)
#   scripts/private-cupsd.sh stop DIR
#
# Queues: `capture` (raw, capture backend, the default destination), `a4` (the same backend,
# another folder), `thermal` (raw socket://127.0.0.1:PORT: the bytes as sent), `escpos` (the same
# printer set up as an 80 mm thermal printer: the kiosk sends ESC/POS raster, the queue's filter
# asks DLE EOT first), `escposusb` (the same printer as if on USB: usb://127.0.0.1:PORT through
# the socket backend; the kiosk cannot ask it, only the filter does) and `office`
# (ippeveprinter on another loopback port, `lpadmin -m everywhere`). Faults: write one word into
# DIR/capture/<queue>.fault: jam | offline | media-empty | door-open | fail | hang; the thermal printer's
# state into DIR/thermal/status: paper-out | paper-near-end | cover-open | silent (no answer to
# DLE EOT); the office printer's
# job length into DIR/ippeve/seconds and its states into DIR/ippeve/states (scripts/ippeve-job.sh).
#
# ippeveprinter does not start without DNS-SD: a system D-Bus and avahi-daemon are started if
# none runs, and stopped by `stop` only if this script started them.
set -euo pipefail
cmd=${1:?start|stop}
dir=$(realpath -m "${2:?folder}")
here=$(cd "$(dirname "$0")" && pwd)

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$pid" 2>/dev/null || true
}

if [[ $cmd == stop ]]; then
  for f in ippeve.pid avahi.pid dbus.pid; do
    [[ -f $dir/$f ]] || continue
    stop_pid "$(cat "$dir/$f")"
    rm -f "$dir/$f"
  done
  for f in cupsd.pid listener.pid; do
    [[ -f $dir/$f ]] || continue
    pid=$(cat "$dir/$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
  done
  exit 0
fi

mkdir -p "$dir"/{conf,bin/backend,spool,cache,state,logs,tmp,capture,thermal,ippeve/spool}
# cupsd looks for filters, daemons and backends under ServerBin: use the system's, plus ours.
for sub in daemon notifier cgi-bin monitor driver; do
  [[ -e /usr/lib/cups/$sub ]] && ln -sfn "/usr/lib/cups/$sub" "$dir/bin/$sub"
done
# The filters: the system's one by one, and the thermal queues' status filter, built here from
# its source (as the package installs it into /usr/lib/cups/filter).
mkdir -p "$dir/bin/filter"
for f in /usr/lib/cups/filter/*; do ln -sfn "$f" "$dir/bin/filter/${f##*/}"; done
bash "$here/build-cups-filter.sh" "$dir/bin/filter/bhumiseba-escpos-status"
ln -sf /usr/lib/cups/backend-available/socket "$dir/bin/backend/socket"
# A stand-in for a USB thermal printer: CUPS's socket backend under the name `usb` (it reads only
# host and port from the URI), so a `usb://127.0.0.1:PORT` queue reaches the ESC/POS stand-in
# through a backend with a back channel, and the kiosk sees a usb:// queue it cannot open itself.
ln -sf /usr/lib/cups/backend-available/socket "$dir/bin/backend/usb"
ln -sf /usr/lib/cups/backend/ipp "$dir/bin/backend/ipp"
install -m 0755 "$here/ippeve-job.sh" "$dir/ippeve/job.sh"
install -m 0755 "$here/capture-backend.sh" "$dir/bin/backend/capture"

port=$(free_port)
thermal_port=$(free_port)
ippeve_port=$(free_port)
cat >"$dir/conf/cupsd.conf" <<CONF
Listen 127.0.0.1:$port
Listen $dir/cups.sock
Browsing No
WebInterface No
DefaultAuthType None
LogLevel warn
MaxLogSize 0
JobRetryInterval 1
# As a centre's cupsd is to be set (README): no printed document kept in the spool, the job list
# an hour. The UI tests check the spool holds no document once a slip has printed.
PreserveJobFiles No
PreserveJobHistory 3600
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat >"$dir/conf/cups-files.conf" <<CONF
ServerRoot $dir/conf
ServerBin $dir/bin
DataDir /usr/share/cups
RequestRoot $dir/spool
TempDir $dir/tmp
CacheDir $dir/cache
StateDir $dir/state
AccessLog $dir/logs/access_log
ErrorLog $dir/logs/error_log
PageLog $dir/logs/page_log
FileDevice Yes
CONF

# cupsd must not run as root here (it would drop backends to user lp and check ownership):
# as root, run it as nobody, which owns the folder.
run_as=()
if [[ $(id -u) == 0 ]]; then
  chown -R nobody:nogroup "$dir"
  chmod 0755 "$dir"
  run_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# The thermal printer: a TCP listener that keeps each job's bytes (and its ESC/POS raster as PNG)
# and answers real-time status.
"${run_as[@]}" /usr/bin/python3 "$here/escpos-printer.py" "$thermal_port" "$dir/thermal" >"$dir/logs/listener.log" 2>&1 &
echo $! >"$dir/listener.pid"

# DNS-SD for ippeveprinter: a system bus and avahi, only if none runs (then stopped with cupsd).
if ! pgrep -x avahi-daemon >/dev/null; then
  # A bus that answers, not just a socket file and some dbus-daemon: one stopped by another run
  # leaves its socket behind, and another container's daemon (--address=systemd:) shows in pgrep.
  if ! dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetId >/dev/null 2>&1; then
    mkdir -p /run/dbus
    rm -f /run/dbus/pid /run/dbus/system_bus_socket
    dbus-daemon --system --fork --print-pid >"$dir/dbus.pid"
  fi
  avahi-daemon --no-drop-root --no-rlimits --daemonize >"$dir/logs/avahi.log" 2>&1
  for _ in $(seq 50); do [[ -s /run/avahi-daemon/pid ]] && break; sleep 0.05; done
  cat /run/avahi-daemon/pid >"$dir/avahi.pid"
fi
"${run_as[@]}" /usr/sbin/ippeveprinter -p "$ippeve_port" -n localhost -d "$dir/ippeve/spool" -c "$dir/ippeve/job.sh" \
  -M Bhumiseba -m "Office test printer" "Bhumiseba office $ippeve_port" >"$dir/logs/ippeve.log" 2>&1 &
echo $! >"$dir/ippeve.pid"

"${run_as[@]}" /usr/sbin/cupsd -f -c "$dir/conf/cupsd.conf" -s "$dir/conf/cups-files.conf" >"$dir/logs/cupsd.out" 2>&1 &
echo $! >"$dir/cupsd.pid"

for _ in $(seq 100); do
  CUPS_SERVER=127.0.0.1:$port lpstat -r 2>/dev/null | grep -q "is running" && break
  sleep 0.05
done
export CUPS_SERVER=127.0.0.1:$port
lpstat -r | grep -q "is running" || { echo "private cupsd did not start; see $dir/logs" >&2; cat "$dir/logs/cupsd.out" "$dir/logs/error_log" >&2 2>/dev/null; exit 1; }

# Debian's default error policy holds a failed job for 300 s; ours fail at once so the kiosk can say so.
lpadmin -p capture -v "capture:$dir/capture/capture" -E -o printer-error-policy=abort-job 2>/dev/null
lpadmin -p a4 -v "capture:$dir/capture/a4" -E -o printer-error-policy=abort-job 2>/dev/null
lpadmin -p thermal -v "socket://127.0.0.1:$thermal_port" -E -o printer-error-policy=abort-job 2>/dev/null
# The thermal queues as `kioskctl printers add` sets them up: the PPD whose filter asks DLE EOT.
ppd=$here/../assets/cups/bhumiseba-thermal.ppd
lpadmin -p escpos -v "socket://127.0.0.1:$thermal_port" -D "Thermal 80 mm [bhumiseba:thermal80]" -P "$ppd" -E -o printer-error-policy=abort-job 2>/dev/null
lpadmin -p escposusb -v "usb://127.0.0.1:$thermal_port" -D "Thermal 80 mm on USB [bhumiseba:thermal80]" -P "$ppd" -E -o printer-error-policy=abort-job 2>/dev/null
for _ in $(seq 100); do
  ipptool -q "ipp://127.0.0.1:$ippeve_port/ipp/print" get-printer-attributes.test 2>/dev/null && break
  sleep 0.1
done
lpadmin -p office -v "ipp://127.0.0.1:$ippeve_port/ipp/print" -m everywhere -D "Office A4 [bhumiseba:a4]" -E \
  -o printer-error-policy=abort-job || { echo "ippeveprinter did not start; see $dir/logs/ippeve.log" >&2; exit 1; }
lpadmin -d capture
echo "CUPS_SERVER=127.0.0.1:$port"
echo "BHUMISEBA_TEST_CUPS_DIR=$dir"
echo "BHUMISEBA_TEST_THERMAL_PORT=$thermal_port"
echo "BHUMISEBA_TEST_IPPEVE_PORT=$ippeve_port"
