# Masked by default, reveal recorded: no role's show, list, export, audit log -p, case
# show, pair list or notice prints a full ID number or mobile number of the fixture (the
# register and its contact and 帮扶责任人 phones, a warning's ID number, a cadre's phone,
# a phone written into a visit's findings, demo households); search by the full ID digits still finds the household;
# --reveal needs --why, is refused to auditors, and each reveal is an access record that
# `audit reveals` lists (who, when, which, why) and that survives rebuild and verify; a
# township reviewer's UI history diff is masked.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
# reveal N ARGS...: a line of `audit reveals` for N households (LINE=2: its why line)
reveal() { _n=$1; shift; Mnre '%s %s  event %ld  %s (%s, %s)  %s %ld household: %s\n    why: %s\n' '%s %s  event %ld  %s (%s, %s)  %s %ld households: %s\n    why: %s\n' "$_n" "$@"; }
# the word before an access record's event number ("event")
event=$(LINE=1 reveal 1 | sed 's/^[^ ]* [^ ]*  \([^ ]*\) .*/\1/')
no_records() { Mnre '%ld access record\n' '%ld access records\n' 0 0; }

# A full ID number (17 digits and a check character) or an 11-digit mobile number,
# standing alone: not inside a longer run of digits (H4418210000001 holds "18210000001").
full_numbers() {
	grep -E '(^|[^0-9])[0-9]{17}[0-9Xx]([^0-9]|$)|(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)' "$1"
}
no_full_numbers() {   # FILE WHAT
	! full_numbers "$1" > leaked || { cat leaked; fail "$2 prints a full ID or phone number"; }
}

expect_exit 0 as "$me" init
expect_exit 0 as "$me" demo --households 40 --seed 5
expect_exit 0 as "$me" import households "$data/good.csv"
expect_exit 0 as "$me" user add wang --name 王村干 --role caseworker --scope 441821
expect_exit 0 as "$me" user add zhao --name 赵镇审核 --role township --scope 441821107
expect_exit 0 as "$me" user add chen --name 陈县审批 --role county --scope 441821
expect_exit 0 as "$me" user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as "$me" user add gz --name 广州审计 --role auditor --scope 440100
cp "$data/warnings.csv" .                               # its unmatched rows are written beside it
expect_exit 0 as "$me" import warnings warnings.csv
expect_exit 0 as wang visit add 4418210001 --visitor 小陈 --method 电话 \
	--findings "打13700137000联系了李秀英" --why "电话走访 13700137000"
expect_exit 0 as "$me" set 4418210001 contact_phone 13800001234 --why "监测联系人电话"
expect_exit 0 as "$me" set 4418210001 cadre_phone 13800005678 --why "帮扶责任人电话"
expect_exit 0 as "$me" set 4418210001 phone 13900139000 --member 1 --why "电话变更"
expect_exit 0 as chen unit add 佛冈县农业农村局 --kind government --why "县直帮扶单位"
expect_exit 0 as chen pair add cadre 陈干部 4418210001 --unit 佛冈县农业农村局 \
	--phone 13600136000 --start 2024-01-01 --why "落实帮扶责任人"
expect_exit 0 as wang task add "回电13500135000核实收入" --kind verification --owner wang \
	--household 4418210001 --due 2099-01-01 --why "核实"
expect_exit 0 as wang task comment T0000001 "已打13500135000"
expect_exit 0 as wang task start T0000001 --why "开始核实"     # a change keeps the full title
git --git-dir=d/audit.git show HEAD:tasks/0000/T0000001.txt | grep -q "^title: 回电13500135000核实收入$" ||
	fail "changing a task stored its masked title"
hh=$(as "$me" show 4418210001 | sed -n 's/^household: //p')
case=$(as "$me" show 4418210001 | sed -n 's/^\[case \(C[0-9]*\)\]$/\1/p' | head -1)
[ -n "$hh" ] && [ -n "$case" ] || fail "the fixture has no household or case"

