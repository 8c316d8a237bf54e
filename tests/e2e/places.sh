# Real places (issue 16): the demo shows only towns and villages of the 2023 statistical
# codes; an import checks a file's town and village codes against them (an unknown code
# is an error on its line, a different name a warning naming both, names without codes
# are looked up within the county); a scope must name a place that exists.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/../core/data"
B=$BANGFU
# the messages (grep patterns) about places: KIND is town or village
warned() { Mre 'warning: %s code %s is %s, the file says %s: kept as %s' "$(M "$1")" "$2" "$3" "$4"; }
no_code() { Mre '%s code %s does not exist (2023 statistical codes, or a place.CODE setting)' "$(M "$1")" "$2"; }
no_name() { Mre 'no %s named %s in %s %s: give its code' "$(M "$1")" "$2" "$3" "$4"; }
added_user() { Mre 'added user %s (%s, scope %s %s)\n' "$@"; }
expect_exit 0 "$B" -d d init

# --- the demo: every town and village it names is in the shipped files, by code and name
expect_exit 0 "$B" -d d demo --households 400 --seed 3
sqlite3 -separator , d/bangfu.db "SELECT code, name FROM regions WHERE level = 3 ORDER BY code" > towns
sqlite3 -separator , d/bangfu.db "SELECT code, name, kind FROM regions WHERE level = 4 ORDER BY code" > villages
[ "$(wc -l < towns)" -ge 50 ] && [ "$(wc -l < villages)" -ge 200 ] || fail "the demo used too few places"
tail -n +2 "$data/guangdong_towns_2023.csv" | cut -d, -f1,2 | sort > all_towns
[ -z "$(sort towns | comm -23 - all_towns)" ] || fail "the demo named a town not in the 2023 codes"
tail -n +2 "$data/guangdong_villages_2023.csv" | cut -d, -f1 | sort > all_villages
[ -z "$(cut -d, -f1 villages | sort | comm -23 - all_villages)" ] || fail "the demo named a village not in the 2023 codes"
rural=$(sqlite3 d/bangfu.db "SELECT count(*) FROM households h JOIN regions v ON v.code = h.village_code WHERE v.kind = '村委会'")
[ "$rural" -ge 300 ] || fail "only $rural of 400 demo households live in a 村委会"
expect_exit 0 "$B" -d d list
expect_no_grep 白莲镇 out
# 东莞 and 中山 have towns directly under the city: the demo puts households there too,
# with the city as the county-level code and real towns of the city
for city in 441900 442000; do
	n=$(sqlite3 d/bangfu.db "SELECT count(*) FROM households WHERE county_code = '$city' AND town_code LIKE '$city%' AND village_code LIKE town_code || '%'")
	[ "$n" -ge 5 ] || fail "only $n demo households in $city"
done
expect_exit 0 "$B" -d d list county:东莞市
expect_grep "^H4419" out
expect_exit 0 "$B" -d d list county:中山市
expect_grep "^H4420" out
expect_no_grep "^H4419" out

# --- import: codes checked, names compared, names without codes looked up -------------
printf '%s\n' \
 '户编号,县区代码,乡镇代码,乡镇,行政村代码,行政村,姓名,证件号码,与户主关系,户类型,家庭人均纯收入' \
 '4418210011,441821,441821103,白莲镇,441821103201,错名村,陈大文,441821197501011016,户主,一般农户,9000' \
 '4418210012,441821,,水头镇,,西田村,陈四文,441821197501011040,户主,一般农户,9000' > ok.csv
expect_exit 0 "$B" -d d import households ok.csv --why 核对代码
expect_grep "ok.csv:2: 乡镇: $(warned town 441821103 龙山镇 白莲镇)" err
expect_grep "ok.csv:2: 行政村: $(warned village 441821103201 关前村 错名村)" err
[ "$LANGUAGE" != zh_CN ] || expect_grep "警告：乡镇代码 441821103 对应龙山镇" err
expect_exit 0 "$B" -d d show 4418210011
expect_grep "^town: 龙山镇" out
expect_grep "^village: 关前村" out
expect_exit 0 "$B" -d d show 4418210012
expect_grep "^town_code: 441821101" out
expect_grep "^village_code: 441821101203" out
expect_exit 0 "$B" -d d list town:龙山镇
expect_grep 陈大文 out

printf '%s\n' \
 '户编号,县区代码,乡镇代码,乡镇,行政村代码,行政村,姓名,证件号码,与户主关系,户类型,家庭人均纯收入' \
 '4418210021,441821,441821999,龙山镇,,某村,陈五文,441821197501011059,户主,一般农户,9000' \
 '4418210022,441821,441821103,龙山镇,441821107202,青竹村,陈六文,441821197501011067,户主,一般农户,9000' \
 '4418210023,441821,,浛洸镇,,石牯塘村,陈七文,441821197501011075,户主,一般农户,9000' \
 '4418210024,441821,,龙山镇,,不存在村,陈八文,441821197501011083,户主,一般农户,9000' > bad.csv
