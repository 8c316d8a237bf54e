/* test_workflow.c — core/workflow: every transition for every role (allowed for the
 * right role in scope, refused for the wrong role, the auditor, out of scope and from a
 * wrong state), the procedure's rules (consent, 5-day notice, step dates, reasons,
 * method, department, green channel, elimination), the 15-day clock, and whole cases
 * walked from lead to eliminated, rolled back and re-marked. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/code_lists.h"
#include "core/workflow.h"

#define VILLAGE "441821101203"   /* 西田村, 水头镇, 佛冈县 */
#define CW (1u << ROLE_CASEWORKER)
#define TS (1u << ROLE_TOWNSHIP)
#define CO (1u << ROLE_COUNTY)

/* In-scope users of each role, and users of the same role somewhere else. */
static struct user user_of(enum role r)
{
	static const char *const scope[ROLE_COUNT] = {
		[ROLE_CASEWORKER] = VILLAGE, [ROLE_TOWNSHIP] = "441821101",
		[ROLE_COUNTY] = "441821", [ROLE_AUDITOR] = "441821", [ROLE_ADMIN] = "44",
	};
	struct user u = {.id = 1 + r, .role = r};
	snprintf(u.login, sizeof u.login, "%s", access_role_code(r));
	snprintf(u.scope, sizeof u.scope, "%s", scope[r]);
	return u;
}

static struct user outsider_of(enum role r)
{
	static const char *const scope[ROLE_COUNT] = {
		[ROLE_CASEWORKER] = "441821101204", [ROLE_TOWNSHIP] = "441821102",
		[ROLE_COUNTY] = "441881", [ROLE_AUDITOR] = "441881", [ROLE_ADMIN] = "441881",
	};
	struct user u = user_of(r);
	snprintf(u.scope, sizeof u.scope, "%s", scope[r]);
	return u;
}

static const struct measure_fact industry = {"industry", "2024-01-20", ""};

/* A household meeting every elimination condition. */
static const struct household_facts eligible = {
	.has_income = 1, .income_per_capita = 9500, .monitoring_line = 8000,
	.housing_ok = 1, .school_ok = 1, .medical_ok = 1, .water_ok = 1, .costs_ok = 1,
	.able_to_work = 1, .measures = &industry, .measure_count = 1,
};

/* A case in state s whose facts satisfy every rule of every step, on 2024-09-01. */
static struct case_facts ready_case(enum wf_state s)
{
	struct case_facts c = {
		.state = s, .category = "sudden", .region = VILLAGE,
		.lead_date = "2024-01-02", .last_step_date = "2024-08-20",
		.consent_date = "2024-01-03", .notice_start = "2024-08-20",
		.notice_end = "2024-08-25", .approval_date = "2024-01-10",
		.household = &eligible,
	};
	return c;
}

/* The input for step `name` that satisfies its requirements. */
static struct move_input ready_input(const char *name)
{
	struct move_input in = {
		.today = "2024-09-02", .date = "2024-09-01", .reason = "家庭情况变化",
		.method = "assisted", .department = "civil_affairs",
	};
	if (strcmp(name, "village_review") == 0 || strcmp(name, "elim_village") == 0) {
		in.notice_start = "2024-09-01";
		in.notice_end = "2024-09-06";
	}
	return in;
}

/* The specification: every step, from every state it may start from, the roles that
 * may take it there (admin always may, the auditor never) and where it leads. */
struct expect { const char *name; enum wf_state from; unsigned roles; enum wf_state to; };
#define SAME WF_NONE   /* `to` for steps that leave the state as it is */
static const struct expect spec[] = {
	{"open", WF_NONE, CW, WF_LEAD},
	{"visit", WF_LEAD, CW, WF_VISITED},
	{"check", WF_VISITED, CW, WF_CHECKED},
	{"village_review", WF_CHECKED, CW, WF_VILLAGE_REVIEW},
	{"to_township", WF_VILLAGE_REVIEW, CW, WF_TOWNSHIP_REVIEW},
	{"township_pass", WF_TOWNSHIP_REVIEW, TS, WF_COUNTY_APPROVAL},
	{"approve", WF_COUNTY_APPROVAL, CO, WF_ASSISTING},
	{"not_take", WF_LEAD, CW, WF_NOT_TAKEN},
	{"not_take", WF_VISITED, CW, WF_NOT_TAKEN},
	{"not_take", WF_CHECKED, CW, WF_NOT_TAKEN},
	{"not_take", WF_VILLAGE_REVIEW, CW, WF_NOT_TAKEN},
	{"not_take", WF_TOWNSHIP_REVIEW, TS, WF_NOT_TAKEN},
	{"not_take", WF_COUNTY_APPROVAL, CO, WF_NOT_TAKEN},
	{"refer", WF_LEAD, CW, WF_REFERRED},
	{"refer", WF_VISITED, CW, WF_REFERRED},
	{"refer", WF_CHECKED, CW, WF_REFERRED},
	{"green_channel", WF_LEAD, CW | TS, SAME},
	{"green_channel", WF_VISITED, CW | TS, SAME},
	{"green_channel", WF_CHECKED, CW | TS, SAME},
	{"green_channel", WF_VILLAGE_REVIEW, CW | TS, SAME},
	{"green_channel", WF_TOWNSHIP_REVIEW, CW | TS, SAME},
	{"green_channel", WF_COUNTY_APPROVAL, CW | TS, SAME},
	{"send_back", WF_VISITED, CW, WF_LEAD},
	{"send_back", WF_CHECKED, CW, WF_VISITED},
	{"send_back", WF_VILLAGE_REVIEW, CW, WF_CHECKED},
	{"send_back", WF_TOWNSHIP_REVIEW, TS, WF_VILLAGE_REVIEW},
	{"send_back", WF_COUNTY_APPROVAL, CO, WF_TOWNSHIP_REVIEW},
	{"send_back", WF_ELIM_REQUESTED, CW, WF_ASSISTING},
	{"send_back", WF_ELIM_VILLAGE, CW, WF_ELIM_REQUESTED},
	{"send_back", WF_ELIM_TOWNSHIP, TS, WF_ELIM_VILLAGE},
	{"send_back", WF_ELIM_COUNTY, CO, WF_ELIM_TOWNSHIP},
	{"request_elim", WF_ASSISTING, CW, WF_ELIM_REQUESTED},
	{"elim_village", WF_ELIM_REQUESTED, CW, WF_ELIM_VILLAGE},
	{"elim_to_township", WF_ELIM_VILLAGE, CW, WF_ELIM_TOWNSHIP},
	{"elim_township_pass", WF_ELIM_TOWNSHIP, TS, WF_ELIM_COUNTY},
	{"eliminate", WF_ELIM_COUNTY, CO, WF_ELIMINATED},
	{"keep_monitoring", WF_ELIM_REQUESTED, CW, WF_ASSISTING},
	{"keep_monitoring", WF_ELIM_VILLAGE, CW, WF_ASSISTING},
	{"keep_monitoring", WF_ELIM_TOWNSHIP, TS, WF_ASSISTING},
	{"keep_monitoring", WF_ELIM_COUNTY, CO, WF_ASSISTING},
	{"rollback", WF_ELIMINATED, CO, WF_ASSISTING},
	{"remark", WF_ELIMINATED, CW, SAME},
	{"remark", WF_NOT_TAKEN, CW, SAME},
	{"remark", WF_REFERRED, CW, SAME},
};
#define SPEC_COUNT ((int)(sizeof spec / sizeof spec[0]))

