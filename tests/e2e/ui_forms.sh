# The reviewer's day, forms (issue 13): key names in messages come from the live keymap
# (a rebound key is named as bound); U withdraws the reviewer's own pass from the queue
# and from the household, refused before a reason is asked when someone acted since; the
# V and M forms keep a draft on a hang-up as E does and resume from it; text pasted with
# an Esc or a line break stays in the prompt, a paste outside a prompt runs no keys; C on
# a household without an open case offers to open one (Tab completes the codes, the
# risks one after another), refusing what it can before asking more.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
on() { day=$1; who=$2; shift 2; BANGFU_TODAY=$day BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY="$3" BANGFU_TEST_LOGIN="$4" "$BANGFU_TH" -d d; }
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }
# the messages' parts waited for: a prompt's words before its parenthesis or colon, a
# prompt without its trailing blank, a household view's title
words() { M "$1" | sed 's/ *[(（:：,，].*//'; }
bare() { M "$1" | sed 's/ *$//'; }
title() { Mf 'Household %s  %s  [ID/phone %s]  %s%s' "$1" | sed 's/ *\[.*//'; }
hint='%s changes the field under the cursor, %s visit, %s measure, %s income, %s task, %s case step, %s withdraw, %s history'
reason=$(words 'reason (kept in the history): ')
visit_date='visit date (YYYY-MM-DD, empty = today): '
method='method (Tab: 入户 电话 微信): '
amount='amount in yuan (optional): '
recorded=$(M '%s %s recorded' | sed 's/^.*%s //')
# ui_wait_joined TEXT: ui_wait, on the screen's lines joined (a Chinese message may wrap
# anywhere at 80 columns); ui_wait_re PATTERN: until a line matches the extended PATTERN
ui_poll() {
	_n=0
	while ui_screen; ! "$@"; do
		_n=$((_n + 1)); [ "$_n" -ge 200 ] && { ui_dump; fail "timed out waiting for: $*"; }
		sleep 0.05
	done
}
joined_has() { tr -d '\n' < screen.txt | grep -qF -- "$1"; }
ui_wait_joined() { ui_poll joined_has "$1"; }
ui_wait_re() { ui_poll grep -Eq -- "$1" screen.txt; }

head -1 "$data/good.csv" > more.csv
printf '%s\n' \
	'4418210003,441821,迳头镇,青竹村,,下围1号,张三丰,441821700101001,户主,男,汉族,健康,普通劳动力,,初中,6,13800138003,一般农户,7000,,,,,' \
	'4418210004,441821,迳头镇,青竹村,,下围2号,赵四娘,441821700101002,户主,女,汉族,健康,普通劳动力,,初中,6,13800138004,一般农户,9000,,,,,' >> more.csv
expect_exit 0 on 2026-01-05 "$me" init
expect_exit 0 on 2026-01-05 "$me" import households "$data/good.csv"
expect_exit 0 on 2026-01-05 "$me" import households more.csv
for u in "cw caseworker 441821107202 村干部小陈" "tr township 441821107 镇审核老李" \
         "co county 441821 县审批老王"; do
	set -- $u
	expect_exit 0 on 2026-01-05 "$me" user add "$1" --role "$2" --scope "$3" --name "$4"
done
expect_exit 0 on 2026-01-05 cw case open 4418210003 --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
expect_grep "$(Mf '%s: case opened as a lead (线索); the 15-day clock runs from %s
' C0000002 | sed 's/[;；].*//')" out
expect_exit 0 on 2026-01-06 cw case move C0000002 visit --consent 2026-01-06 --why 入户核实
expect_exit 0 on 2026-01-07 cw case move C0000002 check --why 数据比对
expect_exit 0 on 2026-01-08 cw case move C0000002 village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
expect_exit 0 on 2026-01-14 cw case move C0000002 to_township --why 公示期满

