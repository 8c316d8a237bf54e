# Users, roles and region scope: only an administrator adds users; each user sees only
# the households in her scope; an auditor reads but cannot change; stale writes are
# refused naming who changed the household. Other Unix users are simulated with the
# test-hooks build (BANGFU_TEST_LOGIN), which the shipped binary ignores.
# both locales
. "$TESTS/lib.sh"
NL='
'
data="$TESTS/e2e/data"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" "$@"; }
me=$(id -un)

expect_exit 0 as "$me" -d d init
expect_exit 0 as "$me" -d d demo --households 300
expect_exit 0 as "$me" -d d import households "$data/good.csv"
expect_exit 0 as "$me" -d d user add wang --name 王小明 --role caseworker --scope 441821
expect_exit 0 as "$me" -d d user add li --name 李审计 --role auditor --scope 441821
expect_exit 0 as "$me" -d d user add zhao --name 赵 --role township --scope 440103
expect_exit 1 as "$me" -d d user add wang --name 又一个 --role caseworker --scope 441821
expect_grep "$(Mf 'user %s already exists' wang)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "用户 wang 已存在" err
expect_exit 1 as "$me" -d d user add bad --name x --role caseworker --scope 449999
expect_grep "$(Mre 'scope: %s, nor a place added by an administrator (setting place.CODE)')" err
expect_exit 2 as "$me" -d d user add bad --name x --role boss --scope 44
expect_exit 1 as wang -d d user add chen --name 陈 --role caseworker --scope 441821
expect_grep "$(Mf 'only an administrator may add users (you are %s)' caseworker)" err

# scope: wang sees only 441821
expect_exit 0 as wang -d d list
[ -s out ] || fail "wang sees nothing"
awk '{print $1}' out | grep -v '^H441821' && fail "wang sees outside his county"
expect_exit 0 as zhao -d d list
awk '{print $1}' out | grep -v '^H440103' && fail "zhao sees outside his county"
expect_exit 1 as zhao -d d show 4418210001
expect_grep "$(Mre "no household \"%s\" in your scope (%s): give a bangfu id, a 户编号 or a member's ID number" 4418210001)" err
expect_exit 0 as wang -d d user list
expect_no_grep "zhao" out

# the auditor reads but may not change
expect_exit 0 as li -d d show 4418210001
expect_exit 1 as li -d d set 4418210001 hamlet 下围 --why 改
expect_grep "$(Mf 'an %s may read but not change the register' auditor)" err

# a set needs a reason and a known field, and keeps the household's rules
expect_exit 2 as wang -d d set 4418210001 hamlet 下围
expect_exit 1 as wang -d d set 4418210001 colour red --why x
expect_grep "$(Mf 'unknown field "%s": give a register column name (Chinese or English), e.g. 联系电话 or phone' colour)" err
expect_exit 1 as wang -d d set 4418210001 姓名 张三 --why x
expect_grep "$(Mre "%s (%s) is a member's field: give --member N (1..%d)" 姓名 name)" err
expect_exit 1 as wang -d d set 4418210001 relation 户主 --member 2 --why x
expect_grep "$(Mf 'household %s has %d heads of household: needs exactly one' 4418210001 2)" err
expect_exit 1 as wang -d d set 4418210001 phone 123 --member 1 --why x
expect_grep "$(Mf '%s (%s): %s' 联系电话 phone "$(Mf '"%s" is not an 11-digit mobile number (a landline is not taken here)' 123)")" err
expect_exit 1 as wang -d d set 4418210001 id_number 441821197501011009 --member 1 --why x
expect_grep "$(Mre 'check character should be %c, not %c')" err
expect_exit 1 as wang -d d set 4418210001 姓名 "$(printf 'a\tb')" --member 1 --why x
expect_grep "$(M 'control character')" err
expect_exit 0 as wang -d d set 4418210001 姓名 李秀英改 --member 1 --why 更正姓名

# two people saving the same household: the second save is refused, naming who
expect_exit 0 as wang -d d show 4418210001
v=$(sed -n "s/^$(LINE=1 Mre "version: %ld$NL%s" '\([0-9]*\)')\$/\1/p" out)
expect_exit 0 as "$me" -d d set 4418210001 hamlet 下围 --why "管理员更正" --version "$v"
expect_exit 1 as wang -d d set 4418210001 hamlet 中围 --why "我的更正" --version "$v"
expect_grep "$(Mre 'household %s was changed since you read it (your version %ld) by %s; `bangfu audit log %s` shows what changed: reload and apply your change again' '.*' "$v" "$me.*")" err
expect_grep "管理员更正" err
expect_exit 0 as "$me" -d d audit verify
