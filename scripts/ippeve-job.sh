#!/bin/sh
# ippeveprinter's print command for the private cupsd's IPP Everywhere printer (scripts/private-cupsd.sh):
# the job takes as many seconds as the file `seconds` beside this script says (default 1), and
# meanwhile the printer reports the printer-state-reasons listed in `states` (one a line:
# media-empty-error, media-jam-error, door-open-error, offline-report, toner-low-report…), as a
# real printer's firmware would. The states are cleared when the job ends.
here=$(dirname "$0")
seconds=$(cat "$here/seconds" 2>/dev/null || echo 1)
states=$(cat "$here/states" 2>/dev/null || true)
for s in $states; do echo "STATE: +$s" >&2; done
echo "ATTR: job-impressions-completed=0" >&2
sleep "$seconds"
for s in $states; do echo "STATE: -$s" >&2; done
exit 0