static const struct expect *spec_find(const char *name, enum wf_state from)
{
	for (int i = 0; i < SPEC_COUNT; i++)
		if (strcmp(spec[i].name, name) == 0 && spec[i].from == from)
			return &spec[i];
	return NULL;
}

static int spec_has_name(const char *name)
{
	for (int i = 0; i < SPEC_COUNT; i++)
		if (strcmp(spec[i].name, name) == 0)
			return 1;
	return 0;
}

/* Fail with the refusal's reasons when rc is not what was expected. */
static void expect_rc(int rc, int want, const struct refusal *r, const char *what)
{
	if (rc == want)
		return;
	char text[REFUSAL_MAX * REFUSAL_TEXT];
	refusal_join(r, " | ", text, (int)sizeof text);
	fail_msg("%s: expected %s, got %d: %s", what, want ? "refusal" : "allowed", rc, text);
}

/* Exactly one reason, containing `needle`. */
static void expect_only(const struct refusal *r, const char *needle, const char *what)
{
	if (r->count != 1 || !refusal_has(r, needle))
		fail_msg("%s: expected one reason with \"%s\", got %d, first \"%s\"", what, needle,
		         r->count, r->count ? r->reasons[0] : "");
}

/* --- the table against the specification ---------------------------------------- */

static void test_table_matches_spec(void **state)
{
	/* Every table row is specified, and its from-states are exactly the specified ones. */
	for (int i = 0; i < workflow_transition_count(); i++) {
		const struct wf_transition *t = workflow_transition_at(i);
		assert_ptr_equal(workflow_transition_find(t->name), t);
		assert_ptr_equal(workflow_transition_find(t->label), t);
		assert_non_null(t->help);
		if (t->to == WF_TO_WITHDRAWN)   /* depends on the latest step: test_withdraw */
			continue;
		assert_true(spec_has_name(t->name));
		if (t->from == 0) {   /* open: no case yet, always a lead */
			assert_non_null(spec_find(t->name, WF_NONE));
			assert_int_equal(workflow_transition_target(t, WF_NONE), WF_LEAD);
			continue;
		}
		for (int s = 0; s < WF_STATE_COUNT; s++) {
			int specified = spec_find(t->name, (enum wf_state)s) != NULL;
			if (specified != (workflow_transition_target(t, (enum wf_state)s) != WF_NONE))
				fail_msg("%s from %s: table and spec disagree", t->name,
				         workflow_state_code((enum wf_state)s));
		}
	}
	/* Every specified step exists. */
	for (int i = 0; i < SPEC_COUNT; i++)
		assert_non_null(workflow_transition_find(spec[i].name));
	assert_non_null(workflow_transition_find("withdraw"));
	assert_ptr_equal(workflow_transition_find("撤回"), workflow_transition_find("withdraw"));
	assert_null(workflow_transition_at(-1));
	assert_null(workflow_transition_at(workflow_transition_count()));
	assert_null(workflow_transition_find("fly"));
}

/* Each role, in scope: allowed exactly for the specified roles and admin. */
static void test_every_transition_every_role(void **state)
{
	for (int i = 0; i < SPEC_COUNT; i++) {
		const struct expect *e = &spec[i];
		for (int r = 0; r < ROLE_COUNT; r++) {
			struct case_facts c = ready_case(e->from == WF_NONE ? WF_LEAD : e->from);
			struct move_input in = ready_input(e->name);
			struct user u = user_of((enum role)r);
			struct refusal out;
			struct move_result res;
			int allowed = r == ROLE_ADMIN || (r != ROLE_AUDITOR && (e->roles & (1u << r)));
			char what[160];
			snprintf(what, sizeof what, "%s from %s by %s", e->name,
			         workflow_state_code(e->from), access_role_code((enum role)r));
			int rc = workflow_move(&c, &u, e->name, &in, &res, &out);
			expect_rc(rc, allowed ? 0 : -1, &out, what);
			if (!allowed) {
				expect_only(&out, r == ROLE_AUDITOR ? "reads only" : "may not take", what);
				assert_int_equal(workflow_check(&c, &u, e->name, &in, &out), -1);
				continue;
			}
			assert_int_equal(workflow_check(&c, &u, e->name, &in, &out), 0);
			assert_int_equal(out.count, 0);
			assert_int_equal(res.next.state, e->to == SAME ? c.state : e->to);
			assert_string_equal(res.date, "2024-09-01");
			assert_string_equal(res.next.last_step_date, "2024-09-01");
			assert_int_equal(res.from, e->from);
		}
	}
}

/* The right role outside its scope is refused, for every step. */
static void test_every_transition_out_of_scope(void **state)
{
	for (int i = 0; i < SPEC_COUNT; i++) {
		const struct expect *e = &spec[i];
		for (int r = 0; r < ROLE_COUNT; r++) {
			if (r != ROLE_ADMIN && !(e->roles & (1u << r)))
				continue;
			struct case_facts c = ready_case(e->from == WF_NONE ? WF_LEAD : e->from);
			struct move_input in = ready_input(e->name);
			struct user u = outsider_of((enum role)r);
			struct refusal out;
			char what[160];
			snprintf(what, sizeof what, "%s from %s by %s outside scope", e->name,
			         workflow_state_code(e->from), access_role_code((enum role)r));
			expect_rc(workflow_check(&c, &u, e->name, &in, &out), -1, &out, what);
			expect_only(&out, "outside your scope", what);
		}
	}
}

