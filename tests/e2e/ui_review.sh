# The review queue in the terminal UI, as a township reviewer's morning goes: three
# cases walked to township review on the command line (dates pinned with BANGFU_TODAY,
# staff simulated with BANGFU_TEST_LOGIN, test-hooks build), then, as the reviewer, `r`
# opens the queue oldest first with each case's rule checks; A approves with a reason
# (a new commit by tr with that reason) and the next case is selected by itself; B sends
# one back; Enter opens a household; the help lists the keys. Then a county approver at
# 80x24 (a shorter title, each row's 15-day clock) sees the two passed cases and presses A on
# one that was sent back meanwhile: refused before any question; the program keeps running.
. "$TESTS/lib.sh"
. "$TESTS/ui_lib.sh"
# (no idle refresh: these sessions act on rows made stale on purpose)
ui_as() { ui_exec "$1" "$2" env BANGFU_UI_IDLE_MS=0 BANGFU_TODAY="$3" BANGFU_TEST_LOGIN="$4" "$BANGFU_TH" -d d; }
# the view's lines (without title, header and status line)
body() { sed '1,2d;$d' screen.txt; }

# two more households in the same village (old 15-digit ID numbers), three staff
ui_village 2026-01-05 "cw caseworker 441821107202 村干部小陈" "tr township 441821107 镇审核老李" \
	"ca county 441821 县审批王科"
# C0000002..4 on households 2..4, to township review: C0000002 on the 13th, the others
# on the 14th (so the queue, oldest first, is C0000002, C0000003, C0000004)
n=2
for H in 4418210002 4418210003 4418210004; do
	C=C000000$n
	expect_exit 0 on 2026-01-05 cw case open $H --category 边缘易致贫户 --source 基层干部排查 --risks 因病 --why 排查发现
	expect_grep "$C: case opened" out
	expect_exit 0 on 2026-01-06 cw case move $C visit --consent 2026-01-06 --why 入户核实
	expect_exit 0 on 2026-01-07 cw case move $C check --why 数据比对
	expect_exit 0 on 2026-01-08 cw case move $C village_review --notice-start 2026-01-08 --notice-end 2026-01-12 --why 村级评议
	day=2026-01-14; [ $n = 2 ] && day=2026-01-13
	expect_exit 0 on $day cw case move $C to_township --why 公示期满
	n=$((n + 1))
done
expect_exit 0 on 2026-01-15 tr case queue
expect_grep "C0000002" out

# --- the township reviewer ---------------------------------------------------------------
ui_as 100 30 2026-01-15 tr
ui_wait "人均纯收入"
ui_keys r
ui_wait "Review queue  3 waiting for township 441821107"
ui_wait "A approve  B send back"
ui_wait_selected "C0000002"
ui_wait_selected "阿依古>"                 # 阿依古丽·买买提, cut: the marker says so
ui_wait_selected "青竹村"
ui_wait_selected "township re>"
ui_wait_selected "2026-01-13"
ui_wait_selected "!收入12500>线8000 公示5天 措施0 走访无"   # the rule checks (! failing: above the line)
ui_wait "收入7000<=线8000"                                   # C0000003's, under it
ui_screen; body > body.txt   # a fresh look, the rows drawn
[ "$(grep -n C0000002 body.txt | cut -d: -f1)" = 1 ] || { cat body.txt; fail "C0000002 is not first"; }
[ "$(grep -n C0000004 body.txt | cut -d: -f1)" = 3 ] || { cat body.txt; fail "C0000004 is not third"; }

# the help is generated from the keymap and lists the new keys
ui_keys "?"; ui_wait "Help: review view"
ui_wait "approve"; ui_wait "send-back"
ui_keys q; ui_wait "Review queue"

# cancelling asks nothing more and changes nothing; an empty reason is refused
commits=$(git --git-dir=d/audit.git rev-list --count HEAD)
ui_keys A; ui_wait "C0000002 approve (township_pass $(M 镇级审核通过)), reason:"
ui_keys Escape; ui_wait "cancelled: nothing was changed"
ui_keys A; ui_wait "reason:"; ui_keys Enter
ui_wait "a reason is required"
ui_keys Escape; ui_wait "cancelled"
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$commits" ] || fail "a cancelled step wrote"

