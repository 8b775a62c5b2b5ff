#!/usr/bin/env bash
# Builds the thermal queues' CUPS filter (packaging/cups/bhumiseba-escpos-status.c: DLE EOT
# through the backend's back channel before the raster goes) into OUT, for the package, the
# installer and the test command's private cupsd. Needs a C compiler and libcups2-dev.
#   scripts/build-cups-filter.sh OUT
set -euo pipefail
out=${1:?output file}
src=$(cd "$(dirname "$0")/.." && pwd)/packaging/cups/bhumiseba-escpos-status.c
mkdir -p "$(dirname "$out")"
read -ra flags <<<"${CPPFLAGS:-} ${CFLAGS:-} ${LDFLAGS:-}"
cc -O2 -g -Wall -Wextra -Werror -std=c11 -D_POSIX_C_SOURCE=200809L "${flags[@]}" -o "$out" "$src" -lcups
