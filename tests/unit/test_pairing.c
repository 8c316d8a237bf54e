/* test_pairing.c — core/flatrec (canonical text of flat records), core/pairing (units,
 * town teams, pairs: checks and who may add) and core/task (status moves, who may change
 * a task, canonical text with its log, times, urgency). No database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/flatrec.h"
#include "core/pairing.h"
#include "core/task.h"

static struct user user_of(const char *login, enum role role, const char *scope)
{
	struct user u = {.role = role};
	snprintf(u.login, sizeof u.login, "%s", login);
	snprintf(u.scope, sizeof u.scope, "%s", scope);
	return u;
}

/* --- flatrec ----------------------------------------------------------------------- */

static void test_flatrec_round_trip(void **state)
{
	struct unit u = {.id = "U0000001", .name = "中山大学\\附属\t医院", .kind = "university",
	                 .region = "44"};
	struct buf text = {0};
	flatrec_render(NULL, pairing_unit_fields, pairing_unit_field_count, &u, &text);
	assert_string_equal(buf_str(&text), "unit: U0000001\nname: 中山大学\\\\附属\\t医院\n"
	                                    "kind: university 高校\nregion: 44\n");
	struct unit back = {0};
	char err[128];
	assert_int_equal(flatrec_parse(NULL, pairing_unit_fields, pairing_unit_field_count, text.s, &back,
	                               err, sizeof err), 0);
	assert_string_equal(back.name, u.name);
	assert_string_equal(back.kind, "university");
	/* same record, same bytes */
	struct buf again = {0};
	flatrec_render(NULL, pairing_unit_fields, pairing_unit_field_count, &back, &again);
	assert_string_equal(again.s, text.s);
	buf_free(&text);
	buf_free(&again);
}

static void test_flatrec_shown_and_errors(void **state)
{
	struct team t = {0};
	char err[128];
	/* a shown name is rendered, and skipped when parsed back */
	assert_int_equal(flatrec_parse(NULL, pairing_team_fields, pairing_team_field_count,
	                               "team: TM0000001\ntown: 441821107\ntown_name: 迳头镇\n"
	                               "lead_unit: U0000001\nstart: 2023-06-01\n", &t, err, sizeof err), 0);
	assert_string_equal(t.town, "441821107");
	assert_string_equal(t.town_name, "");
	struct unit u = {0};
	assert_int_equal(flatrec_parse(NULL, pairing_unit_fields, pairing_unit_field_count,
	                               "unit: U1\nname: x\nkind: bank 银行\nregion: 44\n", &u, err,
	                               sizeof err), -1);
	assert_non_null(strstr(err, "unknown 帮扶单位类型 \"bank\""));
	memset(&u, 0, sizeof u);
	assert_int_equal(flatrec_parse(NULL, pairing_unit_fields, pairing_unit_field_count,
	                               "unit: U1\ncolour: red\n", &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "line 2: unknown key colour"));
	memset(&u, 0, sizeof u);
	assert_int_equal(flatrec_parse(NULL, pairing_unit_fields, pairing_unit_field_count,
	                               "unit: U1\nkind: enterprise\nregion: 44\n", &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "name: missing"));
	char big[400];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(flatrec_set(NULL, pairing_unit_fields, pairing_unit_field_count, &u, "name", big,
	                             err, sizeof err), -1);
}

static void test_flatrec_check_text(void **state)
{
	char err[128];
	assert_int_equal(flatrec_check_text("title", "走访", 16, 80, 1, err, sizeof err), 0);
	assert_int_equal(flatrec_check_text("title", "", 16, 80, 0, err, sizeof err), 0);
	assert_int_equal(flatrec_check_text("title", "", 16, 80, 1, err, sizeof err), -1);
	assert_string_equal(err, "title is required");
	assert_int_equal(flatrec_check_text("title", "a\nb", 16, 80, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "title: line break ^J"));
	assert_int_equal(flatrec_check_text("title", "a\x1b", 16, 80, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "title: control character ^["));
	assert_int_equal(flatrec_check_text("title", "\xff", 16, 80, 1, err, sizeof err), -1);
	/* the byte size of the record field, and the characters of the input rule */
	assert_int_equal(flatrec_check_text("title", "0123456789abcdef", 16, 80, 1, err, sizeof err), -1);
	assert_non_null(strstr(err, "too long"));
	assert_int_equal(flatrec_check_text("title", "走访走访", 16, 3, 1, err, sizeof err), -1);
	assert_string_equal(err, "title: too long (4 characters, at most 3)");
}

/* --- pairing ----------------------------------------------------------------------- */

