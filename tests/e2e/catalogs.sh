# The message catalogs are complete and sound (docs/language.md): every message the
# sources hand to gettext has a Chinese translation in zh_CN, every message written in
# Chinese (the code tables' labels, the national form's headers) an English one in en;
# both pass msgfmt --check (each translation keeps its msgid's printf conversions) and
# use no positional conversions (%1$s), which the tests' printf could not fill in.
. "$TESTS/lib.sh"
top="$TESTS/.."
src=$(cd "$top" && ls core/*.c store/*.c tui/*.c tui/actions.h)
for lang in zh_CN en; do
	(cd "$top" && sh tui/po/untranslated.sh "$lang" $src) > "untranslated.$lang" ||
		{ head -40 "untranslated.$lang"; fail "$(wc -l < "untranslated.$lang") messages not translated in $lang"; }
	msgfmt --check --statistics -o /dev/null "$top/tui/po/$lang.po" 2> "stats.$lang" ||
		{ cat "stats.$lang"; fail "msgfmt --check $lang.po"; }
	# complete by msgfmt's count too: what needs no translator has its own text
	# (tui/po/fill_own.py), nothing fuzzy or left empty
	grep -Eq '^[0-9]+ translated messages\.$' "stats.$lang" || { cat "stats.$lang"; fail "$lang.po: $(cat "stats.$lang")"; }
	! grep -n '^msgstr.*%[0-9][0-9]*\$' "$top/tui/po/$lang.po" ||
		fail "$lang.po uses positional conversions"
done
echo ok