# every role, every verb that prints register data: nothing in full
for who in "$me" wang zhao chen li; do
	expect_exit 0 as "$who" show 4418210001
	expect_grep "^id_number: 4418\*\{10\}1008$" out
	expect_grep "^phone: 139\*\*\*\*9000$" out
	expect_grep "^contact_phone: 138\*\*\*\*1234$" out
	expect_grep "^cadre_phone: 138\*\*\*\*5678$" out
	no_full_numbers out "$who: show"
	expect_exit 0 as "$who" show 441821197501011008          # found by the full ID digits
	expect_grep "^household: $hh$" out
	no_full_numbers out "$who: show by ID number"
	expect_exit 0 as "$who" list
	no_full_numbers out "$who: list"
	expect_exit 0 as "$who" list 441821198005051013          # a search by ID digits
	expect_grep "阿依古丽" out
	expect_exit 0 as "$who" export households
	expect_grep "4418\*\{10\}1008" out
	no_full_numbers out "$who: export"
	expect_exit 0 as "$who" audit log -p 4418210001
	expect_grep "^+phone: 139\*\*\*\*9000$" out
	no_full_numbers out "$who: audit log -p"
	expect_exit 0 as "$who" case show "$case"
	no_full_numbers out "$who: case show"
	expect_exit 0 as "$who" pair list
	no_full_numbers out "$who: pair list"
	expect_exit 0 as "$who" notice 青竹村
	no_full_numbers out "$who: notice"
	expect_exit 0 as "$who" task show T0000001
	expect_grep "回电135\*\*\*\*5000核实收入" out
	no_full_numbers out "$who: task show"
	expect_exit 0 as "$who" task list --status all
	no_full_numbers out "$who: task list"
done
expect_exit 0 as chen pair list
expect_grep "136\*\*\*\*6000" out
for who in "$me" li; do                                   # the whole history
	expect_exit 0 as "$who" audit log -p
	expect_grep "^+id_number: 4418\*\{10\}1008$" out
	no_full_numbers out "$who: audit log -p (everything)"
done

# --- reveal ----------------------------------------------------------------------------
expect_exit 2 as wang show 4418210001 --reveal
expect_grep "$(Mre '--reveal needs --why TEXT: who looked at full ID numbers and phones, and why, is recorded')" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "需要 --why TEXT" err
expect_exit 0 as wang show 4418210001 --reveal --why "入户核对身份证"
expect_grep "^id_number: 441821197501011008$" out
expect_grep "^phone: 13900139000$" out
expect_grep "^contact_phone: 13800001234$" out
expect_grep "^findings: .*13700137000" out
expect_exit 1 as li show 4418210001 --reveal --why "审计抽查"
expect_grep "$(Mre 'the role %s may not reveal ID numbers and phones (auditors see who looked: `audit reveals`)' "$(M 审计查阅)")" err
[ "$LANGUAGE" != zh_CN ] || { expect_grep "“审计查阅”角色" err; expect_no_grep "auditor" err; }   # the label, not the code
expect_exit 1 as li export households --reveal --why "审计抽查"
expect_grep "$(Mre 'the role %s may not reveal ID numbers and phones (auditors see who looked: `audit reveals`)' "$(M 审计查阅)")" err
expect_exit 0 as zhao show 4418210001 --reveal --why "镇级审核核对 13800138000"
expect_exit 0 as "$me" export households county:441821 --reveal --why "报送国家系统"
expect_grep "441821197501011008" out
expect_grep "$(Mnre 'bangfu: exported %ld %s of %ld household%s\n' 'bangfu: exported %ld %s of %ld households%s\n' 2 \
	'.*' '.*' '.*' "$(Mre ' with full ID numbers and phones (recorded: audit reveals)')")" err