static void test_pairing_may_add(void **state)
{
	char err[256];
	struct user admin = user_of("root", ROLE_ADMIN, "44");
	struct user county = user_of("chen", ROLE_COUNTY, "441821");
	struct user town = user_of("zhao", ROLE_TOWNSHIP, "441821107");
	struct user auditor = user_of("li", ROLE_AUDITOR, "44");
	assert_int_equal(pairing_may_add(&admin, "441821107", "a town team", err, sizeof err), 0);
	assert_int_equal(pairing_may_add(&county, "441821107", "a town team", err, sizeof err), 0);
	assert_int_equal(pairing_may_add(&county, "441802101", "a town team", err, sizeof err), -1);
	assert_non_null(strstr(err, "outside your scope 441821"));
	assert_int_equal(pairing_may_add(&town, "441821107", "a town team", err, sizeof err), -1);
	assert_non_null(strstr(err, "only an administrator or a county approver"));
	assert_int_equal(pairing_may_add(&auditor, "441821", "a unit", err, sizeof err), -1);
}

static void test_pairing_period(void **state)
{
	char err[160];
	assert_int_equal(pairing_period_check("2023-06-01", "", 0, err, sizeof err), 0);
	assert_int_equal(pairing_period_check("2023-06-01", "2023-06-01", 0, err, sizeof err), 0);
	assert_int_equal(pairing_period_check("2023-06-01", "2023-05-31", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "end 2023-05-31 is before start 2023-06-01"));
	assert_int_equal(pairing_period_check("", "", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "start date is required"));
	assert_int_equal(pairing_period_check("2023-02-30", "", 0, err, sizeof err), -1);
	assert_int_equal(pairing_period_check("2023", "", 0, err, sizeof err), -1);
	/* years for county pairs: 2023..2023 is the whole year */
	assert_int_equal(pairing_period_check("2023", "2025", 1, err, sizeof err), 0);
	assert_int_equal(pairing_period_check("2023", "2023", 1, err, sizeof err), 0);
	assert_int_equal(pairing_period_check("2023-07-01", "2023", 1, err, sizeof err), 0);
	assert_int_equal(pairing_period_check("2025", "2023", 1, err, sizeof err), -1);
	assert_int_equal(pairing_period_check("20x3", "", 1, err, sizeof err), -1);
}

