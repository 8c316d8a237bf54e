# Migration 16 (store/db.c, branch perf_import3): a register made before it, whose
# members' ID numbers were unique by the table's own UNIQUE, is rebuilt at its next open
# with a unique index of its own name (members_id_number): every member row is kept with
# its rowid, the names' index is there again, a second member with an ID number is still
# refused, the export is the same and the history verifies.
. "$TESTS/lib.sh"
expect_exit 0 "$BANGFU" -d d init
expect_exit 0 env BANGFU_TODAY=2026-03-01 "$BANGFU" -d d demo --households 300 --seed 4
"$BANGFU" -d d export households > before.csv || fail "export before"
# the members table as the migrations before 16 left it (migration 1's table, 6's columns)
sqlite3 d/bangfu.db "BEGIN;
CREATE TABLE m15(household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, name TEXT NOT NULL, id_number TEXT NOT NULL UNIQUE,
  id_original TEXT, birth TEXT, relation TEXT NOT NULL, sex TEXT, ethnicity TEXT,
  health TEXT, labour TEXT, school_stage TEXT, education TEXT, months_worked TEXT,
  phone TEXT, PRIMARY KEY(household_id, seq));
ALTER TABLE m15 ADD COLUMN disability_class TEXT; ALTER TABLE m15 ADD COLUMN disability_cert TEXT;
ALTER TABLE m15 ADD COLUMN work_place TEXT; ALTER TABLE m15 ADD COLUMN resident_insurance TEXT;
ALTER TABLE m15 ADD COLUMN employee_insurance TEXT; ALTER TABLE m15 ADD COLUMN dibao TEXT;
ALTER TABLE m15 ADD COLUMN tekun TEXT; ALTER TABLE m15 ADD COLUMN benefits TEXT;
INSERT INTO m15(rowid, household_id, seq, name, id_number, id_original, birth, relation, sex,
  ethnicity, health, labour, school_stage, education, months_worked, phone, disability_class,
  disability_cert, work_place, resident_insurance, employee_insurance, dibao, tekun, benefits)
  SELECT rowid, household_id, seq, name, id_number, id_original, birth, relation, sex,
  ethnicity, health, labour, school_stage, education, months_worked, phone, disability_class,
  disability_cert, work_place, resident_insurance, employee_insurance, dibao, tekun, benefits
  FROM members ORDER BY rowid DESC;
DROP TABLE members; ALTER TABLE m15 RENAME TO members;
CREATE INDEX members_name_household ON members(name, household_id);
PRAGMA user_version = 15; COMMIT;" || fail "making the old members table"
uniq_by_table="SELECT count(*) FROM pragma_index_list('members') WHERE origin = 'u'"
[ "$(sqlite3 d/bangfu.db "$uniq_by_table")" = 1 ] || fail "the old table has no UNIQUE of its own"
rows="SELECT rowid, * FROM members ORDER BY rowid"
sqlite3 d/bangfu.db "$rows" > rows.before
[ "$(wc -l < rows.before)" -gt 900 ] || fail "only $(wc -l < rows.before) members"
# the next open migrates
expect_exit 0 "$BANGFU" -d d list --limit 1
[ "$(sqlite3 d/bangfu.db "PRAGMA user_version")" -ge 16 ] || fail "not migrated"
sqlite3 d/bangfu.db "$rows" > rows.after
cmp -s rows.before rows.after || fail "the migration changed the members' rows"
[ "$(sqlite3 d/bangfu.db "$uniq_by_table")" = 0 ] || fail "the table still has its own UNIQUE"
[ "$(sqlite3 d/bangfu.db "SELECT sql FROM sqlite_master WHERE name = 'members_id_number'")" = \
  "CREATE UNIQUE INDEX members_id_number ON members(id_number)" ] || fail "no members_id_number"
[ -n "$(sqlite3 d/bangfu.db "SELECT sql FROM sqlite_master WHERE name = 'members_name_household'")" ] ||
	fail "no members_name_household"
sqlite3 d/bangfu.db "PRAGMA integrity_check" | grep -qx ok || fail "integrity_check"
[ -z "$(sqlite3 d/bangfu.db "PRAGMA foreign_key_check")" ] || fail "foreign_key_check"
# the same schema as a register made now
expect_exit 0 "$BANGFU" -d fresh init
schema="SELECT type, name, tbl_name FROM sqlite_master ORDER BY name"
sqlite3 d/bangfu.db "$schema" > schema.d; sqlite3 fresh/bangfu.db "$schema" > schema.fresh
cmp -s schema.d schema.fresh || { diff schema.fresh schema.d; fail "another schema than a new register's"; }
# a second member with an ID number is refused, by the index and through bangfu
sqlite3 d/bangfu.db "INSERT INTO members(household_id, seq, name, id_number, relation) SELECT household_id, 99, name, id_number, relation FROM members LIMIT 1" 2>/dev/null &&
	fail "a second member with the same ID number was taken"
"$BANGFU" -d d export households --reveal --why "核对" > all.csv || fail "export --reveal"
id=$(sed -n 2p all.csv | tr ',' '\n' | grep -E '^[0-9]{17}[0-9X]$' | head -1)
[ -n "$id" ] || fail "no ID number on line 2"
{ head -n 1 all.csv; sed -n 2p all.csv | sed 's/^[0-9]*,/4418219999999999,/'; } > dup.csv
expect_exit 1 "$BANGFU" -d d import households dup.csv
expect_grep "$id" err
"$BANGFU" -d d export households > after.csv || fail "export after"
cmp -s before.csv after.csv || fail "the export changed"
expect_exit 0 "$BANGFU" -d d audit verify
echo ok
