#!/usr/bin/env bash
# Compiles the gettext catalogues (po/LANG.po, languages listed in po/LINGUAS) with msgfmt into
# DIR/LANG/LC_MESSAGES/bhumiseba-LANG.mo (DIR: locale/ at the checkout's top, where the programs
# look for it; install-kiosk.sh passes its own). msgfmt --check refuses a bad entry, naming its
# file and line.   scripts/build-texts.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-locale}
command -v msgfmt >/dev/null || { echo "msgfmt is missing: apt-get install gettext" >&2; exit 1; }
while read -r lang; do
  [[ -z $lang || $lang == \#* ]] && continue
  mkdir -p "$out/$lang/LC_MESSAGES"
  mo=$out/$lang/LC_MESSAGES/bhumiseba-$lang.mo
  [[ $mo -nt po/$lang.po ]] && continue
  # Written beside, then renamed: a kiosk running meanwhile (the UI tests beside the release
  # build) never reads half a catalogue.
  msgfmt --check -o "$mo.new" "po/$lang.po"
  mv -f "$mo.new" "$mo"
done <po/LINGUAS