static void test_pairing_checks(void **state)
{
	char err[256];
	struct unit u = {.name = "中山大学", .kind = "university", .region = "44"};
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), 0);
	snprintf(u.name, sizeof u.name, "中山大学、华南农业大学");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "they separate the units of a team"));
	snprintf(u.name, sizeof u.name, "中山大学");
	snprintf(u.kind, sizeof u.kind, "bank");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);
	snprintf(u.kind, sizeof u.kind, "enterprise");
	snprintf(u.region, sizeof u.region, "449999");
	assert_int_equal(pairing_unit_check(NULL, &u, err, sizeof err), -1);

	struct team t = {.town = "441821107", .lead_unit = "U0000001", .member_units = "U0000002,U0000003",
	                 .leader = "张队长", .round = "2023", .start = "2023-06-01"};
	assert_int_equal(pairing_team_check(&t, err, sizeof err), 0);
	snprintf(t.member_units, sizeof t.member_units, "U0000002,U0000001");
	assert_int_equal(pairing_team_check(&t, err, sizeof err), -1);
	assert_non_null(strstr(err, "already the lead unit"));
	snprintf(t.member_units, sizeof t.member_units, "U0000002,U0000002");
	assert_int_equal(pairing_team_check(&t, err, sizeof err), -1);
	assert_non_null(strstr(err, "listed twice"));
	snprintf(t.member_units, sizeof t.member_units, "%s", "");
	snprintf(t.town, sizeof t.town, "441821");
	assert_int_equal(pairing_team_check(&t, err, sizeof err), -1);
	snprintf(t.town, sizeof t.town, "441821107");
	snprintf(t.end, sizeof t.end, "2022-01-01");
	assert_int_equal(pairing_team_check(&t, err, sizeof err), -1);

	struct pair p = {.kind = "county", .helper = "440100", .helped = "441821",
	                 .programme = "assistance", .start = "2023", .end = "2025", .region = "441821"};
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), 0);
	snprintf(p.helped, sizeof p.helped, "440100");
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), -1);
	snprintf(p.helped, sizeof p.helped, "441821");
	snprintf(p.helper, sizeof p.helper, "441821");
	assert_int_equal(pairing_pair_check(NULL, &p, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot pair with itself"));

	struct pair c = {.kind = "cadre", .helper = "陈干部", .helped = "H4418210000001",
	                 .unit = "U0000002", .phone = "13800138000", .start = "2024-01-01"};
	assert_int_equal(pairing_pair_check(NULL, &c, err, sizeof err), 0);
	snprintf(c.phone, sizeof c.phone, "123");
	assert_int_equal(pairing_pair_check(NULL, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "phone"));
	snprintf(c.phone, sizeof c.phone, "%s", "");
	snprintf(c.unit, sizeof c.unit, "%s", "");
	assert_int_equal(pairing_pair_check(NULL, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "unit is required"));
	snprintf(c.kind, sizeof c.kind, "friend");
	assert_int_equal(pairing_pair_check(NULL, &c, err, sizeof err), -1);
}

/* --- tasks ------------------------------------------------------------------------- */

static struct task a_task(const char *status)
{
	struct task t = {.id = "T0000001", .title = "核实收入", .kind = "verification",
	                 .owner = "wang", .household = "H4418210000001", .region = "441821107202",
	                 .due = "2026-03-25", .created = "2026-03-20"};
	snprintf(t.status, sizeof t.status, "%s", status);
	return t;
}

static void test_task_moves(void **state)
{
	static const struct { const char *from, *action, *to; } legal[] = {
		{"open", "start", "in_progress"}, {"open", "done", "done"},
		{"open", "cancel", "cancelled"}, {"in_progress", "done", "done"},
		{"in_progress", "cancel", "cancelled"}, {"open", "resolve", "done"},
		{"in_progress", "resolve", "done"}, {"open", "comment", "open"},
		{"done", "comment", "done"}, {"cancelled", "comment", "cancelled"},
	};
	static const struct { const char *from, *action, *message; } illegal[] = {
		{"done", "start", "is done (已办结): a closed task cannot be started again"},
		{"done", "done", "cannot be marked done again"},
		{"done", "cancel", "cannot be cancelled again"},
		{"cancelled", "start", "is cancelled (已取消)"},
		{"cancelled", "done", "cannot be marked done"},
		{"in_progress", "start", "already in progress"},
		{"open", "reopen", "unknown task change"},
	};
	char next[16], err[256];
	for (size_t i = 0; i < sizeof legal / sizeof legal[0]; i++) {
		struct task t = a_task(legal[i].from);
		assert_int_equal(task_next_status(&t, legal[i].action, next, err, sizeof err), 0);
		assert_string_equal(next, legal[i].to);
	}
	for (size_t i = 0; i < sizeof illegal / sizeof illegal[0]; i++) {
		struct task t = a_task(illegal[i].from);
		assert_int_equal(task_next_status(&t, illegal[i].action, next, err, sizeof err), -1);
		assert_non_null(strstr(err, illegal[i].message));
	}
	assert_true(task_is_closed("done"));
	assert_true(task_is_closed("cancelled"));
	assert_false(task_is_closed("in_progress"));
}

static void test_task_may_change(void **state)
{
	char err[256];
	struct task t = a_task("open");
	struct user owner = user_of("wang", ROLE_CASEWORKER, "441821107202");
	struct user other = user_of("liu", ROLE_CASEWORKER, "441821107202");
	struct user township = user_of("zhao", ROLE_TOWNSHIP, "441821107");
	struct user outside = user_of("he", ROLE_COUNTY, "441802");
	struct user auditor = user_of("li", ROLE_AUDITOR, "441821");
	assert_int_equal(task_may_change(&owner, &t, "start", err, sizeof err), 0);
	assert_int_equal(task_may_change(&township, &t, "cancel", err, sizeof err), 0);
	assert_int_equal(task_may_change(&other, &t, "comment", err, sizeof err), 0);
	assert_int_equal(task_may_change(&other, &t, "done", err, sizeof err), -1);
	assert_non_null(strstr(err, "belongs to wang"));
	assert_int_equal(task_may_change(&outside, &t, "comment", err, sizeof err), -1);
	assert_non_null(strstr(err, "outside your scope 441802"));
	assert_int_equal(task_may_change(&auditor, &t, "comment", err, sizeof err), -1);
	assert_non_null(strstr(err, "auditor"));
	t = a_task("done");
	assert_int_equal(task_may_change(&owner, &t, "start", err, sizeof err), -1);
	assert_non_null(strstr(err, "closed"));
}

static void test_task_check_new(void **state)
{
	char err[256];
	struct task t = a_task("open");
	struct user owner = user_of("wang", ROLE_CASEWORKER, "441821107202");
	struct user far = user_of("he", ROLE_CASEWORKER, "441802");
	struct user auditor = user_of("li", ROLE_AUDITOR, "441821");
	assert_int_equal(task_check_new(NULL, &t, &owner, err, sizeof err), 0);
	assert_int_equal(task_check_new(NULL, &t, &far, err, sizeof err), -1);
	assert_non_null(strstr(err, "cannot see region 441821107202"));
	assert_int_equal(task_check_new(NULL, &t, &auditor, err, sizeof err), -1);
	snprintf(t.kind, sizeof t.kind, "party");
	assert_int_equal(task_check_new(NULL, &t, &owner, err, sizeof err), -1);
	assert_non_null(strstr(err, "task kind \"party\""));
	t = a_task("open");
	snprintf(t.due, sizeof t.due, "2026-02-30");
	assert_int_equal(task_check_new(NULL, &t, &owner, err, sizeof err), -1);
	t = a_task("open");
	t.title[0] = '\0';
	assert_int_equal(task_check_new(NULL, &t, &owner, err, sizeof err), -1);
}

static void test_task_text_round_trip(void **state)
{
	struct task t = a_task("in_progress");
	struct task_entry e1 = {.at = "2026-03-20T01:02:03Z", .by = "zhao", .action = "add",
	                        .text = "new verification task"};
	struct task_entry e2 = {.at = "2026-03-21T09:00:00Z", .by = "wang", .action = "comment",
	                        .text = "已电话联系\\户主"};
	assert_int_equal(task_add_entry(&t, &e1), 0);
	assert_int_equal(task_add_entry(&t, &e2), 0);
	struct buf text = {0};
	task_render(NULL, &t, &text);
	assert_non_null(strstr(text.s, "status: in_progress 办理中\n"));
	assert_non_null(strstr(text.s, "\n[log 2]\nat: 2026-03-21T09:00:00Z\nby: wang\n"
	                                "action: comment 备注\ntext: 已电话联系\\\\户主\n"));
	struct task back = {0};
	char err[128];
	assert_int_equal(task_parse(NULL, text.s, &back, err, sizeof err), 0);
	assert_int_equal(back.nlog, 2);
	assert_int_equal(back.version, 2);
	assert_string_equal(back.log[1].text, "已电话联系\\户主");
	struct buf again = {0};
	task_render(NULL, &back, &again);
	assert_string_equal(again.s, text.s);
	task_free(&back);
	/* a log entry out of order, or missing its text, is refused */
	memset(&back, 0, sizeof back);
	assert_int_equal(task_parse(NULL, "task: T1\n\n[log 2]\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "expected [log 1]"));
	task_free(&back);
	memset(&back, 0, sizeof back);
	assert_int_equal(task_parse(NULL, "task: T1\ntitle: x\nkind: visit\nowner: w\nregion: 44\n"
	                            "status: open\ncreated: 2026-01-01\n\n[log 1]\nat: "
	                            "2026-01-01T00:00:00Z\nby: w\naction: add\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "[log 1]: text: missing"));
	task_free(&back);
	task_free(&t);
	buf_free(&text);
	buf_free(&again);
}

static void test_task_time_and_urgency(void **state)
{
	char out[TASK_TIME_LEN], u[32];
	long long back;
	task_time_format(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	task_time_format(1774000000LL, out);
	assert_string_equal(out, "2026-03-20T09:46:40Z");
	assert_int_equal(task_time_parse(out, &back), 0);
	assert_true(back == 1774000000LL);
	assert_int_equal(task_time_parse("2026-03-20 09:46:40Z", &back), -1);
	assert_int_equal(task_time_parse("2026-03-20T24:00:00Z", &back), -1);
	assert_int_equal(task_time_parse("2026-03-20T09:46:40", &back), -1);
	assert_int_equal(task_urgency("2026-03-10", "2026-03-20", u, sizeof u), 10);
	assert_string_equal(u, "overdue 10d");
	assert_int_equal(task_urgency("2026-03-20", "2026-03-20", u, sizeof u), 0);
	assert_string_equal(u, "due today");
	assert_int_equal(task_urgency("2026-03-23", "2026-03-20", u, sizeof u), -3);
	assert_string_equal(u, "in 3d");
	assert_int_equal(task_urgency("", "2026-03-20", u, sizeof u), 0);
	assert_string_equal(u, "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flatrec_round_trip),
		cmocka_unit_test(test_flatrec_shown_and_errors),
		cmocka_unit_test(test_flatrec_check_text),
		cmocka_unit_test(test_pairing_may_add),
		cmocka_unit_test(test_pairing_period),
		cmocka_unit_test(test_pairing_checks),
		cmocka_unit_test(test_task_moves),
		cmocka_unit_test(test_task_may_change),
		cmocka_unit_test(test_task_check_new),
		cmocka_unit_test(test_task_text_round_trip),
		cmocka_unit_test(test_task_time_and_urgency),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
