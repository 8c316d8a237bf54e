# A register file's 家庭人均纯收入 as an income assessment (issue 10): with
# --income-year the figure becomes an assessment of that year (no lines, 12 months,
# assessed the day of the import) which the elimination rule compares with that year's
# monitoring line; a year without a line is refused before anything is written;
# importing the same file again adds nothing; without the option the figure stays bare
# and the import says so. Rebuild gives the assessments back.
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
B=$BANGFU_TH
me=$(id -un)
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }
H1=H4418210000001

expect_exit 0 "$B" -d d init
before=$(commits)
expect_exit 1 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 台账
expect_grep "no monitoring line for 2025" err
expect_exit 1 "$B" -d d import households "$data/good.csv" --income-year 2030 --why 台账
expect_grep '"2030" is not a year from 2000 to this one' err
[ "$(commits)" = "$before" ] || fail "a refused import wrote"
expect_exit 0 "$B" -d d setting set monitoring_line.2025 7500 --why 2025年监测线
expect_exit 0 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 台账
expect_grep "income assessments of 2025 from 家庭人均纯收入: 2" out
expect_exit 0 "$B" -d d show $H1
expect_grep "^\[income I000000[12]\]" out
expect_grep "^year: 2025" out
expect_grep "^assessed: 2026-03-20" out
expect_grep "^per_capita: 6800" out
expect_no_grep "^wage:" out
# the rule reads it against 2025's line (7500), not the day's year's (8000 seeded)
case_id=$(sed -n 's/^\[case \(C[0-9]*\)\]/\1/p' out | head -1)
expect_exit 1 "$B" -d d case move "$case_id" request_elim --why 申请消除
expect_grep "per-capita income 6800.00 is not above the monitoring line 7500.00" err
# the same file again: nothing changes
before=$(commits)
expect_exit 0 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 再次导入
expect_grep "nothing to change" out
[ "$(commits)" = "$before" ] || fail "importing the same figures again wrote"
# a new figure for the year: a further assessment (the latest counts)
sed 's/,6800,/,7800,/' "$data/good.csv" > better.csv
expect_exit 0 "$B" -d d import households better.csv --income-year 2025 --why 年中复核
expect_grep "income assessments of 2025 from 家庭人均纯收入: 1" out
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "expected two assessments of $H1"
expect_exit 1 "$B" -d d case move "$case_id" request_elim --why 申请消除
expect_no_grep "not above the monitoring line" err
# without the option: the figure stays bare, said
sed 's/,7800,/,9900,/' better.csv > bare.csv
expect_exit 0 "$B" -d d import households bare.csv --why 不记核算
expect_grep "家庭人均纯收入 stays the register's figure, no assessment: give --income-year" out
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "an import without --income-year added an assessment"
expect_exit 0 "$B" -d d audit verify
mkdir old && mv d/bangfu.db* old/
expect_exit 0 "$B" -d d rebuild
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "rebuild lost the imported assessments"
