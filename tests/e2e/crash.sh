# No data is lost: the process is killed between the SQLite commit and the git commit
# (and once between the git commit and recording its id); the next command completes
# the history and `audit verify` passes. Uses the test-hooks build (BANGFU_FAULT).
# ("fault injected at ..." is the test-hooks build's own line, never translated.)
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
count() { git --git-dir=d/audit.git rev-list --count HEAD; }

expect_exit 0 "$BANGFU_TH" -d d init
expect_exit 0 "$BANGFU_TH" -d d import households "$data/good.csv"
[ "$(count)" -eq 3 ] || fail "setup"

expect_exit 86 env BANGFU_FAULT=after-sqlite-commit "$BANGFU_TH" -d d set 4418210001 hamlet 下围 --why 改
expect_grep "fault injected at after-sqlite-commit" err
[ "$(count)" -eq 3 ] || fail "git should not have the event yet"
sqlite3 d/bangfu.db "SELECT hamlet FROM households WHERE household_no = '4418210001'" > v
expect_grep "下围" v
# any next command flushes what the crash left behind
expect_exit 0 "$BANGFU_TH" -d d list
[ "$(count)" -eq 4 ] || fail "the next start did not complete the history"
git --git-dir=d/audit.git log -1 --format=%B > m
expect_grep "Bangfu-Event: 4" m
expect_exit 0 "$BANGFU_TH" -d d audit verify
expect_grep "^$(Mre 'audit verify: the database and the audit history agree\n')$" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "数据库与审计历史一致" out

# killed after the git commit, before its id is recorded in SQLite
expect_exit 86 env BANGFU_FAULT=after-git-commit "$BANGFU_TH" -d d set 4418210001 hamlet 中围 --why 改
[ "$(count)" -eq 5 ] || fail "git should have the event"
expect_exit 0 "$BANGFU_TH" -d d audit verify
expect_exit 0 "$BANGFU_TH" -d d audit log 4418210001
# the first line names event 5 with its commit id, not "(pending)"
logline=$(LINE=1 Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' '[0-9a-f]\{10\}' 5)
head -1 out | grep -q "^$logline" || { cat out; fail "commit id of event 5 not recovered"; }
head -1 out | grep -qvF "$(M '(pending)')" || fail "event 5 still pending"
[ "$LANGUAGE" != zh_CN ] || { head -1 out | grep -q "  事件 5  " || fail "no 事件 5 in: $(head -1 out)"; }
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "event \|why: \|file: " out

# a crash inside the transaction (before COMMIT) leaves nothing half-written
expect_exit 86 env BANGFU_FAULT=after-sqlite-commit "$BANGFU_TH" -d d import households "$data/good.csv"
expect_exit 0 "$BANGFU_TH" -d d audit verify

# A large event (the demo, an import: more than 64 files) streams its blobs and trees
# into packs of its own (store/audit_stream.c). Killed with a pack still under its
# temporary name, or with its packs written but no commit: the next command removes the
# temporary file and writes the history again, the same tree as a run not killed.
expect_exit 0 "$BANGFU_TH" -d clean init
expect_exit 0 env BANGFU_TODAY=2026-03-01 "$BANGFU_TH" -d clean demo --households 300 --seed 5
clean_tree=$(git --git-dir=clean/audit.git rev-parse 'HEAD^{tree}')
# packs of 50 objects (the test-hooks build; 200,000 otherwise): the same tree, from
# many packs (small ones, folded into one by the flush afterwards)
rm -rf s; expect_exit 0 "$BANGFU_TH" -d s init
expect_exit 0 env BANGFU_TODAY=2026-03-01 BANGFU_TEST_PACK_CHUNK=50 "$BANGFU_TH" -d s demo --households 300 --seed 5
[ "$(git --git-dir=s/audit.git rev-parse 'HEAD^{tree}')" = "$clean_tree" ] || fail "packs of 50: another tree"
expect_exit 0 "$BANGFU_TH" -d s audit verify
git --git-dir=s/audit.git fsck --no-dangling > fsck.out 2>&1 || { cat fsck.out; fail "packs of 50: git fsck"; }
for point in stream-before-pack-end stream-after-pack-end; do
	rm -rf s; expect_exit 0 "$BANGFU_TH" -d s init
	expect_exit 86 env BANGFU_TODAY=2026-03-01 BANGFU_FAULT=$point "$BANGFU_TH" -d s demo --households 300 --seed 5
	expect_grep "fault injected at $point" err
	n=$(ls s/audit.git/objects/pack | grep -c '^tmp_pack_' || true)
	case $point in
	*before*) [ "$n" -eq 1 ] || fail "$point: $n temporary packs, expected the one being written" ;;
	*after*) [ "$n" -eq 0 ] || fail "$point: $n temporary packs left" ;;
	esac
	expect_exit 0 "$BANGFU_TH" -d s list --limit 1
	[ "$(git --git-dir=s/audit.git rev-parse 'HEAD^{tree}')" = "$clean_tree" ] || fail "$point: another tree"
	ls s/audit.git/objects/pack | grep -q '^tmp_pack_' && fail "$point: a temporary pack stayed"
	expect_exit 0 "$BANGFU_TH" -d s audit verify
	git --git-dir=s/audit.git fsck --no-dangling > fsck.out 2>&1 || { cat fsck.out; fail "$point: git fsck"; }
