# The command line itself: --version, --help for every verb, usage errors (exit 2),
# a missing or foreign data directory (exit 1), a Unix user who is not a bangfu user;
# `bangfu --help` in Chinese for staff (no language set) and in English when asked.
# both locales
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
# the verbs' descriptions and help in the catalog's language, the verb names as they are
expect_grep "  init  *$(M "create a data directory; you become its first administrator")" help.txt
expect_grep "^$(M "
Exit status: 0 done, 1 refused or failed, 2 usage error.
" | tr -d '\n')$" help.txt
expect_exit 0 "$BANGFU" rebuild --help
expect_grep "^$(M "make a new bangfu.db from the audit history alone")$" out
if [ "$LANGUAGE" = zh_CN ]; then
	expect_grep "创建数据目录" help.txt
	expect_grep "仅凭审计历史重新生成 bangfu.db" out
fi

# no language in the environment: Chinese, the staff's; LANG=en_US.UTF-8: English
expect_exit 0 env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$BANGFU" --help
expect_grep "^用法：bangfu \[-d DIR\] VERB" out
expect_grep "  list  *列出您范围内的农户" out
expect_no_grep "Exit status" out
expect_exit 0 env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$BANGFU" --help
expect_grep "^usage: bangfu \[-d DIR\] VERB" out
expect_grep "  list  *list households in your scope" out
expect_no_grep "用法" out

usage=$(M "
usage: " | tr -d '\n')
expect_exit 2 "$BANGFU" frobnicate
expect_grep "^bangfu: $(Mf 'unknown verb "%s"' frobnicate)$" err
expect_grep "^$usage" err
expect_exit 2 "$BANGFU" -d d show
expect_grep "$(Mf "%s needs %s" show "HOUSEHOLD")" err
expect_grep "^${usage}bangfu \[-d DIR\] show HOUSEHOLD" err
expect_exit 2 "$BANGFU" -d d list --why x
expect_grep "^bangfu: $(Mf "%s does not take %s" list --why)$" err

# no data directory yet: a clear message, exit 1
expect_exit 1 "$BANGFU" -d nowhere list
expect_grep "$(Mf '%s: no such data directory (create one with `bangfu -d %s init`)' nowhere nowhere)" err
mkdir foreign
expect_exit 1 "$BANGFU" -d foreign list
expect_grep "$(Mf '%s: not a bangfu data directory (no bangfu.db; `bangfu -d %s init` makes one, `bangfu rebuild` restores one)' foreign foreign)" err

# BANGFU_HOME and XDG_DATA_HOME choose the directory when -d is not given
expect_exit 0 env BANGFU_HOME=$PWD/home1 "$BANGFU" init
[ -f home1/bangfu.db ] && [ -d home1/audit.git ] || fail "BANGFU_HOME not used"
expect_exit 0 env XDG_DATA_HOME=$PWD/xdg "$BANGFU" init
[ -f xdg/bangfu/bangfu.db ] || fail "XDG_DATA_HOME not used"
expect_exit 1 "$BANGFU" -d home1 init
expect_grep "$(Mf "%s already holds a bangfu data directory" home1)" err

# init makes the caller the first administrator; another Unix user is nobody
expect_exit 0 "$BANGFU" -d home1 user list
expect_grep "^$(id -un) .*admin .*44" out
expect_exit 1 env BANGFU_TEST_LOGIN=stranger "$BANGFU_TH" -d home1 list
expect_grep "$(Mf "not a bangfu user: ask an administrator (Unix user %s)" stranger)" err
[ ! -s out ] || fail "a stranger got output"
# the shipped binary ignores the test-only identity variable
expect_exit 0 env BANGFU_TEST_LOGIN=stranger "$BANGFU" -d home1 list
