# lib.sh — helpers for the end-to-end scripts (sourced). Each script runs in a fresh
# temporary directory; `fail MSG` stops it, `expect_*` assert.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_exit CODE CMD...: run CMD, capture stdout/stderr in out/err, check the code.
expect_exit() {
	want=$1; shift
	set +e; "$@" >out 2>err; got=$?; set -e
	[ "$got" -eq "$want" ] || { echo "--- stdout"; cat out; echo "--- stderr"; cat err; \
		fail "expected exit $want, got $got: $*"; }
}
expect_grep() { grep -q -- "$1" "$2" || { echo "--- $2:"; cat "$2"; fail "'$1' not in $2"; }; }
expect_no_grep() { ! grep -q -- "$1" "$2" || { echo "--- $2:"; cat "$2"; fail "'$1' unexpectedly in $2"; }; }
