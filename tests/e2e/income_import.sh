# A register file's 家庭人均纯收入 as an income assessment (issue 10): with
# --income-year the figure becomes an assessment of that year (no lines, 12 months,
# assessed the day of the import) which the elimination rule compares with that year's
# monitoring line; a file's own 收入年度 column gives the year where it is filled; a year
# without a line is refused before anything is written;
# importing the same file again adds nothing; without the option the figure stays bare
# and the import says so. Rebuild gives the assessments back.
# both locales
. "$TESTS/lib.sh"
NL='
'
# lit TEXT: TEXT as a grep pattern matching itself
# assessed N FILE_COLUMN ELSE YEAR: the import's line on the assessments it made
assessed() { expect_grep "$(Mf "income assessments from 家庭人均纯收入: %d (%s%s%s)$NL" "$@")" out; }
FILES_YEAR=$(M "the file's 收入年度")
BARE=$(Mre "note: %s's 家庭人均纯收入 stays the register's figure, no assessment: give --income-year YYYY to record it as that year's income assessment$NL")
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
B=$BANGFU_TH
me=$(id -un)
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }
H1=H4418210000001

expect_exit 0 "$B" -d d init
before=$(commits)
expect_exit 1 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 台账
expect_grep "$(Mre '--income-year %s: there is no monitoring line for %s to compare the incomes with: set it first (bangfu setting set %s YUAN --why ...)' 2025 2025)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "没有 2025 的监测线" err
expect_exit 1 "$B" -d d import households "$data/good.csv" --income-year 2030 --why 台账
expect_grep "$(Mf '--income-year: "%s" is not a year from 2000 to this one' 2030)" err
[ "$(commits)" = "$before" ] || fail "a refused import wrote"
expect_exit 0 "$B" -d d setting set monitoring_line.2025 7500 --why 2025年监测线
expect_exit 0 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 台账
assessed 2 "" "" 2025
expect_exit 0 "$B" -d d show $H1
expect_grep "^\[income I000000[12]\]" out
expect_grep "^year: 2025" out
expect_grep "^assessed: 2026-03-20" out
expect_grep "^per_capita: 6800" out
expect_no_grep "^wage:" out
# the rule reads it against 2025's line (7500), not the day's year's (8000 seeded)
case_id=$(sed -n 's/^\[case \(C[0-9]*\)\]/\1/p' out | head -1)
expect_exit 1 "$B" -d d case move "$case_id" request_elim --why 申请消除
expect_grep "$(Mf 'per-capita income %.2f is not above the monitoring line %.2f' 6800 7500)" err
# the same file again: nothing changes
before=$(commits)
expect_exit 0 "$B" -d d import households "$data/good.csv" --income-year 2025 --why 再次导入
expect_grep "$(lit "$(Mnf "nothing to change: the %d household of %s is already as it says [%s]$NL" \
	"nothing to change: the %d households of %s are already as it says [%s]$NL" 2 2 "$data/good.csv" UTF-8)")" out
[ "$(commits)" = "$before" ] || fail "importing the same figures again wrote"
# a new figure for the year: a further assessment (the latest counts)
sed 's/,6800,/,7800,/' "$data/good.csv" > better.csv
expect_exit 0 "$B" -d d import households better.csv --income-year 2025 --why 年中复核
assessed 1 "" "" 2025
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "expected two assessments of $H1"
expect_exit 1 "$B" -d d case move "$case_id" request_elim --why 申请消除
expect_no_grep "$(Mre 'per-capita income %.2f is not above the monitoring line %.2f')" err
# without the option: the figure stays bare, said
sed 's/,7800,/,9900,/' better.csv > bare.csv
expect_exit 0 "$B" -d d import households bare.csv --why 不记核算
expect_grep "$BARE" out
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "an import without --income-year added an assessment"
# a file with its own 收入年度 column: each household's year from it (the option is not
# needed), checked as a year and the same on every row of a household
expect_exit 0 "$B" -d d setting set monitoring_line.2024 7000 --why 2024年监测线
hdr='户编号,县区代码,乡镇代码,乡镇,行政村代码,行政村,姓名,证件号码,与户主关系,户类型,家庭人均纯收入,收入年度'
row1='4418210011,441821,441821103,龙山镇,441821103201,关前村,陈大文,441821197501011016,户主,一般农户,9000'
row2='4418210011,441821,441821103,龙山镇,441821103201,关前村,陈小文,441821197501011024,之子,一般农户,9000'
row3='4418210012,441821,441821101,水头镇,441821101203,西田村,陈四文,441821197501011040,户主,一般农户,7100'
printf '%s\n' "$hdr" "$row1,2024" "$row2,2024" "$row3," > yearcol.csv
expect_exit 0 "$B" -d d import households yearcol.csv --why 带年度台账
expect_grep "收入年度: $(M "taken as the year of 家庭人均纯收入: it becomes that year's income assessment")" err
assessed 1 "$FILES_YEAR" "" ""
expect_no_grep "$BARE" out
expect_exit 0 "$B" -d d show 4418210011
expect_grep "^year: 2024" out
expect_grep "^per_capita: 9000" out
expect_exit 0 "$B" -d d show 4418210012
expect_no_grep "^\[income" out                  # an empty cell and no option: no assessment
# a cell wins over the option, which fills the empty ones
printf '%s\n' "$hdr" "$row1,2024" "$row2,2024" "$row3," > yearcol2.csv
expect_exit 0 "$B" -d d import households yearcol2.csv --income-year 2025 --why 补年度
assessed 1 "$FILES_YEAR" "$(M ', else ')" 2025
expect_exit 0 "$B" -d d show 4418210012
expect_grep "^year: 2025" out
printf '%s\n' "$hdr" "$row1,2024" "$row2,2023" > mixed.csv
expect_exit 1 "$B" -d d import households mixed.csv --why 年度不一
expect_grep "$(Mf 'household-level value "%s" differs from "%s" on an earlier row of the same household' 2023 2024)" err
printf '%s\n' "$hdr" "$row1,二〇二四" "$row2,二〇二四" > badyear.csv
expect_exit 1 "$B" -d d import households badyear.csv --why 年度错
expect_grep "$(Mf '"%s" is not a year from 2000 to this one' 二〇二四)" err
expect_exit 0 "$B" -d d audit verify
mkdir old && mv d/bangfu.db* old/
expect_exit 0 "$B" -d d rebuild
expect_exit 0 "$B" -d d show $H1
[ "$(grep -c '^\[income ' out)" -eq 2 ] || fail "rebuild lost the imported assessments"
expect_exit 0 "$B" -d d show 4418210011
expect_grep "^year: 2024" out