# --- key names from the live keymap ---------------------------------------------------
mkdir -p xdg-config/bangfu
printf '%s\n' 'bind household E none' 'bind household Z edit-field' 'bind household U none' \
	'bind household Y withdraw' 'bind generic w none' 'bind generic W drafts' \
	'bind review A none' 'bind review P approve' > xdg-config/bangfu/keys
ui_as 120 35 2026-01-15 cw
ui_wait "人均纯收入"
ui_keys /; ui_type "赵四娘"; ui_keys Enter; ui_wait_selected "赵四娘"
ui_keys Enter; ui_wait "$(title H4418210000004)"
ui_keys Enter
ui_wait "$(Mf "$hint" Z | sed 's/[,，].*//')"
ui_wait "$(M "$hint" | sed 's/，/,/g' | awk -F', *' '{print $7}' | sed 's/%s/Y/')"
[ "$LANGUAGE" != zh_CN ] || ui_wait "Y 撤回"
grep -qF "$(Mf "$hint" E | sed 's/[,，].*//')" screen.txt && { ui_dump; fail "the hint names E, which is unbound"; }
# a save refused as stale is kept as a draft: the message names the drafts key as bound
ui_keys /; ui_type "家庭电话"; ui_keys Enter; ui_wait_selected "家庭电话"
ui_keys Z; ui_wait "$(Mf '%s (%s): ' 家庭电话 household_phone | sed 's/ *$//')"
expect_exit 0 on 2026-01-15 "$me" set 4418210004 household_phone 07631234567 --why 另一人改了
ui_type "07637654321"; ui_keys Enter
ui_wait "$reason"; ui_type "核实后更正"; ui_keys Enter
ui_wait "$(Mf 'not saved, kept as a draft (%s): %s' W | sed 's/[:：].*//')"
ui_keys Q
ui_cleanup
grep -q "^value: 07637654321$" xdg-data/bangfu/drafts/*-m0-household_phone.draft || fail "no draft of the edit"
rm xdg-data/bangfu/drafts/*.draft

# --- withdraw: from the queue, and refused before the reason on the household ----------
ui_as 120 35 2026-01-15 tr
ui_wait "人均纯收入"
ui_keys r; ui_wait_selected "C0000002"
ui_wait "P $(M 'Review queue  %ld waiting%s  %s approve  %s send back' | sed 's/.*%s  %s \([^ ]*\)  %s.*/\1/')"
ui_keys P; ui_wait "$reason"
ui_type "材料齐全"; ui_keys Enter
ui_wait "$(M '%s — the queue is empty' | sed 's/^%s — //')"
ui_keys U; ui_wait "$(Mf '%s withdraw your %s (%s), reason: ' C0000002 township_pass "$(M 镇级审核通过)" | sed 's/ *$//')"
n=$(commits)
ui_type "误操作，材料未核"; ui_keys Enter
ui_wait "$(Mf '%s: %s → %s (%s) on %s' C0000002 "$(M 县级审批)" "$(M 镇级审核)" "$(M 撤回)" 2026-01-15)"
ui_wait_selected "C0000002"
[ "$(commits)" = "$((n + 1))" ] || fail "the withdrawal was not one recorded change"
expect_exit 0 on 2026-01-15 tr case show C0000002
expect_grep "$(Mre '  %s  %-16s → %-10s by %s: %s%s%s%s\n' '.*' 'withdraw *' '.*' tr 误操作，材料未核)" out
ui_keys Q
ui_cleanup

