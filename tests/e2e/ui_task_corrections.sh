# Corrections from the work views (issue 10): in tasks/today A gives a task to someone
# else and T moves its due date, each refused before the reason is asked (a new owner
# who does not see the task's region, a date that is not one; an auditor at once); in a
# household's history O shows the household as it stood at the end of that change's
# day; the `:` command line runs the correction verbs that have no form of their own
# (unit/team/pair edit|end, user edit|disable|enable), a refused one showing its reason.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add li --name 李村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add far --name 外县经办 --role caseworker --scope 441802
# the monitored household has its measure and visit: no rule task comes first
expect_exit 0 as wang measure add 4418210001 --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶
expect_exit 0 as wang visit add 4418210001 --visitor 小王 --method 入户 --findings 正常 --date 2026-03-19 --why 走访
expect_exit 0 as "$me" task add 核实家庭收入 --kind 核实 --owner wang --household 4418210001 --due 2026-03-22 --why 镇里安排
expect_grep "added task T0000001" out

ui_as 110 30 wang
ui_wait "人均纯收入"
ui_keys a
ui_wait_selected "T0000001"
# T: a date that is not one is refused and asked again, before any reason
ui_keys T; ui_wait "T0000001 due (YYYY-MM-DD; empty = none; now 2026-03-22)"
ui_keys C-u; ui_type "2026-02-30"; ui_keys Enter
ui_wait "is not a date"
ui_wait "T0000001 due"
ui_keys C-u; ui_type "2026-03-25"; ui_keys Enter
ui_wait "move T0000001 2026-03-25, reason"
ui_type "等材料"; ui_keys Enter
ui_wait "task T0000001: due 2026-03-25"
ui_wait_selected "2026-03-25"
last_commit > c.txt
expect_grep "^wang@bangfu|task due T0000001: 等材料|等材料" c.txt
# A: an owner who does not see the task's region is refused before the reason
ui_keys A; ui_wait "T0000001 to (a login; now wang's)"
ui_type "far"; ui_keys Enter
ui_wait "owner far: no bangfu user of that login who sees"
ui_keys C-u; ui_type "li"; ui_keys Enter
ui_wait "give T0000001 li, reason"
ui_type "换人负责"; ui_keys Enter
ui_wait "task T0000001: now li's"
last_commit > c.txt
expect_grep "^wang@bangfu|task assign T0000001: 换人负责|换人负责" c.txt
expect_exit 0 as "$me" task show T0000001
expect_grep "owner wang -> li: 换人负责" out
expect_grep "due 2026-03-22 -> 2026-03-25: 等材料" out

# history O: the household as it stood at the end of that change's day
expect_exit 0 as "$me" set 4418210001 家庭住址 "迳头镇青竹村新址" --why 搬家
ui_keys q
ui_wait "人均纯收入"
ui_keys h
ui_wait "History of H4418210000001"
ui_keys O
day=$(TZ=Asia/Shanghai date +%F)   # the UI's time zone (tests/ui_lib.sh)
ui_wait "H4418210000001 as of $day (commit"
ui_wait "迳头镇青竹村新址"
ui_keys q
ui_wait "History of H4418210000001"

# `:` runs a correction verb: a refused one (a caseworker may not end a unit) and, as an
# administrator in another session, a done one
expect_exit 0 as "$me" unit add 中山大学 --kind 高校 --why 帮扶高校
ui_keys :; ui_type "unit end U0000001 --why 结束帮扶"; ui_keys Enter
ui_wait "exit status 1: refused or failed"
ui_screen
expect_grep "U0000001" screen.txt
ui_keys q
ui_keys Q
ui_done
[ -z "$(sqlite3 d/bangfu.db "SELECT end_date FROM units WHERE id = 'U0000001'")" ] || fail "a caseworker ended a unit"

ui_as 110 30 "$me"
ui_wait "人均纯收入"
ui_keys :; ui_type "unit end U0000001 --end 2026-03-20 --why \"结束帮扶\""; ui_keys Enter
ui_wait "exit status 0: done"
ui_keys q
ui_keys :; ui_type "user disable far --why 调离"; ui_keys Enter
ui_wait "exit status 0: done"
ui_keys q
ui_keys Q
ui_done
last_commit > c.txt
expect_grep "user disable far: 调离" c.txt
[ "$(sqlite3 d/bangfu.db "SELECT end_date FROM units WHERE id = 'U0000001'")" = 2026-03-20 ] || fail "the unit did not end"