# one access record for the whole export, naming every household
expect_exit 0 as li audit reveals
expect_grep "$(LINE=1 reveal 1 '.*' '.*' '[0-9]*' 王村干 wang caseworker show 1 "$hh")" out
expect_grep "$(LINE=2 reveal 1 入户核对身份证)" out
expect_grep "$(LINE=1 reveal 1 '.*' '.*' '[0-9]*' 赵镇审核 zhao township show 1 "$hh")" out
expect_grep "$(LINE=2 reveal 1 '镇级审核核对 138\*\*\*\*8000')" out              # masked here too
expect_grep "$(LINE=1 reveal 2 '.*' '.*' '[0-9]*' '.*' "$me" admin export '[0-9]*' ".*$hh")" out
expect_grep "$(LINE=2 reveal 2 报送国家系统)" out
expect_grep "^$(LINE=1 reveal 1 "$(date +%Y-%m-%d)" '[0-9:]*' | sed 's/  .*//')  $event" out
[ "$LANGUAGE" != zh_CN ] || expect_grep "  事件 [0-9]*  王村干（wang，caseworker）" out
expect_no_grep "审计抽查" out                                  # refusals record nothing
no_full_numbers out "audit reveals"
[ "$(grep -c "  $event " out)" = 3 ] || fail "expected 3 access records"
expect_exit 0 as li audit reveals --login wang
[ "$(grep -c "  $event " out)" = 1 ] || fail "--login does not narrow the list"
expect_exit 0 as li audit reveals --since 2999-01-01
expect_grep "$(no_records)" err
expect_exit 0 as "$me" audit reveals --since 2000-01-01 --login "$me"
expect_grep "export" out
expect_exit 0 as gz audit reveals                              # another city's auditor
expect_grep "$(no_records)" err
expect_exit 1 as wang audit reveals
expect_grep "$(Mre 'only auditors and administrators list who revealed ID numbers and phones')" err
# the access record is a file in the audit history, named by its event
f=$(git --git-dir=d/audit.git log -1 --format= --name-only)
case "$f" in access/[0-9][0-9][0-9][0-9]-[0-9][0-9]/E*.txt) ;; *) fail "no access file: $f" ;; esac
git --git-dir=d/audit.git show "HEAD:$f" > record
expect_grep "^what: export$" record
expect_grep "^$hh$" record
[ "$(sed -n 's/^households: //p' record)" = "$(sed '1,/^households:/d' record | wc -l)" ] ||
	fail "the record's count does not match the households it names"
expect_exit 0 as li audit log --limit 1
expect_grep "reveal [0-9]* households" out
# verify and rebuild keep them
expect_exit 0 as "$me" audit verify
mv d/bangfu.db bangfu.db.old
rm -f d/bangfu.db-wal d/bangfu.db-shm
expect_exit 0 as "$me" rebuild
expect_exit 0 as "$me" audit verify
expect_exit 0 as li audit reveals
[ "$(grep -c "  $event " out)" = 3 ] || fail "rebuild lost access records"

# --- the UI: a township reviewer's history diff is masked --------------------------------
ui_exec 100 30 env BANGFU_TEST_LOGIN=zhao "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys /; ui_type "李秀英"; ui_keys Enter; ui_wait_selected "$hh"
ui_keys Enter; ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' - - "$(M masked)" | sed 's/.*\(\[.*\]\).*/\1/')"
ui_keys h; ui_wait "$(Mf 'History of %s  (%ld change, %s; %s diff, %s all new)' "$hh" 1 | sed 's/ *[(（].*//')"
ui_wait_selected "电话变更"
ui_wait "电话走访 137****7000"                         # a reason's number is masked too
no_full_numbers screen.txt "the UI's history list"
ui_keys Enter
ui_wait "+phone: 139****9000"
ui_wait "-phone: 138****8000"
no_full_numbers screen.txt "the UI's history diff"
ui_keys Q
ui_cleanup
ui_done
