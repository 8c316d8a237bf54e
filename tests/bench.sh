#!/bin/sh
# make bench — speed and memory, measured against baselines taken in the same run (never
# part of make check). Builds a register with `demo --households $BENCH_N` (default
# 1,000,000; BENCH_N=20000 for a quick run), then prints one line per figure:
#   figure | bangfu median | baseline median | ratio | goal
# Baselines: sqlite3 on the same database file (a LIKE scan, a one-row UPDATE, .import
# of the same CSV, a join dump), /bin/true (a process that does nothing). UI figures are
# driven through the real UI in tmux: from the keys sent until the screen has changed
# (tmux's own round trip, a few ms, is inside them). RSS is the UI's peak (VmHWM).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${BENCH_N:-1000000}
reps=${BENCH_REPS:-5}
dir=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-bench.XXXXXX")
sock="bangfu-bench-$$"
cleanup() { tmux -L "$sock" kill-server >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$dir/xdg" XDG_CONFIG_HOME="$dir/xdg"
d="$dir/a"
db="$d/bangfu.db"

now_us() { date +%s%6N; }
# ms CMD...: the wall time of one run in ms (output discarded)
ms() { _t0=$(now_us); "$@" > /dev/null 2>&1 || true; _t1=$(now_us); echo $(( (_t1 - _t0) / 1000 )); }
median() { sort -n | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : 0}'; }
# med N CMD...: the median of N runs, ms
med() { _k=$1; shift; _i=0; while [ $_i -lt "$_k" ]; do ms "$@"; _i=$((_i + 1)); done | median; }
row() {   # label bangfu_ms base_ms base_name goal
	awk -v l="$1" -v a="$2" -v b="$3" -v bn="$4" -v g="$5" 'BEGIN {
		r = b > 0 ? sprintf("%.1f×", a / b) : "-";
		printf "%-34s %9s ms  %-28s %8s  %s\n", l, a, bn " " b " ms", r, g }'
}
sq() { sqlite3 "$db" "$@"; }

echo "bangfu bench: $n households, median of $reps, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo "figure | bangfu | baseline | ratio = bangfu / baseline (below 1: faster than it) | goal"
"$bin" -d "$d" init > /dev/null
t0=$(now_us)
"$bin" -d "$d" demo --households "$n" > /dev/null
demo_ms=$(( ($(now_us) - t0) / 1000 ))
true_ms=$(med "$reps" /bin/true)
printf '%-34s %9s ms  (%s)\n' "demo --households $n" "$demo_ms" "building the data"

# --- read side ----------------------------------------------------------------------
id=$("$bin" -d "$d" list --limit 1 2>/dev/null | awk '/^H/ {print $1; exit}')
row "list (first page)" "$(med "$reps" "$bin" -d "$d" list --limit 40)" "$true_ms" "/bin/true" "-"
for q in 陈 秀英; do
	scan=$(med "$reps" sqlite3 "$db" "SELECT count(DISTINCT household_id) FROM members WHERE name LIKE '%$q%'")
	row "list $q --limit 40" "$(med "$reps" "$bin" -d "$d" list "$q" --limit 40)" "$scan" "LIKE scan" "≤ 10 ms, ≥ 100× the scan"
done
tail4=$(sq "SELECT substr(id_number, -6) FROM members LIMIT 1")
scan=$(med "$reps" sqlite3 "$db" "SELECT count(DISTINCT household_id) FROM members WHERE id_number LIKE '%$tail4'")
row "list <6 ID digits>" "$(med "$reps" "$bin" -d "$d" list "$tail4")" "$scan" "LIKE scan" "≤ 10 ms"
row "list | head -1 (all rows)" "$(med "$reps" sh -c "'$bin' -d '$d' list | head -1")" "$true_ms" "/bin/true" "stops early"
row "show" "$(med "$reps" "$bin" -d "$d" show "$id")" "$true_ms" "/bin/true" "-"
"$bin" -d "$d" today > /dev/null 2>&1 || true   # the rule tasks made once
row "today (province, nothing changed)" "$(med "$reps" "$bin" -d "$d" today)" "$true_ms" "/bin/true" "≤ 50 ms"
# after an edit the kept rule items are stale: derived again from every open case
today_cold() { "$bin" -d "$d" set "$id" hamlet "巷$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')" --why bench; "$bin" -d "$d" today; }
set_only() { "$bin" -d "$d" set "$id" hamlet "巷$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')" --why bench; }
row "today (province, after an edit)" "$(( $(med "$reps" today_cold) - $(med "$reps" set_only) ))" "$true_ms" "/bin/true" "≤ 50 ms"

