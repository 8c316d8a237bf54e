# Progress on stderr ("1,434 / 5,000 households, 1 s left") for import, demo, export,
# verify, rebuild and repack when stderr is a terminal (script(1) gives it one), and not
# a byte of it when stderr is a file or a pipe.
. "$TESTS/lib.sh"
command -v script >/dev/null || { echo "needs script(1) (bsdutils)"; exit 77; }
esc=$(printf '\033')
cr=$(printf '\r')
# on_tty NAME CMD...: run CMD with a terminal for stdin/stdout/stderr; its screen into NAME
on_tty() {
	name=$1; shift
	script -qfec "$*" "$name" >/dev/null 2>&1 || { cat -v "$name"; fail "on a terminal: $*"; }
}
# quiet CMD...: run CMD with stderr into a file: no progress line in it
quiet() {
	"$@" >/dev/null 2>quiet.err || { cat quiet.err; fail "$*"; }
	! grep -q "$esc\|$cr" quiet.err || { cat -v quiet.err; fail "progress in a file: $*"; }
}
B="$BANGFU"
expect_exit 0 "$B" -d d init
on_tty demo.tty "$B" -d d demo --households=4000 --seed=1
grep -q "$cr[0-9,]* / 4,000 households$esc\[K" demo.tty || { cat -v demo.tty; fail "demo: no progress line"; }
grep -q "added 4000 synthetic households" demo.tty || fail "demo: no result"
# the line is erased before the result is printed
grep -q "$esc\[K${cr}${esc}\[Kadded 4000" demo.tty || grep -q "$cr$esc\[Kadded 4000" demo.tty ||
	{ cat -v demo.tty; fail "demo: the progress line is not erased before the result"; }
on_tty export.tty "$B" -d d export households --reveal --why 迁移 -o all.csv
# the export counts what it will write first: its line has the total too
grep -q "$cr[0-9,]* / 4,000 households$esc\[K" export.tty || { cat -v export.tty; fail "export: no progress with its total"; }
on_tty export2.tty "$B" -d d export households county:440105 -o some.csv
total=$("$B" -d d list county:440105 --format tsv --limit 0 | tail -n +2 | wc -l)
[ "$total" -gt 0 ] && [ "$total" -lt 4000 ] || fail "county:440105: $total households"
grep -q "$cr[0-9,]* / $total households$esc\[K" export2.tty || { cat -v export2.tty; fail "export with a query: not its own total ($total)"; }
on_tty verify.tty "$B" -d d audit verify
grep -q "$cr[0-9,]* / [0-9,]* \(files compared\|commits checked\)" verify.tty || { cat -v verify.tty; fail "verify: no progress"; }
on_tty repack.tty "$B" -d d audit repack
grep -q "$cr[0-9,]* / [0-9,]* objects" repack.tty || { cat -v repack.tty; fail "repack: no progress"; }
expect_exit 0 "$B" -d e init
on_tty import.tty "$B" -d e import households - --why 迁移 "<" all.csv
grep -q "$cr[0-9,]* / 4,000 households$esc\[K" import.tty || { cat -v import.tty; fail "import: no progress"; }
grep -q "imported 4000 households" import.tty || { cat -v import.tty; fail "import from stdin on a terminal"; }
mv e/bangfu.db e.db
on_tty rebuild.tty "$B" -d e rebuild
grep -q "$cr[0-9,]* \(records restored\|/ [0-9,]* files of one event restored\)" rebuild.tty || { cat -v rebuild.tty; fail "rebuild: no progress"; }
# at most a few lines a second: 4,000 households take well under 4 s here, so few lines
[ "$(tr "$cr" '\n' < demo.tty | grep -c 'households')" -le 40 ] || fail "demo: not throttled"

# stderr a file: not a byte of progress
rm -rf d e; expect_exit 0 "$B" -d d init; expect_exit 0 "$B" -d e init
quiet "$B" -d d demo --households=4000 --seed=1
quiet "$B" -d d export households --reveal --why 迁移 -o all.csv
quiet "$B" -d d audit verify
quiet "$B" -d d audit repack
quiet sh -c '"$0" -d e import households - --why 迁移 < all.csv' "$B"
mv e/bangfu.db e.db
quiet "$B" -d e rebuild
echo "progress: ok"