done
# The texts of an import or the demo go into packs as they are written; those packs are
# synced before the COMMIT. Killed between the two: nothing was imported, the packs
# are unreferenced, and the same demo run again gives the same tree.
rm -rf s; expect_exit 0 "$BANGFU_TH" -d s init
expect_exit 86 env BANGFU_TODAY=2026-03-01 BANGFU_FAULT=bulk-packs-written "$BANGFU_TH" -d s demo --households 300 --seed 5
[ "$(sqlite3 s/bangfu.db "SELECT count(*) FROM households")" -eq 0 ] || fail "a killed demo wrote households"
[ "$(sqlite3 s/bangfu.db "SELECT count(*) FROM event_files WHERE event_id > 2")" -eq 0 ] || fail "a killed demo wrote files"
# into an empty register the demo drops the secondary indexes none of its statements
# reads until its end (store/defer.c): killed meanwhile, every index is still there, as
# init made it; after a demo that ends, every index is there again, the same
indexes() { sqlite3 s/bangfu.db "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"; }
rm -rf s; expect_exit 0 "$BANGFU_TH" -d s init
indexes > indexes.init
grep -q '^members_id_number|CREATE UNIQUE INDEX' indexes.init || fail "no unique index members_id_number"
[ "$(wc -l < indexes.init)" -gt 40 ] || fail "init made only $(wc -l < indexes.init) indexes"
expect_exit 86 env BANGFU_TODAY=2026-03-01 BANGFU_FAULT=bulk-indexes-dropped "$BANGFU_TH" -d s demo --households 300 --seed 5
indexes > indexes.killed
cmp -s indexes.init indexes.killed || { diff indexes.init indexes.killed; fail "a killed demo left the register without the indexes it drops while it writes"; }
[ "$(sqlite3 s/bangfu.db "SELECT count(*) FROM households")" -eq 0 ] || fail "a killed demo wrote households"
expect_exit 0 "$BANGFU_TH" -d s audit verify
expect_exit 0 env BANGFU_TODAY=2026-03-01 "$BANGFU_TH" -d s demo --households 300 --seed 5
indexes > indexes.after
cmp -s indexes.init indexes.after || { diff indexes.init indexes.after; fail "after the demo the indexes are not those init made"; }
[ "$(sqlite3 s/bangfu.db "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the demo"
[ "$(git --git-dir=s/audit.git rev-parse 'HEAD^{tree}')" = "$clean_tree" ] || fail "after bulk-indexes-dropped: another tree"
expect_exit 0 "$BANGFU_TH" -d s audit verify
expect_exit 0 env BANGFU_TODAY=2026-03-01 "$BANGFU_TH" -d s demo --households 300 --seed 5
[ "$(git --git-dir=s/audit.git rev-parse 'HEAD^{tree}')" = "$clean_tree" ] || fail "after bulk-packs-written: another tree"
expect_exit 0 "$BANGFU_TH" -d s audit verify
# SIGINT while a large event's flush has its pack writer's thread running: held off like
# any signal during the flush (the thread takes none), acted on once the history is written
rm -rf s; expect_exit 0 "$BANGFU_TH" -d s init
env --default-signal=INT BANGFU_TODAY=2026-03-01 BANGFU_FAULT=pause-stream-before-pack-end \
	"$BANGFU_TH" -d s demo --households 300 --seed 5 >/dev/null 2>&1 &
pid=$!
i=0
# the demo's event committed: its flush is under way (and pauses a second in the stream)
while [ $i -lt 200 ] && [ "$(sqlite3 s/bangfu.db "SELECT count(*) FROM events WHERE verb = 'demo'" 2>/dev/null)" != 1 ]; do
	sleep 0.05; i=$((i + 1))
done
kill -s INT "$pid"
set +e; wait "$pid"; rc=$?; set -e
[ "$rc" -gt 128 ] || fail "SIGINT during the stream was not acted on after the flush (exit $rc)"
[ "$(git --git-dir=s/audit.git rev-parse 'HEAD^{tree}')" = "$clean_tree" ] || fail "SIGINT during the stream: the history is not complete"
expect_exit 0 "$BANGFU_TH" -d s audit verify
