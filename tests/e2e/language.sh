# The language bangfu speaks (docs/language.md): Chinese unless the environment names
# English (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, the first set), whether or not the named
# locale is installed; both catalogs pass msgfmt --check; and a setgid bangfu reads no
# catalog from the build tree (a translated message is a printf format: only the
# installed LOCALEDIR may supply one).
. "$TESTS/lib.sh"
"$BANGFU" -d d init >/dev/null
"$BANGFU" -d d demo --households 3 --seed 1 >/dev/null
hh=$("$BANGFU" -d d list --format tsv | sed -n 2p | cut -f1)
long=$(printf 'x%.0s' $(seq 1 600))
en="too long (600 characters, at most 500)"
zh=$(LANGUAGE=zh_CN Mf "%s%stoo long (%zu characters, at most %zu)" "" "" 600 500)
[ -n "$zh" ] && [ "$zh" != "$en" ] || fail "the zh_CN catalog does not translate '$en'"
say() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" "$BANGFU" -d d set "$hh" address "$long" --why t; }
for case in "zh|" "zh|LANG=C" "zh|LANG=POSIX" "zh|LANG=zh_CN.UTF-8" "zh|LANG=fr_FR.UTF-8" \
            "en|LANG=en_US.UTF-8" "en|LC_MESSAGES=en_GB.UTF-8 LANG=zh_CN.UTF-8" \
            "zh|LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8" "en|LANGUAGE=en LANG=zh_CN.UTF-8" \
            "zh|LC_ALL=C LANG=en_US.UTF-8"; do
	want=${case%%|*} vars=${case#*|}
	# shellcheck disable=SC2086
	say $vars >out 2>err && fail "a 600-character address was accepted ($vars)"
	if [ "$want" = en ]; then expect_grep "$en" err; else expect_grep "$zh" err; fi
done

# a word that is both a code label and a national-form column header (core/i18n.h NC_):
# the label is translated under en, the header stays Chinese in both
LANGUAGE=en "$BANGFU" -d d set "$hh" household_type xx --why t 2>err && fail "household_type xx accepted"
expect_grep 'unknown household type "xx"' err
LANGUAGE=zh_CN "$BANGFU" -d d set "$hh" household_type xx --why t 2>err && fail "household_type xx accepted"
expect_grep '未知的户类型“xx”' err
LANGUAGE=en "$BANGFU" -d d export households -o en.csv >/dev/null
head -1 en.csv | grep -q '户类型' || fail "the export's header 户类型 is not kept Chinese under en"

# every catalog compiles with msgfmt --check (formats match their msgid's)
for po in "$TESTS"/../tui/po/*.po; do
	msgfmt --check -o /dev/null "$po" || fail "msgfmt --check $po"
done

# a setgid copy: AT_SECURE, so no build-tree catalog even with the language set
if [ "$(id -u)" = 0 ] && ! [ -e /usr/share/locale/zh_CN/LC_MESSAGES/bangfu.mo ] && ! [ -e /usr/local/share/locale/zh_CN/LC_MESSAGES/bangfu.mo ]; then
	install -g nogroup -m 2755 "$BANGFU" sg
	LANGUAGE=zh_CN ./sg -d d set "$hh" address "$long" --why t >/dev/null 2>zh.err || :
	# (its refusal: this test's directory is in no bangfu.conf; strerror's words come
	# from the system's own libc catalog, which is allowed)
	expect_grep "refusing to start" zh.err
	[ "$(LANGUAGE=zh_CN M "refusing to start: %s")" != "refusing to start: %s" ] ||
		fail "the zh_CN catalog does not translate the refusal (the check would prove nothing)"
fi
echo ok
