# case withdraw (撤回): a township reviewer takes back their own pass or send-back while the
# county has not acted: a recorded step with its reason (the history keeps the pass and
# the withdrawal), refused for someone else, after the next level acted, without a
# reason, for an auditor and out of scope; nothing is written when refused.
# both locales
. "$TESTS/lib.sh"
NL='
'
# not_yours STEP LABEL DATE WHO: the refusal of a withdrawal of another's latest step
not_yours() { expect_grep "$(Mre 'the latest step, %s (%s) on %s, was taken by %s, not you: you may withdraw only your own step, before anyone acts after it' "$@")" err; }
# moved CASE FROM TO DATE: a withdrawal done
moved() { expect_grep "$(Mf '%s: %s → %s (%s) on %s' "$1" "$(M "$2")" "$(M "$3")" "$(M 撤回)" "$4")" out; }
data="$TESTS/e2e/data"
me=$(id -un)
on() { day=$1; who=$2; shift 2; BANGFU_TODAY=$day BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }

expect_exit 0 on 2026-01-05 "$me" init
head -1 "$data/good.csv" > more.csv
printf '%s\n' '4418210003,441821,迳头镇,青竹村,,下围1号,张三丰,441821700101001,户主,男,汉族,健康,普通劳动力,,初中,6,13800138003,一般农户,7000,,,,,' >> more.csv
expect_exit 0 on 2026-01-05 "$me" import households "$data/good.csv"
expect_exit 0 on 2026-01-05 "$me" import households more.csv
hh=4418210003
for u in "cw caseworker 441821107202 村干部" "tr township 441821107 镇审核甲" "tr2 township 441821107 镇审核乙" \
         "co county 441821 县审批" "au auditor 44 审计" "far township 441821101 外镇"; do
	set -- $u
	expect_exit 0 on 2026-01-05 "$me" user add "$1" --role "$2" --scope "$3" --name "$4"
done
expect_exit 0 on 2026-01-05 cw case open "$hh" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
case=$(grep -o 'C[0-9]*' out | head -1)
expect_exit 0 on 2026-01-06 cw case move "$case" visit --consent 2026-01-06 --why 入户核实
expect_exit 0 on 2026-01-07 cw case move "$case" check --why 数据比对
expect_exit 0 on 2026-01-08 cw case move "$case" village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
expect_exit 0 on 2026-01-14 cw case move "$case" to_township --why 公示期满

# nothing of the township's to withdraw yet: the caseworker's step is the latest
n=$(commits)
expect_exit 1 on 2026-01-15 tr case withdraw "$case" --why 误点
not_yours to_township '.*' 2026-01-14 cw
[ "$LANGUAGE" != zh_CN ] || expect_grep "由 cw 办理，不是您" err
[ "$(commits)" = "$n" ] || fail "a refused withdrawal wrote"

# the township passes it, then withdraws the pass: back to township review, recorded
expect_exit 0 on 2026-01-15 tr case move "$case" township_pass --why 审核通过
expect_exit 2 on 2026-01-15 tr case withdraw "$case"
expect_grep "$(M '--why TEXT is required: every change says why')" err
expect_exit 1 on 2026-01-15 tr2 case withdraw "$case" --why 不是我的
not_yours township_pass '.*' 2026-01-15 tr
expect_exit 1 on 2026-01-15 au case withdraw "$case" --why 审计
expect_grep "$(Mre 'role %s (%s) reads only and changes nothing: %s refused' '.*' auditor withdraw)" err
expect_exit 1 on 2026-01-15 far case withdraw "$case" --why 外镇
expect_grep "$(Mre 'no case "%s" in your scope (%s)' "$case")" err
[ "$(commits)" = "$((n + 1))" ] || fail "a refused withdrawal wrote"
expect_exit 0 on 2026-01-16 tr case withdraw "$case" --why 材料需补充核对
moved "$case" 县级审批 镇级审核 2026-01-16
expect_exit 0 on 2026-01-16 tr case show "$case"
expect_grep "township_pass" out
expect_grep "withdraw" out
expect_grep "材料需补充核对" out
expect_exit 0 on 2026-01-16 tr case queue
expect_grep "$case" out
# a withdrawal is not withdrawn again
expect_exit 1 on 2026-01-16 tr case withdraw "$case" --why 再撤
expect_grep "$(Mre 'your latest step on the case is %s (%s), which cannot be withdrawn: only %s' withdraw "$(M 撤回)")" err

# once the county has acted, the township's pass stays: the refusal says who acted
expect_exit 0 on 2026-01-17 tr case move "$case" township_pass --why 补充后通过
expect_exit 0 on 2026-01-18 co case move "$case" send_back --why 退回镇里
n=$(commits)
expect_exit 1 on 2026-01-18 tr case withdraw "$case" --why 想撤回
not_yours send_back "$(M 退回上一步)" 2026-01-18 co
[ "$(commits)" = "$n" ] || fail "a refused withdrawal wrote"
# the county's own send-back it may withdraw (case move ... withdraw is the same step)
expect_exit 0 on 2026-01-18 co case move "$case" withdraw --why 退错了
moved "$case" 镇级审核 县级审批 2026-01-18
expect_exit 0 on 2026-01-18 "$me" audit verify
# the withdrawals survive a rebuild from the audit history alone
expect_exit 0 on 2026-01-18 co case show "$case"
cp out before.txt
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 on 2026-01-18 "$me" rebuild
expect_exit 0 on 2026-01-18 co case show "$case"
cmp before.txt out || { diff before.txt out; fail "case show differs after rebuild"; }
expect_grep "$(Mre "  %s  %-16s → %-10s by %s: %s%s%s%s$NL" '.*' 'withdraw *' '.*' co 退错了)" out
expect_exit 0 on 2026-01-18 "$me" audit verify
