#!/bin/sh
# make bench — speed and memory goals, measured (never asserted in a unit test).
# Goals: demo of 100,000 households well under a minute; list of the first page, show,
# set and audit verify on that register.
set -eu
bin=$1
n=${BENCH_HOUSEHOLDS:-100000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8
t() { label=$1; shift; /usr/bin/time -f "$label: %e s, max RSS %M KiB" "$@" > /dev/null; }
"$bin" -d "$dir/a" init > /dev/null
t "demo --households $n" "$bin" -d "$dir/a" demo --households "$n"
t "list (first 40)" "$bin" -d "$dir/a" list --limit 40
t "list name search 陈" "$bin" -d "$dir/a" list 陈 --limit 40
id=$("$bin" -d "$dir/a" list --limit 1 2>/dev/null | awk '{print $1}')
t "show" "$bin" -d "$dir/a" show "$id"
t "set (one commit on a $n-file tree)" "$bin" -d "$dir/a" set "$id" hamlet 上围 --why bench
t "export" "$bin" -d "$dir/a" export households
for i in 1 2 3 4 5 6 7 8 9 10; do "$bin" -d "$dir/a" set "$id" hamlet "巷$i" --why bench > /dev/null; done
t "audit repack ($n households + 10 edits)" "$bin" -d "$dir/a" audit repack
"$bin" -d "$dir/a" export households > "$dir/a.csv" 2>/dev/null
"$bin" -d "$dir/b" init > /dev/null
t "import $n households" "$bin" -d "$dir/b" import households "$dir/a.csv"
t "import the same file again (merged, nothing to change)" "$bin" -d "$dir/b" import households "$dir/a.csv"
t "audit verify" "$bin" -d "$dir/a" audit verify
du -sh "$dir/a/bangfu.db" "$dir/a/audit.git"
