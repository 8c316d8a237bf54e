# The 百千万 walkthrough (issue 11 "Done when"; docs/baiqianwan.md "A worked example"):
# from `init`, a new county office (佛冈县's 百千万 office, an administrator scoped to its
# county) reads its track and indicators, classes its towns, imports a projects sheet,
# records a milestone and spending, sees an overdue milestone in `today`, pairs a 省属国企
# and a 高校 with a town team under 组团式帮扶, records a 营商环境 pair and a 东西部协作 pair
# with a county outside Guangdong, and shows the county board; then the issue's five
# "Examples that must work as written", and `audit log` of a project and of a task
# (through the history's one scope rule: a town clerk reads her town's only).
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
me=$(id -un)

# --- the province sets up: init, the register, the county office's user, the track -----
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" user add fg --name 佛冈县百千万办 --role admin --scope 441821 --why 县百千万办
expect_exit 0 as "$me" user add zhao --name 赵迳头镇 --role township --scope 441821107 --why 镇经办
expect_exit 0 as "$me" setting set track.441821 进位 --why 省里公布第二批
expect_exit 0 as "$me" indicator set 佛冈县 sewage_capacity --year 2026 --target 12000 --why 省定目标
expect_exit 0 as "$me" indicator set 佛冈县 black_water --year 2026 --target 90 --why 省定目标

# --- 1. the county office reads its track and indicators --------------------------------
expect_exit 0 as fg county list
expect_grep "^441821  佛冈县 进位" out
expect_exit 0 as fg indicator set 佛冈县 "污水处理能力(吨/日)" --year 2026 --actual 9500.5 --why 年中统计
expect_exit 0 as fg indicator set 佛冈县 black_water --year 2026 --actual 95 --why 年中统计
expect_exit 0 as fg indicator list 佛冈县 --year 2026
expect_grep "$(M "污水处理能力(吨/日)")" out
expect_grep "12000" out
expect_grep "9500.5" out
expect_grep "$(M "黑臭水体消除比例(%)")" out
expect_exit 1 as fg setting set track.441821 创先 --why 自己定
expect_grep "$(Mre 'setting %s applies to %s: only an administrator whose scope holds it may change it (yours is %s)' \
	track.441821 "$(M 'the whole province (44)')" 441821)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "适用于全省（44）" err

# --- 2. it classes its towns --------------------------------------------------------------
expect_exit 0 as fg setting set town_class.441821107 "中心镇、重点帮扶、美丽圩镇样板" --why 镇分类
expect_exit 0 as fg setting set town_class.441821101 "专业镇、巩固提升" --why 镇分类
expect_exit 0 as fg list town_class:中心镇
expect_grep "H4418210000001" out
expect_exit 0 as fg show H4418210000001
expect_grep "中心镇" out

# --- 3. it imports a projects sheet a working group filled in ----------------------------
cat > sheet.csv <<'SHEET'
项目名称,地区代码,项目类型,工作专班,责任人,年度,计划投资(元),已下达(元),立项计划日期,开工计划日期,完工计划日期
迳头镇污水处理厂,441821107,污水处理,城镇建设,张工,2026,1200000,800000,2026-01-10,2026-03-01,2026-12-31
佛冈县预制菜产业园,441821,预制菜,县域经济,李主任,2026,5000000,,2026-02-01,2026-06-30,
SHEET
expect_exit 0 as fg import projects sheet.csv --why 专班项目表
f=$(TEXTDOMAINDIR=$BANGFU_LOCALEDIR ngettext -e bangfu 'imported %s: %d project added, %d updated (one audit event)\n' \
	'imported %s: %d projects added, %d updated (one audit event)\n' 2)
expect_grep "$(printf -- "$f" sheet.csv 2 0)" out
expect_exit 0 as fg project list
expect_grep "PJ0000001 .*迳头镇污水处理厂" out
expect_grep "PJ0000002 .*佛冈县预制菜产业园" out

