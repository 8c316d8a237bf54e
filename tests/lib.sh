# lib.sh — helpers for the end-to-end scripts (sourced). Each script runs in a fresh
# temporary directory; `fail MSG` stops it, `expect_*` assert.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
# M MSGID: bangfu's message in the language the test runs in (LANGUAGE, set by run.sh),
# from the catalogs the build made; Mf FORMAT ARGS...: the same, filled in like printf.
# A script that asserts on messages through these can carry `# both locales`.
# (-e: a \n written in the MSGID is the line break the code's message has.)
M() { TEXTDOMAINDIR=$BANGFU_LOCALEDIR gettext -e -- bangfu "$1"; }
# Mlabel LABEL: a label marked NC_ in the code tables as bangfu shows it (codes_shown): its "code
# label" context (户主, 户类型, 监测对象类别, 风险类型); other labels go through M.
Mlabel() { TEXTDOMAINDIR=$BANGFU_LOCALEDIR gettext -e --context="code label" -- bangfu "$1"; }
# (C's length modifiers, as in %zu or %ld, are dropped for the shell's printf.)
Mf() { _mf=$(M "$1" | sed 's/%\([-+ #0-9.]*\)[hljzt]*\([a-zA-Z]\)/%\1\2/g'); shift; printf -- "$_mf" "$@"; }
# Mre MSGID ARGS...: the message in the test's language as a grep pattern: the catalog's
# format (escapes expanded, as the code wrote it) literal, its conversions filled with the
# ARGS (patterns themselves; ".*" for the missing ones). One line of the format: LINE=n.
Mre() {
	_mre=$(TEXTDOMAINDIR=$BANGFU_LOCALEDIR gettext -e -- bangfu "$1" | sed -n "${LINE:-1}p"); shift
	python3 - "$_mre" "$@" <<'EOF'
import re, sys
args = sys.argv[2:]
parts = re.split(r'(%[-+ #0-9.]*[hljzt]*[a-zA-Z])', sys.argv[1])
out = ''
for i, p in enumerate(parts):
    out += (args.pop(0) if args else '.*') if i % 2 else re.sub(r'([][.*^$\\])', r'\\\1', p)
print(out)
EOF
}
# en_grep PATTERN FILE: expect_grep in the English run only (words of another area that
# may be translated later, or of a setgid bangfu, which reads the installed catalogs only).
en_grep() { [ "${LANGUAGE:-en}" != en ] || expect_grep "$@"; }
# Mnf SINGULAR PLURAL N ARGS...: an ngettext message for the count N, filled in with ARGS.
Mnf() { _mf=$(TEXTDOMAINDIR=$BANGFU_LOCALEDIR ngettext -e -- bangfu "$1" "$2" "$3" |
	sed 's/%\([-+ #0-9.]*\)[hljzt]*\([a-zA-Z]\)/%\1\2/g'); shift 3; printf -- "$_mf" "$@"; }
# expect_exit CODE CMD...: run CMD, capture stdout/stderr in out/err, check the code.
expect_exit() {
	want=$1; shift
	set +e; "$@" >out 2>err; got=$?; set -e
	[ "$got" -eq "$want" ] || { echo "--- stdout"; cat out; echo "--- stderr"; cat err; \
		fail "expected exit $want, got $got: $*"; }
}
expect_grep() { grep -q -- "$1" "$2" || { echo "--- $2:"; cat "$2"; fail "'$1' not in $2"; }; }
expect_no_grep() { ! grep -q -- "$1" "$2" || { echo "--- $2:"; cat "$2"; fail "'$1' unexpectedly in $2"; }; }
# The test-hooks build on the data directory d, acting as a login (and on a pinned day):
#   as LOGIN ARGS...      on DAY LOGIN ARGS...
# (a script that needs another directory or build defines its own after sourcing this)
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" -d d "$@"; }
on() { day=$1; who=$2; shift 2; BANGFU_TODAY=$day BANGFU_TEST_LOGIN=$who "$BANGFU_TH" -d d "$@"; }
# d's audit history: how many commits, and the last one as "author|subject|body".
commits() { git --git-dir=d/audit.git rev-list --count HEAD; }
last_commit() { git --git-dir=d/audit.git log -1 --format='%ae|%s|%b' | grep '|'; }

# Can an ordinary account reach DIR (every parent searchable)? The shared-server tests run
# a setgid binary as real accounts whose configuration lives in the build directory; a
# tree under a private directory (a mktemp -d parent) cannot be reached by them.
others_reach() { runuser -u nobody -- test -x "$1" 2>/dev/null; }
# As an administrator would for a deployment: let other accounts search each parent of
# DIR that they cannot (o+x), remembered so that reach_undo takes it back at the end.
reach_opened=""
reach_open() {
	p=$1
	while [ "$p" != / ]; do
		if [ $((0$(stat -c %a "$p") & 1)) -eq 0 ]; then
			chmod o+x "$p" && reach_opened="$reach_opened $p"
		fi
		p=$(dirname "$p")
	done
}
reach_undo() { for p in $reach_opened; do chmod o-x "$p"; done; reach_opened=""; }

# Pieces of translated messages the tests wait for (either language):
cut_paren() { _c=${1%%（*}; _c=${_c%% (*}; printf %s "${_c%"${_c##*[! ]}"}"; }
upto_colon() { _c=${1%%：*}; printf %s "${_c%%: *}"; }
lit() { printf '%s\n' "$1" | sed 's/[]*.^$[\\]/\\&/g'; }
# Mnfe SINGULAR PLURAL N ARGS...: Mnf's message as a grep pattern (literal);
# Mnre SINGULAR PLURAL N ARGS...: the plural form's format filled as Mre fills one.
Mnfe() { Mnf "$@" | sed 's/[]*.^$[\\]/\\&/g'; }
Mnre() { _f=$(TEXTDOMAINDIR=$BANGFU_LOCALEDIR ngettext -e -- bangfu "$1" "$2" "$3"); shift 3; Mre "$_f" "$@"; }
