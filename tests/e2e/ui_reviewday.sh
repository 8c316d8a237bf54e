# The reviewer's day (issue 13): the defects a township or county clerk met, each one
# reproduced with its keys. A rule task is not marked done by hand; the dashboard's drill-down opens a list over it (q comes back),
# the tasks view never cuts "overdue 1765d", state: takes Chinese labels and refuses
# unknown ones, the :export pager shows neither the BOM nor ^M, a refusal of several lines
# is one status line without ^J, an unreadable data directory is named as such, usage
# lines show required options without brackets and `case steps` is aligned, an Esc inside
# pasted text does not cancel the form, and M / A refuse before asking anything when the
# case cannot take them.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# (no idle refresh: these sessions act on rows made stale on purpose)
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY="$3" BANGFU_TEST_LOGIN="$4" "$BANGFU_TH" -d d; }
# p PROMPT: a prompt's words before its "(..." or ":" in the test's language
# cut_paren MSG: MSG up to its first " (" or "（", without trailing blanks
opened='%s: case opened as a lead (线索); the 15-day clock runs from %s\n'
ruled() { cut_paren "$(Mf 'task %s was made by the rules (%s): it is resolved by itself once the condition ends (the visit recorded, a development measure in place, the lead decided); cancel it with a reason if it does not apply' "$1")"; }
tshow='task: %s\ntitle: %s\nkind: %s %s\nowner: %s\nstatus: %s %s\n'
# qtitle N [WHO]: the queue's title (WHO: " for ROLE SCOPE", on a screen 100 wide)
qtitle() { Mf 'Review queue  %ld waiting%s  %s approve  %s send back' "$1" "${2:-}" A B; }
# the township reviewer as the title names her: her role's code in English, label in Chinese
if [ "$LANGUAGE" = zh_CN ]; then tr_role=镇级审核; else tr_role=township; fi
tr_who=$(Mf ' for %s %s' "$tr_role" 441821107)
moved() { upto_colon "$(Mf '%s was moved meanwhile: it is now %s (%s), not %s; %s reads the queue again' "$1")"; }
# asks_reason FORMAT ID: the question FORMAT asks for ID is on screen
asks_reason() { grep -qF "$(Mf "$1" "$2" x x | sed 's/ *$//')" screen.txt; }

ui_village 2026-01-05 "cw caseworker 441821107202 村干部小陈" "tr township 441821107 镇审核老李" \
	"au auditor 441821 审计小王"
# C0000002 on household 3 at township review; C0000003 on household 4 a lead
expect_exit 0 on 2026-01-05 cw case open 4418210003 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
expect_grep "$(Mre "$opened" C0000002)" out
expect_exit 0 on 2026-01-06 cw case move C0000002 visit --consent 2026-01-06 --why 入户核实
expect_exit 0 on 2026-01-07 cw case move C0000002 check --why 数据比对
expect_exit 0 on 2026-01-08 cw case move C0000002 village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
expect_exit 0 on 2026-01-14 cw case move C0000002 to_township --why 公示期满
expect_exit 0 on 2026-01-05 cw case open 4418210004 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
expect_grep "$(Mre "$opened" C0000003)" out

# defect 4: state: by label as by code; an unknown state is refused
expect_exit 0 on 2026-01-15 "$me" list state:township_review
by_code=$(grep -c '^H' out)
[ "$by_code" = 1 ] || fail "state:township_review should match one household"
expect_exit 0 on 2026-01-15 "$me" list state:镇级审核
[ "$(grep -c '^H' out)" = "$by_code" ] || fail "state:镇级审核 does not match as state:township_review"
expect_exit 2 on 2026-01-15 "$me" list state:foo
expect_grep "$(cut_paren "$(Mf 'unknown state "%s" (e.g. lead, 线索, township_review, 镇级审核, assisting, 帮扶中)' foo)")" err