/* Every step from every state it does not start from is refused, even for admin. */
static void test_every_transition_wrong_state(void **state)
{
	struct user admin = user_of(ROLE_ADMIN);
	for (int i = 0; i < workflow_transition_count(); i++) {
		const struct wf_transition *t = workflow_transition_at(i);
		if (t->from == 0)
			continue;
		for (int s = 0; s < WF_STATE_COUNT; s++) {
			if (spec_find(t->name, (enum wf_state)s))
				continue;
			/* withdraw may start from any open case (its latest step decides) */
			if (t->to == WF_TO_WITHDRAWN && !workflow_is_closed((enum wf_state)s))
				continue;
			struct case_facts c = ready_case((enum wf_state)s);
			struct move_input in = ready_input(t->name);
			struct refusal out;
			char what[160];
			snprintf(what, sizeof what, "%s from %s", t->name,
			         workflow_state_code((enum wf_state)s));
			expect_rc(workflow_check(&c, &admin, t->name, &in, &out), -1, &out, what);
			expect_only(&out, "needs ", what);
		}
	}
}

/* Every reason at once: wrong role, out of scope, wrong state, future date, no reason. */
static void test_reasons_are_all_listed(void **state)
{
	struct case_facts c = ready_case(WF_ASSISTING);
	struct user outsider = outsider_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("rollback");
	struct refusal out;
	in.reason = "  ";
	in.date = "2024-09-03";                      /* after today */
	assert_int_equal(workflow_check(&c, &outsider, "rollback", &in, &out), -1);
	assert_int_equal(out.count, 5);
	assert_true(refusal_has(&out, "role 村级经办 (caseworker) may not take rollback (消除回退): "
	                              "needs 县级审批 (county)"));
	assert_true(refusal_has(&out, "region 441821101203 is outside your scope 441821101204"));
	assert_true(refusal_has(&out, "the case is 帮扶中 (assisting): rollback (消除回退) "
	                              "needs 已消除 (eliminated)"));
	assert_true(refusal_has(&out, "step date 2024-09-03 is in the future"));
	assert_true(refusal_has(&out, "needs a reason"));
	/* A step held by whoever owns the state names that owner. */
	struct user ts = user_of(ROLE_TOWNSHIP);
	c = ready_case(WF_LEAD);
	in = ready_input("not_take");
	assert_int_equal(workflow_check(&c, &ts, "not_take", &in, &out), -1);
	expect_only(&out, "needs 村级经办 (caseworker)", "township on a lead");
	/* The auditor is told it reads only. */
	struct user auditor = user_of(ROLE_AUDITOR);
	c = ready_case(WF_ELIMINATED);
	in = ready_input("rollback");
	assert_int_equal(workflow_check(&c, &auditor, "rollback", &in, &out), -1);
	expect_only(&out, "审计查阅 (auditor) reads only", "auditor");
	/* The list of states a step needs is whole, never cut mid-character. */
	c = ready_case(WF_ASSISTING);
	assert_int_equal(workflow_check(&c, &ts, "green_channel", &in, &out), -1);
	assert_true(refusal_has(&out, "县级审批 (county_approval)"));
}

static void test_unknown_step_and_missing_input(void **state)
{
	struct case_facts c = ready_case(WF_LEAD);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct refusal out;
	struct move_input in = ready_input("visit");
	assert_int_equal(workflow_check(&c, &cw, "teleport", &in, &out), -1);
	expect_only(&out, "unknown step", "unknown step");
	assert_int_equal(workflow_check(&c, &cw, NULL, &in, &out), -1);
	/* No input at all: there is no today to date the step. */
	assert_int_equal(workflow_check(&c, &cw, "visit", NULL, &out), -1);
	expect_only(&out, "today's date is missing or invalid", "no input");
	/* The Chinese label names the step too. */
	assert_int_equal(workflow_check(&c, &cw, "入户核实", &in, &out), 0);
	/* A case without a region is never in scope. */
	c.region[0] = '\0';
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), -1);
	expect_only(&out, "has no region", "no region");
}

/* --- step dates ------------------------------------------------------------------- */

static void test_step_date_rules(void **state)
{
	struct case_facts c = ready_case(WF_LEAD);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("visit");
	struct move_result res;
	struct refusal out;
	in.date = "2024-09-03";
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), -1);
	expect_only(&out, "2024-09-03 is in the future", "future");
	in.date = "2024-08-19";
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), -1);
	expect_only(&out, "before the previous step's date 2024-08-20", "before previous");
	in.date = "2024-08-20";                       /* the same day as the last step: fine */
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), 0);
	in.date = "2024-8-21";
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), -1);
	expect_only(&out, "not a valid YYYY-MM-DD date", "bad date");
	in.date = "2024-09-02";                       /* today */
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), 0);
	/* No date: today, recorded as the step date. */
	in.date = NULL;
	assert_int_equal(workflow_move(&c, &cw, "visit", &in, &res, &out), 0);
	assert_string_equal(res.date, "2024-09-02");
	in.date = "";
	in.today = "2024-9-2";
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), -1);
	expect_only(&out, "today's date is missing or invalid", "bad today");
}

/* --- consent ---------------------------------------------------------------------- */

static void test_consent_before_village_review(void **state)
{
	struct case_facts c = ready_case(WF_CHECKED);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("village_review");
	struct move_result res;
	struct refusal out;
	c.consent_date[0] = '\0';
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	expect_only(&out, "no consent date", "no consent");
	/* Given with the step itself, it is recorded. */
	in.consent_date = "2024-08-30";
	assert_int_equal(workflow_move(&c, &cw, "village_review", &in, &res, &out), 0);
	assert_string_equal(res.next.consent_date, "2024-08-30");
	/* Signed after the review meeting: refused. */
	in.consent_date = "2024-09-02";
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	expect_only(&out, "after the review date", "consent after review");
	/* In the future, before the lead, or not a date. */
	in.consent_date = "2024-09-05";
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	assert_true(refusal_has(&out, "consent date 2024-09-05 is in the future"));
	in.consent_date = "2023-12-31";
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	expect_only(&out, "before the lead date", "consent before lead");
	in.consent_date = "2024-02-30";
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	assert_true(refusal_has(&out, "consent date \"2024-02-30\" is not a valid"));
}

