#!/bin/sh
# tests/bench_write.sh BIN [N] — the write side of `make bench` (issue "One million
# households"): each figure is bangfu's median beside a baseline measured in the same run,
# and their ratio. Never part of `make check`. N households (default $BENCH_N, else
# 20000) are made with `demo`; the figures:
#   set       one field, whole process        vs sqlite3 one-row UPDATE (WAL, FULL sync)
#   list/show read-only whole process         vs /bin/true (libgit2 must not be loaded)
#   syncs     fsync/fdatasync/syncfs of a set (strace, when installed)
#   demo      N households                    (time and max RSS)
#   import    the export of those N            vs sqlite3 .import and git fast-import
set -eu
bin=$1
n=${2:-${BENCH_N:-20000}}
runs=${BENCH_RUNS:-11}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-benchw.XXXXXX")
trap 'rm -rf "$dir"' EXIT
export LANG=C.UTF-8

# ms CMD...: wall milliseconds of one run (output dropped)
ms() { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000)); }
# med CMD...: the median of $runs runs, in ms with two decimals
med() {
	i=0
	while [ $i -lt "$runs" ]; do ms "$@"; i=$((i + 1)); done |
		sort -n | awk '{a[NR] = $1} END {printf "%.2f", a[int((NR + 1) / 2)] / 1000}'
}
# line FIGURE BANGFU_MS BASELINE BASE_MS
line() { awk -v f="$1" -v b="$2" -v bn="$3" -v bb="$4" \
	'BEGIN {printf "%-34s %9.2f ms   %-26s %9.2f ms   x%.2f\n", f, b, bn, bb, (bb > 0 ? b / bb : 0)}'; }
# timed LABEL CMD...: seconds and max RSS of one run, into $dir/LABEL.t ("secs kib")
timed() { label=$1; shift; /usr/bin/time -f "%e %M" -o "$dir/$label.t" "$@" >/dev/null 2>&1; }
# a value that differs on every run, so that every `set` really writes
cat > "$dir/set.sh" <<'EOF'
#!/bin/sh
exec "$1" -d "$2" set "$3" hamlet "巷$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')" --why bench
EOF
chmod +x "$dir/set.sh"

echo "bench_write: N=$n, $runs runs a figure, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
"$bin" -d "$dir/a" init >/dev/null 2>&1
timed demo "$bin" -d "$dir/a" demo --households "$n"
read -r secs kib < "$dir/demo.t"
echo "demo --households $n: $secs s, max RSS $((kib / 1024)) MB"
id=$("$bin" -d "$dir/a" list --limit 1 2>/dev/null | awk '{print $1}')

sqlite3 "$dir/base.db" "PRAGMA journal_mode=WAL; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);
                        INSERT INTO t VALUES (1, 'a');" >/dev/null
upd=$(med sqlite3 "$dir/base.db" "PRAGMA synchronous=FULL; UPDATE t SET v = hex(randomblob(4)) WHERE id = 1")
tru=$(med /bin/true)
line "set one field (whole process)" "$(med "$dir/set.sh" "$bin" "$dir/a" "$id")" "sqlite3 one-row UPDATE" "$upd"
line "list --limit 1 (whole process)" "$(med "$bin" -d "$dir/a" list --limit 1)" "/bin/true" "$tru"
line "show (whole process)" "$(med "$bin" -d "$dir/a" show "$id")" "/bin/true" "$tru"
if command -v strace >/dev/null 2>&1; then
	syncs=$(strace -f -c -e trace=fsync,fdatasync,syncfs "$dir/set.sh" "$bin" "$dir/a" "$id" 2>&1 >/dev/null |
	        awk '$NF ~ /^(fsync|fdatasync|syncfs)$/ {n += $4} END {print n + 0}')
	gits=$(strace -f -e trace=openat "$bin" -d "$dir/a" list --limit 1 2>&1 >/dev/null | grep -c 'audit\.git' || true)
	echo "syncs in one set: $syncs; files of audit.git a list opens: $gits"
fi

"$bin" -d "$dir/a" export households --reveal --why bench > "$dir/a.csv" 2>/dev/null
"$bin" -d "$dir/b" init >/dev/null 2>&1
timed import "$bin" -d "$dir/b" import households "$dir/a.csv" --why bench
read -r isecs ikib < "$dir/import.t"
head -1 "$dir/a.csv" | tr ',' '\n' | awk '{printf "%s\"c%d\" TEXT", (NR > 1 ? "," : ""), NR} END {print ""}' > "$dir/cols"
s=$(date +%s%N)
sqlite3 "$dir/imp.db" "CREATE TABLE h($(cat "$dir/cols"));" ".import --csv --skip 1 $dir/a.csv h" >/dev/null 2>&1
e=$(date +%s%N)
sq=$(((e - s) / 1000000))
git --git-dir="$dir/a/audit.git" fast-export --reencode=no main > "$dir/fe.stream" 2>/dev/null
git init -q --bare "$dir/fi.git"
s=$(date +%s%N)
git --git-dir="$dir/fi.git" fast-import --quiet < "$dir/fe.stream"
e=$(date +%s%N)
fi=$(((e - s) / 1000000))
line "import $n households" "$(echo "$isecs * 1000" | bc)" "sqlite3 .import" "$sq"
line "import $n households" "$(echo "$isecs * 1000" | bc)" "git fast-import (history)" "$fi"
echo "import $n households: max RSS $((ikib / 1024)) MB"
du -sh "$dir/a/bangfu.db" "$dir/a/audit.git" | awk '{printf "%s %s\n", $2, $1}' | sed "s|$dir/||"