# defect 8: required options without brackets; --why optional only where it is
expect_exit 0 "$BANGFU" user add --help
expect_grep "user add LOGIN --name X --role X --scope X \[--why X\]" out
expect_exit 0 "$BANGFU" case move --help
expect_grep "case move CASE STEP .* --why X$" out
expect_exit 0 "$BANGFU" show --help
expect_grep "show HOUSEHOLD \[--reveal\] \[--why X\]" out
expect_exit 0 on 2026-01-15 "$me" case steps
# the third column starts at the same screen column on every row (a Chinese character is
# 3 bytes and 2 cells: cells = characters + (bytes - characters) / 2); the label column
# ends in two spaces at least (an English label has single spaces inside)
while IFS= read -r l; do
	p=$(printf '%s' "$l" | sed 's/^\([^ ]*  *.*[^ ]   *\)[^ ].*/\1/')
	c=$(printf '%s' "$p" | LC_ALL=C.UTF-8 wc -m); b=$(printf '%s' "$p" | wc -c)
	echo $((c + (b - c) / 2))
done < out | sort -u > cols
[ "$(wc -l < cols)" = 1 ] || { cat out; fail "case steps: the third column is not aligned"; }

# defect 7: a data directory the user may not read is named as such
mkdir locked && expect_exit 0 "$BANGFU" -d locked/d init
chmod 000 locked
if [ "$(id -u)" = 0 ]; then
	expect_exit 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$BANGFU" -d "$PWD/locked/d" list
else
	expect_exit 1 "$BANGFU" -d locked/d list
fi
chmod 700 locked
cr=$(M '%s: cannot read the data directory: %s (ask the administrator for access, e.g. the bangfu group)')
# run as nobody from a private checkout (CI's mktemp -d), bangfu cannot read the build
# tree's catalogs and speaks its msgids: the message is then the English one
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups \
	test -r "$BANGFU_LOCALEDIR/zh_CN/LC_MESSAGES/bangfu.mo"; then
	cr=$(LANGUAGE=en M '%s: cannot read the data directory: %s (ask the administrator for access, e.g. the bangfu group)')
fi
cr=${cr#%s}; cr=${cr#: }; cr=${cr#：}
expect_grep "$(upto_colon "$cr")" err
expect_no_grep "no bangfu.db" err

# defect 2: an old task's urgency is shown whole at 120 columns
expect_exit 0 on 2021-06-01 "$me" task add 旧任务核对 --kind 核实 --due 2021-06-01 --household 4418210001 --why 测试
expect_exit 0 on 2026-01-15 "$me" today
urgency=$(grep 旧任务核对 out | grep -o "^$(Mre 'overdue %ldd' '[0-9]*')")
printf '%s\n' "$urgency" | grep -qx "$(Mre 'overdue %ldd' '[0-9]\{4\}')" || fail "today says \"$urgency\""
[ "$LANGUAGE" != zh_CN ] || case "$urgency" in 逾期*天) ;; *) fail "not in Chinese: $urgency";; esac

# defect 3: a rule-made task is not marked done by hand while its condition holds (it
# would never come back); it is resolved when the condition ends
# (the rule shown by its label: the task id follows it)
rule_task=$(sed -n "s/.* $(M 缺发展类措施)  *\(T[0-9][0-9]*\) .*/\1/p" out | head -1)
[ -n "$rule_task" ] || { cat out; fail "no dev_measure rule task"; }
n=$(commits)
expect_exit 1 on 2026-01-15 "$me" task done "$rule_task" --why 已落实
expect_grep "$(ruled "$rule_task")" err
[ "$(commits)" = "$n" ] || fail "a refused done wrote"
expect_exit 0 on 2026-01-15 "$me" task show "$rule_task"
expect_no_grep "^$(LINE=5 Mre "$tshow" done)" out