# --- write side: the perfwrite figures (set, import, demo, export, verify) ----------
# BEGIN perfwrite block — figures of the write side; measured here on the current code.
upd=$(med "$reps" sqlite3 "$db" "PRAGMA synchronous=FULL; UPDATE households SET hamlet = hamlet || '' WHERE id = '$id'")
# a new value every time (the same one again is no change and writes nothing); the
# od | tr that makes it is measured alone and taken off
pick() { od -An -N3 -tu4 /dev/urandom | tr -d ' '; }
row "set one field" "$(( $(med "$reps" set_only) - $(med "$reps" pick) ))" "$upd" "sqlite3 UPDATE" "≤ 10 ms"
# revealed: a masked export is refused by import (masked ID numbers and phones)
t0=$(now_us); "$bin" -d "$d" export households --reveal --why bench > "$dir/a.csv" 2>/dev/null; exp_ms=$(( ($(now_us) - t0) / 1000 ))
dump=$(ms sqlite3 "$db" "SELECT h.*, m.* FROM households h JOIN members m ON m.household_id = h.id")
row "export households" "$exp_ms" "$dump" "sqlite3 join dump" "≤ 2× the dump"
imp=$(ms sqlite3 "$dir/imp.db" ".mode csv" ".import $dir/a.csv t")
"$bin" -d "$dir/b" init > /dev/null
/usr/bin/time -f "%e %M" -o "$dir/imp.t" "$bin" -d "$dir/b" import households "$dir/a.csv" --why bench > "$dir/imp.out" 2>&1 || true
grep -q '^imported' "$dir/imp.out" || { echo "import failed:"; tail -3 "$dir/imp.out"; }
read -r isecs ikib < "$dir/imp.t"
row "import households" "$(awk -v s="$isecs" 'BEGIN {printf "%d", s * 1000}')" "$imp" "sqlite3 .import" "≤ 60 s at 1M"
printf '%-34s %9s MB (max RSS)  goal ≤ 500 MB at 1M\n' "import households memory" "$((ikib / 1024))"
row "audit verify" "$(ms "$bin" -d "$d" audit verify)" "$true_ms" "/bin/true" "≤ 60 s"
# END perfwrite block

# --- the UI, driven in tmux -----------------------------------------------------------
ui() { tmux -L "$sock" -f /dev/null "$@"; }
cap() { ui capture-pane -p -t t 2>/dev/null || true; }   # empty once the UI has quit
# ui_ms KEYS...: send the keys, wait until the screen changes (≤ 60 s) and settles;
# prints "wall-ms cpu-ms" (the UI process's CPU time from /proc/PID/schedstat: on a
# loaded machine the wall time is mostly waiting for a core)
cpu_ns() { awk '{print $1}' "/proc/$pid/schedstat" 2>/dev/null || echo 0; }
ui_ms() {
	_before=$(cap); _c0=$(cpu_ns); _t0=$(now_us); ui send-keys -t t "$@"; _i=0
	while [ "$(cap)" = "$_before" ] && [ $_i -lt 600000 ]; do _i=$((_i + 1)); done
	_t1=$(now_us); settle
	echo "$(( (_t1 - _t0) / 1000 )) $(( ($(cpu_ns) - _c0) / 1000000 ))"
}
settle() { _s=$(cap); sleep 0.3; while [ "$(cap)" != "$_s" ]; do _s=$(cap); sleep 0.3; done; }
ui_med() {   # N KEYS...: medians of wall and CPU ms ("back" keys after each run)
	_k=$1; shift; _i=0
	while [ $_i -lt "$_k" ]; do ui_ms "$@"; [ -n "$back" ] && { ui send-keys -t t $back; settle; }; _i=$((_i + 1)); done > "$dir/ui.ms"
	echo "$(awk '{print $1}' "$dir/ui.ms" | median) ms wall, $(awk '{print $2}' "$dir/ui.ms" | median)"
}
uirow() { printf '%-34s %s ms CPU  (goal %s)\n' "$1" "$2" "$3"; }
t0=$(now_us)
ui new-session -d -s t -x 120 -y 40 "exec env -u TMUX TERM=screen-256color '$bin' -d '$d'"
pid=$(ui display -p -t t '#{pane_pid}')
while ! cap | grep -q '^ *H44'; do :; done
first=$(( ($(now_us) - t0) / 1000 ))
printf '%-34s %9s ms  /bin/true %s ms\n' "UI first screen" "$first" "$true_ms"
settle
back=""; uirow "UI page down" "$(ui_med "$reps" NPage)" "-"
ui send-keys -t t Home; settle
back=q; uirow "UI open a household" "$(ui_med "$reps" Enter)" "≤ 5 ms"
back=q; uirow "UI history" "$(ui_med "$reps" h)" "-"
ui send-keys -t t h; settle
back=q; uirow "UI diff (history entry)" "$(ui_med "$reps" Enter)" "-"
ui send-keys -t t q; settle
back=q; uirow "UI dashboard d" "$(ui_med 3 d)" "≤ 50 ms"
ui send-keys -t t / ; sleep 0.3; ui send-keys -t t -l 陈; settle
back=""; uirow "UI /陈" "$(ui_med 1 Enter)" "≤ 10 ms"
back=""; uirow "UI n" "$(ui_med "$reps" n)" "≤ 10 ms"
ui send-keys -t t l ; sleep 0.3; ui send-keys -t t -l 秀英; settle
back=""; uirow "UI limit 秀英" "$(ui_med 1 Enter)" "-"
rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
printf '%-34s %9s KiB (peak RSS)  goal ≤ 32 MB\n' "UI memory" "$rss"
ui send-keys -t t Q; settle
du -sh "$db" "$d/audit.git" | awk '{printf "%-34s %9s\n", $2, $1}'