# pass again; the county acts; the township's U on the household refuses before asking
expect_exit 0 on 2026-01-16 tr case move C0000002 township_pass --why 补充后通过
expect_exit 0 on 2026-01-16 co case move C0000002 send_back --why 县里退回
rm -f xdg-config/bangfu/keys
ui_as 80 24 2026-01-16 tr
ui_wait "人均纯收入"
ui_keys /; ui_type "张三丰"; ui_keys Enter; ui_wait_selected "张三丰"
ui_keys Enter; ui_wait "$(title H4418210000003)"
n=$(commits)
ui_keys U
ui_wait "$(Mf '%s: nothing to withdraw: %s' C0000002 | sed 's/[:：] *$//')"
grep -qF "$(M '%s withdraw your %s (%s), reason: ' | sed 's/.*[,，] *//; s/ *$//')" screen.txt && { ui_dump; fail "U asked a reason for a step that cannot be withdrawn"; }
ui_keys m; ui_wait_joined "$(M 'the latest step, %s (%s) on %s, was taken by %s, not you: you may withdraw only your own step, before anyone acts after it' | sed 's/[:：].*//; s/^.*%s, was //; s/^.*）//; s/%s/co/')"
ui_keys q
[ "$(commits)" = "$n" ] || fail "a refused withdrawal wrote"
ui_keys Q
ui_cleanup

