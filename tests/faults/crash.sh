# Crash torture: `set`, `case move`, `task add`, `import` and `audit repack` are killed at
# random moments with SIGKILL, SIGINT, SIGTERM or SIGHUP (an SSH drop). After every kill
# the next command must work (no lockout: a lock file an interrupted writer left is
# removed) and at the end every save that reported success must be there, the history
# must agree (`audit verify`) and a rebuild from the history alone into a fresh directory
# must export the same register. KILLS=N (50 in `make check`, 1000 in `make torture`),
# SEED=N picks the moments. Prints the counts docs/reliability.md quotes.
# both locales
. "$TESTS/lib.sh"
# the notes of the clean-up after an interrupted writer, as grep patterns
stale_re=$(Mre 'removed a stale lock left by an interrupted writer: %s')
tmp_re() { Mnre 'removed %d temporary file left by an interrupted writer in audit.git/objects' \
	'removed %d temporary files left by an interrupted writer in audit.git/objects' "$1" "$1"; }
data="$TESTS/e2e/data"
KILLS=${KILLS:-50}
SEED=${SEED:-$$}
B=$BANGFU
expect_exit 0 "$B" -d d init
expect_exit 0 "$B" -d d import households "$data/good.csv"
expect_exit 0 "$B" -d d case open 4418210002 --risks 因病 --category 边缘易致贫户 --source 农户自主申报 --why 线索
C=$(sqlite3 d/bangfu.db "SELECT id FROM cases WHERE household_id = 'H4418210000002' AND state = 'lead'")
[ -n "$C" ] || fail "no open case to move"

# A lock file left by a writer killed while libgit2 moved the branch is stale: the next
# command removes it, says so, and works; so are the temporary files of a killed pack
# writer, but not while a repack (which holds repack.lock) may be writing them.
count() { git --git-dir=d/audit.git rev-list --count HEAD; }
touch d/audit.git/refs/heads/main.lock d/audit.git/objects/pack/pack_git2_XXXX
expect_exit 0 "$B" -d d set 4418210001 hamlet 锁后 --why 锁
expect_grep "^bangfu: $(Mre 'removed a stale lock left by an interrupted writer: %s' refs/heads/main.lock)$" err
expect_grep "$(tmp_re 1)" err
[ "$LANGUAGE" != zh_CN ] || { expect_grep "过期锁" err; expect_no_grep "removed\|stale\|temporary" err; }
[ ! -e d/audit.git/refs/heads/main.lock ] || fail "the stale lock is still there"
expect_exit 0 "$B" -d d audit verify
# (a read-only command never opens the history: the next write cleans up)
touch d/audit.git/objects/pack/pack_git2_YYYY
flock d/repack.lock sh -c "'$B' -d d set 4418210001 hamlet 锁中 --why 锁 >/dev/null 2>held.err"
[ -e d/audit.git/objects/pack/pack_git2_YYYY ] || fail "a live repack's temporary file was removed"
expect_no_grep "$(tmp_re 1)" held.err
expect_exit 0 "$B" -d d list
[ -e d/audit.git/objects/pack/pack_git2_YYYY ] || fail "a read-only command opened the history"
expect_exit 0 "$B" -d d set 4418210001 hamlet 锁后 --why 锁
[ ! -e d/audit.git/objects/pack/pack_git2_YYYY ] || fail "the stale temporary file stayed"

# SIGINT, SIGTERM and SIGHUP are held off while the history is written, then acted on:
# the save completes, reaches git, and leaves no lock behind. (A command a script starts
# with & ignores SIGINT, POSIX says: env --default-signal gives it back its default.)
for sig in INT TERM HUP; do
	before=$(count)
	env --default-signal=INT BANGFU_FAULT=pause-before-branch-move "$BANGFU_TH" -d d set 4418210001 hamlet "信号$sig" --why "$sig" 2>/dev/null &
	pid=$!
	sleep 0.4
	kill -s "$sig" "$pid"
	set +e; wait "$pid"; rc=$?; set -e
	[ "$rc" -gt 128 ] || fail "SIG$sig was not acted on after the flush (exit $rc)"
	[ "$(count)" -eq $((before + 1)) ] || fail "SIG$sig interrupted the flush"
	[ ! -e d/audit.git/refs/heads/main.lock ] || fail "SIG$sig left refs/heads/main.lock"
