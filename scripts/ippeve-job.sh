#!/bin/sh
# ippeveprinter's print command for the private cupsd's IPP Everywhere printer (scripts/private-cupsd.sh):
# the job takes as many seconds as the file `seconds` beside this script says (default 1), and
# meanwhile the printer reports the printer-state-reasons listed in `states` (one a line:
# media-empty-error, media-jam-error, cover-open-error, toner-low-report…), as a real printer's
# firmware would; they are cleared when the job ends or is cancelled. Lines in `after`
# (+toner-low-report, -media-empty-error…) are reported when the job has printed and stay:
# the printer's state while idle.
here=$(dirname "$0")
seconds=$(cat "$here/seconds" 2>/dev/null || echo 1)
states=$(cat "$here/states" 2>/dev/null || true)
clear() { for s in $states; do echo "STATE: -$s" >&2; done; }
trap 'clear; exit 1' TERM INT
for s in $states; do echo "STATE: +$s" >&2; done
sleep "$seconds" &
wait $!
clear
for s in $(cat "$here/after" 2>/dev/null || true); do echo "STATE: $s" >&2; done
exit 0
