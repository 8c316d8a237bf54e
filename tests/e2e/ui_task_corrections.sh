# Corrections from the work views (issue 10): in tasks/today A gives a task to someone
# else and T moves its due date, each refused before the reason is asked (a new owner
# who does not see the task's region, a date that is not one; an auditor at once); in a
# household's history O shows the household as it stood at the end of that change's
# day; the `:` command line runs the correction verbs that have no form of their own
# (unit/team/pair edit|end, user edit|disable|enable), a refused one showing its reason.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
# cut_paren MSG: MSG up to its first " (" or "（", without trailing blanks
# ask FORMAT ARGS...: a question in the test's language, without its ": " or "："
ask() { _a=$(Mf "$@"); _a=${_a%：}; printf %s "${_a%: }"; }
# ex CODE WORD: the :command pager's "[exit status CODE: WORD]"

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add li --name 李村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add far --name 外县经办 --role caseworker --scope 441802
# the monitored household has its measure and visit: no rule task comes first
expect_exit 0 as wang measure add 4418210001 --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶
expect_exit 0 as wang visit add 4418210001 --visitor 小王 --method 入户 --findings 正常 --date 2026-03-19 --why 走访
expect_exit 0 as "$me" task add 核实家庭收入 --kind 核实 --owner wang --household 4418210001 --due 2026-03-22 --why 镇里安排
expect_grep "$(Mre 'added task %s for %s (%s %s)\n' T0000001)" out

ui_as 110 30 wang
ui_wait "人均纯收入"
ui_keys a
ui_wait_selected "T0000001"
# T: a date that is not one is refused and asked again, before any reason
ui_keys T; ui_wait "$(ask '%s due (YYYY-MM-DD; empty = none; now %s): ' T0000001 2026-03-22)"
ui_keys C-u; ui_type "2026-02-30"; ui_keys Enter
ui_wait "$(Mf 'due "%s" is not a date (YYYY-MM-DD)' 2026-02-30)"
ui_wait "$(cut_paren "$(Mf '%s due (YYYY-MM-DD; empty = none; now %s): ' T0000001 x)")"
ui_keys C-u; ui_type "2026-03-25"; ui_keys Enter
ui_wait "$(ask 'move %s %s, reason: ' T0000001 2026-03-25)"
ui_type "等材料"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf 'task %s: due %s (%s)' T0000001 2026-03-25)")"
[ "$LANGUAGE" != zh_CN ] || ui_wait "任务 T0000001：期限 2026-03-25"
ui_wait_selected "2026-03-25"
last_commit > c.txt
expect_grep "^wang@bangfu|task due T0000001: 等材料|等材料" c.txt
# A: an owner who does not see the task's region is refused before the reason
ui_keys A; ui_wait "$(ask "%s to (a login; now %s's): " T0000001 wang)"
ui_type "far"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf "owner %s: no bangfu user of that login who sees this task's region (%s)" far)")"
ui_keys C-u; ui_type "li"; ui_keys Enter
ui_wait "$(ask 'give %s %s, reason: ' T0000001 li)"
ui_type "换人负责"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf "task %s: now %s's (%s)" T0000001 li)")"
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
ui_wait "$(hist H4418210000001)"
ui_keys O
day=$(TZ=Asia/Shanghai date +%F)   # the UI's time zone (tests/ui_lib.sh)
asof=$(Mf '%s as of %s (commit %.10s)' H4418210000001 "$day" XXXXXXXXXX)
ui_wait "${asof%XXXXXXXXXX*}"
ui_wait "迳头镇青竹村新址"
ui_keys q
ui_wait "$(hist H4418210000001)"

# `:` runs a correction verb: a refused one (a caseworker may not end a unit) and, as an
# administrator in another session, a done one
expect_exit 0 as "$me" unit add 中山大学 --kind 高校 --why 帮扶高校
ui_keys :; ui_type "unit end U0000001 --why 结束帮扶"; ui_keys Enter
ui_wait "$(ex 1 'refused or failed')"
ui_screen
expect_grep "U0000001" screen.txt
ui_keys q
ui_keys Q
ui_done
[ -z "$(sqlite3 d/bangfu.db "SELECT end_date FROM units WHERE id = 'U0000001'")" ] || fail "a caseworker ended a unit"

ui_as 110 30 "$me"
ui_wait "人均纯收入"
ui_keys :; ui_type "unit end U0000001 --end 2026-03-20 --why \"结束帮扶\""; ui_keys Enter
ui_wait "$(ex 0 done)"
ui_keys q
ui_keys :; ui_type "user disable far --why 调离"; ui_keys Enter
ui_wait "$(ex 0 done)"
ui_keys q
ui_keys Q
ui_done
last_commit > c.txt
expect_grep "user disable far: 调离" c.txt
[ "$(sqlite3 d/bangfu.db "SELECT end_date FROM units WHERE id = 'U0000001'")" = 2026-03-20 ] || fail "the unit did not end"