static void test_consent_recorded_at_visit_or_check(void **state)
{
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_result res;
	struct refusal out;
	/* The visit may be recorded before the form is signed; the consent comes later. */
	struct case_facts c = ready_case(WF_LEAD);
	c.consent_date[0] = '\0';
	struct move_input in = ready_input("visit");
	assert_int_equal(workflow_move(&c, &cw, "visit", &in, &res, &out), 0);
	assert_string_equal(res.next.consent_date, "");
	c = res.next;
	in.consent_date = "2024-09-01";
	assert_int_equal(workflow_move(&c, &cw, "check", &in, &res, &out), 0);
	assert_string_equal(res.next.consent_date, "2024-09-01");
	/* Steps that do not take a consent date ignore one. */
	c = ready_case(WF_VILLAGE_REVIEW);
	in = ready_input("to_township");
	in.consent_date = "2024-08-31";
	assert_int_equal(workflow_move(&c, &cw, "to_township", &in, &res, &out), 0);
	assert_string_equal(res.next.consent_date, "2024-01-03");
}

/* --- public notice ---------------------------------------------------------------- */

static void test_notice_4_vs_5_days(void **state)
{
	struct case_facts c = ready_case(WF_VILLAGE_REVIEW);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("to_township");
	struct refusal out;
	snprintf(c.notice_start, DATE_LEN, "2024-08-20");
	snprintf(c.notice_end, DATE_LEN, "2024-08-23");     /* 20, 21, 22, 23: 4 days */
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "the notice ran 4 of the 5 days needed", "4 days");
	snprintf(c.notice_end, DATE_LEN, "2024-08-24");     /* 5 days */
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), 0);
	snprintf(c.notice_end, DATE_LEN, "2024-08-20");     /* 1 day */
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "the notice ran 1 of the 5 days needed", "1 day");
	/* The same rule for the elimination's notice. */
	c = ready_case(WF_ELIM_VILLAGE);
	snprintf(c.notice_end, DATE_LEN, "2024-08-23");
	in = ready_input("elim_to_township");
	assert_int_equal(workflow_check(&c, &cw, "elim_to_township", &in, &out), -1);
	expect_only(&out, "the notice ran 4 of the 5 days needed", "elimination notice 4 days");
	snprintf(c.notice_end, DATE_LEN, "2024-08-24");
	assert_int_equal(workflow_check(&c, &cw, "elim_to_township", &in, &out), 0);	/* a deployment that counts 7 days (setting notice_days): 5 no longer do */
	c = ready_case(WF_VILLAGE_REVIEW);
	c.notice_days = 7;
	in = ready_input("to_township");
	snprintf(c.notice_start, DATE_LEN, "2024-08-18");
	snprintf(c.notice_end, DATE_LEN, "2024-08-22");
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "the notice ran 5 of the 7 days needed", "5 of 7 days");
}

static void test_notice_must_have_ended(void **state)
{
	struct case_facts c = ready_case(WF_VILLAGE_REVIEW);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("to_township");
	struct move_result res;
	struct refusal out;
	snprintf(c.notice_end, DATE_LEN, "2024-09-05");     /* still posted */
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "the notice runs until", "notice running");
	/* End not recorded at the village step: given now. */
	c.notice_end[0] = '\0';
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "notice end date missing", "no end");
	in.notice_end = "2024-08-31";
	assert_int_equal(workflow_move(&c, &cw, "to_township", &in, &res, &out), 0);
	assert_string_equal(res.next.notice_start, "2024-08-20");
	assert_string_equal(res.next.notice_end, "2024-08-31");
	/* Reversed dates. */
	in.notice_end = "2024-08-10";
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "before it starts", "reversed");
	in.notice_end = "2024-08-32";
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "notice end \"2024-08-32\" is not a valid", "bad end");
	/* No notice at all. */
	c.notice_start[0] = '\0';
	in.notice_end = NULL;
	assert_int_equal(workflow_check(&c, &cw, "to_township", &in, &out), -1);
	expect_only(&out, "notice start date missing", "no notice");
}

static void test_village_review_records_notice(void **state)
{
	struct case_facts c = ready_case(WF_CHECKED);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("village_review");
	struct move_result res;
	struct refusal out;
	in.notice_end = NULL;                        /* the end may come later */
	assert_int_equal(workflow_move(&c, &cw, "village_review", &in, &res, &out), 0);
	assert_string_equal(res.next.notice_start, "2024-09-01");
	assert_string_equal(res.next.notice_end, "");   /* the old round's end is gone */
	in.notice_start = NULL;
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	expect_only(&out, "notice start date missing", "no start");
	in.notice_start = "2024-08-31";              /* before the meeting */
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), -1);
	expect_only(&out, "before the review meeting", "start before meeting");
	in.notice_start = "2024-09-03";              /* a planned notice may start later */
	in.notice_end = "2024-09-08";
	assert_int_equal(workflow_check(&c, &cw, "village_review", &in, &out), 0);
}

/* --- reasons, method, department ------------------------------------------------ */

static void test_reason_required(void **state)
{
	static const struct { const char *name; enum wf_state from; enum role r; } steps[] = {
		{"not_take", WF_LEAD, ROLE_CASEWORKER}, {"send_back", WF_TOWNSHIP_REVIEW, ROLE_TOWNSHIP},
		{"green_channel", WF_LEAD, ROLE_CASEWORKER}, {"rollback", WF_ELIMINATED, ROLE_COUNTY},
		{"remark", WF_ELIMINATED, ROLE_CASEWORKER},
		{"keep_monitoring", WF_ELIM_COUNTY, ROLE_COUNTY},
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct case_facts c = ready_case(steps[i].from);
		struct user u = user_of(steps[i].r);
		struct move_input in = ready_input(steps[i].name);
		struct refusal out;
		in.reason = NULL;
		assert_int_equal(workflow_check(&c, &u, steps[i].name, &in, &out), -1);
		expect_only(&out, "needs a reason", steps[i].name);
		in.reason = " \t";
		assert_int_equal(workflow_check(&c, &u, steps[i].name, &in, &out), -1);
		in.reason = "村民代表会议否决";
		assert_int_equal(workflow_check(&c, &u, steps[i].name, &in, &out), 0);
	}
	/* Forward steps do not need one. */
	struct case_facts c = ready_case(WF_LEAD);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("visit");
	struct refusal out;
	in.reason = NULL;
	assert_int_equal(workflow_check(&c, &cw, "visit", &in, &out), 0);
}

