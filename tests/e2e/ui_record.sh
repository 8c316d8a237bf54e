# Recording casework from a household's screen: V records a visit, M a measure and C
# takes the next step of the household's open case, each asking its fields on the
# status line (Tab offering the Chinese labels) and a reason; the household view then
# shows the step, the measure and the visit, and the audit history has one commit for
# each, by the caseworker with the reason. The history marks what changed since the
# user last looked (s shows it as diffs). An auditor's C is refused before any prompt.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
export BANGFU_TODAY=2026-03-20
ui_as() { ui_exec "$1" "$2" env BANGFU_TEST_LOGIN="$3" "$BANGFU_TH" -d d; }
# p PROMPT: a prompt's words before its "(..." or ":" in the test's language
srch=$(M '/ (name, ID digits, village): '); srch=${srch%: }; srch=${srch%：}
# hh ID: the household view's title, up to the version
# cut MSG: MSG up to its first " (" or "（"
why=$(p 'reason (kept in the history): ')

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as wang case open 4418210002 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --date 2026-03-10 --why 排查
expect_exit 0 as wang case move C0000002 visit --date 2026-03-11 --consent 2026-03-11 --why 入户
expect_exit 0 as "$me" task add 核实务工收入 --kind verification --owner wang --household 4418210001 --due 2026-03-25 --why 镇里安排

ui_as 100 30 wang
ui_wait "人均纯收入"
ui_keys /; ui_wait "$srch"
ui_type "阿依古丽"; ui_keys Enter
ui_wait_selected "H4418210000002"
ui_keys Enter
ui_wait "$(hh H4418210000002)"

# V: a visit (date empty = today, visitor prefilled with the user's name)
ui_keys V; ui_wait "$(p 'visit date (YYYY-MM-DD, empty = today): ')"
ui_keys Enter; ui_wait "$(p 'visitor: ')"
ui_keys Enter; ui_wait "$(p 'method (Tab: 入户 电话 微信): ')"
ui_type "入户"; ui_keys Enter; ui_wait "$(p 'findings: ')"
ui_type "住院后在家休养"; ui_keys Enter; ui_wait "$(p 'follow-up (optional): ')"
ui_keys Enter; ui_wait "$why"
ui_type "例行走访"; ui_keys Enter
ui_wait "$(Mf '%s %s recorded' "$(M visit)" V0000001)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "V0000001 已登记"
last_commit > c.txt
expect_grep "^wang@bangfu|visit add H4418210000002 V0000001: 例行走访|例行走访" c.txt

# C: the case's next step (Tab offers the steps that are the user's)
step=$(Mf '%s is %s; step (Tab: %s%s): ' C0000002 "$(M 入户核实)" check ""); step=${step%%check*}
ui_keys C; ui_wait "${step%Tab*}"
ui_keys Tab; ui_wait "${step}check"
ui_keys Enter; ui_wait "$(p 'the day it happened (YYYY-MM-DD, empty = today): ')"
ui_type "2026-03-12"; ui_keys Enter; ui_wait "$(p 'consent form signed on (optional): ')"
ui_keys Enter; ui_wait "$why"
ui_type "数据比对无异常"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf '%s: %s → %s (%s) on %s' C0000002 "$(M 入户核实)" "$(M 数据比对)")")"
last_commit > c.txt
expect_grep "^wang@bangfu|case move 数据比对 C0000002: 数据比对无异常|数据比对无异常" c.txt
# the household view shows the new step, the measure and the visit
ui_keys G
ui_wait "$(Mf '%s → %s  by %s: %s' check "$(M 数据比对)" wang 数据比对无异常)"
ui_wait "$(M 'Visits 走访')"

