# Import: a CSV with BOM, CRLF, quoted newlines, full-width spaces, a · in a name, a
# character outside the BMP, a 15-digit ID and a lowercase x imports completely; the
# same file in GB18030 gives the same records; a file with several defects is refused
# whole, each defect named by line and column, and nothing is written.
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"

expect_exit 0 "$BANGFU" -d a init
expect_exit 0 "$BANGFU" -d a import households "$data/good.csv"
expect_grep "imported 2 households (2 new, 0 updated), 4 people" out
expect_exit 0 "$BANGFU" -d a show 4418210001 --reveal --why "核对导入"
expect_grep "^name: 王建国$" out                       # full-width spaces trimmed
expect_grep "^id_number: 441821196803121232$" out      # 15 digits converted
expect_grep "^id_original: 441821680312123$" out
expect_grep "^id_number: 44182120050817105X$" out      # lowercase x stored uppercase
expect_grep "^name: 李𠀀$" out                          # outside the BMP
expect_grep '^address: 青竹村\\n上围12号$' out       # quoted newline kept, escaped
expect_grep "^health: chronic 长期慢性病, disabled 残疾$" out
expect_grep "^risks: illness 因病, disability 因残$" out
expect_exit 0 "$BANGFU" -d a show 441821198005051013
expect_grep "^name: 阿依古丽·买买提$" out
expect_grep '^address: 新村"二巷" 3号$' out
# found by a lowercase-x ID number too
expect_exit 0 "$BANGFU" -d a show 44182120050817105x
expect_grep "household_no: 4418210001" out

expect_exit 0 "$BANGFU" -d b init
expect_exit 0 "$BANGFU" -d b import households "$data/good-gb18030.csv"
expect_grep "GB18030" out
"$BANGFU" -d a export households --reveal --why "核对" > a.csv
"$BANGFU" -d b export households --reveal --why "核对" > b.csv
cmp a.csv b.csv || fail "GB18030 import differs from UTF-8 import"
# --encoding forces a decoder
expect_exit 1 "$BANGFU" -d b import households "$data/good-gb18030.csv" --encoding UTF-8
expect_grep "good-gb18030.csv" err

# several defects: each named, nothing written
before=$(git --git-dir=a/audit.git rev-list --count HEAD)
expect_exit 1 "$BANGFU" -d a import households "$data/bad.csv"
expect_grep "bad.csv:2: 证件号码: .*check character" err
expect_grep "bad.csv:3: 证件号码: .*19990230 does not exist" err
expect_grep "bad.csv:4: 家庭人均纯收入: \"六千\" is not a number" err
expect_grep "bad.csv:5: .*2 户主" err
expect_grep "bad.csv:6: 县区代码: unknown county code \"449999\"" err
expect_grep "bad.csv:6: 姓名: control character .*赵^A七" err
expect_grep "bad.csv:6: 证件号码: ID number 441821198005051021 already on line 4" err
expect_grep "nothing was imported" err
after=$(git --git-dir=a/audit.git rev-list --count HEAD)
[ "$before" = "$after" ] || fail "a refused import wrote history"
expect_exit 1 "$BANGFU" -d a show 4418210003
expect_exit 0 "$BANGFU" -d a list
[ "$(wc -l < out)" -eq 2 ] || fail "refused import changed the register"

# an ID already registered in another household is a defect too
printf '户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系\n9999,441821,迳头镇,青竹村,钱八,441821197501011008,户主\n' > dup.csv
expect_exit 1 "$BANGFU" -d a import households dup.csv
expect_grep "dup.csv:2: ID number 441821197501011008 is already registered in household H4418210000001" err

# --skip-bad imports the good households and writes the rejected rows beside the file
cp "$data/bad.csv" partly.csv
printf '4418210009,441821,迳头镇,青竹村,,,孙九,441821195202281009,户主,,,,,,,,,一般农户,4000,,,,,\n' >> partly.csv
expect_exit 0 "$BANGFU" -d a import households partly.csv --skip-bad
expect_grep "imported 1 household " out
expect_grep "rejected 3 households" out
[ -f partly.csv.rejected.csv ] || fail "no rejected-rows file"
expect_grep "原因" partly.csv.rejected.csv
expect_grep "check character" partly.csv.rejected.csv
[ "$(grep -c 441821 partly.csv.rejected.csv)" -eq 5 ] || fail "rejected file should hold the 5 bad rows"