static void test_elimination_method(void **state)
{
	struct case_facts c = ready_case(WF_ELIM_COUNTY);
	struct user co = user_of(ROLE_COUNTY);
	struct move_input in = ready_input("eliminate");
	struct move_result res;
	struct refusal out;
	in.method = NULL;
	assert_int_equal(workflow_check(&c, &co, "eliminate", &in, &out), -1);
	expect_only(&out, "elimination method missing", "no method");
	assert_true(refusal_has(&out, "帮扶消除 (assisted), 自然消除 (natural)"));
	in.method = "quickly";
	assert_int_equal(workflow_check(&c, &co, "eliminate", &in, &out), -1);
	expect_only(&out, "unknown elimination method \"quickly\"", "bad method");
	in.method = "自然消除";
	assert_int_equal(workflow_move(&c, &co, "eliminate", &in, &res, &out), 0);
	assert_int_equal(res.next.state, WF_ELIMINATED);
	assert_string_equal(res.next.closed_date, "2024-09-01");
}

static void test_referral_department(void **state)
{
	struct case_facts c = ready_case(WF_VISITED);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("refer");
	struct move_result res;
	struct refusal out;
	in.department = NULL;
	assert_int_equal(workflow_check(&c, &cw, "refer", &in, &out), -1);
	expect_only(&out, "department missing", "no department");
	in.department = "外星办";
	assert_int_equal(workflow_check(&c, &cw, "refer", &in, &out), -1);
	expect_only(&out, "unknown department", "bad department");
	in.department = "agriculture";    /* a department a deployment added: not shipped */
	assert_int_equal(workflow_check(&c, &cw, "refer", &in, &out), -1);
	expect_only(&out, "unknown department", "department not in the shipped table");
	struct code_lists lists;
	char err[256];
	code_lists_init(&lists);
	assert_int_equal(code_lists_add(&lists, "department.agriculture", "农业农村", err, sizeof err), 0);
	in.lists = &lists;
	assert_int_equal(workflow_check(&c, &cw, "refer", &in, &out), 0);
	code_lists_free(&lists);
	in.lists = NULL;
	in.department = "民政";
	assert_int_equal(workflow_move(&c, &cw, "refer", &in, &res, &out), 0);
	assert_int_equal(res.next.state, WF_REFERRED);
	assert_string_equal(res.next.closed_date, "2024-09-01");
}

/* --- green channel ------------------------------------------------------------------ */

static void test_green_channel(void **state)
{
	struct case_facts c = ready_case(WF_VISITED);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("green_channel");
	struct move_result res;
	struct refusal out;
	assert_false(workflow_may_record_measure(&c));
	assert_int_equal(workflow_move(&c, &cw, "green_channel", &in, &res, &out), 0);
	assert_int_equal(res.next.state, WF_VISITED);
	assert_true(res.next.green_channel);
	assert_true(workflow_may_record_measure(&res.next));
	/* Only once. */
	assert_int_equal(workflow_check(&res.next, &cw, "green_channel", &in, &out), -1);
	expect_only(&out, "already on the green channel", "twice");
	/* Only for sudden hardship. */
	snprintf(c.category, sizeof c.category, "marginal");
	assert_int_equal(workflow_check(&c, &cw, "green_channel", &in, &out), -1);
	expect_only(&out, "this case is 边缘易致贫户", "marginal");
	c.category[0] = '\0';
	assert_int_equal(workflow_check(&c, &cw, "green_channel", &in, &out), -1);
	expect_only(&out, "without a category", "no category");
	/* Green channel then not taken in: no more measures. */
	c = res.next;
	in = ready_input("not_take");
	assert_int_equal(workflow_move(&c, &cw, "not_take", &in, &res, &out), 0);
	assert_false(workflow_may_record_measure(&res.next));
}

/* --- elimination through the workflow ----------------------------------------------- */

static void test_elimination_refused_with_every_condition(void **state)
{
	struct household_facts h = eligible;
	struct case_facts c = ready_case(WF_ASSISTING);
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input in = ready_input("request_elim");
	struct refusal out;
	snprintf(c.approval_date, DATE_LEN, "2024-04-01");   /* five months: too early */
	c.household = &h;
	assert_int_equal(workflow_check(&c, &cw, "request_elim", &in, &out), -1);
	expect_only(&out, "less than 6 months", "too early");
	assert_true(refusal_has(&out, "elimination possible from 2024-10-01"));
	h.able_to_work = 0;
	h.income_per_capita = 7000;
	assert_int_equal(workflow_check(&c, &cw, "request_elim", &in, &out), -1);
	assert_int_equal(out.count, 3);
	assert_true(refusal_has(&out, "no member able to work"));
	assert_true(refusal_has(&out, "is not above the monitoring line"));
	/* The county's decision checks again: the household may have changed since. */
	c = ready_case(WF_ELIM_COUNTY);
	c.household = &h;
	struct user co = user_of(ROLE_COUNTY);
	in = ready_input("eliminate");
	assert_int_equal(workflow_check(&c, &co, "eliminate", &in, &out), -1);
	assert_int_equal(out.count, 2);
	/* No household facts at all. */
	c.household = NULL;
	assert_int_equal(workflow_check(&c, &co, "eliminate", &in, &out), -1);
	expect_only(&out, "household facts not given", "no household");
}

/* --- the 15-day clock -------------------------------------------------------------- */

