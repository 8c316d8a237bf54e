#!/bin/sh
# Runs every unit test binary and every end-to-end script, then prints one summary line
# ("N passed, N failed") and exits non-zero on any failure.
#   tests/run.sh BUILD_DIR BANGFU_BINARY UNIT_BINARIES...
# End-to-end scripts (tests/e2e/*.sh, and the fault torture in tests/faults/*.sh) get BANGFU (the shipped binary), BANGFU_TH (the
# test-hooks build) and a pinned environment: C.UTF-8, TZ=Asia/Shanghai, and bangfu's
# messages in English (LANGUAGE=en). A script with the line `# both locales` runs a
# second time with the messages in Chinese (LANGUAGE=zh_CN, the default for staff),
# named NAME@zh_CN; it finds the words it expects with M/Mf (tests/lib.sh). ONE_LOCALE=1
# runs English only (make torture: the fault torture's large counts once).
set -u
build=$1; bin=$2; shift 2
top=$(pwd)
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai LANGUAGE=en
export BANGFU_LOCALEDIR="$top/$build/locale"
export BANGFU="$top/$bin" BANGFU_TH="$top/$build/bangfu-testhooks"
export TESTS="$top/tests"
unset BANGFU_HOME XDG_DATA_HOME XDG_CONFIG_HOME
pass=0; fail=0; skip=0; failed=""
logdir="$top/$build/test-logs"; mkdir -p "$logdir"
only=${TEST_ONLY:-}
for t in "$@"; do
	name=$(basename "$t")
	[ -n "$only" ] && case "$name" in *$only*) ;; *) continue ;; esac
	if "$t" >"$logdir/$name.log" 2>&1; then pass=$((pass+1)); echo "PASS unit $name"
	else fail=$((fail+1)); failed="$failed $name"; echo "FAIL unit $name"; tail -30 "$logdir/$name.log"; fi
done
# run_e2e SCRIPT NAME LANGUAGE: one end-to-end script in a fresh work directory.
run_e2e() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-e2e.XXXXXX")
	(cd "$work" && LANGUAGE=$3 sh "$top/$1") >"$logdir/$2.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass+1)); echo "PASS e2e  $2"; rm -rf "$work"
	elif [ $rc -eq 77 ]; then   # the test said why it could not run here
		skip=$((skip+1)); echo "SKIP e2e  $2: $(tail -1 "$logdir/$2.log")"; rm -rf "$work"
	else
		fail=$((fail+1)); failed="$failed $2"; echo "FAIL e2e  $2 (work dir $work)"
		tail -30 "$logdir/$2.log"
	fi
}
for t in tests/e2e/*.sh tests/faults/*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	case $t in tests/faults/*) name="faults-$name" ;; esac   # tests/faults/crash.sh: faults-crash
	[ -n "$only" ] && case "$name" in *$only*) ;; *) continue ;; esac
	run_e2e "$t" "$name" en
	if [ "${ONE_LOCALE:-}" != 1 ] && grep -q '^# both locales' "$t"; then run_e2e "$t" "$name@zh_CN" zh_CN; fi
done
echo
[ $fail -eq 0 ] || echo "failed:$failed (logs in $logdir)"
if [ $skip -gt 0 ]; then echo "$pass passed, $fail failed, $skip skipped"; else echo "$pass passed, $fail failed"; fi
[ $fail -eq 0 ]