# M on the monitored household (a case not yet monitored takes no measures: refused
# before any field is asked, then asked again there)
notyet=$(M 'case %s is %s: measures are recorded once it is monitored (or on the green channel 绿色通道)')
notyet=${notyet#*%s*%s}; notyet=${notyet%% (*}
ui_keys M; ui_wait "$(Mf "$notyet")"
grep -qF "$(p 'measure group (Tab: 产业 就业 金融 公益岗位 ...): ')" screen.txt && { ui_dump; fail "M asked a field before refusing"; }
ui_keys q; ui_wait "人均纯收入"
ui_keys /; ui_wait "$srch"; ui_type "李秀英"; ui_keys Enter
ui_wait_selected "H4418210000001"
ui_keys Enter; ui_wait "$(hh H4418210000001)"
# an unknown group is refused on the status line and asked again
ui_keys M; ui_wait "$(p 'measure group (Tab: 产业 就业 金融 公益岗位 ...): ')"
ui_type "发红包"; ui_keys Enter; ui_wait "$(Mf 'not a %s: Tab offers them' 帮扶措施)"
ui_keys C-u; ui_type "健康"; ui_keys Enter; ui_wait "$(p 'detail: ')"
ui_type "大病医疗救助"; ui_keys Enter; ui_wait "$(p 'start date (empty = today): ')"
ui_keys Enter; ui_wait "$(p 'amount in yuan (optional): ')"
ui_type "3000"; ui_keys Enter; ui_wait "$(p 'responsible unit or person (optional): ')"
ui_type "镇卫生院"; ui_keys Enter; ui_wait "$why"
ui_type "医疗帮扶"; ui_keys Enter
ui_wait "$(Mf '%s %s recorded' "$(M measure)" M0000001)"

# K: a task about the household, owner left empty (the user)
ui_keys K; ui_wait "$(p 'task title: ')"
ui_type "复核医疗救助"; ui_keys Enter; ui_wait "$(p 'kind (Tab: 走访 核实 落实措施 ...): ')"
ui_type "核实"; ui_keys Enter; ui_wait "$(p 'owner login (empty = you): ')"
ui_keys Enter; ui_wait "$(p 'due date (YYYY-MM-DD, optional): ')"
ui_type "2026-03-28"; ui_keys Enter; ui_wait "$why"
ui_type "跟进救助"; ui_keys Enter
ui_wait "$(Mf '%s %s recorded' "$(M task)" T0000002)"
ui_keys G
ui_wait "$(M 'Measures 帮扶措施')"
ui_wait "健康  大病医疗救助"
ui_wait "$(M 'Tasks 任务 (still to do)')"
ui_wait "$(Mf 'due %s  %s  %s' 2026-03-28 open 复核医疗救助)"
ui_wait "$(Mf 'due %s  %s  %s' 2026-03-25 open 核实务工收入)"

# what changed since I last looked: the first look marks everything; a change made
# meanwhile by someone else is then the one new change, and s shows its diff
ui_keys h; ui_wait "$(M 'first look')"
ui_keys q; ui_wait "$(hh H4418210000001)"
expect_exit 0 as "$me" set 4418210001 hamlet 下围 --why "管理员补录自然村"
ui_keys h; ui_wait "$(Mf '%ld new since you last looked' 1)"
ui_keys s; ui_wait "$(Mnf '%ld change to %s since you last looked' '%ld changes to %s since you last looked' 1 1 H4418210000001)"
ui_wait "+hamlet: 下围"
ui_wait "管理员补录自然村"
ui_keys q; ui_keys q; ui_wait "$(hh H4418210000001)"
ui_keys h; ui_wait "$(Mf '%ld new since you last looked' 0)"
ui_keys Q
ui_cleanup

# the auditor: refused before any prompt, nothing written
before=$(git --git-dir=d/audit.git rev-list --count HEAD)
ui_as 100 30 li
ui_wait "人均纯收入"
ui_keys /; ui_wait "$srch"; ui_type "阿依古丽"; ui_keys Enter
ui_wait_selected "H4418210000002"
ui_keys Enter; ui_wait "$(hh H4418210000002)"
ui_keys C
ui_wait "$(Mf '%s: an %s may read but not change the register' move-case "$(M 审计查阅)")"
ui_keys Q
ui_done
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$before" ] || fail "the auditor wrote"
as "$me" audit verify > /dev/null || fail "verify"
