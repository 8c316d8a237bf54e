# Recording casework from a household's screen: V records a visit, M a measure and C
# takes the next step of the household's open case, each asking its fields on the
# status line (Tab offering the Chinese labels) and a reason; the household view then
# shows the step, the measure and the visit, and the audit history has one commit for
# each, by the caseworker with the reason. The history marks what changed since the
# user last looked (s shows it as diffs). An auditor's C is refused before any prompt.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as wang case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --date 2026-03-10 --why 排查
expect_exit 0 as wang case move C0000002 visit --date 2026-03-11 --consent 2026-03-11 --why 入户
expect_exit 0 as "$me" task add 核实务工收入 --kind verification --owner wang --household 4418210001 --due 2026-03-25 --why 镇里安排

ui_as 100 30 wang
ui_wait "人均纯收入"
ui_keys /; ui_wait "(name, ID digits, village)"
ui_type "阿依古丽"; ui_keys Enter
ui_wait_selected "H4418210000002"
ui_keys Enter
ui_wait "Household H4418210000002"

# V: a visit (date empty = today, visitor prefilled with the user's name)
ui_keys V; ui_wait "visit date"
ui_keys Enter; ui_wait "visitor:"
ui_keys Enter; ui_wait "method"
ui_type "入户"; ui_keys Enter; ui_wait "findings:"
ui_type "住院后在家休养"; ui_keys Enter; ui_wait "follow-up"
ui_keys Enter; ui_wait "reason"
ui_type "例行走访"; ui_keys Enter
ui_wait "visit V0000001 recorded"
last_commit > c.txt
expect_grep "^wang@bangfu|visit add H4418210000002 V0000001: 例行走访|例行走访" c.txt

# C: the case's next step (Tab offers the steps that are the user's)
ui_keys C; ui_wait "C0000002 is $(M 入户核实); step"
ui_keys Tab; ui_wait "step (Tab: check"
ui_keys Enter; ui_wait "the day it happened"
ui_type "2026-03-12"; ui_keys Enter; ui_wait "consent form"
ui_keys Enter; ui_wait "reason"
ui_type "数据比对无异常"; ui_keys Enter
ui_wait "C0000002: $(M 入户核实) → $(M 数据比对)"
last_commit > c.txt
expect_grep "^wang@bangfu|case move 数据比对 C0000002: 数据比对无异常|数据比对无异常" c.txt
# the household view shows the new step, the measure and the visit
ui_keys G
ui_wait "check → $(M 数据比对)  by wang: 数据比对无异常"
ui_wait "Visits 走访"

# M on the monitored household (a case not yet monitored takes no measures: refused
# before any field is asked, then asked again there)
ui_keys M; ui_wait "measures are recorded once it is monitored"
grep -q "measure group" screen.txt && { ui_dump; fail "M asked a field before refusing"; }
ui_keys q; ui_wait "人均纯收入"
ui_keys /; ui_wait "(name, ID digits, village)"; ui_type "李秀英"; ui_keys Enter
ui_wait_selected "H4418210000001"
ui_keys Enter; ui_wait "Household H4418210000001"
# an unknown group is refused on the status line and asked again
ui_keys M; ui_wait "measure group"
ui_type "发红包"; ui_keys Enter; ui_wait "not a 帮扶措施"
ui_keys C-u; ui_type "健康"; ui_keys Enter; ui_wait "detail:"
ui_type "大病医疗救助"; ui_keys Enter; ui_wait "start date"
ui_keys Enter; ui_wait "amount"
ui_type "3000"; ui_keys Enter; ui_wait "responsible"
ui_type "镇卫生院"; ui_keys Enter; ui_wait "reason"
ui_type "医疗帮扶"; ui_keys Enter
ui_wait "measure M0000001 recorded"

# K: a task about the household, owner left empty (the user)
ui_keys K; ui_wait "task title"
ui_type "复核医疗救助"; ui_keys Enter; ui_wait "kind"
ui_type "核实"; ui_keys Enter; ui_wait "owner login"
ui_keys Enter; ui_wait "due date"
ui_type "2026-03-28"; ui_keys Enter; ui_wait "reason"
ui_type "跟进救助"; ui_keys Enter
ui_wait "task T0000002 recorded"
ui_keys G
ui_wait "Measures 帮扶措施"
ui_wait "健康  大病医疗救助"
ui_wait "Tasks 任务 (still to do)"
ui_wait "due 2026-03-28  open  复核医疗救助"
ui_wait "due 2026-03-25  open  核实务工收入"

# what changed since I last looked: the first look marks everything; a change made
# meanwhile by someone else is then the one new change, and s shows its diff
ui_keys h; ui_wait "first look"
ui_keys q; ui_wait "Household H4418210000001"
expect_exit 0 as "$me" set 4418210001 hamlet 下围 --why "管理员补录自然村"
ui_keys h; ui_wait "1 new since you last looked"
ui_keys s; ui_wait "1 change to H4418210000001 since you last looked"
ui_wait "+hamlet: 下围"
ui_wait "管理员补录自然村"
ui_keys q; ui_keys q; ui_wait "Household H4418210000001"
ui_keys h; ui_wait "0 new since you last looked"
ui_keys Q
ui_cleanup

# the auditor: refused before any prompt, nothing written
before=$(git --git-dir=d/audit.git rev-list --count HEAD)
ui_as 100 30 li
ui_wait "人均纯收入"
ui_keys /; ui_wait "(name, ID digits, village)"; ui_type "阿依古丽"; ui_keys Enter
ui_wait_selected "H4418210000002"
ui_keys Enter; ui_wait "Household H4418210000002"
ui_keys C
ui_wait "auditor"
ui_keys Q
ui_done
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$before" ] || fail "the auditor wrote"
as "$me" audit verify > /dev/null || fail "verify"