# --- V and M: a hang-up keeps the form as a draft; the next start resumes it ------------
# (C0000003 on 赵四娘 approved by the county: measures may be recorded)
expect_exit 0 on 2026-01-05 cw case open 4418210004 --category 突发严重困难户 --source 基层干部排查 --risks 因病 --why 突发重病
expect_exit 0 on 2026-01-05 cw case move C0000003 green_channel --why 突发重病先帮扶
ui_as 100 30 2026-01-20 cw
ui_wait "人均纯收入"
pid=$(ui_pid)
ui_keys /; ui_type "赵四娘"; ui_keys Enter; ui_wait_selected "赵四娘"
ui_keys Enter; ui_wait "$(title H4418210000004)"
ui_keys V; ui_wait "$(words "$visit_date")"
ui_type "2026-01-19"; ui_keys Enter; ui_wait "$(M 'visitor: ')村干部小陈"
ui_keys Enter; ui_wait "$(M "$method" | sed 's/\(Tab\).*/\1/')"
ui_keys Tab; ui_wait "$(M "$method")入户"
ui_keys Enter; ui_wait "$(bare 'findings: ')"
ui_type "房屋漏雨，需维修"
ui_wait "$(M 'findings: ')房屋漏雨，需维修"
kill -HUP "$pid"
ui_gone "$pid" 5
f=$(ls xdg-data/bangfu/drafts/*visit.draft) || fail "no draft of the visit after SIGHUP"
grep -q "^form: visit$" "$f" || fail "the draft does not name its form"
grep -q "^findings: 房屋漏雨，需维修$" "$f" || fail "the draft lacks what was being typed"
grep -q "^date: 2026-01-19$" "$f" || fail "the draft lacks the date"
grep -q "^method: home$" "$f" || fail "the draft lacks the method"
[ "$(stat -c %a "$f")" = 600 ] || fail "a draft must be private (0600)"
expect_exit 0 on 2026-01-20 cw case show C0000003
expect_no_grep "房屋漏雨" out
ui_cleanup
ui_as 100 30 2026-01-20 cw
ui_wait "$(drafts 1)"
ui_wait 'H4418210000004 visit: date="2026-01-19"'
ui_keys Enter; ui_wait "$(M "$visit_date")2026-01-19"
ui_keys Enter; ui_wait "$(M 'visitor: ')村干部小陈"
ui_keys Enter; ui_wait "$(M "$method" | sed 's/.*微信/微信/')入户"               # the draft's code offered as its label
ui_keys Enter; ui_wait "$(M 'findings: ')房屋漏雨，需维修"
ui_keys Enter; ui_wait "$(words 'follow-up (optional): ')"
ui_keys Enter; ui_wait "$reason"
ui_type "定期走访"; ui_keys Enter
ui_wait "$recorded"
ls xdg-data/bangfu/drafts/*.draft > /dev/null 2>&1 && fail "the saved visit's draft was not removed"
expect_exit 0 on 2026-01-20 "$me" show 4418210004
expect_grep "房屋漏雨，需维修" out
expect_grep "2026-01-19" out
# M, the same way: cut off at the amount, resumed, saved
pid=$(ui_pid)
ui_keys M; ui_wait "$(words 'measure group (Tab: 产业 就业 金融 公益岗位 ...): ')"
ui_type "就业"; ui_keys Enter; ui_wait "$(bare 'detail: ')"
ui_type "公益性岗位保洁"; ui_keys Enter; ui_wait "$(words 'start date (empty = today): ')"
ui_keys Enter; ui_wait "$(words "$amount")"
ui_type "600"; ui_wait "$(M "$amount")600"
kill -HUP "$pid"
ui_gone "$pid" 5
f=$(ls xdg-data/bangfu/drafts/*measure.draft) || fail "no draft of the measure after SIGHUP"
grep -q "^amount: 600$" "$f" || fail "the measure's draft lacks the amount being typed"
grep -q "^detail: 公益性岗位保洁$" "$f" || fail "the measure's draft lacks the detail"
ui_cleanup
ui_as 100 30 2026-01-20 cw
ui_wait "$(drafts 1)"
ui_keys Enter; ui_wait "$(M 'measure group (Tab: 产业 就业 金融 公益岗位 ...): ' | sed 's/.*\.\.\./.../')就业"
ui_keys Enter; ui_wait "$(M 'detail: ')公益性岗位保洁"
ui_keys Enter; ui_keys Enter; ui_wait "$(M "$amount")600"
ui_keys Enter; ui_wait "$(words 'responsible unit or person (optional): ')"
ui_keys Enter; ui_wait "$reason"
ui_type "安排就业"; ui_keys Enter
ui_wait "$recorded"
expect_exit 0 on 2026-01-20 "$me" show 4418210004
expect_grep "公益性岗位保洁" out

# --- pasted text: an Esc or a line break stays in the prompt; outside one, no keys run --
ui_keys V; ui_wait "$(words "$visit_date")"
ui_keys Enter; ui_wait "$(bare 'visitor: ')"
ui_keys Enter; ui_wait "$(words "$method")"
ui_type "电话"; ui_keys Enter; ui_wait "$(bare 'findings: ')"
ui_tmux set-buffer "$(printf '第一行\n第二行\033')"
ui_tmux paste-buffer -p -t t
ui_wait "$(M 'findings: ')第一行 第二行"
cancelled=$(words 'cancelled: nothing was changed')
grep -qF "$cancelled" screen.txt && { ui_dump; fail "an Esc inside a paste cancelled the form"; }
grep -qF "$(words 'follow-up (optional): ')" screen.txt && { ui_dump; fail "a line break inside a paste accepted the prompt"; }
ui_keys Escape; ui_wait "$cancelled"
ui_keys q; ui_wait "$(Mnf 'Drafts  (%ld unsaved edit: %s resumes, %s discards)' 'Drafts  (%ld unsaved edits: %s resumes, %s discards)' 0 0 | sed 's/[:：].*//')"
ui_keys q; ui_wait "人均纯收入"
ui_tmux set-buffer "jjQ"
ui_tmux paste-buffer -p -t t
ui_wait "$(Mnf 'pasted text is not keys: %ld character ignored (paste into a prompt)' 'pasted text is not keys: %ld characters ignored (paste into a prompt)' 3 3 | sed 's/ *[(（].*//')"
ui_pid > /dev/null || fail "a paste outside a prompt ran its Q"
ui_keys Q
ui_cleanup

# --- C without an open case: offers to open one, checking what it can first -----------
head -1 "$data/good.csv" > third.csv
echo '4418210005,441821,迳头镇,青竹村,,下围3号,钱五婶,441821700101004,户主,女,汉族,健康,普通劳动力,,初中,6,13800138005,一般农户,7500,,,,,' >> third.csv
expect_exit 0 on 2026-01-20 "$me" import households third.csv
n=$(commits)
# the township may not open a case: said at once, nothing asked
ui_as 120 35 2026-01-20 tr
ui_wait "人均纯收入"
ui_keys /; ui_type "钱五婶"; ui_keys Enter; ui_wait_selected "钱五婶"
no_case='%s has no case: open one as a lead (线索)?'
category=$(words 'category 监测类别 (Tab: 脱贫不稳定户 边缘易致贫户 突发严重困难户): ')
ui_keys Enter; ui_wait "$(title H4418210000005)"
ui_keys C; ui_wait "$(Mf 'no case can be opened on %s: %s' H4418210000005 | sed 's/[:：] *$//')"
{ grep -qF "$(M "$no_case" | sed 's/^%s[^:：]*[:：] *//; s/ *[(（].*//')" screen.txt || grep -qF "$category" screen.txt; } && { ui_dump; fail "C asked about a case the township may not open"; }
ui_keys m; ui_wait "$(M 'role %s (%s) may not take %s (%s): needs %s' | sed 's/^[^)）]*[)）] *//; s/ *[(（].*//; s/%s/open/')"
ui_keys q; ui_keys Q
ui_cleanup
[ "$(commits)" = "$n" ] || fail "a refused open wrote"
ui_as 80 24 2026-01-20 cw
ui_wait "人均纯收入"
ui_keys /; ui_type "钱五婶"; ui_keys Enter; ui_wait_selected "钱五婶"
ui_keys Enter; ui_wait "$(title H4418210000005)"
ui_keys C; ui_wait "$(Mf "$no_case" H4418210000005 | sed 's/ *[(（].*//')"
[ "$LANGUAGE" != zh_CN ] || ui_wait "没有监测对象：作为线索新建一个"
ui_keys y; ui_wait "$category"
# at 80 columns the label of Tab choices is cut (marked) so the value is seen whole
ui_type "边缘"; ui_keys Tab; ui_wait_re '> +边缘易致贫户'
ui_keys Enter; ui_wait "$(words 'source 识别来源 (Tab: 农户自主申报 基层干部排查 部门筛查预警): ')"
ui_type "基层"; ui_keys Tab; ui_keys Enter; ui_wait "$(words 'risks 风险类型, up to five (Tab each: 因病、因残 ...): ')"
ui_type "因病、因"; ui_keys Tab; ui_wait "因病、因病"
ui_keys Tab; ui_wait "因病、因残"
ui_type "、因自然"; ui_keys Tab; ui_wait "因病、因残、因自然灾害"
ui_keys Enter; ui_wait "$(words 'disaster 灾害类型 (Tab: 洪涝 地质 旱灾 ...): ')"
ui_type "洪"; ui_keys Tab; ui_keys Enter
ui_wait "$(words 'the day the lead came in (YYYY-MM-DD, empty = today): ')"
ui_type "2026-02-01"; ui_keys Enter
ui_wait "$(M '%s %s is in the future (today is %s)' | sed 's/^%s %s //; s/ *[(（].*//')"
ui_keys C-u; ui_keys Enter; ui_wait "$reason"
# a value longer than the line scrolls, "<" standing for what scrolled off
ui_type "入户排查发现，户主长期患病需要定期治疗，家庭收入明显下降，子女在外务工收入不稳定"
ui_wait "$(M 'reason (kept in the history): ' | sed 's/.*[(（]//')<"
ui_keys Enter
ui_wait "$(Mf '%s: case opened on %s as a lead (线索); the 15-day clock runs from %s' C0000004 H4418210000005 | sed 's/[;；].*//')"
ui_keys Q
ui_cleanup
expect_exit 0 on 2026-01-20 cw case show 4418210005
expect_grep "$(M 边缘易致贫户)" out
expect_grep "$(M 因病)、$(M 因残)、$(M 因自然灾害)" out
expect_grep "入户排查发现，户主长期患病需要定期治疗，家庭收入明显下降，子女在外务工收入不稳定" out
ui_done
