#!/bin/sh
# CUPS backend "capture:/path/prefix": keeps each job as /path/prefix-<job>.bin, byte-for-byte.
# A fault file /path/prefix.fault (jam | offline | media-empty | door-open | fail | hang) makes it fail like a
# real printer would: the reason goes to cupsd through STATE: lines on stderr.
if [ $# -eq 0 ]; then
  echo 'direct capture "Unknown" "Capture backend (tests)"'
  exit 0
fi
prefix=${DEVICE_URI#capture:}
job=$1
fault=""
[ -f "$prefix.fault" ] && fault=$(cat "$prefix.fault")
case "$fault" in
  jam) echo "STATE: +media-jam-error" >&2; echo "ERROR: paper jam" >&2; exit 1 ;;
  offline) echo "STATE: +offline-report" >&2; echo "ERROR: printer offline" >&2; exit 1 ;;
  media-empty) echo "STATE: +media-empty-error" >&2; echo "ERROR: out of paper" >&2; exit 1 ;;
  door-open) echo "STATE: +door-open-error" >&2; echo "ERROR: door open" >&2; exit 1 ;;
  fail) echo "ERROR: backend failure" >&2; exit 1 ;;
  hang) exec sleep 600 ;;
esac
echo "STATE: -media-jam-error,offline-report,media-empty-error,door-open-error" >&2
if [ $# -ge 6 ]; then cat "$6" >"$prefix-$job.tmp"; else cat >"$prefix-$job.tmp"; fi
mv "$prefix-$job.tmp" "$prefix-$job.bin"
exit 0
