#!/usr/bin/env bash
# The kiosk's release build, as run-kiosk.sh, bench.sh and startup-order.sh make it: the Swift
# runtime linked in (no toolchain needed where it runs), every function in its own section so the
# link can put start-up code together (packaging/startup-order.txt; the link flags are in
# Package.swift). Objects an older build made without function sections are kept by the compiler
# while their code is unchanged: `rm -rf .build/release` once if the ordering seems not to work.
#   scripts/build-release.sh [PRODUCT]
set -euo pipefail
cd "$(dirname "$0")/.."
# The texts (po/ → locale/) that the program reads.
bash scripts/build-texts.sh
# SwiftPM does not know the link reads packaging/startup-order.txt: relink when it is newer.
out=$(swift build -c release --static-swift-stdlib --show-bin-path)/${1:-bhumiseba-kiosk}
[[ -e $out && packaging/startup-order.txt -nt $out ]] && rm -f "$out"
swift build -c release --static-swift-stdlib --product "${1:-bhumiseba-kiosk}" \
  -Xswiftc -Xfrontend -Xswiftc -function-sections 2>&1 | { grep -v "prohibited flag" || true; }
