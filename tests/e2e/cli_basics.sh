# The command line itself: --version, --help for every verb, usage errors (exit 2),
# a missing or foreign data directory (exit 1), a Unix user who is not a bangfu user.
. "$TESTS/lib.sh"

expect_exit 0 "$BANGFU" --version
expect_grep "^bangfu [0-9]" out
expect_exit 0 "$BANGFU" --help
cp out help.txt
for verb in init demo "import households" "export households" list show set "user add" \
            "user list" "audit log" "audit verify" rebuild; do
	expect_grep "  $verb " help.txt
	# shellcheck disable=SC2086
	expect_exit 0 "$BANGFU" $verb --help
	expect_grep "^bangfu \[-d DIR\] $verb" out
done

expect_exit 2 "$BANGFU" frobnicate
expect_grep "unknown verb" err
expect_exit 2 "$BANGFU" -d d show
expect_grep "usage:" err
expect_exit 2 "$BANGFU" -d d list --why x
expect_grep "list does not take --why" err

# no data directory yet: a clear message, exit 1
expect_exit 1 "$BANGFU" -d nowhere list
expect_grep "nowhere: no such data directory" err
mkdir foreign
expect_exit 1 "$BANGFU" -d foreign list
expect_grep "not a bangfu data directory" err

# BANGFU_HOME and XDG_DATA_HOME choose the directory when -d is not given
expect_exit 0 env BANGFU_HOME=$PWD/home1 "$BANGFU" init
[ -f home1/bangfu.db ] && [ -d home1/audit.git ] || fail "BANGFU_HOME not used"
expect_exit 0 env XDG_DATA_HOME=$PWD/xdg "$BANGFU" init
[ -f xdg/bangfu/bangfu.db ] || fail "XDG_DATA_HOME not used"
expect_exit 1 "$BANGFU" -d home1 init
expect_grep "already holds a bangfu data directory" err

# init makes the caller the first administrator; another Unix user is nobody
expect_exit 0 "$BANGFU" -d home1 user list
expect_grep "^$(id -un) .*admin .*44" out
expect_exit 1 env BANGFU_TEST_LOGIN=stranger "$BANGFU_TH" -d home1 list
expect_grep "not a bangfu user: ask an administrator" err
[ ! -s out ] || fail "a stranger got output"
# the shipped binary ignores the test-only identity variable
expect_exit 0 env BANGFU_TEST_LOGIN=stranger "$BANGFU" -d home1 list