ui_as 120 35 2026-01-15 "$me"
ui_wait "人均纯收入"
ui_keys a; ui_wait "旧任务核对"
grep 旧任务核对 screen.txt | grep -qF "$urgency" || { ui_dump; fail "the tasks view does not show \"$urgency\""; }
# defect 3 in the tasks view: D on the rule task refuses before asking a reason
ui_keys /; ui_type "$rule_task"; ui_keys Enter; ui_wait_selected "$rule_task"
ui_keys D; ui_wait "$(ruled "$rule_task")"
asks_reason 'done %s, reason: ' "$rule_task" && { ui_dump; fail "D asked a reason for a rule task"; }
[ "$(commits)" = "$n" ] || fail "a refused done wrote"
ui_keys q; ui_wait "人均纯收入"
dash=$(M "Dashboard  %ld households in scope %s  (%s lists a bar's households)"); dash=${dash%%  *}
# defect 1: d, a bar, Enter: a list over the dashboard; q comes back to the dashboard
ui_keys d; ui_wait "$dash"
ui_keys /; ui_type "$(M 镇级审核)"; ui_keys Enter; ui_wait_selected "$(M 镇级审核)"
ui_keys Enter; ui_wait "$(Mf '  [limit: %s]' state:township_review)"
ui_keys q; ui_wait "$dash"
ui_keys q; ui_wait "人均纯收入"
ui_pid >/dev/null || fail "q on the dashboard's list quit bangfu"
# defect 5: the export in the pager: no BOM, no ^M
ui_keys :; ui_type "export households"; ui_keys Enter
ui_wait ":export households"
ui_wait "户编号,"
grep -q '\^M' screen.txt && { ui_dump; fail "the pager shows ^M"; }
grep -q "$(printf '\357\273\277')" screen.txt && { ui_dump; fail "the pager shows the BOM"; }
grep -q '<U+FEFF>\|<feff>' screen.txt && { ui_dump; fail "the pager shows the BOM"; }
grep -q '^户编号,' screen.txt || { ui_dump; fail "the header row does not start the line"; }
ui_keys q; ui_keys Q
ui_cleanup

