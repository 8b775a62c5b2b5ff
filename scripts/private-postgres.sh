#!/usr/bin/env bash
# A private PostgreSQL server for tests and demos: Debian's server binaries, `initdb` in a folder
# of its own as an unprivileged user, a Unix socket in that folder and a free loopback port.
#
#   scripts/private-postgres.sh start DIR   prints the environment to use (BHUMISEBA_TEST_PG=…)
#   scripts/private-postgres.sh start DIR tls CERT KEY
#                                           the same with TLS (ssl=on, CERT and KEY: the server's
#                                           certificate chain and key, PEM): TCP takes TLS only
#                                           (hostssl; plain TCP is refused), on 127.0.0.1 and
#                                           127.0.0.2 (a second loopback address, for a test of
#                                           a host name the certificate does not carry)
#   scripts/private-postgres.sh stop DIR    stops it (fast shutdown; SIGKILL if it will not stop)
#   scripts/private-postgres.sh kill DIR    SIGKILL, as a power cut would (tests of a server gone)
#   scripts/private-postgres.sh restart DIR starts it again on the same port, after stop or kill
#
# The superuser is `bhumiseba_admin` (trust on the socket and on loopback: the server is the
# test's own). What the kiosk's roles may do is set by the kiosk's migrations, not here.
set -euo pipefail
cmd=${1:?start|stop|kill|restart}
dir=$(realpath -m "${2:?folder}")
bin=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
[[ -x $bin/initdb ]] || { echo "PostgreSQL's server is not installed (Debian: postgresql)" >&2; exit 1; }

# initdb and the server refuse to run as root: run them as the folder's owner (nobody for root).
as_owner() {
  if [[ $(id -u) == 0 ]]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups --reset-env -- env PATH=/usr/bin:/bin "$@"
  else
    "$@"
  fi
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

server_pid() { [[ -f $dir/data/postmaster.pid ]] && head -1 "$dir/data/postmaster.pid"; }

start_server() {
  local port listen=127.0.0.1 tls=()
  port=$(cat "$dir/port")
  if [[ -f $dir/tls/server.key ]]; then
    listen=127.0.0.1,127.0.0.2
    tls=(-c ssl=on -c "ssl_cert_file=$dir/tls/server.crt" -c "ssl_key_file=$dir/tls/server.key")
  fi
  # The server must not keep the caller's other descriptors open (a test runner waits for the
  # end of a pipe, or for a socket its child holds, until every holder has closed it).
  (
    for fd in "/proc/$BASHPID/fd"/*; do
      fd=${fd##*/}
      ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
    done
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $port -c listen_addresses=$listen -c fsync=on ${tls[*]}" start </dev/null >/dev/null 2>&1
  )
}

case $cmd in
stop)
  if pid=$(server_pid); then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 || kill -9 "$pid" 2>/dev/null || true
  fi
  exit 0
  ;;
kill)
  if pid=$(server_pid); then
    # The postmaster and every backend, as a power cut would leave them.
    pkill -9 -P "$pid" 2>/dev/null || true
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  fi
  exit 0
  ;;
restart)
  start_server
  exit 0
  ;;
esac

mkdir -p "$dir"
chmod 0755 "$dir"
[[ $(id -u) == 0 ]] && chown nobody:nogroup "$dir"
free_port >"$dir/port"
as_owner "$bin/initdb" -D "$dir/data" -U bhumiseba_admin --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
if [[ ${3:-} == tls ]]; then
  cert=${4:?the server certificate (PEM)}
  key=${5:?the server key (PEM)}
  # The server reads its key only if no one else may (0600, its own user's).
  mkdir -p "$dir/tls"
  install -m 0644 "$cert" "$dir/tls/server.crt"
  install -m 0600 "$key" "$dir/tls/server.key"
  [[ $(id -u) == 0 ]] && chown -R nobody:nogroup "$dir/tls"
  # TCP only with TLS; the socket (the admin's, on this machine) as before.
  cat >"$dir/data/pg_hba.conf" <<'HBA'
local     all  all                trust
hostssl   all  all  127.0.0.0/8   trust
hostnossl all  all  0.0.0.0/0     reject
HBA
  [[ $(id -u) == 0 ]] && chown nobody:nogroup "$dir/data/pg_hba.conf"
fi
start_server
port=$(cat "$dir/port")
echo "BHUMISEBA_TEST_PG=postgresql://bhumiseba_admin@127.0.0.1:$port/postgres"
echo "BHUMISEBA_TEST_PG_SOCKET=$dir/.s.PGSQL.$port"
echo "BHUMISEBA_TEST_PG_DIR=$dir"
