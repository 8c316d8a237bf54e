# Users, roles and region scope: only an administrator adds users; each user sees only
# the households in her scope; an auditor reads but cannot change; stale writes are
# refused naming who changed the household. Other Unix users are simulated with the
# test-hooks build (BANGFU_TEST_LOGIN), which the shipped binary ignores.
. "$TESTS/lib.sh"
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
expect_grep "already exists" err
expect_exit 1 as "$me" -d d user add bad --name x --role caseworker --scope 449999
expect_grep "scope" err
expect_exit 2 as "$me" -d d user add bad --name x --role boss --scope 44
expect_exit 1 as wang -d d user add chen --name 陈 --role caseworker --scope 441821
expect_grep "only an administrator" err

# scope: wang sees only 441821
expect_exit 0 as wang -d d list
[ -s out ] || fail "wang sees nothing"
awk '{print $1}' out | grep -v '^H441821' && fail "wang sees outside his county"
expect_exit 0 as zhao -d d list
awk '{print $1}' out | grep -v '^H440103' && fail "zhao sees outside his county"
expect_exit 1 as zhao -d d show 4418210001
expect_grep "no household \"4418210001\" in your scope" err
expect_exit 0 as wang -d d user list
expect_no_grep "zhao" out

# the auditor reads but may not change
expect_exit 0 as li -d d show 4418210001
expect_exit 1 as li -d d set 4418210001 hamlet 下围 --why 改
expect_grep "auditor may read but not change" err

# a set needs a reason and a known field, and keeps the household's rules
expect_exit 2 as wang -d d set 4418210001 hamlet 下围
expect_exit 1 as wang -d d set 4418210001 colour red --why x
expect_grep "unknown field \"colour\"" err
expect_exit 1 as wang -d d set 4418210001 姓名 张三 --why x
expect_grep "give --member N" err
expect_exit 1 as wang -d d set 4418210001 relation 户主 --member 2 --why x
expect_grep "2 heads of household" err
expect_exit 1 as wang -d d set 4418210001 phone 123 --member 1 --why x
expect_grep "联系电话 (phone): \"123\"" err
expect_exit 1 as wang -d d set 4418210001 id_number 441821197501011009 --member 1 --why x
expect_grep "check character" err
expect_exit 1 as wang -d d set 4418210001 姓名 "$(printf 'a\tb')" --member 1 --why x
expect_grep "control character" err
expect_exit 0 as wang -d d set 4418210001 姓名 李秀英改 --member 1 --why 更正姓名

# two people saving the same household: the second save is refused, naming who
expect_exit 0 as wang -d d show 4418210001
v=$(sed -n 's/^version: //p' out)
expect_exit 0 as "$me" -d d set 4418210001 hamlet 下围 --why "管理员更正" --version "$v"
expect_exit 1 as wang -d d set 4418210001 hamlet 中围 --why "我的更正" --version "$v"
expect_grep "was changed since you read it" err
expect_grep "by $me" err
expect_grep "管理员更正" err
expect_exit 0 as "$me" -d d audit verify
