# Import: a CSV with BOM, CRLF, quoted newlines, full-width spaces, a · in a name, a
# character outside the BMP, a 15-digit ID and a lowercase x imports completely; the
# same file in GB18030 gives the same records; a file with several defects is refused
# whole, each defect named by line and column, and nothing is written.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
NL='
'
# lit TEXT: TEXT as a grep pattern matching itself
# imported N NEW UPDATED UNCHANGED PEOPLE FILE: the line of an import that wrote
imported() {
	u=""; [ "$4" = 0 ] || u=$(Mf ', %d unchanged' "$4")
	expect_grep "$(lit "$(Mnf "imported %d household (%d new, %d updated%s), %d people from %s [%s]$NL" \
		"imported %d households (%d new, %d updated%s), %d people from %s [%s]$NL" "$1" "$1" "$2" "$3" "$u" "$5" "$6" UTF-8)")" out
}
# unchanged N FILE: the line of an import that found nothing to change
unchanged() {
	expect_grep "$(lit "$(Mnf "nothing to change: the %d household of %s is already as it says [%s]$NL" \
		"nothing to change: the %d households of %s are already as it says [%s]$NL" "$1" "$1" "$2" UTF-8)")" out
}

expect_exit 0 "$BANGFU" -d a init
expect_exit 0 "$BANGFU" -d a import households "$data/good.csv"
imported 2 2 0 0 4 "$data/good.csv"
[ "$LANGUAGE" != zh_CN ] || expect_grep "已导入 2 户" out
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
expect_grep "bad.csv:2: 证件号码: .*$(Mre 'check character should be %c, not %c')" err
expect_grep "bad.csv:3: 证件号码: .*$(Mf 'birth date %.8s does not exist' 19990230)" err
expect_grep "bad.csv:4: 家庭人均纯收入: $(Mf '"%s" is not a number of yuan' 六千)" err
expect_grep "bad.csv:5: .*$(Mf 'household %s has %d heads of household: needs exactly one' 4418210004 2)" err
expect_grep "bad.csv:6: 县区代码: $(lit "$(Mf 'unknown county code "%s" (not one of Guangdong'"'"'s 122 county-level units, Dongguan 441900 or Zhongshan 442000)' 449999)")" err
expect_grep "bad.csv:6: 姓名: $(M 'control character') .*赵^A七" err
expect_grep "bad.csv:6: 证件号码: $(Mf 'ID number %s already on line %ld' 441821198005051021 4)" err
expect_grep "$(lit "$(Mnf "bangfu: %s: %d defect: nothing was imported (fix it, or use --skip-bad to import the good households)$NL" \
	"bangfu: %s: %d defects: nothing was imported (fix them, or use --skip-bad to import the good households)$NL" 8 "$data/bad.csv" 8)")" err
after=$(git --git-dir=a/audit.git rev-list --count HEAD)
[ "$before" = "$after" ] || fail "a refused import wrote history"
expect_exit 1 "$BANGFU" -d a show 4418210003
expect_exit 0 "$BANGFU" -d a list
[ "$(wc -l < out)" -eq 2 ] || fail "refused import changed the register"

# an ID already registered in another household is a defect too
printf '户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系\n9999,441821,迳头镇,青竹村,钱八,441821197501011008,户主\n' > dup.csv
expect_exit 1 "$BANGFU" -d a import households dup.csv
expect_grep "dup.csv:2: $(Mf 'ID number %s is already registered in %s' 441821197501011008 "$(Mf 'household %s' H4418210000001)")" err

# --skip-bad imports the good households and writes the rejected rows beside the file
cp "$data/bad.csv" partly.csv
printf '4418210009,441821,迳头镇,青竹村,,,孙九,441821195202281009,户主,,,,,,,,,一般农户,4000,,,,,\n' >> partly.csv
expect_exit 0 "$BANGFU" -d a import households partly.csv --skip-bad
imported 1 1 0 0 1 partly.csv
expect_grep "$(Mnf "rejected %d household: its rows are in %s$NL" "rejected %d households: their rows are in %s$NL" 3 3 partly.csv.rejected.csv)" out
[ -f partly.csv.rejected.csv ] || fail "no rejected-rows file"
expect_grep "原因" partly.csv.rejected.csv
expect_grep "$(Mre 'check character should be %c, not %c')" partly.csv.rejected.csv
[ "$(grep -c 441821 partly.csv.rejected.csv)" -eq 5 ] || fail "rejected file should hold the 5 bad rows"

# a file that is not CSV at all
printf '"unclosed\n' > broken.csv
expect_exit 1 "$BANGFU" -d a import households broken.csv
expect_grep "broken.csv:1: $(Mf 'quoted field never closed (opened at line %ld)' 1)" err
expect_exit 1 "$BANGFU" -d a import households missing.csv
expect_grep "missing.csv: $(gettext libc 'No such file or directory')" err   # the C library's words

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
unchanged 2 c.csv
expect_exit 0 "$BANGFU" -d c import households "$data/good.csv"
unchanged 2 "$data/good.csv"
[ "$(git --git-dir=c/audit.git rev-list --count HEAD)" = "$commits" ] || fail "an import that changed nothing wrote a commit"
# a new phone number and another category in the file: the phone is taken, the category noted
sed -e 's/13926615123/13926610000/' -e 's/,边缘易致贫户,/,突发严重困难户,/' c.csv > c2.csv
expect_exit 0 "$BANGFU" -d c import households c2.csv
imported 1 0 1 1 1 c2.csv
git --git-dir=c/audit.git log -1 --format=%s | grep -q "^import 1 households (0 new, 1 updated): " ||
	fail "the commit does not say what the import changed: $(git --git-dir=c/audit.git log -1 --format=%s)"
expect_grep "c2.csv:[0-9]*: 监测对象类别: $(lit "$(Mf '%s (%s) is "%s" in the file but "%s" in case %s: not applied, a case changes through its procedure (bangfu case move)' 监测对象类别 category sudden marginal C0000002)")" err
"$BANGFU" -d c show 4418210002 --reveal --why "核对" > after.txt
expect_grep "^phone: 13926610000$" after.txt
expect_grep "^category: marginal 边缘易致贫户$" after.txt
expect_grep "^state: visited$" after.txt
expect_grep "^step: visit$" after.txt
[ "$(grep -c '^\[step ' after.txt)" = 2 ] || fail "the case lost steps"
diff before.txt after.txt | grep '^[<>]' | grep -v phone | grep -v "$(LINE=1 Mre "version: %ld$NL%s" '[0-9]*')" && fail "more than the phone changed"
expect_exit 0 "$BANGFU" -d c audit verify
# a file with fewer columns: a member it leaves out leaves; what it has no column for
# (phone, address, the original 15-digit number) stays as bangfu has it
printf '户编号,县区代码,乡镇,行政村,姓名,证件号码,与户主关系\n' > c3.csv
printf '4418210001,441821,迳头镇,青竹村,李秀英,441821197501011008,户主\n' >> c3.csv
printf '4418210001,441821,迳头镇,青竹村,王建国,441821196803121232,配偶\n' >> c3.csv
expect_exit 0 "$BANGFU" -d c import households c3.csv
imported 1 0 1 0 2 c3.csv
expect_exit 0 "$BANGFU" -d c show 4418210001 --reveal --why "核对"
expect_no_grep "44182120050817105X" out
expect_grep "^id_original: 441821680312123$" out
expect_grep "^phone: 13800138000$" out
expect_grep '^address: 青竹村\\n上围12号$' out
expect_grep "^state: assisting$" out
expect_exit 0 "$BANGFU" -d c audit verify
