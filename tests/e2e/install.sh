# make install / uninstall into a staging DESTDIR, and the generated man page and
# completions: up to date with the binary's verb table (man/gen.sh), every verb and
# option in them, the man page renders without warnings, the bash completion completes.
. "$TESTS/lib.sh"
top=$(cd "$TESTS/.." && pwd)

# Up to date: regenerating from this binary gives the files kept in git.
sh "$top/man/gen.sh" "$BANGFU" gen
for f in bangfu.1 bangfu.bash _bangfu; do
	cmp -s gen/$f "$top/man/$f" || { diff -u "$top/man/$f" gen/$f | head -40; \
		fail "man/$f is stale: run make man"; }
done
# every verb and option of the table is in the man page
"$BANGFU" --dump-verbs > verbs
[ "$(wc -l < verbs)" -gt 40 ] || fail "--dump-verbs lists too few verbs"
cut -f1 verbs | while read -r v; do expect_grep ".B \"$v\"" gen/bangfu.1; done
cut -f3 verbs | tr ' ' '\n' | sed 's/=$//' | grep . | sort -u | while read -r o; do
	expect_grep "^.B $(echo "$o" | sed 's/-/\\\\-/g')\$" gen/bangfu.1
done
# an option with no description stops the generator
printf 'x\t\t--frob=\tfrob\n' > fake.tsv
printf '#!/bin/sh\ncat %s/fake.tsv\n' "$PWD" > fakebin; chmod +x fakebin
expect_exit 1 sh "$top/man/gen.sh" ./fakebin gen2
expect_grep "option --frob has no line" err

if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man --warnings -l gen/bangfu.1 > man.txt 2> man.err
	[ ! -s man.err ] || { cat man.err; fail "man page warnings"; }
	expect_grep "EXIT STATUS" man.txt
	expect_grep "audit verify" man.txt
fi
if command -v bash >/dev/null 2>&1; then
	bash -c '. gen/bangfu.bash; COMP_WORDS=(bangfu case mo); COMP_CWORD=2; _bangfu; echo "${COMPREPLY[*]}"' > c1
	expect_grep "^move$" c1
	bash -c '. gen/bangfu.bash; COMP_WORDS=(bangfu -d x case move --notice-s); COMP_CWORD=5; _bangfu; echo "${COMPREPLY[*]}"' > c2
	expect_grep "^--notice-start$" c2
fi

# make install / uninstall with DESTDIR, PREFIX and SYSCONFDIR
stage=$PWD/stage
make -s -C "$top" install DESTDIR="$stage" PREFIX=/usr SYSCONFDIR=/etc/opt > make.out 2>&1 || { cat make.out; fail "make install"; }
for f in usr/bin/bangfu usr/share/man/man1/bangfu.1 usr/share/bash-completion/completions/bangfu \
         usr/share/zsh/vendor-completions/_bangfu usr/share/locale/zh_CN/LC_MESSAGES/bangfu.mo \
         usr/share/locale/en/LC_MESSAGES/bangfu.mo; do
	[ -f "$stage/$f" ] || fail "make install did not lay out $f"
done
[ -x "$stage/usr/bin/bangfu" ] || fail "installed binary not executable"
expect_exit 0 "$stage/usr/bin/bangfu" --version
expect_grep "bangfu $(cat "$top/VERSION")" out
expect_grep "/etc/opt/bangfu.conf" "$stage/usr/share/man/man1/bangfu.1"
make -s -C "$top" uninstall DESTDIR="$stage" PREFIX=/usr > make.out 2>&1 || { cat make.out; fail "make uninstall"; }
left=$(find "$stage" -type f | wc -l)
[ "$left" -eq 0 ] || { find "$stage" -type f; fail "uninstall left $left files"; }
echo "install: ok"
