# The 百千万 sheets (issue 11, docs/baiqianwan.md "Sheets"): `export indicators` in csv,
# tsv, json and xlsx with the 薄弱村 mark; `import indicators` reads an export back, by
# field names or Chinese titles, as ONE commit with its reason, all or nothing (every
# defect named by line and column), scoped (a county administrator's file with a row of
# another county is refused naming the row); `export team_people` with masked phones,
# scoped. Other users through the test-hooks build (BANGFU_TEST_LOGIN).
# both locales
. "$TESTS/lib.sh"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
me=$(id -un)
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }
unchanged() { Mre 'nothing to change: the %d rows of %s are already as it says\n' '.*' "$1"; }
imported() { Mnfe 'imported %d figure (%d unchanged) from %s [%s]\n' 'imported %d figures (%d unchanged) from %s [%s]\n' "$1" "$@"; }
imported_people() { Mnfe 'imported %d team member (%d unchanged) from %s [%s]\n' 'imported %d team members (%d unchanged) from %s [%s]\n' "$1" "$@"; }
no_team() { Mre 'no team %s in your scope (%s)' "$1"; }

expect_exit 0 as "$me" init
expect_exit 0 as "$me" user add fgadmin --name 佛冈管理员 --role admin --scope 441821
expect_exit 0 as "$me" user add wang --name 王村经办 --role caseworker --scope 441821107202
expect_exit 0 as "$me" user add he --name 何县审批 --role county --scope 440282
expect_exit 0 as "$me" indicator set 佛冈县 sewage_capacity --year 2024 --target 12000 --why 目标
expect_exit 0 as "$me" indicator set 441821107202 collective_income --year 2024 --actual 85000 --why 收入
expect_exit 0 as "$me" indicator set 440282 gdp_growth --year 2024 --target 5.5 --why 目标

# --- export: every format, the weak mark, scoped ---------------------------------------
expect_exit 0 as "$me" export indicators -o all.csv
printf '\357\273\277地区代码,地区名称,年度,指标,指标名称,目标值,实际值,薄弱村\r\n' > head.txt
head -1 all.csv | cmp -s - head.txt || fail "the csv header: $(head -1 all.csv)"
expect_grep "^441821107202,青竹村,2024,collective_income,村集体经济收入(元),,85000,薄弱村" all.csv
expect_grep "^441821,佛冈县,2024,sewage_capacity,污水处理能力(吨/日),12000,," all.csv
[ "$(wc -l < all.csv)" -eq 4 ] || fail "three figures and a header"
expect_exit 0 as fgadmin export indicators --format tsv
expect_grep "^place	place_name	year	kind	kind_label	target	actual	weak$" out
expect_no_grep "440282" out
[ "$(wc -l < out)" -eq 3 ] || fail "佛冈's administrator exports 佛冈's two figures"
expect_exit 0 as "$me" export indicators 440282 --format json
expect_grep '"target":5.5,"actual":null' out
expect_exit 0 as "$me" export indicators --format xlsx -o all.xlsx
[ "$(head -c 2 all.xlsx)" = "PK" ] || fail "xlsx is a zip workbook"
expect_exit 2 as "$me" export indicators --format pdf
expect_grep "$(Mre '--format takes %s' "$(M 'csv, xlsx, tsv or json')")" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "可取 csv、xlsx" err

