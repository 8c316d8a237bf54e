# Option parsing: --opt=value, -d after the verb, -- ends options, - reads stdin.
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
expect_grep "does not take --reveal=" err
expect_exit 2 "$BANGFU" -d d list --why=x
expect_grep "list does not take --why" err
# -- ends the options: "--limit=3" after it is a search word, not an option
expect_exit 0 "$BANGFU" -d d list -- --limit=3
expect_no_grep "does not take" err
# a value starting with "-" after "=" is the value
expect_exit 2 "$BANGFU" -d d demo --households=-1
expect_grep "non-negative whole number" err
# - reads standard input
expect_exit 0 "$BANGFU" -d d export households --reveal --why=核对
cp out reg.csv
"$BANGFU" -d d2 init 2>/dev/null
expect_exit 0 sh -c '"$0" -d d2 import households - --why=stdin < reg.csv' "$BANGFU"
expect_exit 0 "$BANGFU" -d d2 list
[ "$(grep -c . out)" -ge 30 ] || fail "import from stdin brought too few households"
echo "options: ok"
