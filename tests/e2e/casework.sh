# The casework scenario of issue 3: four staff identities (caseworker, township reviewer,
# county approver, auditor) take a household from a department warning to elimination
# and back through a relapse, and each refusal is shown: wrong role, out of scope, notice
# too short, elimination too early, no labour. Dates are pinned with BANGFU_TODAY and
# identities with BANGFU_TEST_LOGIN (test-hooks build only). `git log` of the household
# then reads as the story of the case.
# both locales
. "$TESTS/lib.sh"
NL='
'
data="$TESTS/e2e/data"
me=$(id -un)

expect_exit 0 on 2026-01-05 "$me" init
expect_exit 0 on 2026-01-05 "$me" import households "$data/good.csv"
for u in "cw caseworker 441821107202 村干部小陈" "tr township 441821107 镇审核老李" \
         "ca county 441821 县审批王科" "au auditor 441821 审计员" "cw2 caseworker 441881 别县干部"; do
	set -- $u
	expect_exit 0 on 2026-01-05 "$me" user add "$1" --role "$2" --scope "$3" --name "$4"
done
H=4418210002
for f in 住房安全有保障 义务教育有保障 基本医疗有保障 饮水安全有保障 大额支出已解决; do
	expect_exit 0 on 2026-01-05 cw set $H $f 是 --why "三保障核实"
done
expect_exit 0 on 2026-01-05 cw setting get monitoring_line.2026
expect_grep "monitoring_line.2026 = 8000" out

# a department warning opens a lead; the unmatched row is listed; importing again adds nothing
expect_exit 0 on 2026-01-06 "$me" import warnings "$data/warnings.csv"
expect_grep "$(Mf 'opened lead %s on household %s (15-day clock from %s)' C0000002 H4418210000002 2026-01-05)" out
expect_grep "4405\*\*\*\*\*\*\*\*\*\*1002 .*: $(M 'unmatched: no household in your scope holds this ID number')" out
expect_no_grep "440582199003151002" out   # printed masked, as every ID number is
[ "$LANGUAGE" != zh_CN ] || expect_grep "已立线索 C0000002（农户 H4418210000002" out
[ -f "$data/warnings.csv.unmatched.csv" ] && mv "$data/warnings.csv.unmatched.csv" unmatched.csv
expect_grep "查无此人" unmatched.csv
expect_grep "^440582199003151002,.*,查无此证件号码的农户（本人辖区内）" unmatched.csv   # data: the same in every language
commits=$(git --git-dir=d/audit.git rev-list --count HEAD)
expect_exit 0 on 2026-01-06 "$me" import warnings "$data/warnings.csv"
expect_grep "$(Mf 'already imported (household %s)' H4418210000002)" out
expect_grep "$(Mnf '%d warning stored, ' '%d warnings stored, ' 0 0)" out
rm -f "$data/warnings.csv.unmatched.csv"
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$commits" ] || fail "second import wrote"
C=C0000002

# refusals: the auditor changes nothing, another county's caseworker sees nothing,
# a caseworker cannot take the township's step
expect_exit 1 on 2026-01-07 au case move $C visit --why 入户
expect_grep "$(Mre 'role %s (%s) reads only and changes nothing: %s refused' '.*' auditor)" err
expect_exit 1 on 2026-01-07 cw2 case move $C visit --why 入户
expect_grep "$(Mre 'no case "%s" in your scope (%s)' "$C")" err
expect_exit 0 on 2026-01-07 cw case move $C visit --consent 2026-01-07 --why "入户核实，签承诺书"
expect_exit 0 on 2026-01-08 cw case move $C check --why "数据比对无异常"
expect_exit 1 on 2026-01-08 cw case move $C township_pass --why 越级
expect_grep "^bangfu: $(LINE=1 Mre "step %s on case %s refused:$NL  - %s" "$(M 镇级审核通过)" "$C")" err
head -1 err > first.txt; expect_no_grep "township_pass" first.txt   # the step by its label, not its code
[ "$LANGUAGE" != zh_CN ] || expect_grep "步骤“镇级审核通过”（案例 $C）被拒绝：" err
expect_exit 0 on 2026-01-09 cw case move $C village_review --notice-start 2026-01-09 --notice-end 2026-01-12 --why "村民代表评议通过"

# the public notice: no ID number, phone or health information
expect_exit 0 on 2026-01-10 cw notice 青竹村
expect_grep "阿依古丽·买买提" out
expect_grep "拟纳入监测对象" out
expect_no_grep "441821198005051013" out
expect_no_grep "0763" out
expect_no_grep "因病" out

# notice too short (4 days), then long enough
expect_exit 1 on 2026-01-13 cw case move $C to_township --why 报镇
expect_grep "$(Mf 'the notice ran %ld of the %d days needed' 4 5)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "公示 4 天，公示不足 5 天" err
expect_exit 0 on 2026-01-14 cw case move $C to_township --notice-end 2026-01-13 --why "公示期满无异议"
expect_exit 1 on 2026-01-15 cw case move $C township_pass --why 审核
expect_exit 0 on 2026-01-15 tr case queue
expect_grep "$C" out
expect_exit 0 on 2026-01-15 tr case move $C township_pass --why "镇级审核通过"
expect_exit 1 on 2026-01-16 tr case move $C approve --why 审批
expect_exit 0 on 2026-01-16 ca case move $C approve --why "县级审批纳入监测"
expect_exit 0 on 2026-01-16 au case show $C
expect_grep "$(LINE=2 Mre "${NL}case %s  %s  %s (%s)$NL" "$C" '.*' "$(M 帮扶中)" assisting)" out
expect_grep "$(Mnf "  %d-day clock: %ld day from lead %s to %s%s$NL" "  %d-day clock: %ld days from lead %s to %s%s$NL" 11 15 11 2026-01-05 "$(M decision)" "")" out

