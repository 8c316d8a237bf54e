# Corrections (docs/casework.md "Corrections"): every entry can be corrected or ended, each
# one audit event with a reason. For each verb: it works, and it is refused for a missing
# reason, a role that may not, a record outside the caller's scope (read exactly as a
# missing one) and a stale --version. `show --as-of` agrees with `git show` at that date.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
export BANGFU_TODAY=2026-03-20
me=$(id -un)
# refused WANTCODE WHO CMD...: refused with that exit code, and nothing written
refused() {
	want=$1; shift
	before=$(commits)
	expect_exit "$want" as "$@"
	[ "$(commits)" = "$before" ] || fail "a refused change was written: $*"
}

expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv" --why 台账导入
expect_exit 0 as "$me" demo --households 50 --seed 1
IN=H4418210000001 IN2=H4418210000002 OUT=H4453220000001
expect_exit 0 as "$me" user add cw --name 村经办 --role caseworker --scope 441821 --why 建账号
expect_exit 0 as "$me" user add au --name 审计员 --role auditor --scope 441821 --why 建账号
expect_exit 0 as "$me" user add tw --name 镇审核 --role township --scope 441821 --why 建账号
expect_exit 0 as "$me" user add ad --name 县管理 --role admin --scope 441821 --why 建账号
expect_exit 0 as "$me" user add outsider --name 外县 --role caseworker --scope 445322 --why 建账号

