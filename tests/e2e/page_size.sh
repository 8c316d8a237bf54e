# The page size of the database (store/db.c db_open, branch import5): a register made
# now, and one made again by rebuild, has 16 KiB pages; a register whose file was made
# with 4 KiB pages (every register before) keeps them, and is read, written, exported
# and verified as before.
. "$TESTS/lib.sh"
expect_exit 0 "$BANGFU" -d d init
[ "$(sqlite3 d/bangfu.db "PRAGMA page_size")" = 16384 ] || fail "a new register's page size"
expect_exit 0 "$BANGFU" -d d demo --households 200 --seed 2
[ "$(sqlite3 d/bangfu.db "PRAGMA journal_mode")" = wal ] || fail "not in WAL mode"
"$BANGFU" -d d export households > new.csv || fail "export"
# the same register with the 4 KiB pages of a file made before (VACUUM rewrites it;
# the page size of a file in WAL mode changes only through a rollback journal)
cp -a d old
sqlite3 old/bangfu.db "PRAGMA journal_mode=DELETE; PRAGMA page_size=4096; VACUUM; PRAGMA journal_mode=WAL" > /dev/null ||
	fail "making the 4 KiB copy"
[ "$(sqlite3 old/bangfu.db "PRAGMA page_size")" = 4096 ] || fail "the copy's page size"
id=$("$BANGFU" -d old export households | sed -n '2p' | cut -d, -f1)
[ -n "$id" ] || fail "no 户编号"
hid=$(sqlite3 old/bangfu.db "SELECT id FROM households WHERE household_no = '$id'")
expect_exit 0 "$BANGFU" -d old set "$hid" hamlet 新屋 --why test
[ "$(sqlite3 old/bangfu.db "PRAGMA page_size")" = 4096 ] || fail "an open changed the page size"
expect_exit 0 "$BANGFU" -d old show "$hid"
expect_grep 新屋 out
"$BANGFU" -d old export households > old.csv || fail "export of the copy"
[ "$(grep -c 新屋 old.csv)" -ge 1 ] || fail "the edit is not in the export"
expect_exit 0 "$BANGFU" -d old audit verify
sqlite3 old/bangfu.db "PRAGMA integrity_check" | grep -qx ok || fail "integrity_check"
# rebuild (from the history alone) makes a new file: 16 KiB pages again, the same register
mv old/bangfu.db old.db; rm -f old/bangfu.db-wal old/bangfu.db-shm
expect_exit 0 "$BANGFU" -d old rebuild
[ "$(sqlite3 old/bangfu.db "PRAGMA page_size")" = 16384 ] || fail "the rebuilt file's page size"
"$BANGFU" -d old export households > rebuilt.csv || fail "export after rebuild"
cmp -s old.csv rebuilt.csv || fail "rebuild changed the export"
expect_exit 0 "$BANGFU" -d old audit verify
echo ok
