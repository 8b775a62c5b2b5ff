#!/usr/bin/env bash
# The Debian package, built with debhelper (debian/) around `dpkg-buildpackage -b`:
#   out/deb/bhumiseba-kiosk_VERSION_ARCH.deb          the programs (release, Swift runtime linked
#                                                     in, stripped), assets, theme, texts, unit…
#   out/deb/bhumiseba-kiosk-dbgsym_VERSION_ARCH.deb   their debug info
#   out/deb/bhumiseba-kiosk_VERSION_ARCH.{buildinfo,changes}
# The programs come from scripts/build-release.sh (debian/rules' dh_auto_build): SwiftPM's
# release build in .build/, incremental, so a second package build only links again. Nothing is
# written outside the checkout. Needs Swift 6 and the -dev packages (scripts/install-deps.sh).
# On a kiosk:  apt install ./out/deb/bhumiseba-kiosk_*.deb   (README: "Installing a kiosk").
#   scripts/build-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
version=$(dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
mkdir -p out/deb
rm -f out/deb/bhumiseba-kiosk*_"$version"_"$arch".*
# nocheck: the tests are scripts/test.sh's (debug build); -b: binary packages only (no source
# tarball of the checkout and its .build/).
DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" dpkg-buildpackage -b --no-sign \
  --buildinfo-file="out/deb/bhumiseba-kiosk_${version}_$arch.buildinfo" \
  --changes-file="out/deb/bhumiseba-kiosk_${version}_$arch.changes" \
  --buildinfo-option=-uout/deb --changes-option=-uout/deb
ls -l out/deb/*"_${version}_$arch".*
