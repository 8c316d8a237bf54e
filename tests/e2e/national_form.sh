# The whole national form (issue 10): a file exported from the national system, with its
# header names and an Alt+Enter line break, imports; every new field shows (phones
# masked) and round-trips through `export --columns national`; the cross-field rules
# refuse; income is assessed by year and elimination asks for it stably above the line.
# both locales
. "$TESTS/lib.sh"
# messages of the store and the UI are asserted in English only (their catalogs are
# other parts'); those of core/ in both locales through M and Mf
en_only() { [ "$LANGUAGE" != en ] || "$@"; }
data="$TESTS/e2e/data"
me=$(id -un)

expect_exit 0 on 2026-01-05 "$me" init
expect_exit 0 on 2026-01-05 "$me" import households "$data/national.csv"
expect_grep "县(市、区): $(Mf 'taken as %s (%s)' 县区代码 county_code)" err
expect_grep "行政村（社区）: $(Mf 'taken as %s (%s)' 行政村 village)" err
expect_grep "身份证号码: $(Mf 'taken as %s (%s)' 证件号码 id_number)" err
expect_grep "户联系电话: $(Mf 'taken as %s (%s)' 家庭电话 household_phone)" err
expect_grep "national.csv:2: 务工所在地: $(M "a line break inside the cell (Excel's Alt+Enter) was read as a space")" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "单元格内的换行" err
en_only expect_grep "imported 2 households (2 new, 0 updated), 5 people" out
expect_exit 0 on 2026-01-05 "$me" user add cw --role caseworker --scope 441821 --name 村干部
expect_exit 0 on 2026-01-05 "$me" user add au --role auditor --scope 441821 --name 审计员

# list's table shows the case's category and state by their names in the user's language
# (Chinese by default, English for LANG=en_US.UTF-8), never the state's code; --format
# tsv keeps the stable code
expect_exit 0 on 2026-01-05 cw list
expect_grep "^H4418210000001 .* $(M 脱贫不稳定户) $(M 帮扶中)$" out
expect_no_grep "assisting" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "脱贫户 *6800 *脱贫不稳定户 帮扶中$" out
list_in() { env -u LC_ALL -u LC_MESSAGES LANGUAGE= LANG="$1" BANGFU_TODAY=2026-01-05 \
	BANGFU_TEST_LOGIN=cw "$BANGFU_TH" -d d list; }
expect_exit 0 list_in en_US.UTF-8
expect_grep "formerly poor household being assisted$" out
expect_exit 0 list_in zh_CN.UTF-8
expect_grep "脱贫不稳定户 帮扶中$" out
expect_exit 0 list_in C
expect_grep "脱贫不稳定户 帮扶中$" out
expect_exit 0 on 2026-01-05 cw list --format tsv
expect_grep "^H4418210000001	.*	脱贫不稳定户	assisting$" out

# every field shows; phones masked (the member's, the household's, the contact's, the cadre's)
H=4418210101
expect_exit 0 on 2026-01-05 cw show $H
for line in "relocated: yes 是" "contact: 黄伟强" "cadre: 陈帮扶" "cadre_phone: 136\*\*\*\*1111" \
            "contact_phone: 137\*\*\*\*5678" "household_phone: 076\*\*\*\*\*9876" \
            "work_place: 广东省东莞市 长安镇" "disability_class: 2 二级" "resident_insurance: yes 是" \
            "employee_insurance: yes 是" "dibao: yes 是" "tekun: no 否" \
            "benefits: disability_living 困难残疾人生活补贴, disability_care 重度残疾人护理补贴"; do
	expect_grep "^$line$" out
done
expect_grep "^disability_cert: 4418\*\**2622$" out
expect_no_grep "13600001111" out
expect_no_grep "5559876" out

# export with the national names, re-import into an empty directory: the same records
expect_exit 0 on 2026-01-05 "$me" export households --columns national --reveal --why 核对
cp out nat.csv
expect_grep "^.户编号,县(市、区),乡(镇)," nat.csv
expect_exit 2 on 2026-01-05 "$me" export households --columns nosuch
BANGFU_TODAY=2026-01-05 "$BANGFU_TH" -d e init > /dev/null || fail "init e"
BANGFU_TODAY=2026-01-05 "$BANGFU_TH" -d e import households nat.csv > /dev/null 2>&1 || fail "re-import"
for dir in d e; do
	BANGFU_TODAY=2026-01-05 "$BANGFU_TH" -d $dir show $H --reveal --why 核对 | grep -v "^version:" > $dir.txt
done
cmp -s d.txt e.txt || { diff d.txt e.txt; fail "the national export did not round-trip"; }

# cross-field rules refuse (each names the rule)
expect_exit 1 on 2026-01-06 cw set $H work_place 广州 --member 3 --why 核实
expect_grep "$(M "work place given but no months worked (0 or empty): a work place goes with months worked > 0")" err
expect_exit 1 on 2026-01-06 cw set $H employee_insurance 是 --member 1 --why 核实
expect_grep "$(M "both 城乡居民基本医疗保险 and 职工基本医疗保险: a person is insured by exactly one of the two")" err
expect_exit 1 on 2026-01-06 cw set $H phone 0763-5551234 --member 1 --why 核实
expect_grep "$(Mf '"%s" is not an 11-digit mobile number (a landline is not taken here)' 0763-5551234)" err
expect_exit 1 on 2026-01-06 cw set $H disability_cert 44182119780316101X22 --member 2 --why 核实
expect_grep "$(M "disability certificate number does not begin with the member's ID number")" err
expect_exit 1 on 2026-01-06 cw set $H id_number 44182119800520102622 --member 2 --why 核实
expect_grep "$(Mf '"%s" is a 20-character disability certificate number, not an ID number: put it in disability_cert and the ID number here' 44182119800520102622)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "是 20 位残疾证号，不是身份证号" err
expect_exit 0 on 2026-01-06 cw set $H household_phone 0763-5550000 --why "换号"

# flags: a former poor household without a 帮扶责任人; a no-labour household without 综合保障
nocadre=$(Mf '  flag: %s\n' "$(M 'former poor household without a responsible cadre')")
nosocial=$(Mf '  flag: %s\n' "$(M 'no member able to work and no social security measure in place')")
expect_exit 0 on 2026-01-06 cw case show $H
expect_no_grep "$nocadre" out
expect_exit 0 on 2026-01-06 cw set $H cadre "" --why "责任人调离"
expect_exit 0 on 2026-01-06 cw case show $H
expect_grep "^$nocadre$" out   # one sentence in the test's language
[ "$LANGUAGE" != zh_CN ] || { expect_grep "^  标记：脱贫户未落实帮扶责任人$" out; expect_no_grep "former poor" out; }
expect_exit 0 on 2026-01-06 cw set $H cadre 林新 --why "新责任人"
for m in 1 2 3; do
	expect_exit 0 on 2026-01-06 cw set $H labour 丧失劳动力 --member $m --why 核实
done
expect_exit 0 on 2026-01-06 cw case show $H
expect_grep "^$nosocial$" out
[ "$LANGUAGE" != zh_CN ] || { expect_grep "^  标记：无劳动能力户未落实综合保障$" out; expect_no_grep "able to work" out; }
for m in 1 3; do
	expect_exit 0 on 2026-01-07 cw set $H labour 普通劳动力 --member $m --why 核实
done

# income by year: the lines, the computed per-capita net income kept with them
for f in 住房安全有保障 义务教育有保障 基本医疗有保障 饮水安全有保障 大额支出已解决; do
	expect_exit 0 on 2026-01-08 cw set $H $f 是 --why "三保障核实"
done
expect_exit 0 on 2026-01-08 cw measure add $H --group 就业 --detail "公益性岗位" --start 2026-01-08 --why 就业帮扶
expect_exit 1 on 2026-01-10 cw income add $H --year 2025 --wage 1,000 --why 核算
expect_grep "wage" err
expect_exit 2 on 2026-01-10 cw income add $H --year 2025 --wage 1000
expect_exit 1 on 2026-01-10 au income add $H --year 2025 --wage 1000 --why x
expect_exit 0 on 2026-01-10 cw income add $H --year 2025 --wage 26000 --business 5000 --business-costs 1000 --compliant-costs 2000 --why "2025年度收入核算"
en_only expect_grep "I0000001: income assessment recorded" out
expect_exit 0 on 2026-01-10 cw show $H
expect_grep "^\[income I0000001\]$" out
expect_grep "^per_capita: 10000$" out
expect_grep "^compliant_costs: 2000$" out
# the filter language: the new fields, and income as the rules read it (the assessment's)
expect_exit 0 on 2026-01-10 cw list income\>9000
expect_grep "黄伟强" out
expect_exit 0 on 2026-01-10 cw list income\<7000
expect_no_grep "黄伟强" out
expect_grep "钟老伯" out
expect_exit 0 on 2026-01-10 cw list cadre:无
expect_grep "钟老伯" out
expect_no_grep "黄伟强" out
expect_exit 0 on 2026-01-10 cw list disability:二级 relocated:是
expect_grep "黄伟强" out
expect_no_grep "钟老伯" out
expect_exit 0 on 2026-01-10 cw list tekun:是
expect_grep "钟老伯" out
expect_no_grep "黄伟强" out
expect_exit 2 on 2026-01-10 cw list dibao:maybe
git --git-dir=d/audit.git log -1 --format=%s | grep -q "^income add H4418210000001 I0000001: " ||
	fail "income add is not one commit: $(git --git-dir=d/audit.git log -1 --format=%s)"

# elimination: the 2025 assessment needs the 2025 line; then one assessment is not "stable"
expect_exit 1 on 2026-02-01 cw case move C0000001 request_elim --why 申请消除
expect_grep "monitoring_line.2025" err
expect_exit 0 on 2026-02-01 "$me" setting set monitoring_line.2025 7800 --why "2025年监测线"
expect_exit 1 on 2026-02-01 cw case move C0000001 request_elim --why 申请消除
expect_grep "$(Mf 'income not yet stably above the line: one assessment; a second at least %d months later must also be above' 6)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "收入未稳定超过监测线" err
expect_exit 0 on 2026-05-10 cw income add $H --year 2026 --wage 27000 --why "2026年收入复核"
expect_exit 1 on 2026-05-11 cw case move C0000001 request_elim --why 申请消除
expect_grep "$(Mf 'income not yet stably above the line: the two latest assessments are %ld months apart, %d needed' 4 6)" err
expect_exit 1 on 2026-05-11 "$me" setting set income_stable_months 0 --why x
expect_exit 0 on 2026-05-11 "$me" setting set income_stable_months 3 --why "本地规定三个月"
expect_exit 0 on 2026-05-12 cw case move C0000001 request_elim --why "收入稳定超过监测线"

# the procedure's numbers are settings with national defaults
expect_exit 1 on 2026-05-12 "$me" setting set notice_days 0 --why x
expect_exit 0 on 2026-05-12 "$me" setting set decision_days 20 --why "本地按20个工作日"
expect_exit 0 on 2026-05-12 "$me" setting set elim_min_months 12 --why "本地规定"
expect_exit 0 on 2026-05-12 cw case move C0000001 elim_village --notice-start 2026-05-12 --notice-end 2026-05-16 --why 评议
expect_exit 0 on 2026-05-17 "$me" setting set notice_days 7 --why "本地公示7天"
expect_exit 1 on 2026-05-17 cw case move C0000001 elim_to_township --why 公示期满
expect_grep "$(Mf 'the notice ran %ld of the %d days needed' 5 7)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "公示不足 7 天" err

# visit methods and sources are lists an administrator extends, like the other four
expect_exit 1 on 2026-05-17 cw visit add $H --visitor 小陈 --method 视频 --findings 良好 --why 走访
expect_grep "$(Mf '--method must be one of %s' "入户 电话 微信")" err
expect_exit 0 on 2026-05-17 "$me" setting set visit_method.video 视频 --why "视频走访"
expect_exit 0 on 2026-05-17 "$me" setting set source.hotline 热线求助 --why "热线来源"
expect_exit 0 on 2026-05-17 cw visit add $H --visitor 小陈 --method 视频 --findings 良好 --why 走访
expect_exit 0 on 2026-05-17 cw case show $H
expect_grep "小陈  视频  良好" out

# rebuild reads the new fields and the assessments back, byte for byte
expect_exit 0 on 2026-05-12 "$me" audit verify
