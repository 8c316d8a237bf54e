# The access matrix: every role (caseworker, township, county, auditor, admin) scoped to
# one county (佛冈县 441821), and an administrator scoped to the province, runs every read
# verb and every write verb against a household inside that county and one outside it
# (郁南县 445322), with its case, task, pair, team, user and setting. Asserted for every
# cell: nothing of the outside records ever appears (its ids, its head's name, its ID
# number, the reasons and texts written on it), every write outside is refused with
# exit 1 and writes nothing, every write the role may not do is refused, the allowed
# ones succeed, and a refusal for an outside record reads exactly as the one for a record
# that does not exist (no oracle). The province administrator is the control: she must
# see what the others must not. docs/security.md "Scope".
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
# new_id MSGID: the id a message "MSGID" (its first %s) printed on out names
new_id() { p=$(Mre "$1" '\([A-Z]*[0-9]*\)'); sed -n "s/^$p/\\1/p" out | head -1; }

# --- the register: 佛冈县 from the fixture, 郁南县 from the demo ---------------------------
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" demo --households 50 --seed 1
IN=H4418210000001      # 李秀英, 迳头镇青竹村, a monitored case
IN2=H4418210000002     # no case yet
OUT=H4453220000001     # 林国, 郁南县大方镇上福村
out_no=$(sqlite3 d/bangfu.db "SELECT household_no FROM households WHERE id = '$OUT'")
out_idno=$(sqlite3 d/bangfu.db "SELECT id_number FROM members WHERE household_id = '$OUT' AND seq = 1")
out_town=$(sqlite3 d/bangfu.db "SELECT town_code FROM households WHERE id = '$OUT'")
out_village=$(sqlite3 d/bangfu.db "SELECT name FROM regions WHERE code = (SELECT village_code FROM households WHERE id = '$OUT')")
[ -n "$out_no" ] && [ -n "$out_idno" ] && [ -n "$out_town" ] || fail "the demo has no household $OUT"
in_case=$(sqlite3 d/bangfu.db "SELECT id FROM cases WHERE household_id = '$IN'")

roles="cw:caseworker:村经办 tw:township:镇审核 ca:county:县审批 au:auditor:县审计 ad:admin:县管理"
for r in $roles; do
	IFS=: read -r login role name <<EOF
$r
EOF
	expect_exit 0 as "$me" user add "$login" --name "$name" --role "$role" --scope 441821 --why 建账号
done
expect_exit 0 as "$me" unit add 中山大学 --kind 高校 --why 帮扶高校

