# The review queue in the terminal UI, as a township reviewer's morning goes: three
# cases walked to township review on the command line (dates pinned with BANGFU_TODAY,
# staff simulated with BANGFU_TEST_LOGIN, test-hooks build), then, as the reviewer, `r`
# opens the queue oldest first with each case's rule checks; A approves with a reason
# (a new commit by tr with that reason) and the next case is selected by itself; B sends
# one back; Enter opens a household; the help lists the keys. Then a county approver at
# 80x24 (a shorter title, each row's 15-day clock) sees the two passed cases and presses A on
# one that was sent back meanwhile: refused before any question; the program keeps running.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# (no idle refresh: these sessions act on rows made stale on purpose)
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY="$3" BANGFU_TEST_LOGIN="$4" "$BANGFU_TH" -d d; }
# the view's lines (without title, header and status line)
body() { sed '1,2d;$d' screen.txt; }
# role CODE LABEL: the title's role, its code in English and its label in Chinese (ui_role)
role() { if [ "$LANGUAGE" = zh_CN ]; then printf %s "$2"; else printf %s "$1"; fi; }
# title N WHO: the queue's title in the test's language
title() { Mf 'Review queue  %ld waiting%s  %s approve  %s send back' "$1" "$2" A B; }
# cell TEXT CELLS: TEXT as a column CELLS wide draws it (cut with '>' when longer)
cell() { python3 -c 'import sys, unicodedata as u
s, w = sys.argv[1], int(sys.argv[2]); W = lambda t: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in t)
o = s
if W(s) > w:
    o = ""
    while W(o + s[len(o)]) <= w - 1: o += s[len(o)]
    o += ">"
print(o)' "$1" "$2"; }
# cut_paren MSG: MSG up to its first " (" or "（"
# ask STEP: the approve/send-back question, without its trailing blank
ask() { _a=$(Mf "%s $1 (%s %s), reason: " "$2" "$3" "$4"); printf %s "${_a% }"; }
why=$(M '%s approve (%s %s), reason: '); why=${why##*, }; why=${why##*，}; why=${why% }
cancelled=$(M 'cancelled: nothing was changed')

# two more households in the same village (old 15-digit ID numbers), three staff
ui_village 2026-01-05 "cw caseworker 441821107202 村干部小陈" "tr township 441821107 镇审核老李" \
	"ca county 441821 县审批王科"
# C0000002..4 on households 2..4, to township review: C0000002 on the 13th, the others
# on the 14th (so the queue, oldest first, is C0000002, C0000003, C0000004)
n=2
for H in 4418210002 4418210003 4418210004; do
	C=C000000$n
	expect_exit 0 on 2026-01-05 cw case open $H --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
	expect_grep "$(Mre '%s: case opened as a lead (线索); the 15-day clock runs from %s\n' "$C")" out
	expect_exit 0 on 2026-01-06 cw case move $C visit --consent 2026-01-06 --why 入户核实
	expect_exit 0 on 2026-01-07 cw case move $C check --why 数据比对
	expect_exit 0 on 2026-01-08 cw case move $C village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
	day=2026-01-14; [ $n = 2 ] && day=2026-01-13
	expect_exit 0 on $day cw case move $C to_township --why 公示期满
	n=$((n + 1))
done
expect_exit 0 on 2026-01-15 tr case queue
expect_grep "C0000002" out

# --- the township reviewer ---------------------------------------------------------------
ui_as 100 30 2026-01-15 tr
ui_wait "人均纯收入"
ui_keys r
ui_wait "$(title 3 "$(Mf ' for %s %s' "$(role township 镇级审核)" 441821107)")"
[ "$LANGUAGE" != zh_CN ] || ui_wait "审核队列  3 件待办"
ab=$(title 0 ""); ui_wait "A${ab#*A}"
ui_wait_selected "C0000002"
ui_wait_selected "阿依古>"                 # 阿依古丽·买买提, cut: the marker says so
ui_wait_selected "青竹村"
ui_wait_selected "$(cell "$(M 镇级审核)" 12)"
ui_wait_selected "2026-01-13"
# the rule checks (! failing: above the line): 收入12500>线8000 公示5天 措施0 走访无
checks="$(Mf '%s收入%s%s线%.0f ' '!' 12500 '>' 8000)$(Mf '%s公示%ld天 ' '' 5)$(Mf '%s措施%d %s走访%s' '' 0 '' "$(M 无)")"
ui_wait_selected "$checks"
ui_wait "$(Mf '%s收入%s%s线%.0f ' '' 7000 '<=' 8000)"                     # C0000003's, under it
ui_screen; body > body.txt   # a fresh look, the rows drawn
[ "$(grep -n C0000002 body.txt | cut -d: -f1)" = 1 ] || { cat body.txt; fail "C0000002 is not first"; }
[ "$(grep -n C0000004 body.txt | cut -d: -f1)" = 3 ] || { cat body.txt; fail "C0000004 is not third"; }

# the help is generated from the keymap and lists the new keys
ui_keys "?"; ui_wait "$(Mf 'Help: %s view' review)"
ui_wait "approve"; ui_wait "send-back"
rq=$(title 0 ""); ui_keys q; ui_wait "${rq%%  *}"

# cancelling asks nothing more and changes nothing; an empty reason is refused
commits=$(git --git-dir=d/audit.git rev-list --count HEAD)
ui_keys A; ui_wait "$(ask approve C0000002 township_pass "$(M 镇级审核通过)")"
ui_keys Escape; ui_wait "$cancelled"
ui_keys A; ui_wait "$why"; ui_keys Enter
req=$(M 'a reason is required: every change records why'); req=${req%%：*}; ui_wait "${req%%:*}"
c=${cancelled%%：*}; ui_keys Escape; ui_wait "${c%%:*}"
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$commits" ] || fail "a cancelled step wrote"

# A: approve with a reason; the next case is selected by itself
ui_keys A; ui_wait "$why"
ui_type "镇级审核通过 材料齐全"; ui_keys Enter
nx=$(M '%s — next: %s %s'); nx=$(printf -- "${nx#%s}" C000000 ""); ui_wait "${nx% }"   # (cut at the screen edge under English labels)
ui_wait "$(title 2 "$(Mf ' for %s %s' "$(role township 镇级审核)" 441821107)")"
ui_wait_selected "C0000003"
ui_wait_rows_gone "C0000002"
last_commit > commit.txt
expect_grep "^tr@bangfu|case move 镇级审核通过 C0000002: 镇级审核通过 材料齐全|镇级审核通过 材料齐全" commit.txt
expect_exit 0 on 2026-01-15 tr case show C0000002
expect_grep "$(LINE=2 Mre '\ncase %s  %s  %s (%s)\n' C0000002 ".*" "$(M 县级审批)" county_approval)" out

# B: send back with a reason
ui_keys B; ui_wait "$(ask "send back" C0000003 send_back "$(M 退回上一步)")"
ui_type "公示材料缺页"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf '%s: %s → %s (%s) on %s' C0000003 "$(M 镇级审核)" "$(M 村级评议公示)")")"   # (the "next:" is cut at the edge under English labels)
ui_wait_selected "C0000004"
last_commit > commit.txt
expect_grep "^tr@bangfu|case move 退回上一步 C0000003: 公示材料缺页|公示材料缺页" commit.txt
expect_exit 0 on 2026-01-15 tr case show C0000003
expect_grep "$(LINE=2 Mre '\ncase %s  %s  %s (%s)\n' C0000003 ".*" "$(M 村级评议公示)" village_review)" out