done
expect_exit 0 "$B" -d d audit verify
expect_no_grep "$stale_re" err

# one command of kind $1 tagged $2 (its --why), in the background; its pid in $pid
start() {
	tag=$2
	case $1 in
	0) set -- set 4418210001 hamlet "围$tag" --why "$tag" ;;
	1) if [ "$(sqlite3 d/bangfu.db "SELECT state FROM cases WHERE id = '$C'")" = lead ]
	   then set -- case move "$C" visit --why "$tag"
	   else set -- case move "$C" send_back --why "$tag"; fi ;;
	2) set -- task add "任务$tag" --kind visit --household 4418210001 --why "$tag" ;;
	3) sed "s/,上围,/,导$tag,/" "$data/good.csv" > in.csv
	   set -- import households in.csv --why "$tag" ;;
	4) set -- audit repack ;;
	esac
	env --default-signal=INT "$B" -d d "$@" >/dev/null 2>>cmd.err &   # $! is bangfu itself
	pid=$!
}

saved=0; lockouts=0; stale=0; killed=0; lost=0
: > saved.txt; : > cmd.err
awk -v n="$KILLS" -v seed="$SEED" 'BEGIN { srand(seed); for (i = 1; i <= n; i++)
	printf "%d %d %d %d\n", i, int(rand() * 5), int(rand() * 4), int(rand() * 70) }' > plan
while read -r i kind sig ms; do
	set -- KILL INT TERM HUP; shift "$sig"; signal=$1
	start "$kind" "k$i"
	sleep "$(printf '0.%03d' "$ms")"
	kill -s "$signal" "$pid" 2>/dev/null && killed=$((killed + 1))
	set +e; wait "$pid"; rc=$?; set -e
	[ "$rc" -eq 0 ] && [ "$kind" -ne 4 ] && { echo "k$i" >> saved.txt; saved=$((saved + 1)); }
	# the next command works: no lockout
	set +e; "$B" -d d list >/dev/null 2>next.err; nrc=$?; set -e
	if [ "$nrc" -ne 0 ]; then
		lockouts=$((lockouts + 1)); echo "lockout after k$i ($signal at ${ms} ms):"; cat next.err
	fi
	grep -q "$stale_re" next.err && stale=$((stale + 1))
done < plan

for tag in $(cat saved.txt); do
	n=$(sqlite3 d/bangfu.db "SELECT count(*) FROM events WHERE reason = '$tag'")
	[ "$n" -eq 1 ] || { lost=$((lost + 1)); echo "lost: $tag reported saved, $n events"; }
done
raw=$(grep -c -e 'constraint failed' -e 'SQLITE' -e 'database is locked' -e 'runtime error' -e 'Sanitizer' cmd.err || true)
echo "crash: $KILLS commands, $killed killed mid-run, $saved saves reported, $lost lost," \
     "$lockouts lockouts, $stale stale locks removed, $raw raw errors (seed $SEED)"
[ "$lockouts" -eq 0 ] || fail "$lockouts lockouts"
[ "$lost" -eq 0 ] || fail "$lost saves lost"
[ "$raw" -eq 0 ] || { grep -e 'constraint failed' -e 'SQLITE' -e 'database is locked' -e 'runtime error' -e 'Sanitizer' cmd.err; fail "raw errors"; }

expect_exit 0 "$B" -d d audit verify
"$B" -d d export households > before.csv
mkdir fresh && cp -R d/audit.git fresh/
expect_exit 0 "$B" -d fresh rebuild
"$B" -d fresh export households > after.csv
cmp before.csv after.csv || fail "the register rebuilt from history differs"
expect_exit 0 "$B" -d fresh audit verify