expect_exit 1 "$B" -d d import households bad.csv --why 核对代码
expect_grep "bad.csv:2: 乡镇: $(no_code town 441821999)" err
expect_grep "bad.csv:3: 行政村: $(Mre '%s code %s does not lie in %s %s' "$(M village)" 441821107202 龙山镇 441821103)" err
expect_grep "bad.csv:4: 乡镇: $(no_name town 浛洸镇 佛冈县 441821)" err
expect_grep "bad.csv:5: 行政村: $(no_name village 不存在村 龙山镇 441821103)" err
expect_exit 1 "$B" -d d show 4418210021

# --- scopes name places that exist ------------------------------------------------------
expect_exit 1 "$B" -d d user add li --name 李 --role township --scope 441821999 --why 新人
expect_grep "$(Mre 'scope "%s": no %s has this code in %s (2023 statistical codes)' 441821999 "$(M town)" 佛冈县)" err
expect_exit 1 "$B" -d d user add li --name 李 --role caseworker --scope 441821103999 --why 新人
expect_exit 0 "$B" -d d user add li --name 李 --role township --scope 441821103 --why 新人

# --- a place newer than the edition: an administrator adds it as a setting -------------
expect_exit 0 "$B" -d d setting set place.441821103299 新联村 --why 2024年新设行政村
expect_exit 1 "$B" -d d setting set place.441821103201 改名村 --why 改名
expect_grep "$(Mre 'setting %s: %s is already %s (places are added, never renamed)' place.441821103201 441821103201 关前村)" err
expect_exit 1 "$B" -d d setting set place.441821999299 某村 --why 新设
expect_grep "$(Mre 'setting %s: %s %s does not exist' place.441821999299 "$(M town)" 441821999)" err
printf '%s\n' '户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系,户类型,家庭人均纯收入' \
 '4418210031,441821,龙山镇,新联村,陈九文,441821197501011091,户主,一般农户,9000' > new.csv
expect_exit 0 "$B" -d d import households new.csv --why 新村台账
expect_exit 0 "$B" -d d show 4418210031
expect_grep "^village_code: 441821103299" out
expect_exit 0 "$B" -d d audit verify
# a rebuild from the history alone knows the added place again
mkdir old && mv d/bangfu.db* old/
expect_exit 0 "$B" -d d rebuild
expect_exit 0 "$B" -d d show 4418210031
expect_grep "^village: 新联村" out
expect_exit 0 "$B" -d d audit verify
# a scope may name the added place (user add and user edit), said by its name; a code
# neither shipped nor added stays refused, and a retired one too (below)
expect_exit 0 "$B" -d d user add xin --name 新村经办 --role caseworker --scope 441821103299 --why 新村
expect_grep "$(added_user xin caseworker 441821103299 佛冈县龙山镇新联村)" out
expect_exit 0 "$B" -d d setting set place.441821999 新城街道 --why 2024年新设街道
expect_exit 0 "$B" -d d user edit li --scope 441821999 --why 调新街道
expect_exit 0 "$B" -d d user add jie --name 街道审核 --role township --scope 441821999 --why 新街道
expect_grep "$(added_user jie township 441821999 佛冈县新城街道)" out
expect_exit 1 "$B" -d d user add jie2 --name 某 --role township --scope 441821998 --why 新人
expect_grep "$(Mre 'scope: %s, nor a place added by an administrator (setting place.CODE)')" err
expect_exit 0 "$B" -d d user edit li --scope 441821103 --why 调回
BANGFU_TEST_LOGIN=xin expect_exit 0 "$BANGFU_TH" -d d list
expect_grep "陈九文" out

# --- a code of an older edition stays readable, marked retired (made here by hand: the
# row an older bangfu left for a place the 2023 codes no longer have)
sqlite3 d/bangfu.db "INSERT INTO regions(code, level, name, parent, kind) VALUES
  ('441821103901', 4, '旧并村', '441821103', 'retired');
  UPDATE households SET village_code = '441821103901' WHERE household_no = '4418210011'"
expect_exit 0 "$B" -d d show 4418210011
expect_grep "^village: 旧并村" out
expect_grep "$(Mre 'note: village code %s is retired: not in the 2023 statistical codes\n' 441821103901)" out
expect_no_grep "$(Mre 'note: town code %s is retired: not in the 2023 statistical codes\n')" out
expect_exit 0 "$B" -d d show 4418210031
for kind in town village; do expect_no_grep "$(Mre "note: $kind code %s is retired: not in the 2023 statistical codes\n")" out; done
expect_no_grep retired out   # nor the kind of the row
expect_exit 1 "$B" -d d user add old --name 旧 --role caseworker --scope 441821103901 --why 旧村

# --- a scope says which place it names
expect_exit 0 "$B" -d d user add wu --name 吴 --role caseworker --scope 441821103201 --why 新人
expect_grep "$(added_user wu caseworker 441821103201 佛冈县龙山镇关前村)" out
