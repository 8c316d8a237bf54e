# Import reads a large file in pieces (IMPORT_PIECE = 2000 households, tui/cli_register.c)
# and still takes or refuses it whole: a bad row near the end of a 2,500-household file
# (an ID number already on line 2, 2,000 households earlier: found across pieces) writes
# nothing at all, not even the packs of the piece written before it was found; a household whose rows are at both ends of the file is read whole;
# --skip-bad writes the rest and the one refused row; the result exports back as the
# file was (the moved member last), in one audit event, and verifies; killed at any
# moment, it has written all or nothing and the history verifies after the next start.
# both locales
. "$TESTS/lib.sh"
# imported N NEW UPDATED: the report of a household import, as a grep pattern
imported() { Mnre 'imported %d household (%d new, %d updated%s), %d people from %s [%s]\n' \
	'imported %d households (%d new, %d updated%s), %d people from %s [%s]\n' "$1" "$@"; }
expect_exit 0 "$BANGFU" -d a init
expect_exit 0 "$BANGFU" -d a demo --households 2500 --seed 7
"$BANGFU" -d a export households --reveal --why "导出" > all.csv
rows=$(wc -l < all.csv)
[ "$rows" -gt 5000 ] || fail "expected a large file, got $rows lines"

# one more household, one row, near the end: its ID number is line 2's
first=$(sed -n 2p all.csv)
id=$(echo "$first" | tr ',' '\n' | grep -E '^[0-9]{17}[0-9X]$' | head -1)
[ -n "$id" ] || fail "no ID number on line 2"
dup=$(echo "$first" | sed 's/^[0-9]*,/4418219999999999,/')
{ head -n $((rows - 1)) all.csv; echo "$dup"; tail -n 1 all.csv; } > bad.csv
expect_exit 0 "$BANGFU" -d b init
before=$(git --git-dir=b/audit.git rev-list --count HEAD)
expect_exit 1 "$BANGFU" -d b import households bad.csv
expect_grep "bad.csv:$rows: 证件号码: $(Mf 'ID number %s already on line %ld' "$id" 2)" err
expect_grep "^$(Mnre 'bangfu: %s: %d defect: nothing was imported (fix it, or use --skip-bad to import the good households)\n' \
	'bangfu: %s: %d defects: nothing was imported (fix them, or use --skip-bad to import the good households)\n' \
	1 bad.csv 1)$" err
[ "$LANGUAGE" != zh_CN ] || { expect_grep "已在第 2 行出现" err; expect_no_grep "already\|nothing was imported" err; }
[ "$(git --git-dir=b/audit.git rev-list --count HEAD)" = "$before" ] || fail "a refused import wrote history"
expect_exit 0 "$BANGFU" -d b list --limit 0
[ ! -s out ] || fail "a refused import wrote households"
sqlite3 b/bangfu.db "SELECT count(*) FROM members" | grep -qx 0 || fail "a refused import wrote members"
# into an empty register the file is written while it is checked (one pass): the 2,000
# households of the first piece were written before the defect, and their blobs went into
# packs (one every 100 objects here); the refusal rolls them back and removes the packs:
# audit.git holds the files it held, no pack and no temporary file more
ls b/audit.git/objects/pack > packs.before
BANGFU_TEST_PACK_CHUNK=100 expect_exit 1 "$BANGFU_TH" -d b import households bad.csv
expect_grep "bad.csv:$rows: 证件号码: $(Mf 'ID number %s already on line %ld' "$id" 2)" err
ls b/audit.git/objects/pack > packs.after
cmp packs.before packs.after || fail "a refused import left packs: $(cat packs.after)"
sqlite3 b/bangfu.db "SELECT count(*) FROM households" | grep -qx 0 || fail "a refused import wrote households"

