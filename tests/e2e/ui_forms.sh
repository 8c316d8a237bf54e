# The reviewer's day, forms (issue 13): key names in messages come from the live keymap
# (a rebound key is named as bound); U withdraws the reviewer's own pass from the queue
# and from the household, refused before a reason is asked when someone acted since.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
on() { day=$1; who=$2; shift 2; BANGFU_TODAY=$day BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY="$3" BANGFU_TEST_LOGIN="$4" "$BANGFU_TH" -d d; }
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }

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
expect_grep "C0000002: case opened" out
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
ui_keys Enter; ui_wait "Household"
ui_keys Enter
ui_wait "Z changes the field under the cursor"
ui_wait "Y withdraw"
grep -q "E changes" screen.txt && { ui_dump; fail "the hint names E, which is unbound"; }
# a save refused as stale is kept as a draft: the message names the drafts key as bound
ui_keys /; ui_type "家庭电话"; ui_keys Enter; ui_wait_selected "家庭电话"
ui_keys Z; ui_wait "家庭电话 (household_phone):"
expect_exit 0 on 2026-01-15 "$me" set 4418210004 household_phone 07631234567 --why 另一人改了
ui_type "07637654321"; ui_keys Enter
ui_wait "reason"; ui_type "核实后更正"; ui_keys Enter
ui_wait "kept as a draft (W)"
ui_keys Q
ui_cleanup

# --- withdraw: from the queue, and refused before the reason on the household ----------
ui_as 120 35 2026-01-15 tr
ui_wait "人均纯收入"
ui_keys r; ui_wait_selected "C0000002"
ui_wait "P approve"
ui_keys P; ui_wait "reason"
ui_type "材料齐全"; ui_keys Enter
ui_wait "the queue is empty"
ui_keys U; ui_wait "withdraw your township_pass (镇级审核通过), reason:"
n=$(commits)
ui_type "误操作，材料未核"; ui_keys Enter
ui_wait "C0000002: 县级审批 → 镇级审核 (撤回)"
ui_wait_selected "C0000002"
[ "$(commits)" = "$((n + 1))" ] || fail "the withdrawal was not one recorded change"
expect_exit 0 on 2026-01-15 tr case show C0000002
expect_grep "withdraw .* by tr: 误操作，材料未核" out
ui_keys Q
ui_cleanup

# pass again; the county acts; the township's U on the household refuses before asking
expect_exit 0 on 2026-01-16 tr case move C0000002 township_pass --why 补充后通过
expect_exit 0 on 2026-01-16 co case move C0000002 send_back --why 县里退回
rm -f xdg-config/bangfu/keys
ui_as 80 24 2026-01-16 tr
ui_wait "人均纯收入"
ui_keys /; ui_type "张三丰"; ui_keys Enter; ui_wait_selected "张三丰"
ui_keys Enter; ui_wait "Household"
n=$(commits)
ui_keys U
ui_wait "nothing to withdraw"
grep -q "reason:" screen.txt && { ui_dump; fail "U asked a reason for a step that cannot be withdrawn"; }
ui_keys m; ui_wait "taken by co, not you"
ui_keys q
[ "$(commits)" = "$n" ] || fail "a refused withdrawal wrote"
ui_keys Q
ui_cleanup
ui_done