# A: approve with a reason; the next case is selected by itself
ui_keys A; ui_wait "reason:"
ui_type "镇级审核通过 材料齐全"; ui_keys Enter
ui_wait "— next: C000000"   # (cut at the screen edge under English labels)
ui_wait "Review queue  2 waiting"
ui_wait_selected "C0000003"
ui_wait_rows_gone "C0000002"
last_commit > commit.txt
expect_grep "^tr@bangfu|case move 镇级审核通过 C0000002: 镇级审核通过 材料齐全|镇级审核通过 材料齐全" commit.txt
expect_exit 0 on 2026-01-15 tr case show C0000002
expect_grep "$(M 县级审批) (county_approval)" out

# B: send back with a reason
ui_keys B; ui_wait "C0000003 send back (send_back $(M 退回上一步)), reason:"
ui_type "公示材料缺页"; ui_keys Enter
ui_wait "C0000003: $(M 镇级审核) → $(M 村级评议公示)"   # (the "next:" is cut at the edge under English labels)
ui_wait_selected "C0000004"
last_commit > commit.txt
expect_grep "^tr@bangfu|case move 退回上一步 C0000003: 公示材料缺页|公示材料缺页" commit.txt
expect_exit 0 on 2026-01-15 tr case show C0000003
expect_grep "$(M 村级评议公示) (village_review)" out

# Enter opens the household of the case; q comes back to the queue
ui_keys Enter; ui_wait "Household H4418210000004"
ui_wait "赵四娘"
ui_keys q; ui_wait_selected "C0000004"

# the last one: the queue is empty
ui_keys A; ui_wait "C0000004 approve"
ui_type "同意"; ui_keys Enter
ui_wait "the queue is"
ui_wait "Review queue  0 waiting"
expect_exit 0 on 2026-01-15 tr case queue
expect_no_grep "C000000" out
ui_keys q; ui_wait "人均纯收入"           # back to the list
ui_keys Q
ui_cleanup

# --- the county approver, at 80x24, from the F11 key ---------------------------------------
ui_as 80 24 2026-01-16 ca
ui_wait "人均纯收入"
ui_keys F11
ui_wait "Review queue  2 waiting  A approve  B send back"   # at 80 columns: not who you are
grep -q "for county" screen.txt && { ui_dump; fail "the title at 80 columns still says who you are"; }
ui_wait "11d "                                # the 15-day clock of each row
ui_wait_selected "C0000002"
ui_wait_selected "county >"
ui_wait_selected " 01-15 "                   # narrow: "since" without the year
ui_wait_selected "!收入12500>线8000 公示5天 措施0 走访无"
ui_wait "C0000004"
# meanwhile, on the command line, the county sends C0000002 back to the township
expect_exit 0 on 2026-01-16 ca case move C0000002 send_back --why 退回补充材料
# A on the row still on screen: refused before any question, saying where the case is
# now, and the UI goes on
commits=$(git --git-dir=d/audit.git rev-list --count HEAD)
ui_keys A; ui_wait "C0000002 was moved meanwhile"
ui_wait "township_review"
[ "$(git --git-dir=d/audit.git rev-list --count HEAD)" = "$commits" ] || fail "a refused step wrote"
ui_keys j; ui_wait_selected "C0000004"       # still running
ui_keys C-r; ui_wait "Review queue  1 waiting"
ui_wait_rows_gone "C0000002"
ui_wait_selected "C0000004"
ui_keys A; ui_wait "C0000004 approve (approve $(M 县级审批纳入)), reason:"
ui_type "县级审批纳入监测"; ui_keys Enter
ui_wait "Review queue  0 waiting"   # (the status line is cut at 80 columns under English labels)
last_commit > commit.txt
expect_grep "^ca@bangfu|case move 县级审批纳入 C0000004: 县级审批纳入监测|县级审批纳入监测" commit.txt
ui_keys Q
ui_done