# the first household's first row moved to the very end: the household is still one
{ head -n 1 all.csv; sed -n '3,$p' all.csv; echo "$first"; } > moved.csv
expect_exit 0 "$BANGFU" -d b import households moved.csv
expect_grep "$(imported 2500 2500 0)" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^已导入 2500 户（新增 2500 户，更新 0 户）" out
[ "$(git --git-dir=b/audit.git rev-list --count HEAD)" = "$((before + 1))" ] || fail "not one event"
"$BANGFU" -d b export households --reveal --why "核对" > b.csv
# the same rows (the moved member is now the household's last)
sort all.csv > all.sorted; sort b.csv > b.sorted
cmp all.sorted b.sorted || fail "the import in pieces differs from the file"
expect_exit 0 "$BANGFU" -d b audit verify
# into an empty register the secondary indexes no statement of the import reads (the
# members' names and ID numbers among them) were dropped while the rows were written and
# made again before the COMMIT (store/defer.c): the same indexes as a new register's
expect_exit 0 "$BANGFU" -d fresh init
idx="SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
sqlite3 b/bangfu.db "$idx" > idx.b; sqlite3 fresh/bangfu.db "$idx" > idx.fresh
grep -q '^members_name_household|' idx.b || fail "the import left no members_name_household"
grep -q '^members_id_number|CREATE UNIQUE INDEX' idx.b || fail "the import left no members_id_number"
cmp -s idx.b idx.fresh || { diff idx.fresh idx.b; fail "the import left other indexes than a new register's"; }
sqlite3 b/bangfu.db "PRAGMA integrity_check" | grep -qx ok || fail "integrity_check after the import"
# the unique index made again still refuses a second member with an ID number
sqlite3 b/bangfu.db "INSERT INTO members(household_id, seq, name, id_number, relation) SELECT household_id, 99, name, id_number, relation FROM members LIMIT 1" 2>/dev/null &&
	fail "a second member with the same ID number was taken"

# --skip-bad: every good household, the bad row in the rejected file
expect_exit 0 "$BANGFU" -d c init
expect_exit 0 "$BANGFU" -d c import households bad.csv --skip-bad
expect_grep "$(imported 2500 2500 0)" out
expect_grep "^$(Mnre 'rejected %d household: its rows are in %s\n' 'rejected %d households: their rows are in %s\n' 1 1 bad.csv.rejected.csv)$" out
[ "$LANGUAGE" != zh_CN ] || expect_no_grep "imported\|rejected [0-9]" out
[ "$(wc -l < bad.csv.rejected.csv)" -eq 2 ] || fail "rejected file: $(cat bad.csv.rejected.csv)"
grep -q "^4418219999999999,.*$(Mf 'ID number %s already on line %ld' "$id" 2)" bad.csv.rejected.csv || fail "rejected row missing"
expect_exit 0 "$BANGFU" -d c audit verify

# standard input is read whole (it cannot be read twice) and imports the same
expect_exit 0 "$BANGFU" -d e init
"$BANGFU" -d e import households - < all.csv > out 2> err || fail "stdin import: $(cat err)"
expect_grep "$(imported 2500 2500 0)" out

# killed at any moment (SIGKILL: no clean-up), the import has written all of the file or
# none of it, and after the next start the history verifies
for at in 0.2 0.4 0.6 0.8 1.0 1.2 1.6 2.5; do
	rm -rf k; expect_exit 0 "$BANGFU" -d k init
	"$BANGFU" -d k import households all.csv > /dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	expect_exit 0 "$BANGFU" -d k audit verify
	n=$("$BANGFU" -d k list --limit 0 2>/dev/null | wc -l)
	[ "$n" -eq 0 ] || [ "$n" -eq 2500 ] || fail "killed after ${at}s: $n of 2500 households written"
	m=$(sqlite3 k/bangfu.db "SELECT count(*) FROM members")
	[ "$m" -eq 0 ] || [ "$m" -eq 10058 ] || fail "killed after ${at}s: $m members written"
	echo "killed after ${at}s: $n households" >&2
done
