# Tasks and `bangfu today`: a task's life (open → in progress → done, comments), illegal
# moves and stale writes refused, who may add and change tasks, `today` listing the
# overdue before the due-soon for a user with the rule-derived items of her scope, rule
# tasks kept once (running `today` twice adds nothing) and resolved when the rule no
# longer applies, one commit per action with who and why, `audit verify`, and `rebuild`
# giving back the same lists. Dates are fixed with BANGFU_TODAY and other users simulated
# with BANGFU_TEST_LOGIN (the test-hooks build only).
# both locales
. "$TESTS/lib.sh"
NL='
'
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
git_log() { git --git-dir=d/audit.git "$@"; }
commits() { git_log rev-list --count HEAD; }
# the line of `task show` with its status, and the version it shows
SHOW="task: %s${NL}title: %s${NL}kind: %s %s${NL}owner: %s${NL}status: %s %s$NL"
status_is() { expect_grep "^$(LINE=5 Mre "$SHOW" "$1" "$2")\$" out; }
moved() { expect_grep "$(Mre "%s: %s %s (version %ld)$NL" "$1" "$2" "$3" "$4")" out; }
# a task closed (STATUS LABEL) refusing VERB
closed() { expect_grep "$(Mf 'task %s is %s (%s): a closed task cannot be %s again (add a new task instead)' "$@")" err; }
# cells TEXT N: TEXT padded to N terminal cells (a Chinese character takes two)
cells() { python3 -c 'import sys, unicodedata as u; s = sys.argv[1]
print(s + " " * (int(sys.argv[2]) - sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)), end="")' "$1" "$2"; }
# the urgency column of `today`, padded as bangfu pads it
U() { cells "$(Mf "$@")" 13; }
# the rule and kind column of `today` and `task list`: a label in the test's language
visit=$(M 走访到期)
new_task() { sed -n "s/^$(Mre "added task %s for %s (%s %s)$NL" '\(T[0-9]*\)')/\1/p" out; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why "台账导入"
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add liu --name 刘村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add zhao --name 赵镇审核 --role township --scope 441821107
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as "$me" user add he --name 何外县 --role caseworker --scope 441802

# --- adding: who, for whom, about what ------------------------------------------------
expect_exit 0 as zhao task add 核实家庭收入 --kind 核实 --owner wang --household 4418210001 --due 2026-03-25 --why "镇里安排核实"
expect_grep "$(Mre "added task %s for %s (%s %s, due %s)$NL" 'T[0-9]*' wang verification "$(M 核实)" 2026-03-25)" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "已添加任务 T[0-9]*，负责人 wang" out
t1=$(new_task)
expect_exit 1 as li task add 看看 --kind visit
expect_grep "$(M 'an auditor may read but not change tasks')" err
expect_exit 1 as he task add 走访 --kind visit --household 4418210001
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" 4418210001)" err
expect_exit 1 as zhao task add 走访 --kind visit --owner he --household 4418210001
expect_grep "$(Mf 'owner %s: no bangfu user of that login in your scope (%s)' he 441821107)" err
expect_exit 1 as zhao task add 走访 --kind visit --owner li --household 4418210001
expect_grep "$(Mf 'owner %s is an auditor and cannot work on tasks' li)" err
expect_exit 1 as zhao task add 走访 --kind visit --owner nobody
expect_grep "$(Mf 'owner %s: no bangfu user of that login in your scope (%s)' nobody 441821107)" err
expect_exit 1 as wang task add 开会 --kind party
expect_grep "$(Mre 'task kind "%s": give one of %s (setting task_kind.CODE adds one)' party)" err
expect_exit 1 as wang task add 走访 --kind visit --due 2026-02-30
expect_grep "$(Mf 'due "%s" is not a date (YYYY-MM-DD)' 2026-02-30)" err
expect_exit 1 as wang task add 走访 --kind visit --case C9999999
expect_grep "$(Mre 'no case %s in your scope (%s)' C9999999)" err
expect_exit 2 as wang task add 走访
expect_grep "$(M '--kind is required: visit 走访, verification 核实, measure 落实措施, paperwork 材料报送, project 项目 or a kind added by setting task_kind.CODE')" err

# --- a task's life ----------------------------------------------------------------------
expect_exit 0 as wang task start "$t1"
moved "$t1" in_progress "$(M 办理中)" 2
[ "$LANGUAGE" != zh_CN ] || expect_grep "（版本 2）" out
expect_exit 0 as wang task comment "$t1" "已电话联系户主，约周三入户"
expect_exit 1 as liu task done "$t1"
expect_grep "$(Mf 'task %s belongs to %s: only its owner or a township reviewer, county approver or administrator may start, finish or cancel it (anyone may comment)' "$t1" wang)" err
expect_exit 0 as liu task comment "$t1" "我可以陪同"
expect_exit 1 as li task comment "$t1" "审计意见"
expect_grep "$(M 'an auditor may read but not change tasks')" err
expect_exit 1 as he task comment "$t1" "外县"
expect_grep "$(Mf 'no %s %s in your scope (%s)' "$(M task)" "$t1" 441802)" err

# stale: two people change the same task from the same version
expect_exit 0 as wang task show "$t1"
v=$(sed -n "s/^$(LINE=3 Mre "region: %s${NL}created: %s${NL}version: %ld$NL" '\([0-9]*\)')\$/\1/p" out)
[ "$v" -eq 4 ] || fail "version after add, start and two comments should be 4, got $v"
expect_exit 0 as zhao task comment "$t1" "镇里催办" --version "$v"
expect_exit 1 as wang task done "$t1" --why "核实完毕" --version "$v"
expect_grep "$(Mre '%s %s was changed since you read it (your version %ld) by %s: reload it and apply your change again' "$(M task)" "$t1" 4 "zhao.*")" err
expect_grep "镇里催办" err
expect_exit 0 as wang task done "$t1" --why "核实完毕"
moved "$t1" done "$(M 已办结)" 6

# illegal moves on a closed task
expect_exit 1 as wang task start "$t1"
closed "$t1" done "$(M 已办结)" "$(M started)"
expect_exit 1 as zhao task cancel "$t1" --why "撤销"
closed "$t1" done "$(M 已办结)" "$(M cancelled)"
expect_exit 2 as wang task cancel "$t1"
expect_grep "$(M '--why TEXT is required: say why the task is cancelled')" err
expect_exit 0 as wang task add 填报季度表 --kind paperwork --due 2026-04-30
t2=$(new_task)
expect_exit 0 as wang task cancel "$t2" --why "表格取消"
expect_exit 1 as wang task done "$t2"
closed "$t2" cancelled "$(M 已取消)" "$(M 'marked done')"
expect_exit 0 as wang task show "$t1"
status_is done "$(M 已办结)"
expect_grep "  wang       $(cells "$(M 备注)" 8) 已电话联系户主，约周三入户$" out   # actions by their labels
expect_grep "  zhao       $(cells "$(M 备注)" 8) 镇里催办$" out
expect_grep "  wang       $(cells "$(M 办结)" 8) 核实完毕$" out

# one commit per action on the task, each with who and why
git_log log --format='%an <%ae>|%s|%b' -- "tasks/0000/$t1.txt" | grep . | grep -v '^Bangfu-' > log.txt
[ "$(grep -c '|task ' log.txt)" -eq 6 ] || { cat log.txt; fail "6 commits for $t1"; }
expect_grep "^赵镇审核 <zhao@bangfu>|task add $t1: 镇里安排核实|镇里安排核实" log.txt
expect_grep "^王村经办 <wang@bangfu>|task start $t1: started (开始办理)|started (开始办理)" log.txt
expect_grep "^刘村经办 <liu@bangfu>|task comment $t1: 我可以陪同|我可以陪同" log.txt
expect_grep "^王村经办 <wang@bangfu>|task done $t1: 核实完毕|核实完毕" log.txt

# --- today: overdue first, rule tasks kept once -----------------------------------------
expect_exit 0 as wang task add 报送帮扶材料 --kind paperwork --due 2026-03-10
overdue=$(new_task)
expect_exit 1 as wang task add 组织产业培训 --kind project --due 2026-03-23 --town 迳头镇
expect_grep "$(Mf 'town %s is outside your scope %s' 441821107 441821107202)" err
expect_exit 0 as wang task add 组织产业培训 --kind project --due 2026-03-23 --household 4418210002
soon=$(new_task)
expect_exit 0 as wang task add 年底总结 --kind paperwork --due 2026-12-01
expect_exit 0 as zhao task add 他人任务 --kind visit --owner liu --due 2026-03-21
before=$(commits)
expect_exit 0 as wang today
# the imported monitored household (identified 2023-05, never visited, labour, no
# development measure) gives two rule items, overdue since 2023-05-31
# (rules and kinds by their labels, not their codes)
expect_grep "^$(U 'overdue %ldd' 1024) 2023-05-31 $(M 缺发展类措施) " out
expect_grep "^$(U 'overdue %ldd' 1024) 2023-05-31 $visit " out
expect_grep "^$(U 'overdue %ldd' 10) 2026-03-10 $(M 材料报送)  *$overdue" out
expect_grep "^$(U 'in %ldd' 3) 2026-03-23 $(M 项目)  *$soon" out
expect_no_grep "dev_measure\|visit_due" out
expect_grep "$(Mf "rule tasks: %d made, %d resolved (one audit event)$NL" 2 0)" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "规则任务：新建 2 个" out
expect_grep "$(Mnf "%d more open task of yours not due soon: bangfu task list --owner me$NL" "%d more open tasks of yours not due soon: bangfu task list --owner me$NL" 1 1)" out
expect_no_grep "他人任务" out
order=$(grep -n -e "$visit" -e "$overdue" -e "$soon" out | cut -d: -f1 | tr '\n' ' ')
[ "$order" = "3 4 5 " ] || { cat out; fail "today is not most urgent first: lines $order"; }
[ "$(commits)" -eq $((before + 1)) ] || fail "today should add exactly one event"
git_log log -1 --format='%an|%s|%b' > msg.txt
expect_grep "^王村经办|tasks 2 rule tasks: rule tasks as of 2026-03-20 (bangfu toda…|rule tasks as of 2026-03-20 (bangfu today)" msg.txt
visit_task=$(sed -n "s/^$(U 'overdue %ldd' 1024) 2023-05-31 $visit  *\(T[0-9]*\) .*/\1/p" out)
[ -n "$visit_task" ] || fail "the visit rule task has no task id"

# twice: nothing new, same list
cp out today1.txt
expect_exit 0 as wang today
[ "$(commits)" -eq $((before + 1)) ] || fail "a second today added an event"
rt=$(Mre "rule tasks: %d made, %d resolved (one audit event)$NL")
expect_no_grep "$rt" out
grep -v "^$rt" today1.txt | cmp - out || fail "second today lists differently"
# rule tasks go to the most local caseworker, first by login: liu, not wang who ran today
expect_grep "$visit  *$visit_task  *liu " today1.txt
# the township reviewer sees the rule items of her town, not wang's own tasks
expect_exit 0 as zhao today
expect_grep "$visit  *$visit_task  *liu " out
expect_no_grep "$overdue" out
# the auditor sees the same rule items and writes nothing
expect_exit 0 as li today
expect_grep "$visit  *$visit_task  *liu " out
[ "$(commits)" -eq $((before + 1)) ] || fail "an auditor's today wrote an event"
# a rule task is a task: it can be started and commented like any other
expect_exit 1 as wang task start "$visit_task" --why "今天去"
expect_grep "$(Mre 'task %s belongs to %s: only its owner or a township reviewer, county approver or administrator may start, finish or cancel it (anyone may comment)' "$visit_task" liu)" err
expect_exit 0 as liu task start "$visit_task" --why "今天去"
expect_exit 0 as wang task show "$visit_task"
expect_grep "^$(Mf "%s: %s$NL" "$(M rule)" visit_due:C0000001:2023-05-31)\$" out

# the visit is recorded: the next `today` resolves the visit task, in one event
expect_exit 0 as wang visit add 4418210001 --date 2026-03-20 --visitor 王村经办 --method 入户 --findings 正常 --why 入户走访
before=$(commits)
expect_exit 0 as wang today
expect_grep "$(Mf "rule tasks: %d made, %d resolved (one audit event)$NL" 0 1)" out
expect_no_grep "$visit" out
[ "$(commits)" -eq $((before + 1)) ] || fail "resolving should be one event"
git_log log -1 --format='%s' > msg.txt
expect_grep "^tasks 0 rule tasks, 1 resolved: " msg.txt
expect_exit 0 as wang task show "$visit_task"
status_is done "$(M 已办结)"
expect_grep " $(M 规则解除)  *the rule no longer applies" out

# --- lists, verify, rebuild ---------------------------------------------------------------
expect_exit 0 as wang task list
expect_no_grep "$t1" out
expect_grep "^$overdue  *$(M 待办)  *2026-03-10 $(U 'overdue %ldd' 10) $(M 材料报送)  *wang " out   # labels, in cells
[ "$LANGUAGE" != zh_CN ] || expect_no_grep " open \| paperwork " out
expect_exit 0 as wang task list --status all --owner me
expect_grep "^$t1  *$(M 已办结) " out
expect_grep "^$t2  *$(M 已取消) " out
expect_no_grep "他人任务" out
expect_exit 0 as he task list --status all
[ ! -s out ] || fail "a caseworker elsewhere sees 佛冈县's tasks"
expect_exit 0 as "$me" audit verify
snapshot() { for who in wang zhao "$me"; do echo "== $who"; as "$who" task list --status all;
	as "$who" task show "$t1"; as "$who" today; done; }
snapshot > before.txt
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
n=$(commits)
snapshot > after.txt
[ "$(commits)" -eq "$n" ] || fail "today after rebuild made new rule tasks"
cmp before.txt after.txt || { diff before.txt after.txt; fail "tasks differ after rebuild"; }
expect_exit 0 as "$me" audit verify
