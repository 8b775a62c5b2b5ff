#!/usr/bin/env bash
# Regenerates packaging/startup-order.txt, the linker's symbol ordering file for the kiosk: the
# functions that run from start to the home page and through one e-Namjari journey, in the order
# they first run (bench/startup-order/trace.c finds them). The release link puts them first, so the
# code start-up runs sits together instead of spread over 17 MB (the toolchain's prebuilt objects
# move only whole): 9.3 → 5.1 MiB of the program's code resident at the first frame. Run it after
# larger changes to start-up code; a stale list only orders less (names it cannot find are skipped).
#   scripts/startup-order.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-release.sh
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)/bhumiseba-kiosk
work=$(mktemp -d /tmp/bhumiseba-order.XXXXXX)
trap 'rm -rf "$work"' EXIT
gcc -O2 -shared -fPIC -o "$work/trace.so" bench/startup-order/trace.c
nm --defined-only --size-sort -S "$bin" | awk '$3 ~ /^[tTwW]$/ {print $1}' | sort -u > "$work/functions"
for renderer in cairo gl; do
  XDG_DATA_HOME="$work/data-$renderer" GSK_RENDERER=$renderer scripts/with-display.sh env SWIFT_BACKTRACE=enable=no \
    TRACE_PROGRAM="$(readlink -f "$bin")" TRACE_FUNCS="$work/functions" TRACE_OUT="$work/hits-$renderer" \
    LD_PRELOAD="$work/trace.so" "$bin" --bench-journey 1 > /dev/null 2> >(grep -v dbus-daemon >&2)
done
nm --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ {print $1, $3}' > "$work/names"
# Functions compiled without a section of their own (most of the prebuilt Swift runtime and
# Foundation) move only with the whole object's .text: listed first, they would pull those blobs
# in between the others. They go last.
static=$(dirname "$(readlink -f "$(command -v swiftc)")")/../lib/swift_static/linux
objdump -t "$static"/*.a "$(dirname "$bin")"/*.build/*.o 2> /dev/null |
  awk '{ for (i = 2; i < NF; i++) if ($i == ".text") { print $NF; break } }' > "$work/unsectioned"
python3 - "$work" > packaging/startup-order.txt <<'PY'
import sys
work = sys.argv[1]
names = {}
for line in open(f"{work}/names"):
    address, name = line.split(maxsplit=1)
    names.setdefault(int(address, 16), []).append(name.strip())
unsectioned = set(line.strip() for line in open(f"{work}/unsectioned"))
seen, order = set(), []
for renderer in ("cairo", "gl"):
    for line in open(f"{work}/hits-{renderer}"):
        for name in names.get(int(line, 16), []):
            if name not in seen:
                seen.add(name)
                order.append(name)
for name in [n for n in order if n not in unsectioned] + [n for n in order if n in unsectioned]:
    print(name)
PY
echo "packaging/startup-order.txt: $(wc -l < packaging/startup-order.txt) functions"
