# Tasks / today in the terminal UI, as a caseworker's day: `a` lists his overdue and due
# tasks, the overdue first (due, urgency, kind, task, status, household, title); Enter
# opens the household of a task; S starts a task and D marks it done, each asking a
# reason (checked with `bangfu task show` and the audit commit); the next task is
# selected by itself; the household flags of his scope follow the tasks. At 80x24 (F12 opens it) a task closed meanwhile on the command
# line is refused by the store in the status line, and the program keeps running.
# Dates pinned with BANGFU_TODAY, staff simulated with BANGFU_TEST_LOGIN (test-hooks).
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
# (no idle refresh: a row is made stale on purpose below)
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
body() { sed '1,2d;$d' screen.txt; }
# today N: the title's "N due or overdue" in the test's language
tfmt='Today %s  %ld due or overdue  %s start  %s done'
tfmtf='Today %s  %ld due or overdue, household flags last  %s start  %s done'   # with flag rows
today() { _t=$(Mf "$tfmt" X "$1" S D); _t=${_t#*X  }; printf %s "${_t%%  S*}"; }
tshow='task: %s\ntitle: %s\nkind: %s %s\nowner: %s\nstatus: %s %s\n'
# cut_paren MSG: MSG up to its first " (" or "（"
# ask FORMAT ARGS...: a question in the test's language, without its trailing blank
ask() { _a=$(Mf "$@"); printf %s "${_a% }"; }
# flagrow N SINGULAR PLURAL: a household flag's row, as a grep pattern: its sentence
# counting the households in the test's language (its first 20 characters: the title
# column is cut at the screen's edge)
flagrow() { printf '%s .*H4418210000001 .*%s' "$(M flag)" \
	"$(python3 -c 'import sys; print(sys.argv[1][:20])' "$(Mnf "$2" "$3" "$1" "$1")")"; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add zhao --name 赵镇审核 --role township --scope 441821107
# the imported monitored household gets its measure and visit: no rule task is due
expect_exit 0 as wang measure add 4418210001 --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶
expect_exit 0 as wang visit add 4418210001 --visitor 小王 --method 入户 --findings 正常 --date 2026-03-19 --why 走访
# due soon first in the order added, overdue second: the view must put the overdue first
expect_exit 0 as zhao task add 报送材料 --kind paperwork --owner wang --due 2026-03-22 --why 镇里安排
expect_grep "$(Mre 'added task %s for %s (%s %s)\n' T0000001)" out
expect_exit 0 as zhao task add 核实家庭收入 --kind 核实 --owner wang --household 4418210001 --due 2026-03-15 --why 镇里安排
expect_grep "$(Mre 'added task %s for %s (%s %s)\n' T0000002)" out

ui_as 100 30 wang
ui_wait "人均纯收入"
ui_keys a
ui_wait "$(Mf "$tfmtf" 2026-03-20 2 S D)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "今日 2026-03-20  2 项到期或逾期"
sd=$(Mf "$tfmt" x 0 S D); ui_wait "S${sd#*S}"
ui_wait_selected "T0000002"
ui_wait_selected "2026-03-15"
ui_wait_selected "$(Mf 'overdue %ldd' 5)"
ui_wait_selected "核实"
ui_wait_selected "H4418210000001"
ui_wait_selected "核实家庭收入"
ui_screen; body > body.txt   # a fresh look, the rows drawn
[ "$(grep -n T0000002 body.txt | cut -d: -f1)" = 1 ] || { cat body.txt; fail "the overdue task is not first"; }
[ "$(grep -n T0000001 body.txt | cut -d: -f1)" = 2 ] || { cat body.txt; fail "the due-soon task is not second"; }
grep T0000001 body.txt | grep -qF "$(Mf 'in %ldd' 2)" || { cat body.txt; fail "no urgency for T0000001"; }
# the household flags of his scope follow the tasks, a row each on its first household
grep -q "$(flagrow 1 '%ld former poor household without a responsible cadre' \
	'%ld former poor households without a responsible cadre')" body.txt ||
	{ cat body.txt; fail "no row for the 帮扶责任人 flag"; }
grep -q "$(flagrow 2 '%ld household with members who have months worked but no work place' \
	'%ld households with members who have months worked but no work place')" body.txt ||
	{ cat body.txt; fail "no row for the work place flag"; }
# in Chinese the flags are Chinese sentences, whole at 100 columns; no English fragment
[ "$LANGUAGE" != zh_CN ] || { grep -q "1 户脱贫户缺帮扶责任人" body.txt && grep -q "2 户有成员务工地点未填" body.txt &&
	! grep -Eq "household|member|cadre|work place|\(" body.txt; } || { cat body.txt; fail "the flag rows are not Chinese"; }
ui_wait "$(Mf "$tfmtf" 2026-03-20 2 S D)"

# Enter opens the household; q comes back
ui_keys Enter; ui_wait "$(hh H4418210000001)"
ui_keys q; ui_wait_selected "T0000002"

# S starts it, with a reason
ui_keys S; ui_wait "$(ask 'start %s, reason: ' T0000002)"
ui_type "今天去核实"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf 'task %s: started (%s)' T0000002)")"
ui_wait_selected "$(M 办理中)"                # the status by its label
grep -q "in_progress" screen.txt && { ui_dump; fail "the status shown as its code"; }
expect_exit 0 as wang task show T0000002
expect_grep "^$(LINE=5 Mre "$tshow" in_progress)" out
# D marks it done, with a reason; it leaves the list and the next task is selected
ui_keys D; ui_wait "$(ask 'done %s, reason: ' T0000002)"
ui_keys Enter; req=$(M 'a reason is required: every change records why'); req=${req%%：*}; ui_wait "${req%%:*}"
ui_type "已核实收入 7200元"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf 'task %s: done (%s)' T0000002)")"
ui_wait "$(Mf "$tfmtf" 2026-03-20 1 S D)"
ui_wait_selected "T0000001"
ui_screen; body > body.txt   # a fresh look, the rows drawn
expect_no_grep "T0000002" body.txt
expect_exit 0 as wang task show T0000002
expect_grep "^$(LINE=5 Mre "$tshow" done)" out
last_commit > commit.txt
expect_grep "^wang@bangfu|task done T0000002: 已核实收入 7200元|已核实收入 7200元" commit.txt
# a task about no household: Enter says so
ui_keys Enter; ui_wait "$(Mf '%s concerns no household' T0000001)"
ui_keys Q
ui_cleanup

# --- 80x24, F12; a task closed meanwhile is refused by the store ----------------------
ui_as 80 24 wang
ui_wait "人均纯收入"
ui_keys F12
ui_wait "$(today 1)"
ui_wait_selected "T0000001"
ui_wait_selected "$(Mf 'in %ldd' 2)"
expect_exit 0 as zhao task cancel T0000001 --why "不再需要"
ui_keys S                                    # refused at once, no reason asked
closed=$(M 'task %s is %s (%s): a closed task cannot be %s again (add a new task instead)')
closed=${closed#*: }; closed=${closed#*：}
ui_wait "${closed%%%s*}$(M started)"
grep -qF "$(ask 'start %s, reason: ' T0000001)" screen.txt && { ui_dump; fail "S asked a reason for a closed task"; }
ui_wait_selected "T0000001"                  # still running, the row still there
ui_keys C-r; ui_wait "$(today 0)"
ui_keys Q
ui_done
