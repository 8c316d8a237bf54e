# Editable lists (issue 3): an administrator adds a monitoring category, a risk and a
# department warning kind as settings; only an administrator may, an entry is never
# changed or removed, malformed ones are refused with the field named and nothing
# written. The added entries then work everywhere a shipped one does — opening a case,
# the audit text, `case show`, `list` filters, export and re-import, a department
# warning file — and survive `rebuild`, after which `audit verify` passes and the export
# is byte for byte the same.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
on() { who=$1; shift; BANGFU_TODAY=2026-03-02 BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
# the refusals of a new entry (patterns): one already there, a bad code, a bad label
has() { Mre '%s: %s already has %s %s: an entry is never changed or removed, since records carry it (add a new code)' "$@"; }
label() { Mre '%s: the label "%s" %s' "$1" "$2" "$3"; }
# an added entry in `setting lists`: CODE LABEL LIST
added() { Mre '  %-18s %s   (added: setting %s.%s)\n' "$1 *" "$2" "$3" "$1"; }
# the id in the message MSGID printed on out (its first %s)
new_id() { p=$(Mre "$1" '\([A-Z]*[0-9]*\)'); sed -n "s/^$p/\\1/p" out | head -1; }
task_added='added task %s for %s (%s %s)\n'


expect_exit 0 on "$me" init
expect_exit 0 on "$me" import households "$data/good.csv"
expect_exit 0 on "$me" user add cw --role caseworker --scope 441821 --name 村干部小陈

# only an administrator; nothing written on a refusal
before=$(commits)
expect_exit 1 on cw setting set category.low_income 低收入边缘户 --why 试
expect_grep "$(M 'only an administrator may change settings')" err
[ "$LANGUAGE" != zh_CN ] || expect_grep 只有管理员可以修改设置 err
expect_exit 2 on "$me" setting set category.low_income 低收入边缘户
expect_grep "$(Mre '--why TEXT is required: every change says why')" err

# the three lists take new entries; each is one commit of settings.txt with who and why
expect_exit 0 on "$me" setting set category.low_income 低收入边缘户 --why "省里新增监测类别"
expect_exit 0 on "$me" setting set risk.elderly 因老 --why "新增风险类型"
expect_exit 0 on "$me" setting set warning_kind.pension_stop 养老金停发 --why "人社新增预警类型"
expect_exit 0 on "$me" setting set department.agriculture 农业农村 --why "农业农村部门推送预警"
[ "$(commits)" = $((before + 4)) ] || fail "expected four commits"
git --git-dir=d/audit.git show HEAD:settings.txt >settings.txt
expect_grep "^category.low_income: 低收入边缘户$" settings.txt
expect_grep "^risk.elderly: 因老$" settings.txt
git --git-dir=d/audit.git log -2 --format=%B >msg
expect_grep "人社新增预警类型" msg
expect_grep "农业农村部门推送预警" msg

# refused, each with its reason, and nothing written
before=$(commits)
expect_exit 1 on "$me" setting set category.low_income 低收入户 --why 改名
expect_grep "$(has category.low_income)" err
expect_exit 1 on "$me" setting set risk.illness 疾病 --why 重定义
expect_grep "$(has risk.illness '.*' illness 因病)" err
expect_exit 1 on "$me" setting set risk.old 因病 --why 重名
expect_grep "$(has risk.old '.*' illness 因病)" err
expect_exit 1 on "$me" setting set risk.Old 年老 --why 大写
expect_grep "$(Mre '%s: the code "%s" must be a lower-case ASCII letter followed by letters, digits or _, at most %d bytes' risk.Old Old)" err
expect_exit 1 on "$me" setting set risk.aged "年 老" --why 空格
expect_grep "$(label risk.aged '年 老' "$(M 'holds a space')")" err
expect_exit 1 on "$me" setting set risk.aged "年老、体弱" --why 分隔符
expect_grep "$(label risk.aged '年老、体弱' "$(Mre 'holds a separator (, ; ， 、 #)')")" err
expect_exit 1 on "$me" setting set risk.aged "$(printf '年\033老')" --why 控制字符
expect_grep "$(Mre '%s%s%s %sU+%04X%s at character %zu is not allowed%s' "$(M 'setting value')" ': ' "$(M 'control character')")" err
expect_exit 1 on "$me" setting set relation.cousin 表亲 --why 关系
expect_grep "$(Mre 'unknown setting "%s" (monitoring_line.YYYY, visit_interval.default, visit_interval.COUNTY, dev_measure_days, lead_warn_days, due_soon_days, income_stable_months, notice_days, decision_days, elim_min_months, dev_measure_groups, place.CODE, track.COUNTY, cluster.COUNTY, town_class.TOWN, weak_village_line, %s)' relation.cousin)" err
[ "$(commits)" = "$before" ] || fail "a refused setting wrote a commit"

# the lists in effect
expect_exit 0 on cw setting lists
expect_grep "$(added low_income 低收入边缘户 category)" out
expect_grep "elderly *因老" out
expect_grep "pension_stop *养老金停发" out

# a case with the new category and risk, by label
expect_exit 0 on cw case open 4418210002 --category 低收入边缘户 --risks "因老、因病" --source 基层干部排查 --why "排查发现"
case2=$(new_id '%s: case opened as a lead (线索); the 15-day clock runs from %s\n')
[ -n "$case2" ] || fail "no case id in: $(cat out)"
expect_exit 0 on cw case show 4418210002
expect_grep "低收入边缘户" out
expect_grep "$(Mre '  risks: %s%s%s   source: %s\n' "$(M 因病)、因老")" out
git --git-dir=d/audit.git show HEAD:households/441821/441821107/441821107202/H4418210000002.txt >h2.txt
expect_grep "^category: low_income 低收入边缘户$" h2.txt
expect_grep "^risks: illness 因病, elderly 因老$" h2.txt
expect_exit 1 on cw case open 4418210002 --category 富裕户 --why 试
expect_grep "监测对象类别" err

# filters, export, and the export read back
expect_exit 0 on cw list category:低收入边缘户
expect_grep "H4418210000002" out
expect_no_grep "H4418210000001" out
expect_exit 0 on cw list risk:因老
expect_grep "H4418210000002" out
expect_exit 0 on cw export households --reveal --why "核对台账"   # a masked export cannot be read back
cp out export.csv
expect_grep "低收入边缘户,\"因病、因老\"\|低收入边缘户,因病、因老" export.csv
expect_exit 0 on "$me" import households export.csv
expect_grep "$(Mnfe 'nothing to change: the %d household of %s is already as it says [%s]\n' \
	'nothing to change: the %d households of %s are already as it says [%s]\n' 2 2 export.csv UTF-8)" out

# a data directory without the entries refuses that file, naming row and column
expect_exit 0 env BANGFU_TEST_LOGIN="$me" "$BANGFU_TH" -d other init
expect_exit 1 env BANGFU_TEST_LOGIN="$me" "$BANGFU_TH" -d other import households export.csv
expect_grep "export.csv:[0-9]*: 监测对象类别: $(Mre 'unknown %s "%s"' "$(Mlabel 监测对象类别)" 低收入边缘户)" err
expect_grep "$(Mnfe 'bangfu: %s: %d defect: nothing was imported (fix it, or use --skip-bad to import the good households)\n' \
	'bangfu: %s: %d defects: nothing was imported (fix them, or use --skip-bad to import the good households)\n' 3 export.csv 3)" err

# a department warning of the new kind, from the new department, is attached or opens a lead
printf '证件号码,姓名,预警类型,发生日期,来源部门\n441821197501011008,李秀英,养老金停发,2026-03-01,农业农村\n' >w.csv
expect_exit 0 on "$me" import warnings w.csv
expect_grep "$(Mre 'attached to case %s of household %s')\|$(Mre 'opened lead %s on household %s (15-day clock from %s)')" out
printf '证件号码,姓名,预警类型,发生日期,来源部门\n441821197501011008,李秀英,退休,2026-03-01,人社\n' >bad-w.csv
expect_exit 1 on "$me" import warnings bad-w.csv
expect_grep "bad-w.csv:2: 预警类型: $(Mre 'unknown %s "%s" (%s)' "$(M 预警类型)" 退休 '.*养老金停发')" err

# a lead referred to the added department
expect_exit 0 on cw case move "$case2" refer --department 农业农村 --why "属农业农村部门职责"
expect_exit 0 on cw case show 4418210002
expect_grep "转交部门\|农业农村" out
git --git-dir=d/audit.git show HEAD:households/441821/441821107/441821107202/H4418210000002.txt >h2.txt
expect_grep "^department: agriculture 农业农村$" h2.txt

# task kinds: a province administrator adds 会议; tasks take it by code or label, the
# task file carries its label, list and today show it; an unknown kind names the list
expect_exit 1 on cw task add 召开村民大会 --kind 会议 --due 2026-03-22
expect_grep "$(Mre 'task kind "%s": give one of %s (setting task_kind.CODE adds one)' 会议 '走访 核实 落实措施 材料报送 项目')" err
expect_exit 1 on cw setting set task_kind.meeting 会议 --why 新增任务类型
expect_exit 0 on "$me" setting set task_kind.meeting 会议 --why 新增任务类型
expect_exit 0 on cw task add 召开村民大会 --kind 会议 --due 2026-03-05 --why 村民大会
meeting=$(new_id "$task_added")
expect_grep "$(Mre 'added task %s for %s (%s %s, due %s)\n' "$meeting" '.*' meeting 会议 2026-03-05)" out
expect_exit 0 on cw task show "$meeting"
expect_grep "会议" out
git --git-dir=d/audit.git show "HEAD:tasks/0000/$meeting.txt" > task.txt
expect_grep "^kind: meeting 会议$" task.txt
expect_exit 0 on cw today
expect_grep "会议 .*$meeting .*召开村民大会" out   # today shows the added kind by its label

# verify, then rebuild from the history alone: the same export, verify passes
expect_exit 0 on "$me" audit verify
on "$me" export households >before.csv
rm d/bangfu.db
expect_exit 0 on "$me" rebuild
expect_exit 0 on "$me" audit verify
on "$me" export households >after.csv
cmp before.csv after.csv || fail "export differs after rebuild"
expect_exit 0 on cw setting lists
expect_grep "$(added elderly 因老 risk)" out
expect_grep "$(added meeting 会议 task_kind)" out
expect_exit 0 on cw task show "$meeting"
expect_grep "会议" out
