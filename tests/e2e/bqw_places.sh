# The 百千万工程 places (issue 11, docs/baiqianwan.md): county tracks (the 22 published
# seeded, editable by a province administrator only, `list track:`, `show`, `county
# list`), 特色产业集群, town classes (`list town_class:`), yearly indicators and village
# collective income with the weak-village line, unit kinds / levels / end, programmes and
# pairs with a county outside Guangdong or a town, town team people with masked phones and
# logins; extendable lists; everything scoped, one commit each, in `audit verify` and
# `rebuild`. Other users through the test-hooks build (BANGFU_TEST_LOGIN).
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
me=$(id -un)
git_log() { git --git-dir=d/audit.git "$@"; }
commits() { git_log rev-list --count HEAD; }
# messages as grep patterns: a setting outside one's scope, an indicator line, a refusal
# to add for a role, a team outside one's scope, an audit verify difference
not_yours() { Mre 'setting %s applies to %s: only an administrator whose scope holds it may change it (yours is %s)' "$@"; }
figure_line() { Mre '%s: %s %s %s %s target %s actual %s\n' "$@"; }
figure_row() { Mre '%s  %-12s %-10s %s  %-18s %-20s target %-10s actual %s%s\n' "$@"; }
approver() { Mre 'only an administrator or a county approver may add %s (you are %s %s)'; }
no_team() { Mre 'no team %s in your scope (%s)' "$1"; }
differs() { Mre 'differs: %s (the database'"'"'s text is not HEAD'"'"'s%s)\n' "$1"; }
county_pair() { Mre 'added county pair %s: %s %s → %s %s\n' "$@"; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why "台账导入"
expect_exit 0 as "$me" demo --households 40
expect_exit 0 as "$me" user add fgadmin --name 佛冈管理员 --role admin --scope 441821
expect_exit 0 as "$me" user add chen --name 陈县审批 --role county --scope 441821
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add he --name 何县审批 --role county --scope 440282
expect_exit 0 as "$me" user add gz --name 广州对口办 --role county --scope 440100

# --- tracks: seeded, shown, filtered, edited by the province only --------------------
first=$(git_log log --reverse --format=%H -- settings.txt | head -1)
git_log show "$first:settings.txt" > seeded.txt
[ "$(grep -c '^track\.' seeded.txt)" -eq 22 ] || fail "the 22 published tracks are not seeded"
expect_grep "^track.440606: 创先$" seeded.txt
expect_exit 0 as "$me" county list --track 创先
[ "$(grep -c '创先' out)" -eq 9 ] || fail "9 counties published as 创先"
expect_grep "^440606  顺德区" out
expect_exit 0 as chen county list
expect_grep "^441821  佛冈县 *未分类" out
[ "$(wc -l < out)" -eq 1 ] || fail "a county office lists its own county"
expect_exit 1 as fgadmin setting set track.441821 进位 --why "县里自定"
expect_grep "$(not_yours track.441821 "$(M 'the whole province (44)')" 441821)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "适用于全省（44）" err
expect_exit 1 as "$me" setting set track.441821 领先 --why x
expect_grep "$(Mre 'setting %s: "%s" is not a track (创先, 进位 or 消薄)' track.441821 领先)" err
expect_exit 1 as "$me" setting set track.999999 创先 --why x
expect_grep "$(Mre 'setting %s: %s is not a Guangdong county-level code' track.999999 999999)" err
c0=$(commits)
expect_exit 0 as "$me" setting set track.441821 进位 --why "省里第二批公布"
[ "$(commits)" -eq $((c0 + 1)) ] || fail "a track change is one commit"
git_log log -1 --format=%B > msg.txt
expect_grep "省里第二批公布" msg.txt
expect_exit 0 as wang list track:进位
expect_grep "^H441821" out
expect_no_grep "^H44" err
n_fg=$(as chen list county:441821 2>/dev/null | wc -l)
[ "$(as chen list track:进位 2>/dev/null | wc -l)" -eq "$n_fg" ] || fail "track:进位 is every household of 佛冈县"
[ "$(as chen list track:创先 2>/dev/null | wc -l)" -eq 0 ] || fail "no 创先 household in chen's scope"
expect_exit 0 as "$me" list track:创先
[ -s out ] || fail "the demo has households in 创先 counties"
expect_no_grep "佛冈县" out
expect_exit 0 as "$me" list track:未分类
expect_no_grep "佛冈县" out
expect_exit 2 as "$me" list track:快
expect_grep "$(Mre 'unknown %s "%s"' "$(M 县域类型)" 快)" err
h=$(as wang list 2>/dev/null | head -1 | cut -c1-14)
expect_exit 0 as wang show "$h"
expect_grep "^$(Mre 'track: %s (百千万工程 track of county %s)\n' 进位 441821)$" out

# --- clusters and town classes: the county's administrator ----------------------------
expect_exit 0 as fgadmin setting set cluster.441821 "预制菜，丝苗米、 温泉文旅" --why "县特色产业集群"
expect_grep "cluster.441821 = 预制菜、丝苗米、温泉文旅" out
expect_exit 1 as fgadmin setting set cluster.440282 "x" --why x
expect_grep "$(not_yours cluster.440282 440282 441821)" err
expect_exit 0 as fgadmin setting set town_class.441821107 "美丽圩镇样板、中心镇、重点帮扶" --why "镇分类"
expect_grep "town_class.441821107 = 中心镇、重点帮扶、美丽圩镇样板" out
expect_exit 1 as fgadmin setting set town_class.441821107 "中心镇、专业镇" --why x
expect_grep "$(Mre 'town class: %s and %s are one classification: a town is one of them')" err
expect_exit 1 as fgadmin setting set town_class.441821999 "中心镇" --why x
expect_grep "$(Mre 'setting %s: no town %s (2023 statistical codes, or a place.CODE setting)' town_class.441821999 441821999)" err
expect_exit 0 as chen list town_class:中心镇
expect_grep "迳头镇" out
expect_no_grep "汤塘镇" out
expect_exit 0 as chen list town_class:美丽圩镇样板
expect_grep "迳头镇" out
[ "$(as chen list town_class:专业镇 2>/dev/null | wc -l)" -eq 0 ] || fail "no 专业镇"
expect_exit 0 as wang show "$h"
expect_grep "^$(Mre 'town_class: %s (town %s)\n' 中心镇、重点帮扶、美丽圩镇样板 441821107)$" out
expect_exit 0 as chen county list
expect_grep "441821  佛冈县 *进位 *预制菜、丝苗米、温泉文旅" out
expect_exit 0 as wang county list
expect_grep "441821  佛冈县 *进位" out
[ "$(wc -l < out)" -eq 1 ] || fail "a village's caseworker reads her county's track"

# --- indicators and village collective income ------------------------------------------
c0=$(commits)
expect_exit 0 as chen indicator set 佛冈县 "污水处理能力(吨/日)" --year 2024 --target 12000 --why "年度目标"
expect_grep "^$(figure_line F0000001 441821 佛冈县 2024 sewage_capacity 12000 -)" out
expect_exit 0 as chen indicator set 441821 sewage_capacity --year 2024 --actual 9500.50 --why "年中统计"
expect_grep "$(figure_line F0000001 441821 佛冈县 2024 sewage_capacity 12000 9500.5)$" out
[ "$(commits)" -eq $((c0 + 2)) ] || fail "each indicator change is one commit"
git_log show HEAD:figures/0000/F0000001.txt > f1.txt
expect_grep "^kind: sewage_capacity 污水处理能力(吨/日)$" f1.txt
expect_grep "^actual: 9500.5$" f1.txt
expect_exit 1 as chen indicator set 441821 sewage_capacity --year 2024 --actual 9500.5 --why "again"
expect_grep "$(Mre 'figure %s already reads so: nothing to change' F0000001)" err
expect_exit 1 as chen indicator set 441821 black_water --year 2024 --target 6,800 --why x
expect_grep "$(Mre '"%s" is not a number (e.g. 12.5, no separators)' 6,800)" err
expect_exit 1 as chen indicator set 441821 black_water --year 2024 --target 0.12345 --why x
expect_grep "$(Mre '"%s": at most 4 decimals' 0.12345)" err
expect_exit 1 as chen indicator set 441821 black_water --year 24 --target 90 --why x
expect_grep "$(Mre 'year "%s": give YYYY' 24)" err
expect_exit 1 as chen indicator set 441821 farm_houses --year 2024 --target 300 --why x
expect_grep "$(Mre 'indicator "%s": give one of %s (or add one: setting indicator.CODE)' farm_houses)" err
expect_exit 1 as chen indicator set 南雄市 black_water --year 2024 --target 90 --why x
expect_grep "$(Mre '%s in region %s is outside your scope %s' "$(M figure)" 440282 441821)" err
expect_exit 1 as wang indicator set 441821107202 collective_income --year 2024 --actual 1 --why x
expect_grep "$(approver)" err
expect_exit 0 as chen indicator set 441821107202 collective_income --year 2024 --actual 85000 --why "村集体经济收入"
expect_exit 0 as he indicator set 440282 gdp_growth --year 2024 --target 5.5 --actual 4.8 --why "南雄"
expect_exit 0 as "$me" setting set indicator.farm_houses "农房风貌提升(户)" --why "新增指标"
expect_exit 0 as chen indicator set 441821 farm_houses --year 2025 --target 300 --why "农房"
expect_exit 0 as wang indicator list
expect_grep "$(figure_row '.*' '441821107202 *' '青竹村 *' 2024 'collective_income *' '.*' '.*' 85000 "$(M '  薄弱村 (below weak_village_line)')")" out
expect_no_grep "sewage_capacity" out
expect_exit 0 as chen indicator list
expect_grep "F0000001  441821 *佛冈县  2024  sewage_capacity" out
expect_grep "farm_houses *农房风貌提升(户)" out
expect_no_grep "440282" out
expect_exit 0 as chen indicator list --year 2025
[ "$(wc -l < out)" -eq 1 ] || fail "indicator list --year"
expect_exit 0 as "$me" setting set weak_village_line 80000 --why "县定薄弱村线"
expect_exit 0 as wang indicator list
expect_no_grep "$(Mre '  薄弱村 (below weak_village_line)')" out
expect_no_grep "薄弱村" out
expect_exit 0 as gz indicator list
[ ! -s out ] || fail "广州 sees no 佛冈 figures"

# --- units: kinds, levels, end -------------------------------------------------------
expect_exit 0 as "$me" unit add 广东省某集团 --kind 省属国企 --level 省直 --why "组团式帮扶"
expect_grep "$(Mre 'added unit %s %s (%s %s, region %s%s%s)\n' U0000001 广东省某集团 provincial_soe "$(M 省属国企)" 44 ', ' "$(M 省直)")" out
expect_exit 0 as "$me" unit add 华南农业大学 --kind 高校 --level province --why "组团式帮扶"
expect_exit 0 as chen unit add 佛冈县住建局 --kind 事业单位 --level 县直 --why "县直单位"
expect_exit 1 as "$me" unit add 某局 --kind 省直机关 --level 镇直 --why x
expect_grep "$(Mre 'unit level "%s": give province 省直, city 市直 or county 县直' 镇直)" err
expect_exit 1 as "$me" unit add 某社 --kind 合作社 --why x
expect_grep "$(Mre 'unit kind "%s": give one of %s (or add one: setting unit_kind.CODE)' 合作社)" err
expect_exit 0 as "$me" setting set unit_kind.coop 农民合作社 --why "扩展单位类型"
expect_exit 0 as chen unit add 佛冈某合作社 --kind 农民合作社 --level 县直 --why x
expect_exit 0 as wang unit list --kind 省属国企
expect_grep "广东省某集团 ($(M 省属国企), $(M 省直))" out
[ "$(grep -c '^U' out)" -eq 1 ] || fail "unit list --kind 省属国企"
expect_exit 1 as wang unit end U0000003 --why x
expect_exit 0 as chen unit end U0000003 --end 2025-12-31 --why "本轮帮扶结束"
expect_exit 0 as wang unit list
expect_grep "佛冈县住建局 ($(M 事业单位), $(M 县直))$(Mre '  ended %s' 2025-12-31)" out
expect_exit 0 as chen unit edit U0000004 kind=其他企业 level=市直 --why "更正类型"
expect_exit 0 as wang unit list --kind other_enterprise
expect_grep "佛冈某合作社 ($(M 其他企业), $(M 市直))" out

# --- programmes and pairs --------------------------------------------------------------
expect_exit 0 as "$me" pair add county 广州市 佛冈县 --programme 营商环境 --start 2023 --end 2025 --why "营商环境对口帮扶"
expect_grep "$(county_pair P0000001 440100 广州市 441821 佛冈县)" out
expect_exit 0 as "$me" pair add county 广州市 522301 --name 兴义市 --programme 东西部协作 --start 2023 --end 2025 --why "东西部协作"
expect_grep "$(county_pair P0000002 440100 广州市 522301 兴义市)" out
expect_exit 1 as "$me" pair add county 广州市 522301 --programme 东西部协作 --start 2023 --why x
expect_grep "$(Mre '%s is required' "$(M 'name of the county outside Guangdong (--name)')")" err
expect_exit 1 as "$me" pair add county 广州市 佛冈县 --programme 友好往来 --start 2023 --why x
expect_grep "$(Mre 'programme "%s": give one of %s (or add one: setting programme.CODE)' 友好往来)" err
expect_exit 0 as chen pair add county 广东省某集团 441821107 --programme 组团式帮扶 --start 2023 --why "组团式帮扶"
expect_grep "$(county_pair P0000003 U0000001 广东省某集团 441821107 迳头镇)" out
expect_exit 0 as gz pair list
expect_grep "兴义市  east_west $(M 东西部协作)" out
expect_grep "佛冈县  business_env $(M 营商环境)" out
expect_exit 0 as chen pair list
expect_no_grep "兴义市" out
expect_grep "迳头镇  group $(M 组团式帮扶)" out
git_log show HEAD:pairs/0000/P0000002.txt > p2.txt
expect_grep "^helped_name: 兴义市$" p2.txt
expect_grep "^region: 440100$" p2.txt

# --- town team people ------------------------------------------------------------------
expect_exit 0 as chen team add 迳头镇 --lead 广东省某集团 --members 华南农业大学 --leader 张队长 --round 2023 --start 2023-06-01 --why "组团式帮扶工作队"
expect_exit 0 as "$me" user add zhangdz --name 张队长 --role caseworker --scope 441821107
expect_exit 0 as chen team join TM0000001 张队长 --unit 广东省某集团 --role 队长 --phone 13800138000 --start 2023-06-01 --login zhangdz --why "派驻"
expect_grep "$(Mre 'added %s %s (%s) to team %s, from %s %s\n' TP0000001 张队长 "$(M 队长)" TM0000001 U0000001 广东省某集团)" out
expect_exit 0 as chen team join TM0000001 李队员 --unit 华南农业大学 --phone 13900139000 --start 2023-06-01 --why "派驻"
expect_exit 1 as chen team join TM0000001 王某 --unit 华南农业大学 --login nobody --why x
expect_grep "$(Mre 'no bangfu user %s (`bangfu user add` first, or leave out --login)' nobody)" err
expect_exit 1 as chen team join TM0000001 王某 --unit 华南农业大学 --role 主任 --why x
expect_grep "$(Mre 'role "%s": give 队长 (leader) or 队员 (member)' 主任)" err
expect_exit 1 as chen team join TM0000001 王某 --unit 华南农业大学 --phone 12345 --why x
expect_grep "$(Mre 'phone: %s' "$(Mre '"%s" is neither an 11-digit mobile nor a landline' 12345)")" err
expect_exit 1 as zhangdz team join TM0000001 王某 --unit 华南农业大学 --why x
expect_grep "$(approver)" err
expect_exit 1 as wang team join TM0000001 王某 --unit 华南农业大学 --why x
expect_grep "$(no_team TM0000001)" err
expect_exit 1 as he team join TM0000001 王某 --unit 华南农业大学 --why x
expect_grep "$(no_team TM0000001)" err
expect_exit 0 as wang team people
[ ! -s out ] || fail "a village caseworker sees no town team people"
expect_exit 0 as zhangdz team people
expect_grep "TP0000001  TM0000001  441821107  $(M 队长) 张队长" out
expect_grep "138\*\*\*\*8000" out
expect_no_grep "13800138000" out
expect_grep "$(M '  login ')zhangdz" out
expect_exit 0 as chen team leave TP0000002 --end 2024-06-30 --why "轮换"
expect_exit 0 as chen team people TM0000001
expect_grep "李队员 .*2023-06-01..2024-06-30" out
expect_exit 0 as "$me" unit edit U0000002 name=华南农大 --why "简称"
git_log show HEAD:team_people/0000/TP0000002.txt > tp2.txt
expect_grep "^unit_name: 华南农大$" tp2.txt
expect_grep "^phone: 13900139000$" tp2.txt
expect_exit 0 as he team people
[ ! -s out ] || fail "南雄 sees no 佛冈 team people"
# the history is scoped too: he sees none of 佛冈's figures or people
expect_exit 0 as he audit log
expect_grep "figure set F0000003" out
expect_no_grep "figure set F0000001" out
expect_no_grep "person add" out
expect_no_grep "town_class.441821107" out
expect_exit 0 as chen audit log
expect_grep "figure set F0000001" out
expect_no_grep "figure set F0000003" out
expect_grep "person add TP0000001" out
expect_grep "setting town_class.441821107" out

# --- verify (tampering is found and named), then rebuild from the history alone ----------
expect_exit 0 as "$me" audit verify
sqlite3 d/bangfu.db "UPDATE figures SET actual = '99999' WHERE id = 'F0000001'"
expect_exit 1 as "$me" audit verify
expect_grep "$(differs figures/0000/F0000001.txt)" out
sqlite3 d/bangfu.db "UPDATE figures SET actual = '9500.5' WHERE id = 'F0000001'"
sqlite3 d/bangfu.db "UPDATE team_people SET phone = '13700137000' WHERE id = 'TP0000001'"
expect_exit 1 as "$me" audit verify
expect_grep "$(differs team_people/0000/TP0000001.txt)" out
sqlite3 d/bangfu.db "UPDATE team_people SET phone = '13800138000' WHERE id = 'TP0000001'"
sqlite3 d/bangfu.db "UPDATE settings SET value = '创先' WHERE key = 'track.441821'"
expect_exit 1 as "$me" audit verify
expect_grep "$(differs settings.txt)" out
sqlite3 d/bangfu.db "UPDATE settings SET value = '进位' WHERE key = 'track.441821'"
expect_exit 0 as "$me" audit verify
views() { for who in "$me" chen wang gz he; do
	for verb in "county list" "indicator list" "unit list" "pair list" "team people" "list track:进位" "list town_class:中心镇"; do
		echo "== $who $verb"; as "$who" $verb 2>&1
	done
done; }
views > before.txt
mv d/bangfu.db saved.db; rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
views > after.txt
cmp before.txt after.txt || { diff before.txt after.txt; fail "views differ after rebuild"; }
expect_exit 0 as "$me" audit verify
expect_exit 0 as chen indicator set 441821 new_pipes --year 2024 --target 12.5 --why "管网"
expect_grep "^$(figure_line F0000005 441821)" out
expect_exit 0 as "$me" audit verify
echo "bqw_places: ok"
