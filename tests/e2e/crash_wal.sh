# The WAL is kept between processes (SQLITE_FCNTL_PERSIST_WAL, store/db.c): a close
# leaves a short WAL's frames where they are (no checkpoint: db_close), and the last
# close checkpoints a WAL of DB_WAL_KEEP_FRAMES frames or more into bangfu.db and empties
# it (BANGFU_TEST_WAL_KEEP sets that bound in the test-hooks build; 0: every close). After
# a clean command bangfu.db with its -wal holds every saved change; killed before the
# close, the next start reads the frames back; and a WAL whose emptying a power cut lost
# (frames already in bangfu.db) is read again harmlessly. Uses the test-hooks build
# (BANGFU_FAULT).
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
hamlet() { sqlite3 "$1" "SELECT hamlet FROM households WHERE household_no = '4418210001'"; }
expect_exit 0 "$BANGFU_TH" -d d init
expect_exit 0 "$BANGFU_TH" -d d import households "$data/good.csv"

# a frame is the page (its size in the WAL header's bytes 8-11, big-endian) and 24 bytes
frames() { echo $(( ($(stat -c %s d/bangfu.db-wal) - 32) / ($(od -An -tu4 --endian=big -j8 -N4 d/bangfu.db-wal) + 24) )); }
# a clean edit: its frames stay in the -wal (no checkpoint at close); bangfu.db with its
# -wal has the change and its commit id, and so does every later command
expect_exit 0 "$BANGFU_TH" -d d set 4418210001 hamlet 东围 --why 改
[ -s d/bangfu.db-wal ] || fail "the short WAL was checkpointed and emptied at close"
mkdir alone; cp d/bangfu.db d/bangfu.db-wal alone/
[ "$(hamlet alone/bangfu.db)" = 东围 ] || fail "bangfu.db with its -wal lacks the edit"
[ "$(sqlite3 alone/bangfu.db "SELECT count(*) FROM events WHERE commit_id IS NULL")" -eq 0 ] ||
	fail "bangfu.db with its -wal lacks a commit id"
expect_exit 0 "$BANGFU_TH" -d d show 4418210001
expect_grep "东围" out
expect_exit 0 "$BANGFU_TH" -d d audit verify
# the WAL grows edit by edit, and the close that finds it at the bound empties it: then
# bangfu.db alone has every change (as after every close when the bound is 0)
n=$(frames)
expect_exit 0 "$BANGFU_TH" -d d set 4418210001 hamlet 南围 --why 改
[ "$(frames)" -gt "$n" ] || fail "the second edit's frames were not appended to the kept WAL"
expect_exit 0 env BANGFU_TEST_WAL_KEEP=$(( $(frames) + 1 )) "$BANGFU_TH" -d d set 4418210001 hamlet 东围 --why 改
[ -f d/bangfu.db-wal ] || fail "the -wal was removed at close"
[ ! -s d/bangfu.db-wal ] || fail "the WAL at its bound was not emptied at close ($(stat -c %s d/bangfu.db-wal) bytes)"
rm -rf alone; mkdir alone; cp d/bangfu.db alone/
[ "$(hamlet alone/bangfu.db)" = 东围 ] || fail "bangfu.db alone lacks the edit after the checkpoint"
[ "$(sqlite3 alone/bangfu.db "SELECT count(*) FROM events WHERE commit_id IS NULL")" -eq 0 ] ||
	fail "bangfu.db alone lacks a commit id after the checkpoint"
# a read-only command leaves a short WAL as it is
expect_exit 0 "$BANGFU_TH" -d d set 4418210001 hamlet 东围二 --why 改
n=$(stat -c %s d/bangfu.db-wal)
expect_exit 0 "$BANGFU_TH" -d d list
[ "$(stat -c %s d/bangfu.db-wal)" = "$n" ] || fail "a list changed the short WAL"

# killed before the close: the frames (the edit, its commit id) are in the kept -wal; the
# next start reads them back (and, at the bound, folds them in and empties the -wal)
expect_exit 86 env BANGFU_FAULT=before-db-close "$BANGFU_TH" -d d set 4418210001 hamlet 下围 --why 改
expect_grep "fault injected at before-db-close" err
[ -s d/bangfu.db-wal ] || fail "no frames in the -wal of a process killed before its close"
cp d/bangfu.db-wal frames.saved
expect_exit 0 "$BANGFU_TH" -d d show 4418210001
expect_grep "下围" out
expect_exit 0 env BANGFU_TEST_WAL_KEEP=0 "$BANGFU_TH" -d d list
[ ! -s d/bangfu.db-wal ] || fail "the next start did not fold the frames in and empty the -wal"
rm -rf alone; mkdir alone; cp d/bangfu.db alone/
[ "$(hamlet alone/bangfu.db)" = 下围 ] || fail "the killed edit is not in bangfu.db after the next start"
expect_exit 0 "$BANGFU_TH" -d d audit verify

# the emptying lost (a power cut after the checkpoint): the same frames again, harmless
cp frames.saved d/bangfu.db-wal
expect_exit 0 "$BANGFU_TH" -d d audit verify
expect_exit 0 "$BANGFU_TH" -d d show 4418210001
expect_grep "下围" out
expect_exit 0 env BANGFU_TEST_WAL_KEEP=0 "$BANGFU_TH" -d d set 4418210001 hamlet 中围 --why 改
[ ! -s d/bangfu.db-wal ] || fail "the -wal was not emptied"
[ "$(hamlet d/bangfu.db)" = 中围 ] || fail "the edit after the replayed frames is lost"
expect_exit 0 "$BANGFU_TH" -d d audit verify
git --git-dir=d/audit.git log -1 --format=%B > m
expect_grep "Bangfu-Event: 9" m

# a database lost after its writer was killed (frames left in its -wal): the rebuilt one
# does not read the lost file's frames as its own
expect_exit 86 env BANGFU_FAULT=before-db-close "$BANGFU_TH" -d d set 4418210001 hamlet 西围 --why 改
[ -s d/bangfu.db-wal ] || fail "no frames in the -wal of a process killed before its close"
mv d/bangfu.db lost.db
expect_exit 0 "$BANGFU_TH" -d d rebuild
[ "$(sqlite3 d/bangfu.db "PRAGMA integrity_check")" = ok ] || fail "the rebuilt database is damaged"
[ "$(hamlet d/bangfu.db)" = 西围 ] || fail "the rebuilt database lacks the last event"
expect_exit 0 "$BANGFU_TH" -d d audit verify
expect_exit 0 "$BANGFU_TH" -d d set 4418210001 hamlet 北围 --why 改
expect_exit 0 "$BANGFU_TH" -d d audit verify
