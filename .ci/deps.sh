#!/bin/sh
# Installs the Debian packages bangfu needs to build and test, if any is missing.
# Works as root (CI, a fresh Debian 12 machine); as another user it says what to run.
set -eu
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
have_pc ncursesw || need="$need libncurses-dev"
have_pc sqlite3  || need="$need libsqlite3-dev"
have_pc libgit2  || need="$need libgit2-dev"
have_pc cmocka   || need="$need libcmocka-dev"
have_pc xlsxwriter || need="$need libxlsxwriter-dev"
have_pc zlib     || need="$need zlib1g-dev"          # the pack writer (store/audit_packw.c)
have_pc libcrypto || need="$need libssl-dev"        # its SHA-1 (loaded only by it)
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need="$need python3-openpyxl"   # tests read xlsx back
command -v tmux >/dev/null 2>&1 || need="$need tmux"
command -v man >/dev/null 2>&1 || need="$need man-db"               # install.sh renders bangfu(1)
[ -x /usr/sbin/sshd ] || need="$need openssh-server"                  # faults/witness_ssh.sh: a private sshd
[ -r /usr/share/unicode/EastAsianWidth.txt ] || need="$need unicode-data"   # width_table.sh, gen_width.sh
command -v script >/dev/null 2>&1 || need="$need bsdutils"           # progress.sh: script(1) gives a terminal
command -v git >/dev/null 2>&1 || need="$need git"
command -v msgfmt >/dev/null 2>&1 || need="$need gettext"              # the message catalogs (tui/po)
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
command -v iconv >/dev/null 2>&1 || need="$need libc-bin"
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || need="$need locales"
[ -z "$need" ] && exit 0
echo "bangfu: missing Debian packages:$need" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "bangfu: run as root:  apt-get update && apt-get install -y$need" >&2
	echo "        (or: sudo make deps)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q $need