# --- import: an export reads back unchanged; a changed sheet is one commit ---------------
c0=$(commits)
expect_exit 0 as "$me" import indicators all.csv
expect_grep "$(unchanged all.csv)" out
[ "$(commits)" -eq "$c0" ] || fail "an unchanged sheet makes no commit"
cat > year.csv <<'CSV'
place,year,kind,target,actual
佛冈县,2024,污水处理能力(吨/日),,9500.50
佛冈县,2025,black_water,90,
441821107202,2024,collective_income,,120000
CSV
expect_exit 0 as fgadmin import indicators year.csv --why "2024年度指标表"
expect_grep "$(imported 3 0 year.csv UTF-8)" out
[ "$(commits)" -eq $((c0 + 1)) ] || fail "an import is one commit"
git --git-dir=d/audit.git log -1 --format=%B > msg.txt
expect_grep "^import 3 figures: 2024年度指标表" msg.txt
expect_exit 0 as "$me" indicator list 441821
row() { Mre '%s  %-12s %-10s %s  %-18s %-20s target %-10s actual %s%s\n' '.*' '.*' '.*' '.*' "$1 *" '.*' "$2 *" "$3" ''; }
expect_grep "$(row sewage_capacity 12000 9500.5)$" out
expect_grep "$(row black_water 90 -)$" out
expect_grep "$(row collective_income '.*' 120000)$" out
expect_no_grep "薄弱村" out
expect_exit 0 as "$me" audit verify

# --- all or nothing: every defect by line and column, nothing written -------------------
cat > bad.csv <<'CSV'
地区代码,年度,指标,目标值,实际值
佛冈县,2024,sewage_capacity,14000,
不存在县,2024,sewage_capacity,1,
佛冈县,20x4,black_water,90,
441821,2024,sewage_capacity,1,
佛冈县,2024,new_pipes,"6,800",
佛冈县,2024,no_such_kind,1,
佛冈县,2024,old_estates,,
CSV
c1=$(commits)
expect_exit 1 as "$me" import indicators bad.csv --why x
expect_grep "bad.csv:3: place: $(Mre 'unknown place "%s": give a county (code or name) or a village'"'"'s 12-digit code' 不存在县)" err
expect_grep "bad.csv:4: $(Mre 'year "%s": give YYYY' 20x4)" err
expect_grep "bad.csv:5: $(Mre 'repeats line %ld (the same place, year and kind)' 2)" err
expect_grep "bad.csv:6: $(Mre '%s: %s' target "$(Mre '"%s" is not a number (e.g. 12.5, no separators)' 6,800)")" err
expect_grep "bad.csv:7: $(Mre 'indicator "%s": give one of %s (or add one: setting indicator.CODE)' no_such_kind)" err
expect_grep "bad.csv:8: $(Mre 'give a target or an actual value')" err
expect_grep "$(Mre '%d defects: nothing was imported' 6)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "6 处错误：未导入任何数据" err
[ "$(commits)" -eq "$c1" ] || fail "a refused sheet makes no commit"
expect_exit 0 as "$me" indicator list 441821 --kind sewage_capacity
expect_grep "$(row sewage_capacity 12000 '.*')" out
printf 'place,year\n441821,2024\n' > nokind.csv
expect_exit 1 as "$me" import indicators nokind.csv
expect_grep "nokind.csv:1: $(Mre 'the header has no column %s (%s)' kind 指标)" err
printf 'place,year,kind,target\n441821,2024,old_estates,3,extra\n' > wide.csv
expect_exit 1 as "$me" import indicators wide.csv
expect_grep "wide.csv:2: $(Mre 'more cells than the header has columns')" err

# --- scope: a row outside the importer's county refuses the whole file -------------------
cat > scope.csv <<'CSV'
place,year,kind,target
441821,2026,old_estates,3
440282,2026,old_estates,4
CSV
expect_exit 1 as fgadmin import indicators scope.csv --why x
expect_grep "scope.csv:3: .*$(Mre '%s in region %s is outside your scope %s' '.*' 440282 441821)" err
expect_no_grep "scope.csv:2" err
[ "$(commits)" -eq "$c1" ] || fail "a file with a row outside the scope makes no commit"
expect_exit 1 as wang import indicators year.csv --why x
expect_grep "year.csv:2: " err
expect_exit 1 as he import indicators scope.csv --why x
expect_grep "scope.csv:2: " err