# --- 4. it records a milestone and spending -------------------------------------------------
expect_exit 0 as fg project milestone PJ0000001 立项 --actual 2026-01-12 --why 立项批复
expect_exit 0 as fg project milestone PJ0000002 立项 --actual 2026-02-03 --why 立项批复
expect_exit 0 as fg project money PJ0000001 --year 2026 --spent 300000 --why 一季度支付
expect_exit 0 as fg project show PJ0000001
expect_grep "300000.00" out
expect_grep "800000.00" out

# --- 5. the overdue milestone in today: 开工 was planned for 2026-03-01 -----------------------
expect_exit 0 as fg today
expect_grep "PJ0000001" out
expect_grep "开工" out
expect_no_grep "PJ0000002" out           # its 立项 is done, its 开工 not yet due
expect_exit 0 as zhao today                # the town clerk sees her town's project
expect_grep "PJ0000001" out

# --- 6. 组团式帮扶: a 省属国企 and a 高校 with the town team of 迳头镇 ----------------------------
expect_exit 0 as fg unit add 广东省某集团 --kind 省属国企 --level 省直 --why 组团式帮扶
expect_exit 0 as fg unit add 华南某大学 --kind 高校 --level 省直 --why 组团式帮扶
expect_exit 0 as fg unit list
expect_grep "广东省某集团.*$(M 省属国企)" out
expect_grep "华南某大学.*$(M 高校)" out
expect_exit 0 as fg team add 迳头镇 --lead 广东省某集团 --members 华南某大学 --leader 张队长 --round 2023 --start 2023-06-01 --why 驻镇帮镇扶村
team=$(sed -n 's/.*\(TM[0-9]\{7\}\).*/\1/p' out | head -1)
[ -n "$team" ] || fail "no team id in: $(cat out)"
expect_exit 0 as fg team join "$team" 张队长 --unit 广东省某集团 --role 队长 --phone 13812345678 --start 2023-06-01 --why 派驻
expect_exit 0 as fg team join "$team" 李队员 --unit 华南某大学 --role 队员 --start 2023-06-01 --why 派驻
expect_exit 0 as fg team people "$team"
expect_grep "张队长" out
expect_grep "李队员" out
expect_no_grep "13812345678" out          # the phone masked
expect_exit 0 as fg pair add county 广东省某集团 441821107 --programme 组团式帮扶 --start 2023 --why 组团式帮扶
expect_exit 0 as fg pair add county 华南某大学 迳头镇 --programme 组团式帮扶 --start 2023 --why 组团式帮扶
expect_exit 0 as fg pair list
expect_grep "广东省某集团.*$(M 组团式帮扶)" out
expect_grep "华南某大学.*$(M 组团式帮扶)" out

# --- 7. a 营商环境 pair, and a 东西部协作 pair with a county outside Guangdong ------------------
expect_exit 0 as fg pair add county 广州市 佛冈县 --programme 营商环境 --start 2023 --end 2025 --why 营商环境对口帮扶
expect_exit 0 as fg pair add county 佛冈县 522301 --name 兴义市 --programme 东西部协作 --start 2023 --end 2025 --why 东西部协作
expect_grep "$(Mre 'added county pair %s: %s %s → %s %s\n' P0000004 441821 佛冈县 522301 兴义市)" out
# a pair with a county outside Guangdong is its helper's: 广州's is not the county's to add
expect_exit 1 as fg pair add county 广州市 522301 --name 兴义市 --programme 东西部协作 --start 2023 --end 2025 --why x
expect_grep "$(Mre '%s in region %s is outside your scope %s' "$(M 'a county pair')" 440100 441821)" err
expect_exit 0 as fg pair list
expect_grep "$(M 营商环境)" out
expect_grep "兴义市" out
expect_grep "$(M 东西部协作)" out