# elimination too early: every unmet condition listed
expect_exit 1 on 2026-03-01 cw case move $C request_elim --why 申请消除
expect_grep "$(Mre 'monitored since %s, less than %d months: elimination possible from %s' '.*' 6)" err
expect_grep "$(M 'no assistance measure in place: at least 1 needed')" err
expect_exit 0 on 2026-01-20 cw measure add $H --group 就业 --detail "安排公益性岗位" --start 2026-01-20 --amount 1500 --why "就业帮扶"
expect_exit 0 on 2026-02-01 cw visit add $H --visitor 小陈 --method 入户 --findings "病情稳定" --why 走访
expect_exit 1 on 2026-02-01 au visit add $H --visitor 审计 --method 电话 --findings x --why x

# no labour: refused; labour back: allowed
expect_exit 0 on 2026-07-30 "$me" set $H labour 丧失劳动力 --member 1 --why "因病丧失劳动力"
expect_exit 1 on 2026-08-01 cw case move $C request_elim --why 申请消除
expect_grep "$(M 'no member able to work: such a household is not eliminated')" err
expect_exit 0 on 2026-07-31 "$me" set $H labour 技能劳动力 --member 1 --why "康复后恢复劳动能力"
expect_exit 0 on 2026-08-01 cw case move $C request_elim --why "收入稳定超过监测线"
expect_exit 0 on 2026-08-02 cw case move $C elim_village --notice-start 2026-08-02 --notice-end 2026-08-07 --why "消除评议"
expect_exit 0 on 2026-08-08 cw case move $C elim_to_township --why "公示期满"
expect_exit 0 on 2026-08-09 tr case move $C elim_township_pass --why "镇级同意消除"
expect_exit 1 on 2026-08-10 ca case move $C eliminate --why 消除
expect_grep "$(Mre '%s missing: one of %s' "$(M 'elimination method')")" err
expect_exit 0 on 2026-08-10 ca case move $C eliminate --method 帮扶消除 --why "风险已消除"
expect_exit 0 on 2026-08-10 cw case show $C
expect_grep "$(LINE=2 Mre "${NL}case %s  %s  %s (%s)$NL" "$C" '.*' "$(M 已消除)" eliminated)" out

# relapse: rolled back by the county, eliminated again later, then a new risk re-marks it
expect_exit 1 on 2026-09-01 cw case move $C rollback --why 返贫
expect_exit 0 on 2026-09-01 ca case move $C rollback --why "再次出现大额医疗支出"
expect_exit 0 on 2026-09-01 cw case show $C
expect_grep "$(LINE=2 Mre "${NL}case %s  %s  %s (%s)$NL" "$C" '.*' "$(M 帮扶中)" assisting)" out
expect_exit 0 on 2026-09-02 cw case move $C request_elim --why "重新申请"
expect_exit 0 on 2026-09-03 cw case move $C elim_village --notice-start 2026-09-03 --notice-end 2026-09-08 --why 评议
expect_exit 0 on 2026-09-09 cw case move $C elim_to_township --why 期满
expect_exit 0 on 2026-09-10 tr case move $C elim_township_pass --why 同意
expect_exit 0 on 2026-09-11 ca case move $C eliminate --method 自然消除 --why 消除
expect_exit 0 on 2026-10-01 cw case move $C remark --risks 因意外事故 --why "意外受伤，新风险"
expect_grep "$(Mre '%s: %s on %s; new case %s opened as a lead, linked to it' "$C" '.*' '.*' C0000003)" out
expect_exit 0 on 2026-10-01 cw case show $H
expect_grep "$(Mre "  re-marked from case %s$NL" "$C")" out

# the household's history reads as the story of the case
file=$(git --git-dir=d/audit.git ls-tree -r --name-only HEAD | grep H4418210000002)
git --git-dir=d/audit.git log --reverse --format='%ae|%an|%s|%b' -- "$file" | grep '|' > story.txt
cat story.txt
expect_grep "^cw@bangfu|[^|]*|case move 入户核实 $C: 入户核实，签承诺书|入户核实，签承诺书" story.txt
expect_grep "^tr@bangfu|[^|]*|case move 镇级审核通过 $C: 镇级审核通过" story.txt
expect_grep "^ca@bangfu|[^|]*|case move 县级审批纳入 $C: 县级审批纳入监测" story.txt
expect_grep "|import warnings 1 warnings: department warnings from warnings.csv|department warnings from warnings.csv" story.txt
expect_grep "^ca@bangfu|[^|]*|case move 县级审批消除 $C: 风险已消除" story.txt
expect_grep "^ca@bangfu|[^|]*|case move 消除回退 $C: 再次出现大额医疗支出" story.txt
expect_grep "^cw@bangfu|[^|]*|case move 新风险再次纳入 $C: 意外受伤，新风险" story.txt
[ "$(grep -c "|case move [^|]* C[0-9]*: " story.txt)" -eq 18 ] || fail "one commit per step expected"
expect_exit 0 on 2026-10-01 "$me" audit verify
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 on 2026-10-01 "$me" rebuild
expect_exit 0 on 2026-10-01 "$me" audit verify
expect_exit 0 on 2026-10-01 cw case show $H
expect_grep "$(Mre "  re-marked from case %s$NL" "$C")" out