# --- GB18030 sheets (old Excel) --------------------------------------------------------
printf 'place,year,kind,target\n佛冈县,2027,old_estates,5\n' | iconv -f UTF-8 -t GB18030 > gbk.csv
expect_exit 0 as "$me" import indicators gbk.csv --why 旧表
expect_grep "$(imported 1 0 gbk.csv GB18030)" out
expect_exit 0 as "$me" export indicators --year 2027 --encoding gbk -o gbk_out.csv
iconv -f GB18030 -t UTF-8 gbk_out.csv | grep -q "^441821,佛冈县,2027,old_estates" || fail "gbk export"

# --- team people: masked phones, scoped --------------------------------------------------
expect_exit 0 as "$me" unit add 广东省某集团 --kind 省属国企 --level 省直 --why 组团
expect_exit 0 as "$me" team add 441821107 --lead 广东省某集团 --leader 张队长 --round 2023 --start 2023-06-01 --why 驻镇
team=$(grep -o 'TM[0-9]*' out | head -1)
expect_exit 0 as "$me" team join "$team" 张队长 --unit 广东省某集团 --role 队长 --phone 13812345678 --why 派驻
expect_exit 0 as "$me" export team_people --format tsv
expect_grep "^person	team	name	unit	unit_name	role	phone	start	end	login	town$" out
expect_grep "	张队长	U[0-9]*	广东省某集团	队长	138" out
expect_no_grep "13812345678" out
expect_exit 0 as "$me" export team_people -o people.csv
expect_grep "张队长" people.csv
expect_no_grep "13812345678" people.csv
expect_exit 0 as he export team_people --format tsv
[ "$(wc -l < out)" -eq 1 ] || fail "a county outside the team's town exports no people"

# --- import team_people: an export reads back; new rows are one commit; all or nothing ---
expect_exit 0 as "$me" unit add 华南农业大学 --kind 高校 --why 组团
c2=$(commits)
expect_exit 0 as "$me" import team_people people.csv
expect_grep "$(unchanged people.csv)" out
[ "$(commits)" -eq "$c2" ] || fail "an unchanged people sheet makes no commit"
cat > join.csv <<CSV
工作队,姓名,派出单位,职务,联系电话,开始日期
$team,李队员,华南农业大学,队员,13900001111,2024-01-01
$team,王队员,广东省某集团,member,,
CSV
expect_exit 0 as fgadmin import team_people join.csv --why 轮换派驻
expect_grep "$(imported_people 2 0 join.csv UTF-8)" out
[ "$(commits)" -eq $((c2 + 1)) ] || fail "a people import is one commit"
git --git-dir=d/audit.git log -1 --format=%B > msg.txt
expect_grep "^import 2 team people: 轮换派驻" msg.txt
expect_exit 0 as "$me" team people "$team"
expect_grep "$(M 队员) 李队员 U[0-9]* 华南农业大学  139\*\*\*\*1111  2024-01-01" out
expect_grep "$(M 队员) 王队员" out
p1=$(grep -o 'TP[0-9]*' people.csv | head -1)
cat > badpeople.csv <<CSV
person,team,name,unit,role
$p1,$team,张队长改,广东省某集团,队长
,TM9999999,赵,广东省某集团,队员
,$team,钱,不存在单位,队员
,$team,孙,广东省某集团,组长
CSV
c3=$(commits)
expect_exit 1 as "$me" import team_people badpeople.csv
expect_grep "badpeople.csv:2: $(Mre 'person %s: the row differs from what bangfu has (change her with `bangfu person edit %s FIELD=VALUE`)' "$p1" "$p1")" err
expect_grep "badpeople.csv:3: $(no_team TM9999999)" err
expect_grep "badpeople.csv:4: $(Mre 'unknown unit "%s": give a unit id or its exact name (`bangfu unit list`), or add it with `bangfu unit add`' 不存在单位)" err
expect_grep "badpeople.csv:5: $(Mre 'role "%s": give 队长 (leader) or 队员 (member)' 组长)" err
[ "$(commits)" -eq "$c3" ] || fail "a refused people sheet makes no commit"
expect_exit 1 as he import team_people join.csv --why x
expect_grep "join.csv:2: $(no_team "$team")" err
expect_exit 0 as "$me" audit verify
echo ok
