# The county view (issue 11, docs/baiqianwan.md "The county view"), in tmux at 80x24 and
# 120x35: `b` from the list (the user's own county; a province or city user is asked
# which) and from a household (its county) shows the track, the 特色产业集群, this year's
# indicators with target and actual, the towns with their classes and sample flags, and
# the villages' collective income with the 薄弱村 mark; paging and `/` search work, the
# Chinese columns line up, and a village clerk sees only her town and village; a county
# outside the scope is refused.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
Y=$(date +%Y)
# fit TEXT N: TEXT cut to N cells (a wide character takes two), as the view's columns cut;
# pad TEXT N: that, filled to N cells, and the blank after the column
fit() {
	python3 -c 'import sys, unicodedata as u
t, n = sys.argv[1], int(sys.argv[2]); w = lambda s: sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s)
while w(t) > n: t = t[:-1]
print(t + " " * (n - w(t)) if len(sys.argv) > 3 else t)' "$@"
}
pad() { echo "$(fit "$1" "$2" pad) "; }
county() { Mf 'County %s %s  百千万工程 %s  (read-only)' "$@" | sed 's/  *[(（][^(（]*$//'; }
ask_county=$(M 'county (code or name): ' | sed 's/ *$//')
track=$(Mf 'Track 县域类型: %s' 进位)
sewage=$(M '污水处理能力(吨/日)') black=$(M '黑臭水体消除比例(%)')

expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d import households "$data/good.csv" --why 台账
expect_exit 0 "$BANGFU" -d d setting set track.441821 进位 --why 省里公布
expect_exit 0 "$BANGFU" -d d setting set cluster.441821 "预制菜、丝苗米" --why 集群
expect_exit 0 "$BANGFU" -d d setting set town_class.441821107 "中心镇、重点帮扶、美丽圩镇样板" --why 镇分类
expect_exit 0 "$BANGFU" -d d user add chen --name 陈县审批 --role county --scope 441821 --why 新人
expect_exit 0 "$BANGFU" -d d user add wang --name 王村经办 --role caseworker --scope 441821107202 --why 新人
expect_exit 0 "$BANGFU" -d d user add gz --name 广州对口办 --role county --scope 440100 --why 新人
{
	echo "place,year,kind,target,actual"
	echo "佛冈县,$Y,sewage_capacity,12000,9500.5"
	echo "佛冈县,$Y,black_water,90,95"
	echo "佛冈县,$((Y - 1)),old_estates,3,3"
	n=0
	for v in 202 203 204 206 207 210 212 213 215 217; do
		n=$((n + 1)); echo "441821107$v,$Y,collective_income,,$((n * 20000))"
	done
} > sheet.csv
expect_exit 0 "$BANGFU" -d d import indicators sheet.csv --why 年度指标

# --- 80x24, the province's administrator: asked which county; paging and search ----------
ui_exec 80 24 "$BANGFU" -d d
ui_wait "$(M Households)"
ui_keys b
ui_wait "$ask_county"
ui_type "佛冈县"; ui_keys Enter
ui_wait "$(county 441821 佛冈县 "$Y")"
ui_wait "$track"
[ "$LANGUAGE" != zh_CN ] || ui_wait "县域类型：进位"
ui_wait "$(Mf '特色产业集群: %s' 预制菜、丝苗米)"
ui_wait "$(Mf 'Indicators 县域指标 %s: target / actual' "$Y")"
ui_wait "  $(pad "$sewage" 26)12000        9500.5       $(pad "$(M below)" 5)sewage_capacity"
ui_wait "  $(pad "$black" 26)90           95           $(pad "$(M met)" 5)black_water"
grep -qF "$(fit "$(M '老旧小区改造开工(个)')" 20)" screen.txt && fail "last year's indicator is not this year's"
ui_wait "441821107 迳头镇           中心镇、重点帮扶     美丽圩镇样板"
ui_wait "441821101 水头镇           -"
grep -q "441821107217" screen.txt && fail "the last village is below the first screen"
ui_keys Space
ui_wait "441821107217"
ui_wait "441821107202 青竹村           20000        薄弱村"
ui_screen
grep -q "441821107217 .*200000 *$" screen.txt || { ui_dump; fail "a village above the line has no mark"; }
ui_keys g
ui_wait "$(echo "$track" | sed 's/[:：].*//')"
ui_keys /; ui_type "湖洋村"; ui_keys Enter
ui_wait_selected "441821107203 湖洋村"
ui_keys q
ui_wait "$(M Households)"
ui_keys Q
ui_cleanup

# --- 120x35, a county approver: her own county at once, from the list and a household ----
ui_exec 120 35 "BANGFU_TEST_LOGIN=chen" "$BANGFU_TH" -d d
ui_wait "李秀英"
ui_keys b
ui_wait "$(county 441821 佛冈县)"
ui_wait "441821107217"
ui_screen
# the labels (Chinese take two cells each): the targets start in one column
t1=$(grep -F "$(fit "$sewage" 34)" screen.txt | sed 's/12000.*//' | wc -L)
t2=$(grep -F "$(fit "$black" 34)" screen.txt | sed 's/90 .*//' | wc -L)
[ "$t1" -eq "$t2" ] && [ "$t1" -gt 30 ] || { ui_dump; fail "target columns at $t1 and $t2 cells"; }
ui_keys q
ui_wait "李秀英"
ui_keys Enter
ui_wait "户主"
ui_keys C-e                                  # ^E: the same, under an input method
ui_wait "$(county 441821 佛冈县)"
ui_keys q; ui_keys Q
ui_cleanup

# --- a village clerk: her town and her village only ---------------------------------------
ui_exec 80 24 "BANGFU_TEST_LOGIN=wang" "$BANGFU_TH" -d d
ui_wait "李秀英"
ui_keys b
ui_wait "$(Mf 'Towns 乡镇 (%d): classes, samples' 1 | sed 's/[:：].*//')"
ui_wait "441821107202 青竹村"
ui_screen
grep -q "水头镇\|湖洋村" screen.txt && { ui_dump; fail "a village clerk sees other towns or villages"; }
ui_keys Q
ui_cleanup

# --- a city user asked which county: one outside her scope is refused --------------------
ui_exec 80 24 "BANGFU_TEST_LOGIN=gz" "$BANGFU_TH" -d d
ui_wait "$(M Households)"
ui_keys b
ui_wait "$ask_county"
ui_type "佛冈县"; ui_keys Enter
ui_wait "$(Mf 'county %s %s is outside your scope %s' 441821 佛冈县 440100)"
ui_keys b
ui_wait "$ask_county"
ui_type "从化区"; ui_keys Enter
ui_wait "$(county 440117 从化区)"
ui_wait "$track"
ui_keys Q
ui_done
