# The household flags in `today` and the development-measure groups as a setting: each
# flag a count line with the first households, only for those in the caller's scope; a
# province administrator chooses which measure groups count as development, and the
# dev_measure rule task follows (made without one, resolved once a counted one is in place).
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
me=$(id -un)
H1=H4418210000001
# flag N SINGULAR PLURAL: the start of a flag's line in `today`, one sentence counting
# the households in the test's language
flag() { Mf 'flag: %s:' "$(Mnf "$2" "$3" "$1" "$1")"; }
cadre1='%ld former poor household without a responsible cadre'
cadre2='%ld former poor households without a responsible cadre'
place1='%ld household with members who have months worked but no work place'
place2='%ld households with members who have months worked but no work place'
social1='%ld household with no member able to work and no social security measure in place'
social2='%ld households with no member able to work and no social security measure in place'
# in Chinese no English fragment of a flag (nor the old "English (中文)" texts)
no_english() { [ "$LANGUAGE" != zh_CN ] || ! grep -Eq 'household|member|cadre|work place|measure|\(' "$1" ||
	{ cat "$1"; fail "English in the Chinese flag lines"; }; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add he --name 何外县 --role caseworker --scope 441802
expect_exit 0 as "$me" user add cad --name 县管理员 --role admin --scope 441821

# --- flags: a count line per flag, the first households, the caller's scope only -------
expect_exit 0 as wang today
expect_grep "^$(flag 1 "$cadre1" "$cadre2") $H1$" out
expect_grep "^$(flag 2 "$place1" "$place2") $H1 H4418210000002$" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^标记：1 户脱贫户缺帮扶责任人： $H1$" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^标记：2 户有成员务工地点未填： " out
[ "$LANGUAGE" = zh_CN ] || expect_grep "^flag: 2 households with members who have months worked but no work place: " out
grep "^$(M 'flag: %s:' | sed 's/%s.*//')" out > flags.txt; no_english flags.txt
expect_no_grep "综合保障" out
expect_exit 0 as he today
expect_no_grep "^$(M 'flag: %s:' | sed 's/%s.*//')" out   # no flag line at all
# the same flags for scripts: a row each after the items, with stable names
expect_exit 0 as wang today --format json
python3 - out "$H1" <<'PY' || fail "today --format json: the flag rows"
import json, sys
rows = json.load(open(sys.argv[1]))
flags = {r["flag"]: r for r in rows if r["rule"] == "flag"}
assert set(flags) == {"no_cadre", "no_work_place"}, flags
assert flags["no_cadre"]["count"] == 1 and flags["no_cadre"]["households"] == sys.argv[2]
assert flags["no_work_place"]["count"] == 2
assert flags["no_work_place"]["households"] == sys.argv[2] + " H4418210000002"
assert flags["no_work_place"]["household"] == sys.argv[2] and flags["no_cadre"]["days_overdue"] is None
assert all(r["flag"] == "" and r["count"] is None for r in rows if r["rule"] != "flag")
PY
expect_exit 0 as wang today --format tsv
# (the title is the national system's Chinese term whatever the language: data)
expect_grep "^		flag	flag				$H1		脱贫户未落实帮扶责任人	no_cadre	1	$H1$" out
expect_exit 0 as he today --format tsv
expect_no_grep "	flag	flag	" out
# the 帮扶责任人 recorded: that flag is gone
expect_exit 0 as wang set $H1 帮扶责任人 张干部 --why 落实帮扶责任人
expect_exit 0 as wang today
expect_no_grep "帮扶责任人" out
# --- dev_measure_groups: which groups count as development -------------------------------
expect_exit 0 as wang measure add $H1 --group 健康 --detail 家庭医生签约 --start 2026-03-01 --why 健康帮扶
expect_exit 0 as wang today
expect_grep "$(M 缺发展类措施) .* $H1" out       # health is not a development measure (the rule by its label)
expect_no_grep "dev_measure" out
expect_exit 1 as cad setting set dev_measure_groups 产业,健康 --why 本县口径
expect_grep "$(Mre 'setting %s applies to %s: only an administrator whose scope holds it may change it (yours is %s)' \
	dev_measure_groups "$(M 'the whole province (44)')" 441821)" err
expect_exit 1 as "$me" setting set dev_measure_groups 产业,旅游 --why 口径
expect_grep "$(Mre 'setting dev_measure_groups: "%s" is not a measure group (产业 就业 金融 公益岗位 住房安全 饮水安全 健康 义务教育 其他教育 综合保障 社会帮扶 搬迁 生产生活条件 基础设施)' 旅游)" err
expect_exit 0 as "$me" setting set dev_measure_groups "产业、健康 employment" --why 本省口径
expect_exit 0 as "$me" setting get
expect_grep "dev_measure_groups.*industry,health,employment" out
expect_exit 0 as wang today
expect_no_grep "$(M 缺发展类措施) .* $H1" out
expect_grep "$(Mre 'rule tasks: %d made, %d resolved (one audit event)\n' 0 1)" out

# the monitored household loses its labour: flagged until a 综合保障 measure is in place
for m in 1 2; do   # member 3 has none already
	expect_exit 0 as wang set $H1 labour none --member $m --why 丧失劳动能力
done
expect_exit 0 as wang today
expect_grep "^$(flag 1 "$social1" "$social2") $H1$" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "^标记：1 户无劳力未落实综合保障： $H1$" out
grep "^$(M 'flag: %s:' | sed 's/%s.*//')" out > flags.txt; no_english flags.txt
expect_exit 0 as wang measure add $H1 --group 综合保障 --detail 纳入低保 --start 2026-03-20 --why 兜底
expect_exit 0 as wang today
expect_no_grep "$(Mnf "$social1" "$social2" 1 1)" out

expect_exit 0 as "$me" audit verify
