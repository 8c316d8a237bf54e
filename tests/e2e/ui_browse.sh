# The terminal UI, as a caseworker's day starts: open the list, search a two-character
# Chinese name, open the household, edit a field with a reason and see the change as a
# new commit in the history view (and its diff), resize to 80x24 and back with the
# cursor staying on the same household, repaint with Ctrl-L, and quit with the terminal
# restored (normal screen, a sane tty, the shell usable).
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# Mt MSGID: a prompt as the screen shows it (the message without its trailing blank)
Mt() { M "$1" | sed 's/ *$//'; }

expect_exit 0 "$BANGFU" -d d init
expect_exit 0 "$BANGFU" -d d demo --households 300 --seed 1
expect_exit 0 "$BANGFU" -d d import households "$data/good.csv"
"$BANGFU" -d d list | awk '/^H/ {print $1}' > all
hh=$("$BANGFU" -d d show 4418210001 | sed -n 's/^household: //p')
[ -n "$hh" ] || fail "no id for the imported household"

ui_shell 100 30
ui_type "$BANGFU -d d"; ui_keys Enter
ui_wait "$(M Households)"
ui_wait "人均纯收入"                       # the column header, fitted to 100 cells
ui_wait "$(Mf '%s help   %s back   %s quit' '?' q Q | cut -d' ' -f1-2)"
[ "$LANGUAGE" != zh_CN ] || ui_wait "? 帮助"

# search a two-character name: the cursor moves to the first match after it (as
# `bangfu list` orders them: a member's name, ID digits or a village may match), n to
# the next, N back
"$BANGFU" -d d list 秀英 | awk '/^H/ {print $1}' > matches
[ "$(wc -l < matches)" -ge 2 ] || fail "the demo has fewer than two 秀英 households"
first=$(sed -n 1p matches)
ui_keys /; ui_wait "$(Mt '/ (name, ID digits, village): ')"
ui_type "秀英"; ui_keys Enter
ui_wait_selected "$first"
prev=$first
for id in $(sed 1d matches); do          # n walks the matches in register order
	ui_keys n; ui_wait_selected "$id"
	[ "$id" = "$hh" ] && break
	prev=$id
done
grep -qx "$hh" matches || fail "$hh does not match 秀英"
ui_keys N; ui_wait_selected "$prev"      # N goes back one
ui_keys n; ui_wait_selected "$hh"
ui_wait_selected "李秀英"

# open it: household, members, cases
ui_keys Enter
ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' "$hh" 李秀英 "$(M masked)")"
ui_wait "$(Mf 'Member %d: %s  %s' 1 李秀英 | sed 's/ *$//')"
ui_wait "4418**********1008"                 # masked for everyone, administrators too
ui_keys R; ui_wait "$(Mt 'reason to see the full ID numbers and phones (recorded): ')"
ui_type "核实身份证号"; ui_keys Enter
ui_wait "441821197501011008"                 # revealed, and recorded
ui_wait "$(M 'revealed: this look is recorded in the audit history')"
"$BANGFU" -d d audit reveals > reveals
reveal='%s %s  event %ld  %s (%s, %s)  %s %ld household: %s\n    why: %s\n'
expect_grep "$(Mre "$reveal" '.*' '.*' '.*' '.*' '.*' '.*' show 1 "$hh")" reveals
expect_grep "$(LINE=2 Mre "$reveal" 核实身份证号)" reveals
ui_keys G; ui_wait "$(M 'Case %s  %s (%s)' | sed 's/%s.*//')C"                 # its case, at the end
ui_keys g; ui_wait "户编号"

# edit the first member's phone: find the line, E, a new value, a reason
ui_keys /; ui_type "联系电话"; ui_keys Enter
ui_wait_selected "13800138000"
prompt=$(Mf '%s (%s) of member %d: ' 联系电话 phone 1)
ui_keys E; ui_wait "$(echo "$prompt" | sed 's/ *$//')"
ui_keys C-u; ui_type "123"; ui_keys Enter
ui_wait "$(Mt 'reason for the change (kept in the history): ')"
ui_type "电话号码变更 回访确认"; ui_keys Enter
ui_wait "$(Mf '%s (%s): %s' 联系电话 phone "$(Mf '"%s" is not an 11-digit mobile number (a landline is not taken here)' 123)")"                    # the store's refusal, above the prompt
ui_wait "${prompt}123"          # the value is offered again to fix
ui_keys C-u; ui_type "13900139000"; ui_keys Enter
ui_wait "$(M 'reason for the change (kept in the history): ')电话号码变更 回访确认"  # the reason is kept
ui_keys Enter
ui_wait "$(M 'saved: %s of %s (member) is now "%s"' | sed 's/%s.*//')联系电话"
ui_wait_selected "139****9000"                   # read again: masked again
"$BANGFU" -d d show "$hh" --reveal --why "核对" > shown
expect_grep "^phone: 13900139000$" shown

