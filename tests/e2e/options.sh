# Option parsing: --opt=value, -d after the verb, -- ends options, - reads stdin.
# both locales
. "$TESTS/lib.sh"
expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d demo --households=30 --seed=3
expect_exit 0 "$BANGFU" -d d list --limit=3
[ "$(grep -c . out)" -le 4 ] || fail "--limit=3 printed more"
cp out three
expect_exit 0 "$BANGFU" list --limit 3 -d d      # -d after the verb
cmp -s out three || fail "-d after the verb differs"
expect_exit 0 "$BANGFU" list --dir=d --limit=3
cmp -s out three || fail "--dir= differs"
expect_exit 2 "$BANGFU" -d d list --limit=3 --reveal=1
expect_grep "^bangfu: $(Mf "%s does not take %s=" list --reveal)$" err
expect_exit 2 "$BANGFU" -d d list --why=x
expect_grep "^bangfu: $(Mf "%s does not take %s=" list --why)$" err
# the global -d in every form, anywhere: before, after, between the verb's words
expect_exit 0 "$BANGFU" --dir d list --limit 3
cmp -s out three || fail "--dir DIR differs"
expect_exit 0 "$BANGFU" list -dd --limit 3
cmp -s out three || fail "-dDIR differs"
expect_exit 0 "$BANGFU" -d nowhere list --limit=3 -d d   # the last one counts
cmp -s out three || fail "the later -d does not win"
expect_exit 0 "$BANGFU" user -d d list
expect_grep "admin" out
expect_exit 2 "$BANGFU" list --limit 3 -d
expect_grep "^bangfu: $(Mf "%s needs a directory" -d)$" err
# a value is never taken for an option: --why -d is a reason, -500 a number
H=$(head -1 three | cut -d' ' -f1)
expect_exit 0 "$BANGFU" -d d set "$H" 家庭人均纯收入 -500 --why -d
expect_exit 0 "$BANGFU" -d d show "$H"
expect_grep "^income_per_capita: -500$" out
git --git-dir=d/audit.git log -1 --format=%s > subject
expect_grep ": -d$" subject
# an unknown short option is refused, not taken as a search word
expect_exit 2 "$BANGFU" -d d list -x
expect_grep "^bangfu: $(Mf "%s does not take %s (put -- before an argument that starts with -)" list -x)$" err
# -o FILE, -oFILE, --output=FILE, --output FILE
for o in "-o e1.csv" "-oe2.csv" "--output=e3.csv" "--output e4.csv"; do
	expect_exit 0 "$BANGFU" -d d export households $o
done
cmp -s e1.csv e2.csv && cmp -s e1.csv e3.csv && cmp -s e1.csv e4.csv || fail "-o forms differ"
[ -s e1.csv ] || fail "-o wrote nothing"
# -- ends the options: "--limit=3" after it is a search word, not an option
expect_exit 0 "$BANGFU" -d d list -- --limit=3
expect_no_grep "^bangfu:" err
expect_exit 0 "$BANGFU" -d d list -- -x
expect_exit 0 "$BANGFU" list -d d -- -d   # after --, -d is a search word
expect_no_grep "^bangfu:" err
# a value starting with "-" after "=" is the value
expect_exit 2 "$BANGFU" -d d demo --households=-1
expect_grep "^bangfu: $(Mf '%s needs a non-negative whole number, got "%s"' --households -1)$" err
# - reads standard input
expect_exit 0 "$BANGFU" -d d export households --reveal --why=核对
cp out reg.csv
"$BANGFU" -d d2 init 2>/dev/null
expect_exit 0 sh -c '"$0" -d d2 import households - --why=stdin < reg.csv' "$BANGFU"
expect_exit 0 "$BANGFU" -d d2 list
[ "$(grep -c . out)" -ge 30 ] || fail "import from stdin brought too few households"
echo "options: ok"
