# Corrections from a household's screen: X ends a measure and records a birth, O shows
# the household as it stood at the end of a day (from the audit history). Each change is
# one commit by the caseworker with the reason.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821
expect_exit 0 as wang measure add 4418210001 --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶

ui_as 110 30 wang
ui_wait "人均纯收入"
ui_keys Enter
ui_wait "Household H4418210000001"

# X measure-end
ui_keys X; ui_wait "correct (Tab:"
ui_type "measure-end"; ui_keys Enter; ui_wait "measure (M...)"
ui_type "M0000001"; ui_keys Enter; ui_wait "ended on"
ui_type "2026-03-15"; ui_keys Enter; ui_wait "reason"
ui_type "岗位期满"; ui_keys Enter
ui_wait "measure ended"
last_commit > c.txt
expect_grep "^wang@bangfu|measure end H4418210000001 M0000001: 岗位期满|岗位期满" c.txt

# X member-add (a birth)
ui_keys X; ui_wait "correct (Tab:"
ui_type "member-add"; ui_keys Enter; ui_wait "kind (Tab:"
ui_type "birth"; ui_keys Enter; ui_wait "name 姓名"
ui_type "李小宝"; ui_keys Enter; ui_wait "ID number"
ui_type "110105202601010019"; ui_keys Enter; ui_wait "relation to the head"
ui_type "之子"; ui_keys Enter; ui_wait "reason"
ui_type "新生儿登记"; ui_keys Enter
ui_wait "member added"
last_commit > c.txt
expect_grep "^wang@bangfu|member add H4418210000001: 出生 birth: 新生儿登记|出生 birth: 新生儿登记" c.txt
[ "$(sqlite3 d/bangfu.db "SELECT household_id FROM members WHERE name = '李小宝'")" = H4418210000001 ] || \
	fail "the birth is not recorded"

# O: as it stood today (the member is there, her ID number masked)
ui_keys O; ui_wait "as it stood at the end of"
day=$(TZ=Asia/Shanghai date +%F)   # the UI's time zone (tests/ui_lib.sh)
ui_type "$day"; ui_keys Enter
ui_wait "as of $day"
ui_keys G
ui_wait "李小宝"
ui_screen
expect_no_grep "110105202601010019" screen.txt
ui_keys q
ui_keys Q
ui_done
