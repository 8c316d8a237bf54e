# The other views and the UI's rules: the dashboard's counts and bars (Enter limits the
# list to a bar), `l` limit in the title, tags and `;` applying an edit to every tagged
# household after confirming the count, `:` running a verb into the pager, help generated
# from the live keymap with a user's rebinding, NO_COLOR with the cursor and tags still
# visible, ID and phone numbers masked for a township reviewer, an auditor refused an
# edit, and clear refusals when there is no terminal.
# both locales
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
as() { login=$1; shift; BANGFU_TEST_LOGIN=$login "$BANGFU_TH" "$@"; }
# cut_paren MSG: MSG up to its first " (" or "（", without trailing blanks
# upto_colon MSG: MSG up to its first ": " or "："
# ask FORMAT ARGS...: a question in the test's language, without its ": " or "："
ask() { _a=$(Mf "$@"); _a=${_a% }; _a=${_a%：}; printf %s "${_a%:}"; }
# trim MSG: MSG without its leading blanks
trim() { printf %s "${1#"${1%%[! ]*}"}"; }
limit() { trim "$(Mf '  [limit: %s]' "$1")"; }
rowof() { trim "$(Mf '  row %ld of %s' "$1" "$2")"; }
tagged() { trim "$(Mf '  %ld tagged' "$1")"; }
apply() { upto_colon "$(Mf "apply to %ld tagged: press the action's key (%s edit, %s untag) " "$1" e t)"; }
lim=$(M 'limit (e.g. county:佛冈县 category:边缘易致贫户 income<6000): '); lim=${lim%% county:*}
# ex CODE WORD: the :command pager's "[exit status CODE: WORD]"
# idphone WORD: the household title's "[ID/phone WORD]"
idphone() { _f=$(M 'Household %s  %s  [ID/phone %s]  %s%s'); _f=${_f#*  *  }; printf -- "${_f%%]*}]" "$(M "$1")"; }
seefull=$(cut_paren "$(M 'reason to see the full ID numbers and phones (recorded): ')")

expect_exit 0 as "$me" -d d init
expect_exit 0 as "$me" -d d demo --households 400 --seed 3
expect_exit 0 as "$me" -d d import households "$data/good.csv"
expect_exit 0 as "$me" -d d user add zhao --name 赵审核 --role township --scope 441821
expect_exit 0 as "$me" -d d user add li --name 李审计 --role auditor --scope 441821
hh=$("$BANGFU" -d d show 4418210001 | sed -n 's/^household: //p')

# every action named in tui/actions.h is documented in docs/ui.md
sed -n 's/^[[:space:]]*X([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$TESTS/../tui/actions.h" > action_names
[ "$(wc -l < action_names)" -ge 20 ] || fail "cannot read the action names"
for a in $(cat action_names); do
	grep -q -- "$a" "$TESTS/../docs/ui.md" || fail "docs/ui.md does not mention the action $a"
done

# no terminal: a clear refusal, not a broken screen
expect_exit 1 "$BANGFU" -d d < /dev/null
expect_grep "$(Mre 'bangfu: the terminal UI needs a terminal on stdin and stdout; in scripts use a verb such as `bangfu list` (bangfu --help lists them)\n')" err

# a user's key file: rebinds with the same syntax as the defaults; a bad line is reported
mkdir -p xdg-config/bangfu
printf 'bind list x history\nbind list y no-such-action\n' > xdg-config/bangfu/keys

ui_exec 120 40 env NO_COLOR=1 "$BANGFU" -d d
ui_wait "人均纯收入"
ui_wait "keys:2: $(cut_paren "$(M 'unknown action (the help screen, ?, lists them)')")"

# the dashboard: counts by state, category, type and county, with bars
total=$("$BANGFU" -d d list | awk '/^H/' | wc -l)
ui_keys d
ui_wait "$(cut_paren "$(Mf "Dashboard  %ld households in scope %s  (%s lists a bar's households)" "$total" 44)")"
[ "$LANGUAGE" != zh_CN ] || ui_wait "统计总览  共 $total 户"
ui_wait "$(M 'By state of the latest case')"
ui_wait "$(M 'By county')"
assisting=$("$BANGFU" -d d list state:assisting | awk '/^H/' | wc -l)
ui_wait "$(M 帮扶中)"
grep "$(M 帮扶中)" screen.txt | grep -q " $assisting #" || { ui_dump; fail "帮扶中 should count $assisting with a bar"; }
# Enter on a bar: back in the list, limited to it
ui_keys /; ui_type "$(M 帮扶中)"; ui_keys Enter
ui_wait_selected "$(M 帮扶中)"
ui_keys Enter
ui_wait "$(limit state:assisting)"
"$BANGFU" -d d list state:assisting | awk '/^H/ {print $1; exit}' > first
ui_wait_selected "$(cat first)"
ui_wait "$(rowof 1 "$assisting")"

# l: a limit in the query language, shown in the title
ui_keys l; ui_wait "$lim"
ui_keys C-u; ui_type "county:佛冈县 income<7000"; ui_keys Enter
ui_wait "$(limit "county:佛冈县 income<7000")"
n=$("$BANGFU" -d d list county:佛冈县 income\<7000 2>/dev/null | awk '/^H/' | wc -l)
ui_wait "$(rowof 1 "$n")"
ui_wait "$hh 李秀英"
ui_keys l; ui_keys C-u; ui_type "county:"; ui_keys Enter
ui_wait "county:"                                  # a bad query: the message, still running
ui_keys l; ui_keys C-u; ui_type "county:441821"; ui_keys Enter
ui_wait "$(limit county:441821)"

# tags: t tags and moves down, the title counts them, * marks them (no colour needed)
ui_keys g
"$BANGFU" -d d list county:441821 | awk '/^H/ {print $1}' | head -2 > tagged
ui_wait_selected "$(sed -n 1p tagged)"
ui_keys t; ui_wait_selected "$(sed -n 2p tagged)"
ui_keys t; ui_wait "$(tagged 2)"
ui_screen
grep -F "$(sed -n 1p tagged)" screen.txt | grep -q '^\*' || { ui_dump; fail "a tagged row shows no *"; }
# ; E: one field on every tagged household, after confirming the count
ui_keys '\;'; ui_wait "$(apply 2)"
ui_keys E; ui_wait "$(ask 'field (Tab lists them): ')"
ui_type "自然村"; ui_keys Enter
ui_wait "$(ask '%s (%s) for all %ld: ' 自然村 hamlet 2)"
ui_type "新屋"; ui_keys Enter
ui_wait "$(cut_paren "$(M 'reason for the change (kept in the history): ')")"
ui_type "统一核对自然村"; ui_keys Enter
ui_wait "$(Mnf 'set %s to "%s" on %ld tagged household?' 'set %s to "%s" on %ld tagged households?' 2 自然村 新屋 2)"
ui_keys y
ui_wait "$(Mnf 'set %s to "%s" on %ld household' 'set %s to "%s" on %ld households' 2 自然村 新屋 2)"
for id in $(cat tagged); do
	"$BANGFU" -d d show "$id" | grep -q "^hamlet: 新屋$" || fail "$id was not changed"
done
ui_keys '\;'; ui_wait "$(apply 2)"; ui_keys t; ui_wait "$(Mf 'untagged %ld households' 2)"
# T: tag every household matching a query (within the limit)
n=$("$BANGFU" -d d list county:441821 type:脱贫户 2>/dev/null | awk '/^H/' | wc -l)
ui_keys T; ui_wait "$(ask 'tag households matching: ')"
ui_type "type:脱贫户"; ui_keys Enter
ui_wait "$(cut_paren "$(Mf '%ld newly tagged (%ld match "%s"); %ld tagged in all' "$n")")"
ui_wait "$(tagged "$n")"
ui_keys '\;'; ui_wait "$(apply "$n")"; ui_keys t; ui_wait "$(Mf 'untagged %ld households' "$n")"

# the user's binding works and the help shows it, generated from the keymap
ui_keys k; ui_wait_selected "$(sed -n 2p tagged)"
ui_keys x; ui_wait "$(hist "$(sed -n 2p tagged)")"
ui_wait "统一核对自然村"
ui_keys q
ui_keys "?"; ui_wait "$(Mf 'Help: %s view' list)"
ui_wait "h <F6> x           history"
ui_keys /; ui_type "tag-prefix"; ui_keys Enter
ui_wait "tag-prefix"
ui_keys q

# NO_COLOR: the cursor is reverse video, nothing is coloured
ui_tmux capture-pane -e -p -t t > colours.txt
grep -q "$(printf '\033')\[3[0-7]m" colours.txt && fail "colour used despite NO_COLOR"
ui_wait_selected "H"

# : runs a verb, its output in the pager, then the UI goes on
ui_keys :; ui_type "show $hh"; ui_keys Enter
ui_wait ":show $hh"
ui_wait "household_no: 4418210001"
ui_wait "id_number: 4418**********1008"        # the verbs mask in the UI's pager too
ui_keys G; ui_wait "$(ex 0 done)"
ui_keys q
ui_keys :; ui_type "set $hh colour red --why x"; ui_keys Enter
ui_wait "$(upto_colon "$(Mf 'unknown field "%s": give a register column name (Chinese or English), e.g. 联系电话 or phone' colour)")"
ui_wait "$(ex 1 'refused or failed')"
ui_keys q; ui_keys Q
ui_cleanup

# a township reviewer sees ID and phone numbers masked
ui_exec 100 30 env BANGFU_TEST_LOGIN=zhao "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys /; ui_type "李秀英"; ui_keys Enter; ui_wait_selected "$hh"
ui_keys Enter; ui_wait "$(idphone masked)"
ui_wait "4418**********1008"
ui_keys /; ui_type "联系电话"; ui_keys Enter   # below the first screen since the whole form
ui_wait "138****8000"
ui_keys g; ui_wait "4418**********1008"
grep -q "441821197501011008" screen.txt && fail "a township reviewer sees a full ID number"
# R reveals after a reason (Esc at the reason reveals nothing)
ui_keys R; ui_wait "$seefull"
ui_keys Escape; ui_wait_gone "$seefull"
grep -q "441821197501011008" screen.txt && fail "revealed without a reason"
ui_keys R; ui_wait "$seefull"
ui_type "乡镇审核核对身份"; ui_keys Enter
ui_wait "441821197501011008"
ui_wait "$(idphone revealed)"
ui_keys Q
ui_cleanup

# an auditor may look but the edit key is refused before any form
ui_exec 100 30 env BANGFU_TEST_LOGIN=li "$BANGFU_TH" -d d
ui_wait "人均纯收入"
ui_keys E
ui_wait "$(Mf 'an %s may read but not change the register' "$(M 审计查阅)")"
# nor reveal ID numbers and phones: the store refuses before a reason is asked
ui_keys /; ui_type "李秀英"; ui_keys Enter; ui_wait_selected "$hh"
ui_keys Enter; ui_wait "$(idphone masked)"
ui_keys R
ui_wait "$(cut_paren "$(Mf 'the role %s may not reveal ID numbers and phones (auditors see who looked: `audit reveals`)' "$(M 审计查阅)")")"
grep -qF "$seefull" screen.txt && { ui_dump; fail "R asked an auditor a reason"; }
grep -q "441821197501011008" screen.txt && fail "an auditor saw a full ID number"
ui_keys Q
ui_cleanup
ui_done
