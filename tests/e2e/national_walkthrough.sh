# Issue 10's "Done when", end to end, as a township would live it over a year: a file
# exported from the national system (tests/e2e/data/national_sample.csv: its header names
# — 县(市、区) given by name, 行政村（社区） with full-width brackets, 身份证号码, 务工所在地
# with an Alt+Enter break, 家庭人均纯收入(元) with a 年度 column — three households with every
# field of the national form) imports; `show` shows every field; a household is assessed,
# taken in through the whole procedure (lead → visit → check → village review → township
# → county → monitored), assisted with a measure and visits, and eliminated by the income
# rules (refused while its income is not stably above the line, then done); each
# correction verb runs once and is refused once; `show --as-of` on a day between agrees
# with `git show` of the household's file at that date. Events are dated on the pinned
# days (BANGFU_TEST_NOW, test-hooks), so the history spans the year as it would.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
on() {
	day=$1 who=$2; shift 2
	BANGFU_TODAY=$day BANGFU_TEST_NOW=$(date -d "$day 10:00" +%s) BANGFU_TEST_LOGIN=$who \
		"$BANGFU_TH" -d d "$@"
}
# refused DAY WHO CMD...: exit 1, and nothing written
refused() {
	before=$(commits)
	expect_exit 1 on "$@"
	[ "$(commits)" = "$before" ] || fail "a refused change was written: $*"
}
H=H4418210000001 H2=H4418210000002 H3=H4418210000003