# the history view: the change is a new commit, with who, why and the commit id
change=$(git --git-dir=d/audit.git log -1 --format=%H -- households/)   # HEAD is the reveal
head=$(echo "$change" | cut -c1-8)
history=$(Mnf 'History of %s  (%ld change, %s; %s diff, %s all new)' \
	'History of %s  (%ld changes, %s; %s diff, %s all new)' 2 "$hh" | sed 's/ *[(（].*//')
ui_keys h
ui_wait "$history"
ui_wait "电话号码变更 回访确认"
ui_wait_selected "$head"
ui_wait "import"
git --git-dir=d/audit.git log -1 --format=%B "$change" | grep -q "电话号码变更" || fail "commit message lacks the reason"
# its diff, read from git
ui_keys Enter
ui_wait "$(Mnf 'commit %s\nAuthor: %s <%s@bangfu>\nDate:   %s\nEvent:  %ld (%s: %s, %ld file in your scope)\n' 'commit %s\nAuthor: %s <%s@bangfu>\nDate:   %s\nEvent:  %ld (%s: %s, %ld files in your scope)\n' 1 "$change" | sed -n 1p)"
ui_wait "-phone: 138****8000"                # the diff is masked too
ui_wait "+phone: 139****9000"
ui_screen; ! grep -q "13800138000\|13900139000\|441821197501011008" screen.txt || { ui_dump; fail "a full number in the history diff"; }

# back to the list: the cursor is still on the household
ui_keys q; ui_wait "$history"
ui_keys q; ui_wait "$(Mf 'Household %s  %s  [ID/phone %s]  %s%s' "$hh" 李秀英 | sed 's/ *\[.*//')"
ui_keys q; ui_wait "人均纯收入"
ui_wait_selected "$hh"

# resize to 80x24 and back: same household under the cursor, columns refitted
ui_tmux resize-window -t t -x 80 -y 24
ui_wait_gone "户类型"                       # a column dropped at 80 cells
ui_wait_selected "$hh"
ui_tmux resize-window -t t -x 100 -y 30
ui_wait "户类型"
ui_wait_selected "$hh"
# Ctrl-L repaints, the cursor stays
ui_keys C-l
ui_wait "人均纯收入"
ui_wait_selected "$hh"

# unbound key: a message, the program goes on
ui_keys Z
ui_wait "$(Mf '%s is not bound in the %s view (%s lists the keys)' Z list '?')"
[ "$LANGUAGE" != zh_CN ] || ui_wait "Z 在 list 视图中未绑定"

# quit: the shell is back on the normal screen with a sane terminal
ui_keys Q
ui_wait_gone "人均纯收入"
[ "$(ui_tmux display -p -t t '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"
ui_type 'stty -a > stty.txt; echo "exit=$? shell-ok"'; ui_keys Enter
ui_wait "exit=0 shell-ok"
grep -q -- "-icanon" stty.txt && fail "terminal left in raw mode"
grep -q -- "-echo " stty.txt && fail "terminal left without echo"
grep -q " icanon" stty.txt || fail "stty output unexpected"

# SIGTERM (an administrator stopping sessions): the terminal is restored as well
shell=$(ui_pid)
ui_type "$BANGFU -d d"; ui_keys Enter
ui_wait "人均纯收入"
ui_keys Down Down Up; ui_wait_selected "$(sed -n 2p all)"     # arrows move too
kill -TERM "$(pgrep -P "$shell")"
ui_wait_gone "人均纯收入"
[ "$(ui_tmux display -p -t t '#{alternate_on}')" = 0 ] || fail "SIGTERM left the alternate screen"
ui_type 'stty -a > stty2.txt; echo "again=$? shell-ok"'; ui_keys Enter
ui_wait "again=0 shell-ok"
grep -q -- "-icanon" stty2.txt && fail "SIGTERM left the terminal in raw mode"
ui_done