static void test_clock_15_days(void **state)
{
	struct case_facts c = ready_case(WF_TOWNSHIP_REVIEW);
	struct wf_clock k;
	snprintf(c.lead_date, DATE_LEN, "2024-03-01");
	c.approval_date[0] = '\0';
	assert_int_equal(workflow_clock(&c, "2024-03-16", &k), 0);
	assert_int_equal(k.days, 15);
	assert_true(k.running);
	assert_false(k.late);
	assert_string_equal(k.deadline, "2024-03-16");
	assert_int_equal(workflow_clock(&c, "2024-03-17", &k), 0);
	assert_int_equal(k.days, 16);
	assert_true(k.late);
	/* Decided: the clock stops at the approval date. */
	snprintf(c.approval_date, DATE_LEN, "2024-03-14");
	assert_int_equal(workflow_clock(&c, "2024-06-01", &k), 0);
	assert_int_equal(k.days, 13);
	assert_false(k.running);
	assert_false(k.late);
	snprintf(c.approval_date, DATE_LEN, "2024-03-20");
	assert_int_equal(workflow_clock(&c, "2024-06-01", &k), 0);
	assert_true(k.late);                         /* decided late stays late */
	c.decision_days = 20;                        /* setting decision_days: a 20-day limit */
	assert_int_equal(workflow_clock(&c, "2024-06-01", &k), 0);
	assert_false(k.late);
	assert_string_equal(k.deadline, "2024-03-21");
	c.decision_days = 0;
	/* Not taken in: stops at the closing date. */
	c.approval_date[0] = '\0';
	snprintf(c.closed_date, DATE_LEN, "2024-03-05");
	assert_int_equal(workflow_clock(&c, "2024-06-01", &k), 0);
	assert_int_equal(k.days, 4);
	assert_false(k.running);
	c.lead_date[0] = '\0';
	assert_int_equal(workflow_clock(&c, "2024-06-01", &k), -1);
}

/* --- states and offered steps ---------------------------------------------------- */

static void test_states(void **state)
{
	enum wf_state s;
	assert_string_equal(workflow_state_code(WF_LEAD), "lead");
	assert_string_equal(workflow_state_label(WF_VILLAGE_REVIEW), "村级评议公示");
	assert_string_equal(workflow_state_label(WF_ELIMINATED), "已消除");
	assert_string_equal(workflow_state_code(WF_NONE), "?");
	assert_string_equal(workflow_state_code(WF_STATE_COUNT), "?");
	assert_int_equal(workflow_state_parse("county_approval", &s), 0);
	assert_int_equal(s, WF_COUNTY_APPROVAL);
	assert_int_equal(workflow_state_parse("帮扶中", &s), 0);
	assert_int_equal(s, WF_ASSISTING);
	assert_int_equal(workflow_state_parse("done", &s), -1);
	assert_int_equal(workflow_state_owner(WF_TOWNSHIP_REVIEW), ROLE_TOWNSHIP);
	assert_int_equal(workflow_state_owner(WF_ELIM_COUNTY), ROLE_COUNTY);
	assert_int_equal(workflow_state_previous(WF_CHECKED), WF_VISITED);
	assert_int_equal(workflow_state_previous(WF_LEAD), WF_NONE);
	assert_int_equal(workflow_state_previous(WF_ASSISTING), WF_NONE);
	assert_true(workflow_is_monitored(WF_ASSISTING));
	assert_true(workflow_is_monitored(WF_ELIM_COUNTY));
	assert_false(workflow_is_monitored(WF_COUNTY_APPROVAL));
	assert_false(workflow_is_monitored(WF_ELIMINATED));
	assert_true(workflow_is_closed(WF_NOT_TAKEN));
	assert_true(workflow_is_closed(WF_REFERRED));
	assert_true(workflow_is_closed(WF_ELIMINATED));
	assert_false(workflow_is_closed(WF_ASSISTING));
	struct case_facts c = ready_case(WF_ASSISTING);
	assert_true(workflow_may_record_measure(&c));
	c.state = WF_ELIMINATED;
	assert_true(workflow_may_record_measure(&c));
	c.state = WF_CHECKED;
	assert_false(workflow_may_record_measure(&c));
}

/* Names of the offered steps joined by ','. */
static void offered(const struct case_facts *c, enum role r, char *out, size_t outlen)
{
	const struct wf_transition *t[32];
	struct user u = user_of(r);
	int n = workflow_offered(c, &u, t, 32);
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), outlen - strlen(out), "%s%s", i ? "," : "", t[i]->name);
}

static void test_offered_steps(void **state)
{
	char names[400];
	struct case_facts c = ready_case(WF_LEAD);
	offered(&c, ROLE_CASEWORKER, names, sizeof names);
	assert_string_equal(names, "visit,not_take,refer,green_channel");
	offered(&c, ROLE_TOWNSHIP, names, sizeof names);
	assert_string_equal(names, "green_channel");
	offered(&c, ROLE_AUDITOR, names, sizeof names);
	assert_string_equal(names, "");
	c.state = WF_TOWNSHIP_REVIEW;
	offered(&c, ROLE_TOWNSHIP, names, sizeof names);
	assert_string_equal(names, "township_pass,not_take,green_channel,send_back");
	c.state = WF_ELIMINATED;
	offered(&c, ROLE_COUNTY, names, sizeof names);
	assert_string_equal(names, "rollback");
	offered(&c, ROLE_ADMIN, names, sizeof names);
	assert_string_equal(names, "rollback,remark");
	struct user outsider = outsider_of(ROLE_COUNTY);
	const struct wf_transition *t[4];
	assert_int_equal(workflow_offered(&c, &outsider, t, 4), 0);
}

/* --- whole cases ------------------------------------------------------------------- */

/* Take step `name` on *c as role r on `date` (also today), with extra input fields from
 * *extra; the case becomes the result. */
static struct move_result step(struct case_facts *c, enum role r, const char *name,
                               const char *date, const struct move_input *extra)
{
	struct move_input in = extra ? *extra : (struct move_input){0};
	struct user u = user_of(r);
	struct move_result res;
	struct refusal out;
	in.today = date;
	in.date = date;
	char what[120];
	snprintf(what, sizeof what, "%s on %s", name, date);
	expect_rc(workflow_move(c, &u, name, &in, &res, &out), 0, &out, what);
	*c = res.next;
	return res;
}