# --- what lies outside, each piece marked (written by the province administrator) -----
expect_exit 0 as "$me" user add outsider --name 外县用户 --role caseworker --scope 445322 --why OUTSIDE-REASON-USER
expect_exit 0 as "$me" set "$OUT" hamlet OUTSIDE-HAMLET --why OUTSIDE-REASON-SET
expect_exit 0 as "$me" case open "$OUT" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why OUTSIDE-REASON-CASE
out_case=$(sed -n 's/.*\(C[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" visit add "$OUT" --visitor 外县走访人 --method 入户 --findings OUTSIDE-FINDINGS --why OUTSIDE-REASON-VISIT
out_visit=$(sed -n 's/^\(V[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as "$me" task add OUTSIDE-TASK --kind visit --owner outsider --household "$OUT" --why OUTSIDE-REASON-TASK
out_task=$(new_id 'added task %s for %s (%s %s)\n')
expect_exit 0 as "$me" pair add cadre 外县干部 "$OUT" --unit U0000001 --phone 13800138000 --why OUTSIDE-REASON-PAIR
out_pair=$(sed -n 's/.*\(P[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" team add "$out_town" --lead 中山大学 --leader 外县队长 --round 2023 --start 2023-06-01 --why OUTSIDE-REASON-TEAM
out_team=$(sed -n 's/.*\(TM[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" setting set visit_interval.445322 25 --why OUTSIDE-REASON-SETTING
# 百千万 (docs/baiqianwan.md): a figure, a team person and a town class outside
expect_exit 0 as "$me" indicator set 445322 gdp_growth --year 2024 --target 6 --why OUTSIDE-REASON-FIGURE
out_figure=$(sed -n 's/^\(F[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as "$me" team join "$out_team" 外县队员 --unit 中山大学 --phone 13800138000 --why OUTSIDE-REASON-PERSON
out_person=$(new_id 'added %s %s (%s) to team %s, from %s %s\n')
expect_exit 0 as "$me" setting set "town_class.$out_town" 中心镇 --why OUTSIDE-REASON-CLASS
[ -n "$out_case" ] && [ -n "$out_task" ] && [ -n "$out_pair" ] && [ -n "$out_team" ] && [ -n "$out_visit" ] && \
	[ -n "$out_figure" ] && [ -n "$out_person" ] || \
	fail "setup: case '$out_case' task '$out_task' pair '$out_pair' team '$out_team' visit '$out_visit'"
# nothing of these may ever reach a user scoped to 441821
printf '%s\n' "$OUT" "$out_no" 林国 "$out_idno" OUTSIDE- 外县 outsider "$out_case" "$out_task" \
	"$out_pair" "$out_team" "$out_visit" "$out_figure" "$out_person" > leaks.txt

# --- inside: a task for each role to work on, a register file to import -----------------
for who in cw tw ca ad; do
	expect_exit 0 as "$me" task add "任务$who" --kind visit --owner "$who" --household "$IN" --why 安排
	eval "task_$who=\$(new_id 'added task %s for %s (%s %s)\n')"
done
# corrections (docs/casework.md "Corrections"): a measure, a visit and a task to correct
expect_exit 0 as "$me" measure add "$IN" --group 就业 --detail 待更正 --start 2026-03-01 --why 就业帮扶
in_measure=$(sed -n 's/^\(M[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as "$me" visit add "$IN" --visitor 小陈 --method 电话 --findings 待更正 --why 走访
in_visit=$(sed -n 's/^\(V[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as "$me" task add 待改期 --kind visit --owner cw --household "$IN" --why 安排
task_fix=$(new_id 'added task %s for %s (%s %s)\n')
[ -n "$in_measure" ] && [ -n "$in_visit" ] && [ -n "$task_fix" ] || fail "setup: corrections"
today=$(date +%F)
# a valid ID number (GB 11643) from its first 17 digits
idnum() { echo "$1" | awk '{ split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0
	for (i = 1; i <= 17; i++) s += substr($1, i, 1) * w[i]
	print $1 substr("10X98765432", s % 11 + 1, 1) }'; }
expect_exit 0 as "$me" export households county:441821 --reveal --why 重新导入 > /dev/null
cp out in.csv
expect_exit 0 as "$me" export households county:445322 > /dev/null
cp out out.csv
grep -q "$out_no" out.csv || fail "out.csv lacks $OUT"
# the outside household's rows moved into 佛冈县 on paper: importing them would merge into it
{ head -1 out.csv; grep "^$out_no," out.csv | awk -F, -v OFS=, \
	'{ $2 = "441821"; $3 = "迳头镇"; $4 = "441821107"; $5 = "青竹村"; $6 = "441821107202"; print }'; } > collide.csv
[ "$(wc -l < collide.csv)" -gt 1 ] || fail "collide.csv has no rows"

# --- the matrix ----------------------------------------------------------------------
cells=0 leaks=0 wrong_ok=0 wrong_refused=0
# cell WHO WANT CMD...: WANT 0 (must succeed), 1 (must be refused). Every cell run by a
# county-scoped user is searched for the outside records; a typed key echoed back in a
# refusal is not a leak ($typed, a sed pattern).
typed=""
cell() {
	who=$1 want=$2; shift 2
	cells=$((cells + 1))
	set +e; as "$who" "$@" >out 2>err; got=$?; set -e
	if [ "$got" -ne "$want" ]; then
		if [ "$got" -eq 0 ]; then wrong_ok=$((wrong_ok + 1)); echo "WRONGFUL SUCCESS: $who $*" >&2
		elif [ "$want" -eq 0 ] && [ "$got" -eq 1 ]; then
			wrong_refused=$((wrong_refused + 1)); echo "WRONGFUL REFUSAL: $who $*: $(cat err)" >&2
		else echo "--- stdout"; cat out; echo "--- stderr"; cat err; fail "exit $got (want $want): $who $*"
		fi
	fi
	[ "$who" = "$me" ] && return 0
	cat out err | { if [ -n "$typed" ]; then sed "s/$typed//g"; else cat; fi; } > seen
	if grep -F -f leaks.txt seen > leaked; then
		leaks=$((leaks + 1)); echo "LEAK: $who $*:" >&2; cat leaked >&2
	fi
}

# keyed K: a sed script that writes KEY for K as typed and, for an 18-character ID number,
# as the masking shows it (4418**********1234)
keyed() {
	if [ ${#1} -eq 18 ]; then
		echo "s/$1/KEY/g; s/${1%??????????????}\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*${1#??????????????}/KEY/g"
	else echo "s/$1/KEY/g"; fi
}
# same_refusal WHO OUTSIDE MISSING CMD...: CMD with KEY = OUTSIDE and with KEY = MISSING
# is refused both times with the same message (but for the key): no oracle.
same_refusal() {
	who_=$1 outside=$2 missing=$3 saved=$typed; shift 3
	for k in "$outside" "$missing"; do
		n=$#; for a in "$@"; do [ "$a" = KEY ] && a=$k; set -- "$@" "$a"; done; shift "$n"
		typed=$k; cell "$who_" 1 "$@"
		# the key as typed, and as the masking shows an 18-character ID number (4418**********1234)
		sed "$(keyed "$k")" err > "err.$k"
		n=$#; for a in "$@"; do [ "$a" = "$k" ] && a=KEY; set -- "$@" "$a"; done; shift "$n"
	done
	typed=$saved
	cmp -s "err.$outside" "err.$missing" || { diff "err.$outside" "err.$missing"; \
		fail "$who_ $*: an outside record is told apart from a missing one"; }
}

# may WHO VERB: 0 when WHO's role may do VERB inside its scope, else 1
may() {
	case "$2" in
	write) [ "$1" = au ] && echo 1 || echo 0 ;;
	lead) case "$1" in cw|ad) echo 0 ;; *) echo 1 ;; esac ;;
	pairing) case "$1" in ca|ad) echo 0 ;; *) echo 1 ;; esac ;;
	admin) [ "$1" = ad ] && echo 0 || echo 1 ;;
	esac
}
readers="cw tw ca au ad"
for who in $readers; do
	cell "$who" 0 show "$IN"
	cell "$who" 0 list
	cell "$who" 0 list 林国
	cell "$who" 0 list county:445322
	cell "$who" 0 export households
	cell "$who" 0 audit log
	cell "$who" 0 audit log "$IN"
	cell "$who" 0 case show "$in_case"
	cell "$who" 0 case queue
	cell "$who" 0 task show "$task_cw"
	cell "$who" 0 task list --status all
	cell "$who" 0 pair list
	cell "$who" 0 team list
	cell "$who" 0 today
	cell "$who" 0 notice 青竹村
	cell "$who" 0 notice "$out_village"
	cell "$who" 0 setting get monitoring_line.2026
	cell "$who" 0 setting lists
	cell "$who" 0 user list
	cell "$who" 0 show "$IN" --as-of "$today"
	cell "$who" 0 audit log "$IN" --since 2026-01-01 --until "$today"
	cell "$who" 0 indicator list
	cell "$who" 0 team people
	cell "$who" 0 county list
	cell "$who" 0 list track:未分类
	cell "$who" 0 list town_class:中心镇
	# outside records named: refused exactly as records that do not exist
	same_refusal "$who" "$OUT" H4453229999999 show KEY
	same_refusal "$who" "$out_idno" 445322195908179999 show KEY
	same_refusal "$who" "$OUT" H4453229999999 audit log KEY
	same_refusal "$who" "$out_case" C9999999 case show KEY
	same_refusal "$who" "$out_task" T9999999 task show KEY
	same_refusal "$who" "$OUT" H4453229999999 task list --household KEY
	same_refusal "$who" "$OUT" H4453229999999 pair list cadre --household KEY
	same_refusal "$who" "$OUT" H4453229999999 show KEY --as-of "$today"
	same_refusal "$who" "$OUT" H4453229999999 audit log KEY --since 2026-01-01
done

# --- writes outside the scope: all refused, none written --------------------------------
before=$(commits)
for who in cw tw ca au ad; do
	typed="$OUT\\|$out_case\\|$out_task"
	cell "$who" 1 set "$OUT" hamlet 越权 --why 越权
	cell "$who" 1 case open "$OUT" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 越权
	cell "$who" 1 case move "$out_case" visit --why 越权
	cell "$who" 1 measure add "$OUT" --group 就业 --detail 越权 --why 越权
	cell "$who" 1 visit add "$OUT" --visitor 某 --method 入户 --findings 越权 --why 越权
	cell "$who" 1 task add 越权 --kind visit --household "$OUT" --why 越权
	cell "$who" 1 task start "$out_task"
	cell "$who" 1 task done "$out_task" --why 越权
	cell "$who" 1 task comment "$out_task" 越权
	cell "$who" 1 pair add cadre 越权干部 "$OUT" --unit U0000001 --phone 13800138000 --why 越权
	cell "$who" 1 unit add "越权单位$who" --kind government --region 445322 --why 越权
	cell "$who" 1 team add "$out_town" --lead 中山大学 --leader 某 --round 2024 --start 2024-01-01 --why 越权
	cell "$who" 1 setting set visit_interval.445322 9 --why 越权
	cell "$who" 1 setting set monitoring_line.2027 7000 --why 越权
	cell "$who" 1 setting set category.overreach 越权类别 --why 越权
	cell "$who" 1 user add "over$who" --name 越权 --role caseworker --scope 445322 --why 越权
	cell "$who" 1 import households out.csv --why 越权
	typed="$OUT\\|$out_case\\|$out_task\\|$out_no"
	cell "$who" 1 import households collide.csv --why 越权
	cell "$who" 1 import households collide.csv --skip-bad --why 越权
	# a login, a pair outside the scope read as ones that do not exist
	same_refusal "$who" outsider nobody9 task add 越权 --kind visit --owner KEY --why 越权
	same_refusal "$who" "$out_pair" P9999999 task add 越权 --kind visit --pair KEY --why 越权
	same_refusal "$who" "$out_case" C9999999 case move KEY visit --why 越权
	same_refusal "$who" "$out_case" C9999999 task add 越权 --kind visit --case KEY --why 越权
	# corrections of outside records: refused as missing ones
	same_refusal "$who" "$out_visit" V9999999 visit edit KEY --findings 越权 --why 越权
	same_refusal "$who" "$out_task" T9999999 task due KEY 2026-04-01 --why 越权
	same_refusal "$who" "$out_task" T9999999 task assign KEY "$who" --why 越权
	same_refusal "$who" "$OUT" H4453229999999 member remove KEY 1 --kind death --why 越权
	same_refusal "$who" "$OUT" H4453229999999 member add KEY 姓名=某 --kind birth --why 越权
	same_refusal "$who" "$OUT" H4453229999999 member move "$IN" 2 KEY --relation 之子 --kind marriage --why 越权
	same_refusal "$who" outsider nobody9 user edit KEY --name 越权 --why 越权
	same_refusal "$who" outsider nobody9 user disable KEY --why 越权
	same_refusal "$who" outsider nobody9 user enable KEY --why 越权
	same_refusal "$who" "$(sqlite3 d/bangfu.db "SELECT village_code FROM households WHERE id = '$OUT'")" 445322999999 \
		household add KEY 户编号=4453220000009999 姓名=越权 证件号码=110105198001010016 --why 越权
	same_refusal "$who" "$out_team" TM9999999 team edit KEY leader=越权 --why 越权
	same_refusal "$who" "$out_team" TM9999999 team end KEY --why 越权
	same_refusal "$who" "$out_pair" P9999999 pair edit KEY phone=13900139000 --why 越权
	same_refusal "$who" "$out_pair" P9999999 pair end KEY --why 越权
	same_refusal "$who" outsider nobody9 task assign "$task_fix" KEY --why 越权
	cell "$who" 1 indicator set 445322 gdp_growth --year 2024 --actual 5 --why 越权
	cell "$who" 1 setting set "town_class.$out_town" 专业镇 --why 越权
	cell "$who" 1 setting set track.445322 创先 --why 越权
	same_refusal "$who" "$out_team" TM9999999 team join KEY 某 --unit 中山大学 --why 越权
	same_refusal "$who" "$out_person" TP9999999 team leave KEY --why 越权
	same_refusal "$who" "$out_person" TP9999999 person edit KEY name=越权 --why 越权
done
[ "$(commits)" = "$before" ] || fail "a refused write outside the scope wrote to the history"

# a department warning on an outside person reads as one on a person nobody registered
warning() {
	printf '证件号码,姓名,预警类型,金额,发生日期,来源部门,说明\n%s,某人,失业,,2026-03-01,人社,\n' "$1" > w.csv
}
for who in cw tw ca au ad; do
	for idno in "$out_idno" 440582199003151002; do
		warning "$idno"; rm -f w.csv.unmatched.csv
		typed=$idno; cell "$who" "$(may "$who" write)" import warnings w.csv; typed=""
		cat out err | sed "$(keyed "$idno")" > "said.$idno"
	done
	cmp -s "said.$out_idno" said.440582199003151002 || { diff "said.$out_idno" said.440582199003151002; \
		fail "$who import warnings: an outside ID number is told apart from an unknown one"; }
done
[ "$(commits)" = "$before" ] || fail "an unmatched warning wrote to the history"

# --- writes inside the scope: what each role may do ----------------------------------
round=2024
for who in tw ca au cw ad; do
	cell "$who" "$(may $who write)" set "$IN" hamlet "上围$who" --why 更正
	# a duplicate ID number is refused without naming the household holding it
	typed=$out_idno; cell "$who" 1 set "$IN" id_number "$out_idno" --member 1 --why 更正; typed=""
	cell "$who" "$(may $who write)" measure add "$IN" --group 就业 --detail "公益岗位$who" --why 就业帮扶
	cell "$who" "$(may $who write)" visit add "$IN" --visitor "$who" --method 入户 --findings 稳定 --why 走访
	cell "$who" "$(may $who write)" task add "核实$who" --kind verification --household "$IN" --why 核实
	cell "$who" "$(may $who write)" task comment "$task_cw" "意见$who"
	mine=$(eval echo "\${task_$who:-$task_cw}")
	cell "$who" "$(may $who write)" task start "$mine"
	cell "$who" "$(may $who write)" task done "$mine" --why 办结
	cell "$who" "$(may $who pairing)" pair add cadre "干部$who" "$IN" --unit U0000001 --phone 13800138000 --why 结对
	cell "$who" "$(may $who pairing)" unit add "县单位$who" --kind government --why 帮扶单位
	round=$((round + 1))
	cell "$who" "$(may $who pairing)" team add 迳头镇 --lead 中山大学 --leader "队长$who" \
		--round "$round" --start "$round-01-01" --end "$round-12-31" --why 驻镇帮扶
	cell "$who" "$(may $who admin)" setting set visit_interval.441821 20 --why 本县走访间隔
	cell "$who" "$(may $who admin)" user add "new$who" --name 新人 --role caseworker --scope 441821 --why 新人
	# corrections inside the scope
	n=$(awk -v w="$who" 'BEGIN { print (index("tw ca au cw ad", w) + 2) / 3 }')
	cell "$who" "$(may $who write)" measure edit "$in_measure" --detail "更正$who" --why 更正
	cell "$who" "$(may $who write)" measure end "$in_measure" --end "2026-03-1$((n % 10))" --why 期满
	cell "$who" "$(may $who write)" visit edit "$in_visit" --findings "更正$who" --why 更正
	cell "$who" "$(may $who write)" task due "$task_fix" "2026-04-1$((n % 10))" --why 延期
	idno=$(idnum "1101052025010100$n")
	cell "$who" "$(may $who write)" member add "$IN" 姓名="新生$who" 证件号码="$idno" 与户主关系=之女 --kind birth --why 出生
	last=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$IN'")
	cell "$who" "$(may $who write)" member move "$IN" "$last" "$IN2" --relation 之女 --kind marriage --why 婚嫁
	last=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$IN2'")
	[ "$who" = au ] || cell "$who" 0 member remove "$IN2" "$last" --kind moved_out --why 迁出
	cell "$who" "$(may $who admin)" user edit newad --name "新人$who" --why 改名
	cell "$who" "$(may $who write)" household add 441821107202 户编号="44182110720288$n" 姓名="新户$who" \
		证件号码="$(idnum "1101051980010200$n")" --why 新增户
	cell "$who" "$(may $who pairing)" team edit "$(sqlite3 d/bangfu.db "SELECT min(id) FROM teams WHERE town_code LIKE '441821%'")" leader="队长改$who" --why 换队长
	cell "$who" "$(may $who pairing)" pair edit "$(sqlite3 d/bangfu.db "SELECT min(id) FROM pairs WHERE region LIKE '441821%'")" round="202$n" --why 更正
	cell "$who" "$(may $who pairing)" indicator set 441821 gdp_growth --year 2024 --target "$n.5" --why 目标
	cell "$who" "$(may $who pairing)" team join "$(sqlite3 d/bangfu.db "SELECT min(id) FROM teams WHERE town_code LIKE '441821%'")" "队员$who" --unit 中山大学 --why 派驻
	cell "$who" "$(may $who admin)" setting set cluster.441821 "集群$who" --why 特色产业集群
	cell "$who" "$(may $who admin)" user disable newad --why 离职
	cell "$who" "$(may $who admin)" user enable newad --why 复岗
	cell "$who" "$(may $who admin)" import households in.csv --why 重新导入
done
# a lead: the caseworker opens it and takes the visit step, the others may not
for who in tw ca au; do
	cell "$who" 1 case open "$IN2" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查
done
cell cw 0 case open "$IN2" --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查
lead=$(sed -n 's/.*\(C[0-9]\{7\}\).*/\1/p' out | head -1)
for who in tw ca au; do cell "$who" 1 case move "$lead" visit --consent 2026-03-20 --why 入户; done
cell cw 0 case move "$lead" visit --consent 2026-03-20 --why 入户核实
cell ad 0 case move "$lead" check --why 数据比对

# --- the province administrator: sees and changes what the county ones may not -------
cell "$me" 0 audit log
for mark in OUTSIDE-REASON-SET OUTSIDE-REASON-SETTING OUTSIDE-REASON-USER OUTSIDE-REASON-TEAM; do
	expect_grep "$mark" out
done
cell "$me" 0 show "$OUT"
cell "$me" 0 user list
expect_grep outsider out
cell "$me" 0 task list --status all
expect_grep "$out_task" out
cell "$me" 0 pair list
expect_grep "$out_pair" out
cell "$me" 0 team list
expect_grep "$out_team" out
cell "$me" 0 indicator list
expect_grep "$out_figure" out
cell "$me" 0 team people
expect_grep "$out_person" out
cell "$me" 0 setting set monitoring_line.2027 7000 --why 2027年监测线
cell "$me" 0 setting set category.overreach 省新增类别 --why 省里新增
cell "$me" 0 user add newout --name 新外县 --role caseworker --scope 445322 --why 新人
# the county users' own history holds their county's changes and reasons
expect_exit 0 as ad audit log
expect_grep 本县走访间隔 out
expect_grep 排查 out
expect_no_grep 2027年监测线 out
# a village scope: the history of its own village only, not of the county's other ones
expect_exit 0 as "$me" user add vc --name 村经办 --role caseworker --scope 441821102230 --why 新人
expect_exit 0 as "$me" set H4418210000003 hamlet 沙江上村 --why 本村更正
expect_exit 0 as vc audit log
expect_grep 本村更正 out
expect_grep "$(Mre '    file: %s\n' households/441821/441821102/441821102230/H4418210000003.txt)" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "文件：households/441821/441821102/441821102230/H4418210000003.txt" out
for key in "$IN" "$IN2" 本县走访间隔 OUTSIDE-; do expect_no_grep "$key" out; done
expect_exit 0 as "$me" audit verify

echo "matrix: $cells cells, $leaks leaks, $wrong_ok wrongful successes, $wrong_refused wrongful refusals"
[ "$leaks" -eq 0 ] && [ "$wrong_ok" -eq 0 ] && [ "$wrong_refused" -eq 0 ] || fail "the access matrix has holes"
