# libgit2 and libxlsxwriter are loaded only when used (store/lazylib.c): bangfu links
# neither, read-only commands (--version, list, a search, show, report) load neither nor
# the libraries they need (krb5, OpenSSL's libcrypto, mbedTLS, ssh2, minizip); an edit,
# `audit verify` and `audit log` load libgit2 and work, an xlsx export loads
# libxlsxwriter and writes a workbook. The loader's own trace (LD_DEBUG=libs names each
# library it initialises) says what was loaded. shared_server.sh checks that a setgid
# run ignores LD_LIBRARY_PATH.
# both locales
. "$TESTS/lib.sh"
data="$TESTS/e2e/data"
me=$(id -un)
# loaded CMD...: the libraries the run initialised, one a line
loaded() { LD_DEBUG=libs "$@" 2>&1 >/dev/null | sed -n 's/.*calling init: //p'; }
heavy='libgit2\|libxlsxwriter\|libcrypto\|libkrb5\|libssh2\|libmbed\|libminizip'

for b in "$BANGFU" "$BANGFU_TH"; do
	loaded "$b" --version > libs
	expect_grep 'libsqlite3' libs          # the trace works: SQLite is linked
	expect_no_grep "$heavy" libs
done
expect_exit 0 as "$me" init
expect_exit 0 as "$me" import households "$data/good.csv"
expect_exit 0 as "$me" user add cw --role caseworker --scope 441821 --name 小陈
for cmd in "list" "list 陈 --limit 40" "show 4418210001" "report" "export households"; do
	# shellcheck disable=SC2086
	BANGFU_TEST_LOGIN=cw loaded "$BANGFU_TH" -d d $cmd > libs
	expect_grep 'libsqlite3' libs
	expect_no_grep "$heavy" libs
done
# an edit loads libgit2, through its soname, and the change is in the history
BANGFU_TEST_LOGIN=cw loaded "$BANGFU_TH" -d d set 4418210001 hamlet 下围 --why 核实 > libs
expect_grep 'libgit2\.so\.' libs
expect_no_grep 'libxlsxwriter' libs
expect_exit 0 as "$me" show 4418210001
expect_grep '^hamlet: 下围$' out
[ "$(last_commit | cut -d'|' -f2)" = "set 自然村 H4418210000001: 核实" ] || fail "no commit: $(last_commit)"
expect_exit 0 as "$me" audit verify
expect_exit 0 as "$me" audit log 4418210001 --patch
expect_grep '下围' out
# a change (--why given) starts loading libgit2 on a second thread while the store opens
# (store_expect_change): a change refused before it reaches the history still ends
# cleanly, its exit code the refusal's, and changes nothing
before=$(last_commit)
for i in 1 2 3 4 5; do
	BANGFU_TEST_LOGIN=cw expect_exit 1 "$BANGFU_TH" -d d set H4400000009999 hamlet 下围 --why 核实
	BANGFU_TEST_LOGIN=cw expect_exit 1 "$BANGFU_TH" -d missing set 4418210001 hamlet 下围 --why 核实
done
[ "$(last_commit)" = "$before" ] || fail "a refused change made a commit: $(last_commit)"
# an xlsx export loads libxlsxwriter and writes a workbook
BANGFU_TEST_LOGIN=cw loaded "$BANGFU_TH" -d d export households --format xlsx -o "$PWD/h.xlsx" > libs
expect_grep 'libxlsxwriter\.so\.' libs
expect_no_grep 'libgit2' libs
[ "$(head -c 2 h.xlsx)" = "PK" ] || fail "the xlsx is not a zip file"
# libgit2's initialisation no longer parses the CA bundle (store/git_lazy.c): an edit
# never reads it; a push reads it (into the chain libgit2's TLS checks against) before it
# connects, so an https mirror's certificate is still checked against it
if command -v strace >/dev/null 2>&1 && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
	ca() { strace -f -e trace=openat -o trace "$@" >/dev/null 2>&1 || :; grep -c 'ca-certificates\|/etc/ssl/certs' trace || :; }
	[ "$(BANGFU_TEST_LOGIN=cw ca "$BANGFU_TH" -d d set 4418210001 hamlet 中围 --why 核实)" = 0 ] ||
		fail "an edit read the CA certificates"
	expect_exit 0 as "$me" show 4418210001
	expect_grep '^hamlet: 中围$' out
	expect_exit 0 as "$me" audit mirror-init "$PWD/mirror.git"
	[ "$(BANGFU_TEST_LOGIN=$me ca "$BANGFU_TH" -d d audit push "$PWD/mirror.git")" -ge 1 ] ||
		fail "a push did not read the CA certificates"
	[ "$(git --git-dir=mirror.git rev-parse main)" = "$(git --git-dir=d/audit.git rev-parse main)" ] ||
		fail "the push did not reach the mirror"
fi
# and the certificate check is made: a self-signed https server is refused
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
		-subj /CN=localhost >/dev/null 2>&1
	port=$((20000 + $$ % 20000))
	openssl s_server -accept "$port" -cert cert.pem -key key.pem -www >/dev/null 2>&1 &
	server=$!
	trap 'kill "$server" 2>/dev/null || :' EXIT
	sleep 1
	expect_exit 1 as "$me" audit push "https://localhost:$port/x.git"
	expect_grep "certificate" err
	kill "$server" 2>/dev/null || :
fi