# defects 6, 9 and 10 as the caseworker: M on a lead refuses at once; an Esc inside
# pasted text stays in the prompt; a refusal of several lines has no ^J
ui_as 100 30 2026-01-15 cw
ui_wait "人均纯收入"
ui_keys /; ui_type "赵四娘"; ui_keys Enter; ui_wait_selected "赵四娘"
ui_keys Enter; ui_wait "$(hh H4418210000004)"
ui_keys M
notyet=$(M 'case %s is %s: measures are recorded once it is monitored (or on the green channel 绿色通道)')
notyet=${notyet#*%s*%s}; notyet=${notyet%% (*}
ui_wait "$notyet"
grep -qF "$(p 'measure group (Tab: 产业 就业 金融 公益岗位 ...): ')" screen.txt && fail "M asked a field before refusing"
ui_keys V; ui_wait "$(p 'visit date (YYYY-MM-DD, empty = today): ')"
ui_keys Enter; ui_wait "$(p 'visitor: ')"
ui_type "$(printf '小陈\033x')"
ui_wait "$(M 'visitor: ')村干部小陈小陈x"
ui_keys Escape; ui_wait "$(upto_colon "$(M 'cancelled: nothing was changed')")"
ui_keys q
ui_keys /; ui_type "张三丰"; ui_keys Enter; ui_wait_selected "张三丰"
ui_keys Enter; ui_wait "$(hh H4418210000003)"
step=$(M '%s is %s; step (Tab: %s%s): '); step=${step#*%s*%s}; step=${step%%%s*}
ui_keys C; ui_wait "${step#*; }"
ui_type "not_take"; ui_keys Enter
ui_wait "$(p 'the day it happened (YYYY-MM-DD, empty = today): ')"; ui_type "2026-01-01"; ui_keys Enter
ui_wait "$(p 'reason (kept in the history): ')"; ui_type "不符合"; ui_keys Enter
# the refusal names the step by its label, one sentence in the test's language
refused=$(Mf 'step %s on case %s refused:\n  - %s' "$(M 不纳入)" C0000002 '' | head -1); ui_wait "$refused"
tail -1 screen.txt | sed 's/ - .*//' | grep -q "not_take" && { ui_dump; fail "the refusal names the step's code"; }
grep -q '\^J' screen.txt && { ui_dump; fail "the status line shows ^J"; }
# too long for the line: it ends in ">" (m shows it whole)
tail -1 screen.txt | grep -q '>$' || { ui_dump; fail "the cut status line is not marked"; }
bp=$(M "step date %s is before the previous step's date %s"); bp=${bp#*%s}; bp=${bp%%%s*}
ui_keys m; ui_wait "2026-01-01${bp% }"
ui_keys q
ui_keys Q
ui_cleanup

# the queue for an auditor: no A/B hints (read only)
ui_as 80 24 2026-01-25 au
ui_wait "人均纯收入"
ui_keys r; ui_wait "$(Mf 'Review queue  %ld waiting%s  (read only)' 0 "")"
ab=$(qtitle 0); ab="A${ab#*A}"
grep -qF "${ab%%  *}" screen.txt && { ui_dump; fail "an auditor is shown the A/B hints"; }
# the help wraps its long lines at 80 columns at a space, the rest indented
ui_keys "?"; ui_wait "$(Mf 'Help: %s view' review)"
help=$(M "take the case's next step forward (pass, approve, eliminate; asks a reason)")
ui_wait "${help#"${help%???}"}"
# the line of the action, then its rest on the next line, indented by 4: together the
# catalog's text, the break at a space (English) or before a Chinese character
python3 - "$help" <<'EOF' || { ui_dump; fail "the help's long line is not wrapped at a word, indented"; }
import sys
help, lines = sys.argv[1], open("screen.txt", encoding="utf-8").read().split("\n")
for i, l in enumerate(lines[:-1]):
    k = l.find(" approve ")
    if k < 0 or not l.startswith("  "):
        continue
    first, rest = l[k + 1 + 13 + 1:].rstrip(), lines[i + 1]
    ok = rest.startswith("    ") and rest[4] != " " and \
        (first + " " + rest.strip() == help or first + rest.strip() == help and ord(rest.strip()[0]) > 0x2e80)
    sys.exit(0 if ok else 1)
sys.exit(1)
EOF
ui_keys q
ui_keys Q
ui_cleanup

# defect 10: A on a case someone else moved meanwhile refuses before asking a reason
# (at 80x24 ten days later, the case past its 15-day clock is flagged LATE)
ui_as 80 24 2026-01-25 tr
ui_wait "人均纯收入"
ui_keys r; ui_wait_selected "C0000002"
ui_wait_selected "$(M LATE)"
# resized to 70 columns the names give way to the checks (收入7000<=线8000 公示5天 措施0
# 走访无) and what still does not fit ends in ">" (it was cut silently); back at 80 whole
ui_tmux resize-window -t t -x 70 -y 24
ui_wait_selected "C0000002 张> "              # redrawn at 70 (not tmux's cut of 80)
grep -q "$(Mf '%s收入%s%s线%.0f ' '' 7000 '<=' 8000).*>$" selected.txt || { cat selected.txt; fail "the cut checks are not marked"; }
ui_tmux resize-window -t t -x 80 -y 24
ui_wait_selected "C0000002 张三丰"
visit=$(Mf '%s措施%d %s走访%s' '' 0 '' "$(M 无)")   # 措施0 走访无 (measures 0 visit none)
ui_wait_selected "$visit"
grep -q "$visit$" selected.txt || { ui_dump; fail "whole checks marked as cut"; }
expect_exit 0 on 2026-01-25 tr case move C0000002 send_back --why 退回补充
n=$(commits)
ui_keys A
ui_wait "$(moved C0000002)"
asks_reason '%s approve (%s %s), reason: ' C0000002 && { ui_dump; fail "A asked a reason for a moved case"; }
[ "$(commits)" = "$n" ] || fail "a refused step wrote"
ui_keys Q
ui_cleanup

# the queue reads itself again when another process moves a case (PRAGMA data_version
# looked at when idle)
ui_exec 100 30 env BANGFU_UI_IDLE_MS=300 BANGFU_TODAY=2026-01-25 BANGFU_TEST_LOGIN=tr "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys r; ui_wait "$(qtitle 0 "$tr_who")"
expect_exit 0 on 2026-01-25 cw case move C0000002 to_township --why 补充后再报
ui_wait "$(qtitle 1 "$tr_who")"
ui_wait "C0000002"
ui_keys Q
ui_cleanup

# ^Z suspends to the shell; fg brings the UI back, repainted
ui_shell 80 24
ui_type "env BANGFU_TEST_LOGIN=tr $BANGFU_TH -d d"; ui_keys Enter
ui_wait "人均纯收入"
ui_keys C-z; ui_wait "Stopped"
ui_wait_gone "人均纯收入"
ui_type "fg"; ui_keys Enter
ui_wait "人均纯收入"
ui_keys Q; ui_wait_gone "人均纯收入"
ui_done