static void test_walk_lead_to_eliminated_rollback_and_remark(void **state)
{
	struct household_facts h = eligible;
	const struct measure_fact m = {"employment", "2024-02-01", ""};
	h.measures = &m;
	struct case_facts c = {.category = "marginal", .region = VILLAGE, .household = &h};
	struct move_input consent = {.consent_date = "2024-01-03"};
	struct move_input notice = {.notice_start = "2024-01-05", .notice_end = "2024-01-09"};
	struct move_input natural = {.method = "natural"};
	struct move_input why = {.reason = "大病复发"};
	struct wf_clock k;
	struct refusal out;

	step(&c, ROLE_CASEWORKER, "open", "2024-01-02", NULL);
	assert_int_equal(c.state, WF_LEAD);
	assert_string_equal(c.lead_date, "2024-01-02");
	step(&c, ROLE_CASEWORKER, "visit", "2024-01-03", &consent);
	step(&c, ROLE_CASEWORKER, "check", "2024-01-04", NULL);
	step(&c, ROLE_CASEWORKER, "village_review", "2024-01-05", &notice);
	assert_int_equal(c.state, WF_VILLAGE_REVIEW);
	step(&c, ROLE_CASEWORKER, "to_township", "2024-01-10", NULL);
	step(&c, ROLE_TOWNSHIP, "township_pass", "2024-01-12", NULL);
	assert_int_equal(c.state, WF_COUNTY_APPROVAL);
	step(&c, ROLE_COUNTY, "approve", "2024-01-15", NULL);
	assert_int_equal(c.state, WF_ASSISTING);
	assert_string_equal(c.approval_date, "2024-01-15");
	assert_int_equal(workflow_clock(&c, "2024-12-31", &k), 0);
	assert_int_equal(k.days, 13);
	assert_false(k.late);

	/* Too early to eliminate on 2024-07-14; possible on 2024-07-15. */
	struct user cw = user_of(ROLE_CASEWORKER);
	struct move_input early = {.today = "2024-07-14"};
	assert_int_equal(workflow_check(&c, &cw, "request_elim", &early, &out), -1);
	expect_only(&out, "less than 6 months", "early");
	step(&c, ROLE_CASEWORKER, "request_elim", "2024-07-15", NULL);
	assert_string_equal(c.notice_start, "");        /* a new review round */
	struct move_input notice2 = {.notice_start = "2024-07-16", .notice_end = "2024-07-20"};
	step(&c, ROLE_CASEWORKER, "elim_village", "2024-07-16", &notice2);
	step(&c, ROLE_CASEWORKER, "elim_to_township", "2024-07-21", NULL);
	step(&c, ROLE_TOWNSHIP, "elim_township_pass", "2024-07-23", NULL);
	step(&c, ROLE_COUNTY, "eliminate", "2024-07-25", &natural);
	assert_int_equal(c.state, WF_ELIMINATED);
	assert_string_equal(c.closed_date, "2024-07-25");

	/* Rolled back (回退): monitored again. */
	step(&c, ROLE_COUNTY, "rollback", "2024-09-01", &why);
	assert_int_equal(c.state, WF_ASSISTING);
	assert_string_equal(c.closed_date, "");
	assert_string_equal(c.approval_date, "2024-01-15");

	/* Eliminated again later, through the whole procedure. */
	struct move_input notice3 = {.notice_start = "2024-10-02", .notice_end = "2024-10-08"};
	struct move_input assisted = {.method = "assisted"};
	step(&c, ROLE_CASEWORKER, "request_elim", "2024-10-01", NULL);
	step(&c, ROLE_CASEWORKER, "elim_village", "2024-10-02", &notice3);
	step(&c, ROLE_CASEWORKER, "elim_to_township", "2024-10-08", NULL);
	step(&c, ROLE_TOWNSHIP, "elim_township_pass", "2024-10-10", NULL);
	step(&c, ROLE_COUNTY, "eliminate", "2024-10-20", &assisted);
	assert_int_equal(c.state, WF_ELIMINATED);

	/* A new risk: re-marked, a new case linked to this one starts as a lead. */
	struct case_facts old = c;
	struct move_result res = step(&c, ROLE_CASEWORKER, "remark", "2025-03-01", &why);
	assert_true(res.new_case);
	assert_int_equal(c.state, WF_ELIMINATED);
	assert_string_equal(c.closed_date, old.closed_date);
	assert_int_equal(res.linked.state, WF_LEAD);
	assert_string_equal(res.linked.lead_date, "2025-03-01");
	assert_string_equal(res.linked.region, VILLAGE);
	assert_string_equal(res.linked.approval_date, "");
	assert_string_equal(res.linked.consent_date, "");
	assert_ptr_equal(res.linked.household, &h);
	/* The new case runs its own procedure and clock. */
	struct case_facts next = res.linked;
	step(&next, ROLE_CASEWORKER, "visit", "2025-03-02", NULL);
	assert_int_equal(workflow_clock(&next, "2025-03-17", &k), 0);
	assert_true(k.late);
}

static void test_walk_send_back_and_not_taken(void **state)
{
	struct case_facts c = ready_case(WF_CHECKED);
	struct move_input notice = {.notice_start = "2024-09-01"};
	struct move_input why = {.reason = "公示期有异议"};
	struct move_input end = {.notice_end = "2024-09-06"};
	c.approval_date[0] = '\0';
	step(&c, ROLE_CASEWORKER, "village_review", "2024-09-01", &notice);
	step(&c, ROLE_CASEWORKER, "to_township", "2024-09-06", &end);
	/* The township sends it back to the village; the village re-posts and resubmits. */
	step(&c, ROLE_TOWNSHIP, "send_back", "2024-09-07", &why);
	assert_int_equal(c.state, WF_VILLAGE_REVIEW);
	struct move_input end2 = {.notice_end = "2024-09-10"};
	step(&c, ROLE_CASEWORKER, "to_township", "2024-09-10", &end2);
	step(&c, ROLE_TOWNSHIP, "township_pass", "2024-09-11", NULL);
	/* The county sends back; the township passes again; the county does not take it. */
	step(&c, ROLE_COUNTY, "send_back", "2024-09-12", &why);
	assert_int_equal(c.state, WF_TOWNSHIP_REVIEW);
	step(&c, ROLE_TOWNSHIP, "township_pass", "2024-09-13", NULL);
	step(&c, ROLE_COUNTY, "not_take", "2024-09-14", &why);
	assert_int_equal(c.state, WF_NOT_TAKEN);
	assert_string_equal(c.closed_date, "2024-09-14");
	/* Withdrawn elimination: the county keeps the household monitored. */
	c = ready_case(WF_ELIM_COUNTY);
	step(&c, ROLE_COUNTY, "keep_monitoring", "2024-09-01", &why);
	assert_int_equal(c.state, WF_ASSISTING);
	assert_string_equal(c.notice_start, "");
}

/* The case as a step by role r left it: its latest step, who took it, where it began. */
static void took(struct case_facts *c, enum role r, const char *name, enum wf_state from)
{
	snprintf(c->last_step, sizeof c->last_step, "%s", name);
	snprintf(c->last_login, sizeof c->last_login, "%s", access_role_code(r));
	c->last_from = from;
}