# --- the national file imports --------------------------------------------------------------
expect_exit 0 on 2026-01-05 "$me" init
expect_exit 0 on 2026-01-05 "$me" setting set monitoring_line.2025 7800 --why "2025年监测线"
expect_exit 0 on 2026-01-05 "$me" setting set monitoring_line.2026 8000 --why "2026年监测线"
expect_exit 0 on 2026-01-05 "$me" import households "$data/national_sample.csv" --why "国家系统导出"
for alias in "县(市、区):县区代码" "乡(镇):乡镇" "行政村（社区）:行政村" "自然村(组):自然村" \
             "家庭人均纯收入(元):家庭人均纯收入" "身份证号码:证件号码" "是否易地扶贫搬迁户:是否易地搬迁户" \
             "户联系电话:家庭电话" "务工所在地:务工地点" "是否享受农村低保:是否享受低保" \
             "是否特困供养人员:是否特困供养" "务工时间(月):务工月数"; do
	expect_grep "${alias%%:*}: $(Mre 'taken as %s (%s)' "${alias#*:}")" err
done
expect_grep "年度: $(Mre "taken as the year of 家庭人均纯收入: it becomes that year's income assessment")" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "身份证号码: 按 证件号码" err
expect_grep "national_sample.csv:2: 务工所在地: $(Mre "a line break inside the cell (Excel's Alt+Enter) was read as a space")" err
f=$(TEXTDOMAINDIR=$BANGFU_LOCALEDIR ngettext -e bangfu 'imported %d household (%d new, %d updated%s), %d people from %s [%s]\n' \
	'imported %d households (%d new, %d updated%s), %d people from %s [%s]\n' 3)
expect_grep "$(printf -- "$f" 3 3 0 '' 9 "$data/national_sample.csv" UTF-8 | sed 's/[]*.^$[\\]/\\&/g')" out
expect_grep "$(Mre 'income assessments from 家庭人均纯收入: %d (%s%s%s)\n' 3 "$(Mre "the file's 收入年度")")" out
for u in "cw caseworker 441821107202 村经办" "tr township 441821107 镇审核" "ca county 441821 县审批" \
         "au auditor 441821 审计员" "far caseworker 441802 外县经办"; do
	set -- $u
	expect_exit 0 on 2026-01-05 "$me" user add $1 --role $2 --scope $3 --name $4 --why 建账号
done

# --- show: every field of the national form (phones and ID numbers masked) ----------------
expect_exit 0 on 2026-01-05 cw show $H
for line in "household_no: 4418210201" "county_code: 441821 佛冈县" "town: 迳头镇" \
            "town_code: 441821107" "village: 青竹村" "village_code: 441821107202" "hamlet: 上坑组" \
            "address: 迳头镇青竹村上坑组8号" "household_type: lifted 脱贫户" "income_per_capita: 7600" \
            "housing_ok: yes 是" "school_ok: yes 是" "medical_ok: yes 是" "water_ok: yes 是" \
            "costs_ok: yes 是" "relocated: no 否" "household_phone: 076\*\*\*\*\*1234" \
            "contact: 黄志坚" "contact_phone: 138\*\*\*\*4455" "cadre: 陈帮扶" \
            "cadre_phone: 076\*\*\*\*\*9999" "name: 黄志坚" "id_number: 4418\*\*\*\*\*\*\*\*\*\*1017" \
            "birth: 1979-04-12" "relation: head 户主" "sex: M 男" "ethnicity: 汉族" "health: healthy 健康" \
            "labour: ordinary 普通劳动力" "education: junior 初中" "months_worked: 10" \
            "phone: 138\*\*\*\*4455" "work_place: 广东省广州市 白云区" "resident_insurance: yes 是" \
            "employee_insurance: no 否" "dibao: no 否" "tekun: no 否" "health: disabled 残疾" \
            "disability_class: 3 三级" "disability_cert: 4418\*\**2443" \
            "benefits: disability_living 困难残疾人生活补贴" "school_stage: junior 七年级" \
            "benefits: pension 城乡居民基本养老保险" "relation: mother 之母" "year: 2025" "per_capita: 7600"; do
	expect_grep "^$line$" out
done
expect_no_grep "13822334455" out
expect_no_grep "441821197904121017" out
expect_exit 0 on 2026-01-05 cw show $H2
for line in "household_type: ordinary 一般农户" "employee_insurance: yes 是" "labour: skilled 技能劳动力" \
            "work_place: 广东省佛山市顺德区" "school_stage: primary 小学"; do
	expect_grep "^$line$" out
done
expect_exit 0 on 2026-01-05 cw show $H3
for line in "relocated: yes 是" "dibao: yes 是" "tekun: yes 是" "health: serious 患有大病" \
            "benefits: temporary 临时救助" "category: unstable 脱贫不稳定户"; do
	expect_grep "^$line" out
done
# the same records come back out under the national names
expect_exit 0 on 2026-01-05 "$me" export households --columns national
expect_grep "^.户编号,县(市、区),乡(镇)," out
expect_grep "4418210201,441821,迳头镇,441821107,青竹村,441821107202,上坑组," out

# --- assessed and taken in ---------------------------------------------------------------
expect_exit 0 on 2026-01-06 cw case open $H --category 脱贫不稳定户 --source 基层干部排查 --risks 因病、因残 --why "排查发现：配偶残疾、母亲慢性病"
C=$(sed -n 's/.*\(C[0-9]\{7\}\).*/\1/p' out | head -1)
[ -n "$C" ] || fail "case open names no case: $(cat out)"
expect_exit 0 on 2026-01-07 cw case move $C visit --consent 2026-01-07 --why "入户核实，签承诺书"
expect_exit 0 on 2026-01-08 cw case move $C check --why "数据比对无异常"
expect_exit 0 on 2026-01-09 cw case move $C village_review --notice-start 2026-01-09 --notice-end 2026-01-13 --why "村民代表评议通过"
expect_exit 0 on 2026-01-14 cw case move $C to_township --why "公示期满无异议"
refused 2026-01-15 cw case move $C township_pass --why 越级
expect_exit 0 on 2026-01-15 tr case move $C township_pass --why "镇级审核通过"
expect_exit 0 on 2026-01-16 ca case move $C approve --why "县级审批纳入监测"
expect_exit 0 on 2026-01-16 cw case show $H
expect_grep "$(M 帮扶中)" out
taken_in_day=2026-01-16

# --- assisted: a measure, visits; an income assessment line by line ------------------------
expect_exit 0 on 2026-01-20 cw measure add $H --group 就业 --detail "安排公益性岗位" --start 2026-01-20 --amount 1500 --why 就业帮扶
M=$(sed -n 's/^\(M[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 on 2026-02-01 cw visit add $H --visitor 小陈 --method 入户 --findings "病情稳定" --why 走访
V=$(sed -n 's/^\(V[0-9]*\)[:：].*/\1/p' out)
[ -n "$M" ] && [ -n "$V" ] || fail "measure '$M' visit '$V'"
refused 2026-02-10 au income add $H --year 2025 --wage 30000 --why 核算
expect_exit 0 on 2026-02-10 cw income add $H --year 2025 --wage 30000 --business 4000 --transfer 2000 --business-costs 1000 --compliant-costs 3000 --why "2025年度收入核算"
expect_exit 0 on 2026-02-10 cw show $H
expect_grep "^per_capita: 8750$" out      # (30000 + 4000 + 2000 − 1000) / 4
expect_grep "^compliant_costs: 3000$" out
assessed_day=2026-02-10

# --- eliminated by the income rules --------------------------------------------------------
expect_exit 0 on 2026-07-01 cw visit add $H --visitor 小陈 --method 电话 --findings "务工收入稳定" --why 走访
refused 2026-07-10 cw case move $C request_elim --why 申请消除
expect_grep "$(Mre 'monitored since %s, less than %d months: elimination possible from %s' 2026-01-16 6)" err
refused 2026-07-20 cw case move $C request_elim --why 申请消除
expect_grep "$(Mre 'income not stably above the line: the previous assessment, %.2f, was not above its line %.2f')" err
expect_exit 0 on 2026-08-12 cw income add $H --year 2026 --wage 32000 --business 4000 --transfer 2000 --why "2026年收入复核"
expect_exit 0 on 2026-08-12 cw case move $C request_elim --why "收入稳定超过监测线"
expect_exit 0 on 2026-08-12 cw case move $C elim_village --notice-start 2026-08-12 --notice-end 2026-08-17 --why "消除评议"
expect_exit 0 on 2026-08-18 cw case move $C elim_to_township --why "公示期满"
expect_exit 0 on 2026-08-19 tr case move $C elim_township_pass --why "镇级同意消除"
expect_exit 0 on 2026-08-20 ca case move $C eliminate --method 帮扶消除 --why "收入稳定超过监测线，风险已消除"
expect_exit 0 on 2026-08-20 cw case show $H
expect_grep "$(Mre '  %s  %-16s → %-10s by %s: %s%s%s%s\n' '.*' '.*' "$(M 已消除) *" ca)" out

# --- every correction verb once, each refused once ---------------------------------------
expect_exit 0 on 2026-08-21 cw measure edit $M --amount 1600 --why 金额更正
refused 2026-08-21 au measure edit $M --amount 1700 --why 更正
expect_exit 0 on 2026-08-21 cw measure end $M --end 2026-08-20 --why 岗位期满
refused 2026-08-21 cw measure end $M --end 2026-01-01 --why 结束
expect_exit 0 on 2026-08-21 cw visit edit $V --follow-up 下月复访 --why 补记
refused 2026-08-21 cw visit edit $V --method 飞鸽 --why 更正
expect_exit 0 on 2026-08-22 cw member add $H 姓名=黄小宝 证件号码=441821202608010017 与户主关系=之孙子 --kind birth --why 新生儿登记
refused 2026-08-22 cw member add $H 姓名=黄小宝 证件号码=441821202608010010 与户主关系=之孙子 --kind birth --why 新生儿登记
n=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$H'")
expect_exit 0 on 2026-08-23 cw member move $H 3 $H2 --relation 之子 --kind correction --why 户籍更正
refused 2026-08-23 cw member move $H 1 $H2 --relation 之子 --kind moved_out --why 迁出
expect_exit 0 on 2026-08-24 cw member remove $H 3 --kind death --why 病故
refused 2026-08-24 cw member remove $H 1 --kind death --why 病故
expect_grep "$(Mre 'household %s has %d heads of household: needs exactly one' 4418210201 0)" err
expect_exit 0 on 2026-08-25 cw household add 441821107202 户编号=4418210204 姓名=黄新 证件号码=441821199001011019 --why 分户登记
refused 2026-08-25 cw household add 441821107202 户编号=4418210205 姓名=黄新 --why 分户登记
expect_grep "$(Mre 'a new household needs %s (%s) of its head (户主)' 证件号码)" err
expect_exit 0 on 2026-08-25 "$me" task add 核实收入 --kind verification --owner cw --household $H --due 2026-08-30 --why 安排
T=$(sed -n "s/^$(Mre 'added task %s for %s (%s %s)\n' '\(T[0-9]*\)')/\1/p" out)
expect_exit 0 on 2026-08-25 tr task assign $T tr --why 镇里接手
refused 2026-08-25 tr task assign $T far --why 调整
expect_exit 0 on 2026-08-25 tr task due $T 2026-09-10 --why 延期
refused 2026-08-25 tr task due $T 2026-13-01 --why 延期
expect_exit 0 on 2026-08-26 "$me" unit add 中山大学 --kind 高校 --why 帮扶高校
expect_exit 0 on 2026-08-26 "$me" unit edit U0000001 name=中山大学（广州） --why 全称
refused 2026-08-26 ca unit edit U0000001 name=中大 --why 简称
expect_exit 0 on 2026-08-26 "$me" team add 迳头镇 --lead U0000001 --leader 张三 --round 2023 --start 2023-06-01 --why 驻镇帮扶
TM=$(sed -n 's/.*\(TM[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 on 2026-08-26 ca team edit $TM leader=李四 --why 换队长
refused 2026-08-26 tr team edit $TM leader=王五 --why 换队长
expect_exit 0 on 2026-08-26 "$me" pair add cadre 陈帮扶 $H --unit U0000001 --phone 13800138000 --why 帮扶责任人
P=$(sed -n 's/.*\(P[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 on 2026-08-26 ca pair edit $P phone=13900139000 --why 换号
refused 2026-08-26 au pair edit $P phone=13900139001 --why 换号
expect_exit 0 on 2026-08-27 ca pair end $P --end 2026-08-27 --why 帮扶期满
refused 2026-08-27 ca pair end $P --end 2026-08-27 --why 帮扶期满
expect_exit 0 on 2026-08-27 ca team end $TM --end 2026-08-27 --why 轮换
refused 2026-08-27 tr team end $TM --why 轮换
expect_exit 0 on 2026-08-27 "$me" unit end U0000001 --end 2026-08-27 --why 结束帮扶
refused 2026-08-27 ca unit end U0000001 --why 结束帮扶
expect_exit 0 on 2026-08-28 "$me" user edit far --name 外县经办老李 --why 改名
refused 2026-08-28 cw user edit far --name 改名 --why 改名
expect_exit 0 on 2026-08-28 "$me" user disable far --why 调离
refused 2026-08-28 "$me" user disable "$me" --why 离职
expect_exit 0 on 2026-08-28 "$me" user enable far --why 复岗
refused 2026-08-28 "$me" user enable far --why 复岗

# --- show --as-of: the record as it stood, as git has it ------------------------------------
path=$(git --git-dir=d/audit.git ls-tree -r --name-only HEAD | grep "/$H.txt$")
for asof in $taken_in_day $assessed_day 2026-08-22; do
	expect_exit 0 on 2026-08-30 "$me" show $H --as-of $asof
	commit=$(sed -n "s/^$(LINE=1 Mre 'as-of: %s (commit %s)\n%s' '.*' '\([0-9a-f]*\)')$/\1/p" out)
	[ -n "$commit" ] || { cat out err; fail "show --as-of $asof names no commit"; }
	want=$(git --git-dir=d/audit.git log -1 --format=%H --until="$asof 23:59:59" -- "$path")
	[ "$want" = "$commit" ] || fail "as of $asof: bangfu says commit $commit, git $want"
	git --git-dir=d/audit.git show "$commit:$path" > want.txt
	tail -n +2 out > got.txt
	# the same text, but for the masked characters (ID numbers and phones: '*' in place)
	python3 - want.txt got.txt <<'PY' || { diff want.txt got.txt; fail "show --as-of $asof differs from git show"; }
import sys
want, got = (open(f, encoding="utf-8").read().split("\n") for f in sys.argv[1:3])
assert len(want) == len(got), (len(want), len(got))
masked = 0
for w, g in zip(want, got):
    if w != g:
        assert len(w) == len(g) and all(a == b or b == "*" for a, b in zip(w, g)), (w, g)
        masked += 1
assert masked >= 3, masked          # the ID numbers and phones are masked
PY
	cp got.txt "asof-$asof.txt"
done
# what each day held: the second income assessment not yet on 02-10, the birth on 08-22
expect_no_grep "per_capita: 8750" asof-$taken_in_day.txt
expect_grep "per_capita: 8750" asof-$assessed_day.txt
expect_no_grep "黄小宝" asof-$assessed_day.txt
expect_grep "黄小宝" asof-2026-08-22.txt
expect_exit 1 on 2026-08-30 "$me" show $H --as-of 2026-01-04
expect_grep "$(Mre 'household %s was not yet registered on %s' "$H" 2026-01-04)" err
expect_exit 0 on 2026-08-30 "$me" audit log $H --since 2026-08-20 --until 2026-08-21
expect_grep "eliminate\|消除" out
expect_grep "measure end" out
expect_no_grep "member add" out

expect_exit 0 on 2026-08-30 "$me" audit verify
echo "national walkthrough: ok"