# a file that is not CSV at all
printf '"unclosed\n' > broken.csv
expect_exit 1 "$BANGFU" -d a import households broken.csv
expect_grep "broken.csv:1: quoted field never closed" err
expect_exit 1 "$BANGFU" -d a import households missing.csv
expect_grep "missing.csv: No such file" err

# importing again over households bangfu already keeps: the file's register data replaces
# bangfu's, the casework stays (state, procedure dates, steps, measures); a file that says
# what bangfu has changes nothing and writes no commit; its case columns are never applied
expect_exit 0 "$BANGFU" -d c init
expect_exit 0 "$BANGFU" -d c import households "$data/good.csv"
expect_exit 0 "$BANGFU" -d c case open 4418210002 --category 边缘易致贫户 --risks 因病 --source 基层干部排查 --why 排查发现
expect_exit 0 "$BANGFU" -d c case move C0000002 visit --consent "$(date +%F)" --why 入户核实
"$BANGFU" -d c export households --reveal --why "核对" > c.csv
"$BANGFU" -d c show 4418210002 --reveal --why "核对" > before.txt
commits=$(git --git-dir=c/audit.git rev-list --count HEAD)
expect_exit 0 "$BANGFU" -d c import households c.csv
expect_grep "nothing to change: the 2 households of c.csv are already as it says" out
expect_exit 0 "$BANGFU" -d c import households "$data/good.csv"
expect_grep "nothing to change" out
[ "$(git --git-dir=c/audit.git rev-list --count HEAD)" = "$commits" ] || fail "an import that changed nothing wrote a commit"
# a new phone number and another category in the file: the phone is taken, the category noted
sed -e 's/13926615123/13926610000/' -e 's/,边缘易致贫户,/,突发严重困难户,/' c.csv > c2.csv
expect_exit 0 "$BANGFU" -d c import households c2.csv
expect_grep "imported 1 household (0 new, 1 updated, 1 unchanged)" out
git --git-dir=c/audit.git log -1 --format=%s | grep -q "^import 1 households (0 new, 1 updated): " ||
	fail "the commit does not say what the import changed: $(git --git-dir=c/audit.git log -1 --format=%s)"
expect_grep "c2.csv:[0-9]*: 监测对象类别: 监测对象类别 (category) is \"sudden\" in the file but \"marginal\" in case C0000002: not applied" err
"$BANGFU" -d c show 4418210002 --reveal --why "核对" > after.txt
expect_grep "^phone: 13926610000$" after.txt
expect_grep "^category: marginal 边缘易致贫户$" after.txt
expect_grep "^state: visited$" after.txt
expect_grep "^step: visit$" after.txt
[ "$(grep -c '^\[step ' after.txt)" = 2 ] || fail "the case lost steps"
diff before.txt after.txt | grep '^[<>]' | grep -v 'phone\|version' && fail "more than the phone changed"
expect_exit 0 "$BANGFU" -d c audit verify
# a file with fewer columns: a member it leaves out leaves; what it has no column for
# (phone, address, the original 15-digit number) stays as bangfu has it
printf '户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系\n' > c3.csv
printf '4418210001,441821,迳头镇,青竹村,李秀英,441821197501011008,户主\n' >> c3.csv
printf '4418210001,441821,迳头镇,青竹村,王建国,441821196803121232,配偶\n' >> c3.csv
expect_exit 0 "$BANGFU" -d c import households c3.csv
expect_grep "imported 1 household (0 new, 1 updated)" out
expect_exit 0 "$BANGFU" -d c show 4418210001 --reveal --why "核对"
expect_no_grep "44182120050817105X" out
expect_grep "^id_original: 441821680312123$" out
expect_grep "^phone: 13800138000$" out
expect_grep '^address: 青竹村\\n上围12号$' out
expect_grep "^state: assisting$" out
expect_exit 0 "$BANGFU" -d c audit verify