# --- measures and visits ----------------------------------------------------------------
expect_exit 0 as cw measure add $IN --group 就业 --detail 公益岗位 --start 2026-03-01 --why 就业帮扶
M=$(sed -n 's/^\(M[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as "$me" case open $OUT --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查
expect_exit 0 as "$me" visit add $OUT --visitor 外县走访人 --method 入户 --findings 外县 --why 走访
VOUT=$(sed -n 's/^\(V[0-9]*\)[:：].*/\1/p' out)
expect_exit 0 as cw visit add $IN --visitor 小陈 --method 电话 --findings 病情稳定 --why 走访
V=$(sed -n 's/^\(V[0-9]*\)[:：].*/\1/p' out)
[ -n "$M" ] && [ -n "$V" ] && [ -n "$VOUT" ] || fail "setup: measure '$M' visit '$V' '$VOUT'"
ver=$(sqlite3 d/bangfu.db "SELECT version FROM households WHERE id = '$IN'")

expect_exit 2 as cw measure edit $M --detail 公益岗位保洁
refused 1 au measure edit $M --detail 公益岗位保洁 --why 更正
expect_grep "$(Mre 'an %s may read but not change the register' auditor)" err
refused 1 cw measure edit M9999999 --detail x --why 更正
cp err missing.err
refused 1 cw visit edit "$VOUT" --findings x --why 更正
expect_grep "$(Mre 'no %s %s in your scope (%s)' "$(M visit)" "$VOUT" 441821)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "没有走访 $VOUT，或不在您的管辖范围（441821）内" err
sed "s/M9999999/$VOUT/; s/$(M measure)/$(M visit)/" missing.err > want.err
cmp -s want.err err || fail "an outside visit reads otherwise than a missing one"
refused 1 cw measure edit $M --detail 公益岗位保洁 --version $((ver - 1)) --why 更正
expect_grep "$(Mre 'household %s was changed since you read it (your version %ld) by %s; `bangfu audit log %s` shows what changed: reload and apply your change again' "$IN")" err
refused 1 cw measure end $M --end 2026-02-01 --why 结束
expect_grep "$(Mre 'the end %s is before the start %s' 2026-02-01)" err
expect_exit 0 as cw measure edit $M --detail 公益岗位保洁 --amount 800 --version $ver --why 金额更正
expect_exit 0 as cw show $IN
expect_grep "公益岗位保洁" out
expect_exit 0 as cw measure end $M --end 2026-03-15 --why 岗位期满
git --git-dir=d/audit.git log -1 --format=%B > msg
expect_grep "^measure end $IN $M: " msg
expect_grep "岗位期满" msg
expect_exit 0 as cw visit edit $V --method 入户 --follow-up 下月复访 --why 方式记错
expect_exit 0 as cw show $IN
expect_grep "下月复访" out
refused 1 cw visit edit $V --method 飞鸽 --why x
refused 1 cw visit edit $V --findings "$(printf 'a\033[2Jb')" --why x

# --- members: birth, death, marriage (move) ---------------------------------------------
n0=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$IN'")
refused 2 cw member add $IN 姓名=李小宝 证件号码=110105202601010019 与户主关系=之子 --why 出生登记
refused 1 cw member add $IN 姓名=李小宝 证件号码=110105202601010019 与户主关系=之子 --kind death --why 出生登记
refused 1 au member add $IN 姓名=李小宝 证件号码=110105202601010019 与户主关系=之子 --kind birth --why 出生登记
refused 1 cw member add $OUT 姓名=李小宝 证件号码=110105202601010019 与户主关系=之子 --kind birth --why 出生登记
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" "$OUT")" err
refused 1 cw member add $IN 姓名=李小宝 证件号码=110105202601010010 与户主关系=之子 --kind birth --why 出生登记
refused 1 cw member add $IN 姓名=李小宝 与户主关系=之子 --kind birth --why 出生登记
expect_grep "$(Mre 'a new member needs %s (%s)' 证件号码)" err
expect_exit 0 as cw member add $IN 姓名=李小宝 证件号码=110105202601010019 与户主关系=之子 --kind birth --why 出生登记
n1=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$IN'")
[ "$n1" -eq $((n0 + 1)) ] || fail "member add: $n0 -> $n1 members"
git --git-dir=d/audit.git log -1 --format=%B > msg
expect_grep "出生 birth: 出生登记" msg
expect_exit 0 as cw show $IN
expect_grep "李小宝" out
expect_no_grep "110105202601010019" out
refused 1 cw member remove $IN 1 --kind death --why 病故
if [ "$LANGUAGE" = zh_CN ]; then expect_grep "有 0 个户主" err; else expect_grep "has 0 heads of household" err; fi
refused 1 cw member remove $IN "$n1" --kind birth --why x
refused 1 cw member remove $IN 99 --kind death --why x
# a marriage: the new member moves to another household of the county as 配偶 there
expect_exit 0 as cw member move $IN "$n1" $IN2 --relation 之子 --kind marriage --why 迁往
git --git-dir=d/audit.git show --stat HEAD > stat
expect_grep "$IN.txt" stat
expect_grep "$IN2.txt" stat
[ "$(sqlite3 d/bangfu.db "SELECT household_id FROM members WHERE name = '李小宝'")" = $IN2 ] || \
	fail "member move: not in $IN2"
refused 1 cw member move $IN2 1 $OUT --relation 之子 --kind moved_out --why 迁出
n2=$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE household_id = '$IN2'")
expect_exit 0 as cw member remove $IN2 "$n2" --kind death --why 夭折
[ "$(sqlite3 d/bangfu.db "SELECT count(*) FROM members WHERE name = '李小宝'")" = 0 ] || fail "member remove"
expect_exit 0 as "$me" audit verify

# --- a household added outside a CSV --------------------------------------------------------
refused 2 tw household add 441821107202 户编号=4418211072020099 姓名=张新 证件号码=110105198001010016
refused 1 au household add 441821107202 户编号=4418211072020099 姓名=张新 证件号码=110105198001010016 --why 新增户
refused 1 tw household add 445322100209 户编号=4418211072020099 姓名=张新 证件号码=110105198001010016 --why 新增户
expect_grep "$(Mre 'no village %s in your scope %s: give its 12-digit code or its name%s' 445322100209)" err
refused 1 tw household add 441821999999 户编号=4418211072020099 姓名=张新 证件号码=110105198001010016 --why 新增户
expect_grep "$(Mre 'no village %s in your scope %s: give its 12-digit code or its name%s' 441821999999)" err
refused 1 tw household add 441821107202 姓名=张新 证件号码=110105198001010016 --why 新增户
expect_grep "$(Mre 'a new household needs %s (%s)' 户编号)" err
expect_exit 0 as tw household add 441821107202 户编号=4418211072020099 姓名=张新 证件号码=110105198001010016 联系电话=13800138001 --why 新增户
NEW=$(sed -n 's/^\(H[0-9]*\): .*/\1/p' out)
[ -n "$NEW" ] || fail "household add names no id"
expect_exit 0 as tw show "$NEW"
expect_grep "张新" out
expect_grep "青竹村" out
expect_no_grep "110105198001010016" out
refused 1 tw household add 441821107202 户编号=4418211072020099 姓名=张新 证件号码=110105198001010024 --why 新增户
# a village by name within the county of the scope, its town before it if need be
refused 1 tw household add 不存在村 户编号=4418211072020098 姓名=张二 证件号码=110105198001010032 --why 新增户
expect_grep "$(Mre 'no village %s in your scope %s: give its 12-digit code or its name%s' 不存在村)" err
expect_exit 0 as tw household add 迳头镇青竹村 户编号=4418211072020098 姓名=张二 证件号码=110105198001010032 --why 新增户
expect_exit 0 as tw show 4418211072020098
expect_grep "^village_code: 441821107202" out
expect_exit 0 as tw member add "$NEW" 姓名=李芳 证件号码=110105198203040029 与户主关系=配偶 --kind marriage --why 婚入
expect_exit 0 as "$me" audit verify

# --- tasks: reassign, move the due date ----------------------------------------------------
expect_exit 0 as "$me" task add 核实收入 --kind verification --owner cw --household $IN --due 2026-03-25 --why 安排
T=$(sed -n 's/.*\(T[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" task add 外县任务 --kind visit --owner outsider --household $OUT --why 安排
TOUT=$(sed -n 's/.*\(T[0-9]\{7\}\).*/\1/p' out | head -1)
[ -n "$T" ] && [ -n "$TOUT" ] || fail "setup: tasks '$T' '$TOUT'"
refused 2 tw task assign $T tw
refused 1 au task assign $T tw --why 调整
refused 1 tw task assign $TOUT tw --why 调整
expect_grep "$(Mre 'no task %s in your scope (%s)' "$TOUT" 441821)" err
refused 1 tw task assign $T outsider --why 调整
refused 1 tw task assign $T au --why 调整
refused 1 tw task assign $T tw --version 9 --why 调整
expect_exit 0 as tw task assign $T tw --why 人员调整
expect_exit 0 as tw task show $T
expect_grep "$(LINE=4 Mre 'task: %s\ntitle: %s\nkind: %s %s\nowner: %s\nstatus: %s %s\n' "" "" "" "" tw)" out
expect_exit 0 as tw task due $T 2026-04-10 --why 延期
expect_exit 0 as tw task show $T
expect_grep "2026-04-10" out
refused 1 tw task due $T 2026-13-01 --why 延期

# --- users: edit, disable ----------------------------------------------------------------
refused 1 cw user edit tw --name 新名 --why 改名
refused 1 ad user edit outsider --name 新名 --why 改名
expect_grep "$(Mre 'no bangfu user %s in your scope (%s)' outsider)" err
refused 1 ad user edit tw --scope 445322 --why 调动
refused 1 ad user edit tw --name 新名 --version 9 --why 改名
refused 2 ad user edit tw --name 新名
expect_exit 0 as ad user edit tw --name 镇审核老李 --scope 441821107 --why 改名
expect_exit 0 as ad user list
expect_grep "镇审核老李" out
refused 1 ad user disable ad --why 离职
refused 1 cw user disable tw --why 离职
expect_exit 0 as ad user disable cw --why 调离岗位
expect_exit 1 as cw list
expect_grep "$(Mre 'bangfu user %s was disabled on %s and can no longer act: ask an administrator' cw 2026-03-20)" err
expect_exit 1 as tw task assign $T cw --why 调整
expect_grep "$(Mre 'owner %s was disabled on %s' cw 2026-03-20)" err
expect_exit 0 as "$me" audit log $IN
expect_grep "村经办" out
expect_exit 0 as "$me" audit verify
rm d/bangfu.db
"$BANGFU_TH" rebuild d >/dev/null 2>&1 || "$BANGFU_TH" -d d rebuild >/dev/null
expect_exit 1 as cw list
expect_grep "$(Mre 'bangfu user %s was disabled on %s and can no longer act: ask an administrator' cw 2026-03-20)" err
# enabled again by an administrator (never by a non-administrator), a commit with its reason
refused 1 tw user enable cw --why 复岗
refused 1 ad user enable tw --why 复岗
expect_exit 0 as ad user enable cw --why 复岗
expect_exit 0 as cw list
refused 1 ad user enable cw --why 复岗
expect_exit 0 as "$me" audit log
expect_grep "user enable" out

# --- show --as-of: the record at the end of a day, as git has it ---------------------------
today=$(date +%F)
expect_exit 0 as "$me" show $IN --as-of "$today"
commit=$(sed -n '1s/.*[^0-9a-f]\([0-9a-f]\{7,40\}\)[^0-9a-f]*$/\1/p' out)
[ -n "$commit" ] || fail "show --as-of names no commit"
path=$(git --git-dir=d/audit.git ls-tree -r --name-only HEAD | grep "/$IN.txt$")
git --git-dir=d/audit.git show "$commit:$path" > full
tail -n +2 out > got
# masked: no full ID number of the file is shown; otherwise the same text (numbers of 8 or
# more digits, masked or not, compared as one token)
idno=$(sqlite3 d/bangfu.db "SELECT id_number FROM members WHERE household_id = '$IN' AND seq = 1")
expect_grep "$idno" full
expect_no_grep "$idno" got
expect_grep "\*\*\*\*" got
token() { sed -E 's/[0-9*]{8,}X?/#/g' "$1"; }
token full > want
token got > got.t
cmp -s want got.t || { diff want got.t; fail "show --as-of differs from git show $commit:$path"; }
last=$(git --git-dir=d/audit.git log -1 --format=%H --until="$today 23:59:59" -- "$path")
[ "$last" = "$commit" ] || fail "as-of commit $commit, git says $last"
expect_exit 1 as "$me" show $IN --as-of 2020-01-01
expect_grep "$(Mre 'household %s was not yet registered on %s' "$IN" 2020-01-01)" err
expect_exit 1 as "$me" show $IN --as-of 2026-02-30
BANGFU_TEST_LOGIN=ad "$BANGFU_TH" -d d show $OUT --as-of "$today" >out 2>err && fail "as-of outside scope"
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" "$OUT")" err

# --- audit log --since/--until: the changes of those days ---------------------------------
expect_exit 0 as "$me" audit log $IN --since "$today" --until "$today"
expect_grep "measure end" out
expect_grep "member add" out
all=$(grep -c "$(Mre '%.10s  event %lld  %s  %s (%s)\n    %s %s\n    why: %s\n' '.*' '[0-9][0-9]*')" out || true)
[ "$all" -gt 0 ] || { cat out; fail "audit log --since today lists nothing"; }
expect_exit 0 as "$me" audit log $IN --until 2020-01-01
[ ! -s out ] || fail "audit log --until 2020-01-01 lists changes"
tomorrow=$(date -d tomorrow +%F)
expect_exit 0 as "$me" audit log --since "$tomorrow"
[ ! -s out ] || fail "audit log --since tomorrow lists changes"
expect_exit 1 as "$me" audit log $IN --since 2026-13-01
expect_grep "$(Mre "--since: \"%s\" is not a date (YYYY-MM-DD)" 2026-13-01)" err
expect_exit 1 as tw audit log $OUT --since 2020-01-01
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" "$OUT")" err

# --- units, teams, pairs: edit and end -----------------------------------------------------
expect_exit 0 as "$me" user add ca --name 县审批 --role county --scope 441821 --why 建账号
expect_exit 0 as "$me" unit add 中山大学 --kind 高校 --why 帮扶高校
expect_exit 0 as "$me" team add 迳头镇 --lead 中山大学 --leader 张三 --round 2023 --start 2023-06-01 --why 驻镇帮扶
TM=$(sed -n 's/.*\(TM[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" team add "$(sqlite3 d/bangfu.db "SELECT town_code FROM households WHERE id = '$OUT'")" \
	--lead 中山大学 --leader 外县队长 --round 2023 --start 2023-06-01 --why 驻镇帮扶
TMOUT=$(sed -n 's/.*\(TM[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" pair add cadre 陈干部 $IN --unit U0000001 --phone 13800138000 --why 帮扶责任人
P=$(sed -n 's/.*\(P[0-9]\{7\}\).*/\1/p' out | head -1)
expect_exit 0 as "$me" pair add cadre 外县干部 $OUT --unit U0000001 --phone 13800138000 --why 帮扶责任人
POUT=$(sed -n 's/.*\(P[0-9]\{7\}\).*/\1/p' out | head -1)
[ -n "$TM" ] && [ -n "$TMOUT" ] && [ -n "$P" ] && [ -n "$POUT" ] || fail "setup: teams '$TM' '$TMOUT' pairs '$P' '$POUT'"
refused 2 ca team edit $TM leader=李四
refused 1 tw team edit $TM leader=李四 --why 换队长
expect_grep "$(Mre 'only an administrator or a county approver may add %s (you are %s %s)' "$(M team)")" err
refused 1 ca team edit $TMOUT leader=李四 --why 换队长
expect_grep "$(Mre 'no %s %s in your scope (%s)' "$(M team)" "$TMOUT" 441821)" err
refused 1 ca team edit TM9999999 leader=李四 --why 换队长
expect_grep "$(Mre 'no %s %s in your scope (%s)' "$(M team)" TM9999999 441821)" err
refused 1 ca team edit $TM town=441821100 --why 换镇
expect_grep "$(Mre "%s: not a field a %s's correction sets (fields:%s)" town "$(M team)")" err
refused 1 ca team edit $TM leader=李四 --version 9 --why 换队长
expect_exit 0 as ca team edit $TM leader=李四 --why 换队长
expect_exit 0 as ca team list
expect_grep "李四" out
expect_exit 0 as ca team end $TM --end 2026-03-01 --why 轮换
git --git-dir=d/audit.git log -1 --format=%s > msg
expect_grep "^team end $TM: " msg
refused 1 ca team end $TM --end 2026-03-01 --why 轮换
expect_grep "$(Mre '%s %s already reads so: nothing to change' "$(M team)" "$TM")" err
refused 1 ca pair edit $POUT phone=13900139000 --why 换号
expect_grep "$(Mre 'no %s %s in your scope (%s)' "$(M pair)" "$POUT" 441821)" err
refused 1 au pair end $P --why 结束
expect_exit 0 as ca pair edit $P phone=13900139000 --why 换号
expect_exit 0 as ca pair end $P --why 帮扶期满
expect_exit 0 as ca pair list cadre
expect_grep "139\*\*\*\*9000" out
expect_no_grep "13900139000" out
refused 1 tw unit edit U0000001 name=中大 --why 简称
refused 1 ca unit edit U0000001 name=中大 --why 简称
expect_grep "$(Mre '%s in region %s is outside your scope %s' "$(M unit)" 44 441821)" err
expect_exit 0 as "$me" unit edit U0000001 name=中山大学（广州） --why 全称
expect_exit 0 as ca team list
expect_grep "中山大学（广州）" out
expect_exit 0 as "$me" audit verify
