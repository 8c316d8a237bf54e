# docs/ui.md's table of default keys is current: made anew from this binary's actions
# and default keymap (docs/keys.sh, bangfu --dump-keys) it is the file kept in git; and
# the dump names every action's keys as the keymap binds them.
. "$TESTS/lib.sh"
top=$(cd "$TESTS/.." && pwd)

"$BANGFU" --dump-keys > keys.tsv || fail "--dump-keys failed"
expect_grep "^move-down	generic	j <Down> ^N	" keys.tsv
expect_grep "^edit-field	household	E <F4>	" keys.tsv
expect_grep "^discard	drafts	X <Delete>	" keys.tsv
sh "$top/docs/keys.sh" "$BANGFU" "$top/docs/ui.md" > ui.md || fail "docs/keys.sh failed"
cmp -s ui.md "$top/docs/ui.md" || { diff -u "$top/docs/ui.md" ui.md | head -40; \
	fail "docs/ui.md's key table is stale: run make man"; }
# a doc without the markers is refused, not passed through
printf '# no table\n' > plain.md
expect_exit 1 sh "$top/docs/keys.sh" "$BANGFU" plain.md
echo "keys_doc: ok"
