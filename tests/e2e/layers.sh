# The layers tui/ → store/ → core/ are a check, not a promise:
#  - core/ includes only the C library and its own headers (no SQLite, libgit2, curses,
#    xlsxwriter header, nothing of store/ or tui/); store/ no curses header and nothing of tui/;
#  - the archives name only allowed libraries' symbols (`nm -u`): libcore.a the C library
#    and libm; libstore.a those, SQLite, libgit2, zlib and libcrypto (libgit2's own
#    dependencies: the pack writer, store/audit_packw.c, deflates and checksums) and libcore.a;
#  - the Makefile compiles core/ with no pkg-config flags (release and test-hooks builds).
. "$TESTS/lib.sh"
top=$(cd "$TESTS/.." && pwd)
build=$(dirname "$BANGFU_TH")

# --- includes ------------------------------------------------------------------------
# core/: the C11 standard headers, POSIX's iconv.h and strings.h, and the C library's
# gettext (libintl.h: the messages' catalogs), nothing else in <>.
c_std='assert|complex|ctype|errno|fenv|float|inttypes|iso646|limits|locale|math|setjmp|signal|stdalign|stdarg|stdatomic|stdbool|stddef|stdint|stdio|stdlib|stdnoreturn|string|tgmath|threads|time|uchar|wchar|wctype'
core_ok="^($c_std|iconv|strings|libintl)\\.h\$"
bad=0
for f in "$top"/core/*.c "$top"/core/*.h; do
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/\1/p' "$f" | while read -r h; do
		echo "$h" | grep -Eq "$core_ok" || echo "${f#$top/}: <$h> is not the C library's"
	done
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" | while read -r h; do
		case $h in core/*) ;; *) echo "${f#$top/}: \"$h\" is outside core/" ;; esac
	done
done > core_includes
[ ! -s core_includes ] || { cat core_includes; fail "core/ includes a header of another layer"; }

for f in "$top"/store/*.c "$top"/store/*.h; do
	grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]((n?cursesw?/)?n?curses|ncursesw?/|panel|menu|form|term|xlsxwriter|tui/)' "$f" || true
done > store_includes
[ ! -s store_includes ] || { cat store_includes; fail "store/ includes a curses or tui/ header"; }

# --- symbols ---------------------------------------------------------------------------
[ -f "$build/libcore.a" ] && [ -f "$build/libstore.a" ] || fail "no $build/libcore.a or libstore.a"
libpath() { p=$(${CC:-cc} -print-file-name="$1"); [ -f "$p" ] || fail "cannot find $1 ($p)"; echo "$p"; }
dyn_defined() { for l in "$@"; do nm -D --defined-only "$(libpath "$l")" | awk 'NF>=3{sub(/@.*/, "", $3); print $3}'; done; }
own_defined() { nm --defined-only "$@" 2>/dev/null | awk 'NF==3{print $3}'; }
undefined() { nm -u "$1" 2>/dev/null | awk '$1=="U"{print $2}' | sed 's/@.*//' | sort -u; }
# Symbols the toolchain itself provides (the linker, sanitizers in `make check SANITIZE=1`).
toolchain='^(_GLOBAL_OFFSET_TABLE_|__dso_handle|__(asan|ubsan|lsan|sanitizer|tsan)_.*)$'

{ dyn_defined libc.so.6 libm.so.6; own_defined "$build/libcore.a"; } | sort -u > core_allowed
undefined "$build/libcore.a" | grep -Ev "$toolchain" | comm -23 - core_allowed > core_foreign
[ ! -s core_foreign ] || { cat core_foreign; fail "libcore.a needs symbols from outside libc/libm"; }
# a sanity check that the list above means something: core does call the C library
undefined "$build/libcore.a" > core_undef
expect_grep '^malloc$' core_undef

{ dyn_defined libc.so.6 libm.so.6 libsqlite3.so libgit2.so libz.so libcrypto.so
  own_defined "$build/libstore.a" "$build/libcore.a"; } | sort -u > store_allowed
undefined "$build/libstore.a" | grep -Ev "$toolchain" | comm -23 - store_allowed > store_foreign
[ ! -s store_foreign ] || { cat store_foreign; fail "libstore.a needs symbols from outside libc/libm/SQLite/libgit2/zlib/libcrypto/core"; }
undefined "$build/libstore.a" > store_undef
expect_grep '^sqlite3_step$' store_undef
# and the allowed list really excludes curses: a store calling it would be caught
expect_no_grep '^initscr$' store_allowed

# --- the Makefile: core/ gets no pkg-config flags ----------------------------------------
pkgflags=$(pkg-config --cflags ncursesw sqlite3 libgit2 xlsxwriter 2>/dev/null || true)
if command -v make >/dev/null 2>&1; then
	make -s -n -B -C "$top" BUILDDIR="$PWD/mk" "$PWD/mk/core/date.o" "$PWD/mk/th/core/date.o" \
		"$PWD/mk/store/db.o" > make_n 2>&1 || { cat make_n; fail "make -n failed"; }
	grep -E -- '-c -o [^ ]*/core/date\.o' make_n > core_cmds
	[ "$(wc -l < core_cmds)" -eq 2 ] || { cat make_n; fail "expected two compile lines for core/date.o"; }
	# $(CFLAGS_PKG) reaches a compile line as one run of words
	if [ -n "$pkgflags" ]; then
		! grep -qF -- " $pkgflags" core_cmds || { cat core_cmds; fail "core/ compiled with pkg-config flags"; }
		# and the store compile line does get them (so the check above is not vacuous)
		grep -F -- '/store/db.o' make_n | grep -qF -- " $pkgflags" || { cat make_n; fail "store/ compile lacks $pkgflags"; }
	fi
fi
echo "layers ok"