/* Withdraw (撤回): the one who took a township pass or send-back takes it back while it
 * is still the case's latest step; never someone else's, never after the next level. */
static void test_withdraw(void **state)
{
	struct move_input why = {.reason = "误操作，撤回"};
	struct refusal out;
	struct move_result res;
	struct user ts = user_of(ROLE_TOWNSHIP), co = user_of(ROLE_COUNTY);
	struct move_input in = why;
	in.today = in.date = "2024-09-01";

	/* a township pass, withdrawn by the township: back to township review */
	struct case_facts c = ready_case(WF_COUNTY_APPROVAL);
	took(&c, ROLE_TOWNSHIP, "township_pass", WF_TOWNSHIP_REVIEW);
	assert_int_equal(workflow_withdraw_check(&c, &ts, &out), 0);
	expect_rc(workflow_move(&c, &ts, "withdraw", &in, &res, &out), 0, &out, "withdraw a pass");
	assert_int_equal(res.next.state, WF_TOWNSHIP_REVIEW);
	assert_int_equal(res.from, WF_COUNTY_APPROVAL);
	assert_string_equal(res.next.last_step_date, "2024-09-01");
	assert_string_equal(res.next.approval_date, c.approval_date);   /* nothing else changes */
	/* the withdrawal is offered to the township on the case, not to the county */
	char names[400];
	offered(&c, ROLE_TOWNSHIP, names, sizeof names);
	assert_string_equal(names, "green_channel,withdraw");
	offered(&c, ROLE_COUNTY, names, sizeof names);
	assert_null(strstr(names, "withdraw"));

	/* someone else (the county, or an admin) may not withdraw the township's pass */
	expect_rc(workflow_move(&c, &co, "withdraw", &in, &res, &out), -1, &out, "county withdraws");
	expect_only(&out, "not you", "county withdraws the township's pass");
	struct user admin = user_of(ROLE_ADMIN);
	expect_rc(workflow_check(&c, &admin, "withdraw", &in, &out), -1, &out, "admin withdraws");
	expect_only(&out, "was taken by township, not you", "admin withdraws");

	/* the next level acted: the county sent it back; the township's pass is gone */
	c = ready_case(WF_TOWNSHIP_REVIEW);
	took(&c, ROLE_COUNTY, "send_back", WF_COUNTY_APPROVAL);
	expect_rc(workflow_check(&c, &ts, "withdraw", &in, &out), -1, &out, "after the county");
	expect_only(&out, "not you", "after the county acted");
	/* ... and the county may withdraw its own send-back: back to county approval */
	expect_rc(workflow_move(&c, &co, "withdraw", &in, &res, &out), 0, &out, "withdraw a send-back");
	assert_int_equal(res.next.state, WF_COUNTY_APPROVAL);

	/* a withdrawal is not withdrawn again, nor are steps outside the table's set */
	c = ready_case(WF_TOWNSHIP_REVIEW);
	took(&c, ROLE_TOWNSHIP, "withdraw", WF_COUNTY_APPROVAL);
	expect_rc(workflow_check(&c, &ts, "withdraw", &in, &out), -1, &out, "withdraw twice");
	expect_only(&out, "cannot be withdrawn", "withdraw a withdrawal");
	c = ready_case(WF_ASSISTING);
	took(&c, ROLE_COUNTY, "approve", WF_COUNTY_APPROVAL);
	expect_rc(workflow_check(&c, &co, "withdraw", &in, &out), -1, &out, "withdraw approve");
	expect_only(&out, "cannot be withdrawn", "withdraw a county approval");
	c = ready_case(WF_LEAD);
	expect_rc(workflow_check(&c, &ts, "withdraw", &in, &out), -1, &out, "nothing to withdraw");
	expect_only(&out, "no step to withdraw", "a case without steps");

	/* it needs a reason, a date not before the pass, and the auditor never may */
	c = ready_case(WF_ELIM_COUNTY);
	took(&c, ROLE_TOWNSHIP, "elim_township_pass", WF_ELIM_TOWNSHIP);
	struct move_input bare = {.today = "2024-09-01"};
	expect_rc(workflow_check(&c, &ts, "withdraw", &bare, &out), -1, &out, "no reason");
	expect_only(&out, "needs a reason", "withdraw without a reason");
	struct move_input early = in;
	early.date = "2024-08-01";
	expect_rc(workflow_check(&c, &ts, "withdraw", &early, &out), -1, &out, "early");
	expect_only(&out, "before the previous step's date", "withdraw dated before the pass");
	struct user au = user_of(ROLE_AUDITOR);
	snprintf(au.login, sizeof au.login, "township");
	expect_rc(workflow_check(&c, &au, "withdraw", &in, &out), -1, &out, "auditor");
	assert_true(refusal_has(&out, "reads only"));
	expect_rc(workflow_move(&c, &ts, "withdraw", &in, &res, &out), 0, &out, "elim pass");
	assert_int_equal(res.next.state, WF_ELIM_TOWNSHIP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_matches_spec),
		cmocka_unit_test(test_every_transition_every_role),
		cmocka_unit_test(test_every_transition_out_of_scope),
		cmocka_unit_test(test_every_transition_wrong_state),
		cmocka_unit_test(test_reasons_are_all_listed),
		cmocka_unit_test(test_unknown_step_and_missing_input),
		cmocka_unit_test(test_step_date_rules),
		cmocka_unit_test(test_consent_before_village_review),
		cmocka_unit_test(test_consent_recorded_at_visit_or_check),
		cmocka_unit_test(test_notice_4_vs_5_days),
		cmocka_unit_test(test_notice_must_have_ended),
		cmocka_unit_test(test_village_review_records_notice),
		cmocka_unit_test(test_reason_required),
		cmocka_unit_test(test_elimination_method),
		cmocka_unit_test(test_referral_department),
		cmocka_unit_test(test_green_channel),
		cmocka_unit_test(test_elimination_refused_with_every_condition),
		cmocka_unit_test(test_clock_15_days),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_offered_steps),
		cmocka_unit_test(test_walk_lead_to_eliminated_rollback_and_remark),
		cmocka_unit_test(test_walk_send_back_and_not_taken),
		cmocka_unit_test(test_withdraw),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