# Enter opens the household of the case; q comes back to the queue
ui_keys Enter; ui_wait "$(hh H4418210000004)"
ui_wait "赵四娘"
ui_keys q; ui_wait_selected "C0000004"

# the last one: the queue is empty
ui_keys A; ui_wait "$(cut_paren "$(ask approve C0000004 x x)")"
ui_type "同意"; ui_keys Enter
qe=$(M '%s — the queue is empty'); qe=${qe#%s — }; ui_wait "${qe% *}"
ui_wait "$(title 0 "$(Mf ' for %s %s' "$(role township 镇级审核)" 441821107)")"
expect_exit 0 on 2026-01-15 tr case queue
expect_no_grep "C000000" out
ui_keys q; ui_wait "人均纯收入"           # back to the list
ui_keys Q
ui_cleanup

# --- the county approver, at 80x24, from the F11 key ---------------------------------------
ui_as 80 24 2026-01-16 ca
ui_wait "人均纯收入"
ui_keys F11
ui_wait "$(title 2 "")"   # at 80 columns: not who you are
grep -qF "$(Mf ' for %s %s' "$(role county 县级审批)" 441821)" screen.txt && { ui_dump; fail "the title at 80 columns still says who you are"; }
ui_wait "$(Mf '%ldd%s' 11 '') "                                # the 15-day clock of each row
ui_wait_selected "C0000002"
ui_wait_selected "$(cell "$(M 县级审批)" 8)"
ui_wait_selected " 01-15 "                   # narrow: "since" without the year
ui_wait_selected "$checks"
ui_wait "C0000004"
# meanwhile, on the command line, the county sends C0000002 back to the township
expect_exit 0 on 2026-01-16 ca case move C0000002 send_back --why 退回补充材料
# A on the row still on screen: refused before any question, saying where the case is
# now, and the UI goes on
commits=$(git --git-dir=d/audit.git rev-list --count HEAD)
mv=$(Mf '%s was moved meanwhile: it is now %s (%s), not %s; %s reads the queue again' C0000002); mv=${mv%%：*}
ui_keys A; ui_wait "${mv%%:*}"
ui_wait "township_review"
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$commits" ] || fail "a refused step wrote"
ui_keys j; ui_wait_selected "C0000004"       # still running
ui_keys C-r; ui_wait "$(title 1 "")"
ui_wait_rows_gone "C0000002"
ui_wait_selected "C0000004"
ui_keys A; ui_wait "$(ask approve C0000004 approve "$(M 县级审批纳入)")"
ui_type "县级审批纳入监测"; ui_keys Enter
ui_wait "$(title 0 "")"   # (the status line is cut at 80 columns under English labels)
last_commit > commit.txt
expect_grep "^ca@bangfu|case move 县级审批纳入 C0000004: 县级审批纳入监测|县级审批纳入监测" commit.txt
ui_keys Q
ui_done