# --- 8. the county board --------------------------------------------------------------------
expect_exit 0 as fg board county 佛冈县 --format tsv
# 进位; 2 households, 1 monitored; 2 projects; planned 6200000, allocated 800000, spent 300000;
# 1 overdue milestone; of this year's 2 indicators with a target 1 reached (黑臭水体 95 of 90)
expect_grep "^佛冈县	进位	1	2	1	帮扶中 1	2	.*	6200000.00	800000.00	300000.00	1	1/2	441821$" out
expect_exit 0 as fg board programme 营商环境 --format tsv
expect_grep "^营商环境		1	2	1	帮扶中 1	2	" out
expect_exit 0 as fg board programme 组团式帮扶 --format tsv   # pairs helping its town count too
expect_grep "^组团式帮扶		1	2	1	帮扶中 1	2	" out
expect_exit 0 as zhao board --format tsv     # the town clerk: her town's project only
expect_grep "^佛冈县	进位	1	2	1	帮扶中 1	1	" out

# --- the issue's examples, as written -------------------------------------------------------
expect_exit 0 as "$me" list track:创先
expect_exit 0 as "$me" list track:进位
expect_grep "H4418210000001" out
expect_exit 0 as "$me" pair add county 广州市 佛冈县 --programme 营商环境 --start 2023 --end 2025 --why 省营商环境办登记
expect_exit 0 as "$me" pair add county 广州市 522301 --name 兴义市 --programme 东西部协作 --start 2023 --end 2025 --why 广州对口兴义
expect_exit 0 as "$me" pair list
expect_grep "广州市.*兴义市" out
expect_exit 0 as "$me" project add --help
for opt in --year --planned --allocated --spent --approval --start --finish --acceptance; do
	expect_grep "$opt" out
done
expect_exit 0 as "$me" project add "佛冈县城老旧小区改造" --place 佛冈县 --kind 老旧小区 --group 城镇建设 \
	--year 2026 --planned 300万 --approval 2026-04-30 --why 专班立项
expect_grep "$(Mre 'added project %s: %s (%s %s, %s)\n' PJ0000003)" out
expect_exit 0 as "$me" board county 佛冈县
expect_grep "佛冈县" out
expect_grep "进位" out
expect_grep "9200000.00" out

# --- audit log of a project and of a task, through the history's scope rule -----------------
expect_exit 0 as fg audit log PJ0000001
expect_grep "project milestone PJ0000001" out
expect_grep "project money PJ0000001" out
expect_grep "专班项目表" out                     # the import that added it
expect_no_grep "PJ0000002" out
expect_exit 0 as fg audit log PJ0000002
expect_no_grep "一季度支付" out
expect_exit 0 as zhao audit log PJ0000001       # in her town
expect_grep "一季度支付" out
expect_exit 1 as zhao audit log PJ0000002       # the county's project: not hers
expect_grep "PJ0000002" err
expect_exit 0 as zhao task add 污水厂进场道路协调 --kind project --town 441821107 --why 项目任务
task=$(sed -n "s/^$(Mre 'added task %s for %s (%s %s)\n' '\(T[0-9]*\)')/\1/p" out)
[ -n "$task" ] || fail "no task id in: $(cat out)"
expect_exit 0 as fg task start "$task" --why 开始协调
expect_exit 0 as zhao audit log "$task"
expect_grep "开始协调" out
expect_grep "项目任务" out
expect_no_grep "一季度支付" out
expect_exit 1 as zhao audit log T0000099
expect_exit 0 as fg audit log H4418210000001
expect_grep "台账导入" out

# --- and it all survives rebuild and verify -------------------------------------------------
expect_exit 0 as "$me" audit verify
expect_exit 0 as "$me" board --format tsv
cp out board.before
rm d/bangfu.db
expect_exit 0 as "$me" rebuild
expect_exit 0 as "$me" board --format tsv
cmp -s out board.before || { diff board.before out; fail "the board differs after rebuild"; }
