# Progress on stderr ("1,434 / 5,000 households, 1 s left") for import, demo, export,
# verify, rebuild and repack when stderr is a terminal (script(1) gives it one), and not
# a byte of it when stderr is a file or a pipe. The words are the catalog's: in Chinese "1,434 / 5,000 户，还剩 1 秒".
# both locales
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
# N SINGULAR PLURAL COUNT: the catalog's plural form for COUNT (as ngettext picks it)
N() { TEXTDOMAINDIR=$BANGFU_LOCALEDIR ngettext bangfu "$1" "$2" "$3"; }
# upto2 FORMAT ARG: a message's words up to its second conversion, the first filled with ARG
upto2() { printf -- "$(printf '%s' "$1" | sed 's/^\([^%]*%[a-z]*[^%]*\)%.*/\1/')" "$2"; }
hh=$(M households)
added=$(upto2 "$(M "added %d synthetic households (%d people, seed %lu) in %.1f s
")" 4000)
imported=$(upto2 "$(N "imported %d household (%d new, %d updated%s), %d people from %s [%s]
" "imported %d households (%d new, %d updated%s), %d people from %s [%s]
" 4000)" 4000)
[ -n "$added" ] && [ -n "$imported" ] || fail "no result messages from the catalog"
expect_exit 0 "$B" -d d init
on_tty demo.tty "$B" -d d demo --households=4000 --seed=1
grep -q "$cr[0-9,]* / 4,000 $hh$esc\[K" demo.tty || { cat -v demo.tty; fail "demo: no progress line"; }
grep -qF "$added" demo.tty || fail "demo: no result"
# the line is erased before the result is printed
grep -qF "$esc[K${cr}${esc}[K$added" demo.tty || grep -qF "$cr$esc[K$added" demo.tty ||
	{ cat -v demo.tty; fail "demo: the progress line is not erased before the result"; }
on_tty export.tty "$B" -d d export households --reveal --why 迁移 -o all.csv
# the export counts what it will write first: its line has the total too
grep -q "$cr[0-9,]* / 4,000 $hh$esc\[K" export.tty || { cat -v export.tty; fail "export: no progress with its total"; }
on_tty export2.tty "$B" -d d export households county:440105 -o some.csv
total=$("$B" -d d list county:440105 --format tsv --limit 0 | tail -n +2 | wc -l)
[ "$total" -gt 0 ] && [ "$total" -lt 4000 ] || fail "county:440105: $total households"
grep -q "$cr[0-9,]* / $total $hh$esc\[K" export2.tty || { cat -v export2.tty; fail "export with a query: not its own total ($total)"; }
on_tty verify.tty "$B" -d d audit verify
grep -q "$cr[0-9,]* / [0-9,]* \($(M "files compared")\|$(M "commits checked")\)" verify.tty || { cat -v verify.tty; fail "verify: no progress"; }
on_tty repack.tty "$B" -d d audit repack
grep -q "$cr[0-9,]* / [0-9,]* \($(M "objects found")\|$(M "objects compressed")\|$(M "objects written")\)" repack.tty || { cat -v repack.tty; fail "repack: no progress"; }
expect_exit 0 "$B" -d e init
on_tty import.tty "$B" -d e import households - --why 迁移 "<" all.csv
grep -q "$cr[0-9,]* / 4,000 $hh$esc\[K" import.tty || { cat -v import.tty; fail "import: no progress"; }
grep -qF "$imported" import.tty || { cat -v import.tty; fail "import from stdin on a terminal"; }
mv e/bangfu.db e.db
on_tty rebuild.tty "$B" -d e rebuild
grep -q "$cr[0-9,]* \($(M "records restored")\|/ [0-9,]* $(M "files of one event restored")\)" rebuild.tty || { cat -v rebuild.tty; fail "rebuild: no progress"; }
# at most a few lines a second: 4,000 households take well under 4 s here, so few lines
[ "$(tr "$cr" '\n' < demo.tty | grep -c "$hh")" -le 40 ] || fail "demo: not throttled"

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
