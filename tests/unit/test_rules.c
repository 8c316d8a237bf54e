/* test_rules.c — core/rules (risk elimination conditions, development-measure flag,
 * visit due dates, settings, refusal lists) and core/tasks_rules (rule-generated tasks
 * and the most-urgent-first order). No database: facts are built in memory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/rules.h"
#include "core/tasks_rules.h"
#include "core/workflow.h"

static const struct measure_fact industry = {"industry", "2024-02-01", ""};
static const struct measure_fact health = {"health", "2024-02-01", "2024-03-01"};

/* A household that meets every elimination condition. */
static struct household_facts eligible(void)
{
	struct household_facts h = {
		.has_income = 1, .income_per_capita = 9000, .monitoring_line = 8000,
		.housing_ok = 1, .school_ok = 1, .medical_ok = 1, .water_ok = 1, .costs_ok = 1,
		.able_to_work = 2, .measures = &industry, .measure_count = 1,
		.last_visit = "2024-07-01",
	};
	return h;
}

#define START "2024-01-15"        /* county approval: monitoring starts */
#define SIX_MONTHS "2024-07-15"   /* the first day elimination is possible */

/* --- refusal lists and settings ---------------------------------------------------- */

static void test_refusal_list(void **state)
{
	struct refusal r;
	char text[512];
	refusal_clear(&r);
	assert_int_equal(refusal_join(&r, "; ", text, sizeof text), 0);
	assert_string_equal(text, "");
	refusal_add(&r, "first %d", 1);
	refusal_add(&r, "second (第二)");
	assert_int_equal(r.count, 2);
	assert_true(refusal_has(&r, "第二"));
	assert_false(refusal_has(&r, "third"));
	refusal_join(&r, "; ", text, sizeof text);
	assert_string_equal(text, "first 1; second (第二)");
	/* A short buffer is cut, never overrun. */
	char small[8];
	assert_int_equal(refusal_join(&r, "; ", small, sizeof small), 7);
	assert_string_equal(small, "first 1");
	/* Reasons beyond the capacity are counted, not lost silently. */
	for (int i = 0; i < REFUSAL_MAX + 3; i++)
		refusal_add(&r, "r%d", i);
	assert_int_equal(r.count, REFUSAL_MAX);
	assert_int_equal(r.dropped, 5);
	static char big[REFUSAL_MAX * REFUSAL_TEXT];
	refusal_join(&r, "\n", big, sizeof big);
	assert_non_null(strstr(big, "(5 more)"));
}

/* A reason longer than the buffer is cut before a partial UTF-8 character. */
static void test_refusal_cut_on_character(void **state)
{
	char longtext[REFUSAL_TEXT * 2] = "";
	struct refusal r;
	refusal_clear(&r);
	for (int i = 0; i < REFUSAL_TEXT / 3 + 10; i++)
		strcat(longtext, "监");                    /* 3 bytes each */
	/* 2 + 3k bytes; with 512-byte reasons the cut at 511 falls inside a character. */
	refusal_add(&r, "xy%s", longtext);
	size_t n = strlen(r.reasons[0]);
	assert_true(n < REFUSAL_TEXT - 1);
	assert_int_equal((n - 2) % 3, 0);
	assert_true(n > REFUSAL_TEXT - 5);
	assert_int_equal(memcmp(r.reasons[0] + n - 3, "监", 3), 0);
}

static void test_settings_sample_and_check(void **state)
{
	struct rules_settings s;
	char err[200];
	rules_settings_sample(&s);
	assert_int_equal(s.visit_interval_days, RULES_SAMPLE_VISIT_INTERVAL);
	assert_int_equal(s.visit_interval_days, 30);
	assert_int_equal(s.dev_measure_days, 30);
	assert_int_equal(s.lead_warn_days, 12);
	assert_int_equal(rules_settings_check(&s, err, sizeof err), 0);
	s.visit_interval_days = 0;
	assert_int_equal(rules_settings_check(&s, err, sizeof err), -1);
	assert_non_null(strstr(err, "visit interval"));
	rules_settings_sample(&s);
	s.due_soon_days = -1;
	assert_int_equal(rules_settings_check(&s, err, sizeof err), -1);
	assert_non_null(strstr(err, "-1"));
}

static void test_labour_and_groups(void **state)
{
	assert_true(rules_labour_able("ordinary"));
	assert_true(rules_labour_able("skilled"));
	assert_true(rules_labour_able("weak"));
	assert_false(rules_labour_able("lost"));
	assert_false(rules_labour_able("none"));
	assert_false(rules_labour_able(NULL));
	static const char *const dev[] = {"industry", "employment", "finance", "public_job"};
	for (size_t i = 0; i < 4; i++)
		assert_true(rules_measure_is_development(dev[i]));
	static const char *const other[] = {"housing", "water", "health", "compulsory_edu",
		"other_edu", "social_security", "social_help", "relocation", "living",
		"infrastructure"};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		assert_false(rules_measure_is_development(other[i]));
}

static void test_measures_in_place(void **state)
{
	const struct measure_fact m[] = {
		{"industry", "2024-02-01", ""},
		{"health", "2024-01-01", "2024-01-31"},   /* ended: still delivered */
		{"employment", "2024-09-01", ""},         /* not yet started */
		{"finance", "", ""},                      /* no start date */
	};
	struct household_facts h = eligible();
	h.measures = m;
	h.measure_count = 4;
	assert_int_equal(rules_measures_in_place(&h, "2024-08-01", 0), 2);
	assert_int_equal(rules_measures_in_place(&h, "2024-08-01", 1), 1);
	assert_int_equal(rules_measures_in_place(&h, "2024-09-01", 1), 2);
	assert_int_equal(rules_measures_in_place(&h, "2023-12-31", 0), 0);
	assert_int_equal(rules_measures_in_place(&h, "bad", 0), -1);
	/* the setting dev_measure_groups decides which groups count */
	snprintf(h.dev_groups, sizeof h.dev_groups, "health,finance");
	assert_int_equal(rules_measures_in_place(&h, "2024-08-01", 1), 1);   /* health only */
	assert_int_equal(rules_measures_in_place(&h, "2024-09-01", 1), 1);   /* employment no longer */
	snprintf(h.dev_groups, sizeof h.dev_groups, "social_security");
	assert_int_equal(rules_measures_in_place(&h, "2024-09-01", 1), 0);
}

static void test_development_groups_setting(void **state)
{
	assert_true(rules_measure_is_development_in(NULL, "public_job"));
	assert_true(rules_measure_is_development_in("", "industry"));
	assert_false(rules_measure_is_development_in("", "health"));
	assert_true(rules_measure_is_development_in("industry,health", "health"));
	assert_false(rules_measure_is_development_in("industry,health", "employment"));
	/* a code is matched whole, never as a prefix or part of another */
	assert_false(rules_measure_is_development_in("industry,health", "heal"));
	assert_false(rules_measure_is_development_in("other_edu", "edu"));
	assert_false(rules_measure_is_development_in("industry", ""));
	assert_false(rules_measure_is_development_in("industry", NULL));
}

/* --- risk elimination ------------------------------------------------------------- */

static void test_elimination_all_met(void **state)
{
	struct household_facts h = eligible();
	struct refusal r;
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, START, SIX_MONTHS, &r), 0);
	assert_int_equal(r.count, 0);
	/* An ended measure of any group counts as a measure in place. */
	h.measures = &health;
	assert_int_equal(rules_elimination_check(&h, START, "2024-12-01", &r), 0);
}

/* One condition broken at a time: exactly one reason, naming it. */
struct broken { const char *name; void (*breaks)(struct household_facts *, const char **);
                const char *expect; };

static void months_short(struct household_facts *h, const char **start) { *start = "2024-01-16"; }
static void not_approved(struct household_facts *h, const char **start) { *start = ""; }
static void no_measure(struct household_facts *h, const char **s) { h->measure_count = 0; }
static void measure_later(struct household_facts *h, const char **s)
{
	static const struct measure_fact later = {"industry", "2024-08-01", ""};
	h->measures = &later;
}
static void income_low(struct household_facts *h, const char **s) { h->income_per_capita = 7999.5; }
static void income_at_line(struct household_facts *h, const char **s) { h->income_per_capita = 8000; }
static void no_income(struct household_facts *h, const char **s) { h->has_income = 0; }
static void no_line(struct household_facts *h, const char **s) { h->monitoring_line = 0; }
static void housing(struct household_facts *h, const char **s) { h->housing_ok = 0; }
static void school(struct household_facts *h, const char **s) { h->school_ok = 0; }
static void medical(struct household_facts *h, const char **s) { h->medical_ok = 0; }
static void water(struct household_facts *h, const char **s) { h->water_ok = 0; }
static void costs(struct household_facts *h, const char **s) { h->costs_ok = 0; }
static void no_labour(struct household_facts *h, const char **s) { h->able_to_work = 0; }

static const struct broken broken[] = {
	{"monitored < 6 months", months_short, "less than 6 months"},
	{"never approved", not_approved, "not yet approved by the county"},
	{"no measure", no_measure, "no assistance measure in place"},
	{"measure after the date", measure_later, "no assistance measure in place"},
	{"income below line", income_low, "is not above the monitoring line"},
	{"income equal to line", income_at_line,
	 "8000.00 is not above the monitoring line 8000.00"},
	{"no income", no_income, "no income assessed"},
	{"no monitoring line", no_line, "no monitoring line set"},
	{"housing", housing, "housing is not safe"},
	{"school", school, "out of compulsory education"},
	{"medical", medical, "lacks basic medical insurance"},
	{"water", water, "drinking water is not safe"},
	{"large expenses", costs, "large rigid expenses are not resolved"},
	{"no labour", no_labour, "no member able to work"},
};

static void test_elimination_each_condition_alone(void **state)
{
	for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
		struct household_facts h = eligible();
		const char *start = START;
		struct refusal r;
		refusal_clear(&r);
		broken[i].breaks(&h, &start);
		const char *expect = broken[i].expect;
		int rc = rules_elimination_check(&h, start, SIX_MONTHS, &r);
		if (rc != -1 || r.count != 1 || !refusal_has(&r, expect))
			fail_msg("%s: rc %d, %d reasons, first \"%s\"", broken[i].name, rc, r.count,
			         r.count ? r.reasons[0] : "");
	}
}

static void test_elimination_six_months_boundary(void **state)
{
	struct household_facts h = eligible();
	struct refusal r;
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, START, "2024-07-14", &r), -1);
	assert_true(refusal_has(&r, "elimination possible from 2024-07-15"));
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, START, "2024-07-15", &r), 0);
	/* Month-end approval: six months later is the end of February. */
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, "2024-08-31", "2025-02-27", &r), -1);
	assert_true(refusal_has(&r, "2025-02-28"));
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, "2024-08-31", "2025-02-28", &r), 0);
}

static void test_elimination_all_conditions_together(void **state)
{
	struct household_facts h = {
		.has_income = 1, .income_per_capita = 3000, .monitoring_line = 8000,
		.able_to_work = 0, .measure_count = 0,
	};
	struct refusal r;
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, "2024-05-01", "2024-06-01", &r), -1);
	static const char *const all[] = {"less than 6 months", "no assistance measure in place", "is not above the monitoring line",
		"housing is not safe", "out of compulsory education", "lacks basic medical insurance", "drinking water is not safe",
		"large rigid expenses are not resolved", "no member able to work"};
	assert_int_equal(r.count, (int)(sizeof all / sizeof all[0]));
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		assert_true(refusal_has(&r, all[i]));
	assert_int_equal(r.dropped, 0);
	/* The income reason gives both figures. */
	assert_true(refusal_has(&r, "3000.00 is not above the monitoring line 8000.00"));
}

static void test_elimination_keeps_earlier_reasons(void **state)
{
	struct household_facts h = eligible();
	struct refusal r;
	refusal_clear(&r);
	refusal_add(&r, "an earlier reason");
	/* All conditions hold: 0, and the caller's reasons stay. */
	assert_int_equal(rules_elimination_check(&h, START, SIX_MONTHS, &r), 0);
	assert_int_equal(r.count, 1);
	h.water_ok = 0;
	assert_int_equal(rules_elimination_check(&h, START, SIX_MONTHS, &r), -1);
	assert_int_equal(r.count, 2);
}

static void test_elimination_bad_input(void **state)
{
	struct household_facts h = eligible();
	struct refusal r;
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(NULL, START, SIX_MONTHS, &r), -1);
	assert_true(refusal_has(&r, "household facts not given"));
	refusal_clear(&r);
	assert_int_equal(rules_elimination_check(&h, START, "2024-02-30", &r), -1);
	assert_true(refusal_has(&r, "not a valid YYYY-MM-DD date"));
}

/* --- development measure ---------------------------------------------------------- */

static void test_dev_measure_day_29_30_31(void **state)
{
	struct household_facts h = eligible();
	struct rules_due d;
	h.measures = &health;                         /* not a development measure */
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-01-30", &d), 0);
	assert_true(d.applies);                       /* day 29 */
	assert_string_equal(d.due, "2024-01-31");
	assert_int_equal(d.days_overdue, -1);
	assert_false(d.overdue);
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-01-31", &d), 0);
	assert_false(d.overdue);                      /* day 30: due today */
	assert_int_equal(d.days_overdue, 0);
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-02-01", &d), 0);
	assert_true(d.overdue);                       /* day 31: flagged */
	assert_int_equal(d.days_overdue, 1);
}

static void test_dev_measure_not_applicable(void **state)
{
	struct household_facts h = eligible();
	struct rules_due d;
	/* Has a development measure (industry, started 2024-02-01). */
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-03-01", &d), 0);
	assert_false(d.applies);
	assert_false(d.overdue);
	/* ... but not yet on 2024-01-31: then it is still missing. */
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-01-31", &d), 0);
	assert_true(d.applies);
	/* No labour: 综合保障 instead, no flag. */
	h.measure_count = 0;
	h.able_to_work = 0;
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "2024-06-01", &d), 0);
	assert_false(d.applies);
	/* Not identified yet. */
	h.able_to_work = 1;
	assert_int_equal(rules_dev_measure_due(&h, "", 30, "2024-06-01", &d), 0);
	assert_false(d.applies);
	/* The delay is a setting: 20 days flags on day 21. */
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 20, "2024-01-22", &d), 0);
	assert_true(d.overdue);
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 0, "2024-01-22", &d), -1);
	assert_int_equal(rules_dev_measure_due(&h, "2024-01-01", 30, "x", &d), -1);
}

/* --- visits ----------------------------------------------------------------------- */

static void test_visit_due_and_overdue(void **state)
{
	struct rules_due d;
	assert_int_equal(rules_visit_due("2024-03-01", START, 30, "2024-03-31", &d), 0);
	assert_true(d.applies);
	assert_string_equal(d.due, "2024-03-31");
	assert_false(d.overdue);
	assert_int_equal(d.days_overdue, 0);
	assert_int_equal(rules_visit_due("2024-03-01", START, 30, "2024-04-01", &d), 0);
	assert_true(d.overdue);
	assert_int_equal(d.days_overdue, 1);
	assert_int_equal(rules_visit_due("2024-03-01", START, 30, "2024-03-11", &d), 0);
	assert_int_equal(d.days_overdue, -20);
	/* A county with a 14-day interval. */
	assert_int_equal(rules_visit_due("2024-03-01", START, 14, "2024-03-16", &d), 0);
	assert_string_equal(d.due, "2024-03-15");
	assert_true(d.overdue);
}

static void test_visit_never_visited(void **state)
{
	struct rules_due d;
	assert_int_equal(rules_visit_due("", "2024-01-15", 30, "2024-02-20", &d), 0);
	assert_string_equal(d.due, "2024-02-14");
	assert_true(d.overdue);
	assert_int_equal(d.days_overdue, 6);
	assert_int_equal(rules_visit_due(NULL, "", 30, "2024-02-20", &d), 0);
	assert_false(d.applies);
	assert_int_equal(rules_visit_due("2024-03-01", START, 0, "2024-02-20", &d), -1);
	assert_int_equal(rules_visit_due("2024-03-32", START, 30, "2024-02-20", &d), -1);
	assert_int_equal(rules_visit_due("2024-03-01", START, 30, "", &d), -1);
}

/* --- rule-generated tasks --------------------------------------------------------- */

static struct case_facts lead_case(const char *lead_date)
{
	struct case_facts c = {.state = WF_LEAD, .category = "marginal",
	                       .region = "441481101001"};
	snprintf(c.lead_date, DATE_LEN, "%s", lead_date);
	snprintf(c.last_step_date, DATE_LEN, "%s", lead_date);
	return c;
}

static struct case_facts monitored_case(const struct household_facts *h)
{
	struct case_facts c = lead_case("2024-01-01");
	c.state = WF_ASSISTING;
	snprintf(c.approval_date, DATE_LEN, "2024-01-10");
	c.household = h;
	return c;
}

static int derive(const struct case_facts *c, const char *as_of, struct rule_task *out, int max)
{
	struct rules_settings s;
	struct task_source src = {7, 70, c};
	rules_settings_sample(&s);
	return tasks_rules_derive(&src, &s, as_of, out, max);
}

/* On every day of a range, the spans that hold are exactly what tasks_rules_derive gives
 * that day (kind, due date, days overdue). */
static void assert_spans_match(const struct case_facts *c, const char *from, int days)
{
	struct rules_settings s;
	struct task_source src = {7, 70, c};
	struct rule_span sp[RULE_TASK_KIND_COUNT];
	rules_settings_sample(&s);
	int nsp = tasks_rules_spans(&src, &s, sp, RULE_TASK_KIND_COUNT);
	for (int d = 0; d < days; d++) {
		char day[DATE_LEN];
		struct rule_task t[RULE_TASK_KIND_COUNT];
		assert_int_equal(date_add_days(from, d, day), 0);
		int n = tasks_rules_derive(&src, &s, day, t, RULE_TASK_KIND_COUNT);
		if (nsp < 0) {
			assert_int_equal(n, -1);
			continue;
		}
		int held = 0;
		for (int k = 0; k < nsp; k++) {
			if (strcmp(sp[k].show_from, day) > 0 || (sp[k].until[0] && strcmp(day, sp[k].until) >= 0))
				continue;
			long overdue;
			assert_int_equal(date_diff(sp[k].due, day, &overdue), 0);
			int found = 0;
			for (int i = 0; i < n; i++)
				found |= t[i].kind == sp[k].kind && strcmp(t[i].due, sp[k].due) == 0 &&
				         t[i].days_overdue == overdue;
			assert_true(found);
			held++;
		}
		assert_int_equal(held, n);
	}
}

static void test_task_spans_match_derive(void **state)
{
	(void)state;
	struct measure_fact m[2] = {{.group = "industry", .start = "2024-06-20"},
	                            {.group = "social_security", .start = "2024-02-01"}};
	struct household_facts h = {.able_to_work = 1, .measures = m, .measure_count = 2,
	                            .last_visit = "2024-03-05"};
	struct case_facts lead = lead_case("2024-01-01"), bad = lead_case("");
	struct case_facts mon = monitored_case(&h);
	assert_spans_match(&lead, "2023-12-20", 40);
	assert_spans_match(&bad, "2024-01-01", 3);
	assert_spans_match(&mon, "2024-01-01", 240);
	h.last_visit[0] = '\0';   /* never visited: from monitoring's start */
	h.measure_count = 1;
	snprintf(m[0].start, DATE_LEN, "2025-01-01");
	assert_spans_match(&mon, "2024-01-01", 400);
	struct case_facts decided = lead_case("2024-01-01");
	snprintf(decided.approval_date, DATE_LEN, "2024-01-09");
	assert_spans_match(&decided, "2024-01-01", 30);
}

static void test_task_lead_limit(void **state)
{
	struct rule_task t[4];
	struct case_facts c = lead_case("2024-03-01");
	assert_int_equal(derive(&c, "2024-03-12", t, 4), 0);       /* 11 days: nothing */
	assert_int_equal(derive(&c, "2024-03-13", t, 4), 1);       /* 12 days: near the limit */
	assert_int_equal(t[0].kind, RULE_TASK_LEAD_LIMIT);
	assert_string_equal(t[0].due, "2024-03-16");
	assert_int_equal(t[0].days_overdue, -3);
	assert_false(t[0].overdue);
	assert_int_equal(t[0].case_id, 7);
	assert_int_equal(t[0].household_id, 70);
	assert_string_equal(tasks_rules_task_kind(t[0].kind), "verification");
	assert_int_equal(derive(&c, "2024-03-17", t, 4), 1);       /* 16 days: late */
	assert_true(t[0].overdue);
	/* Any stage before the county's decision keeps the clock running. */
	c.state = WF_TOWNSHIP_REVIEW;
	assert_int_equal(derive(&c, "2024-03-17", t, 4), 1);
	/* Decided or closed: no lead task. */
	c.state = WF_NOT_TAKEN;
	snprintf(c.closed_date, DATE_LEN, "2024-03-05");
	assert_int_equal(derive(&c, "2024-03-17", t, 4), 0);
}

static void test_task_visit(void **state)
{
	struct household_facts h = eligible();
	snprintf(h.last_visit, DATE_LEN, "2024-03-01");          /* next visit due 2024-03-31 */
	struct case_facts c = monitored_case(&h);
	struct rule_task t[4];
	assert_int_equal(derive(&c, "2024-03-23", t, 4), 0);      /* 8 days ahead: not yet */
	assert_int_equal(derive(&c, "2024-03-24", t, 4), 1);      /* 7 days ahead */
	assert_int_equal(t[0].kind, RULE_TASK_VISIT);
	assert_string_equal(t[0].due, "2024-03-31");
	assert_string_equal(tasks_rules_task_kind(t[0].kind), "visit");
	assert_int_equal(derive(&c, "2024-04-05", t, 4), 1);
	assert_true(t[0].overdue);
	assert_int_equal(t[0].days_overdue, 5);
	/* Elimination in progress: still monitored, still visited. */
	c.state = WF_ELIM_TOWNSHIP;
	assert_int_equal(derive(&c, "2024-04-05", t, 4), 1);
	/* Eliminated: no more rule visits. */
	c.state = WF_ELIMINATED;
	assert_int_equal(derive(&c, "2024-04-05", t, 4), 0);
}

static void test_task_dev_measure(void **state)
{
	struct household_facts h = eligible();
	h.measures = &health;                                    /* no development measure */
	snprintf(h.last_visit, DATE_LEN, "2024-01-30");          /* visit due 2024-02-29 */
	struct case_facts c = monitored_case(&h);                /* approved 2024-01-10 */
	struct rule_task t[4];
	assert_int_equal(derive(&c, "2024-02-01", t, 4), 0);      /* measure due 02-09: 8 days */
	assert_int_equal(derive(&c, "2024-02-02", t, 4), 1);
	assert_int_equal(t[0].kind, RULE_TASK_DEV_MEASURE);
	assert_string_equal(t[0].due, "2024-02-09");
	assert_string_equal(tasks_rules_task_kind(t[0].kind), "measure");
	assert_int_equal(derive(&c, "2024-02-25", t, 4), 2);      /* and the visit is near */
	assert_int_equal(t[0].kind, RULE_TASK_VISIT);
	assert_int_equal(t[1].kind, RULE_TASK_DEV_MEASURE);
	assert_true(t[1].overdue);
	/* Only room for one: the count says so. */
	assert_int_equal(derive(&c, "2024-02-25", t, 1), 1);
	/* With labour gone, no development measure is expected. */
	h.able_to_work = 0;
	assert_int_equal(derive(&c, "2024-02-10", t, 4), 0);
}

static void test_task_bad_input(void **state)
{
	struct case_facts c = monitored_case(NULL);
	struct rule_task t[4];
	struct rules_settings s;
	rules_settings_sample(&s);
	assert_int_equal(derive(&c, "2024-02-01", t, 4), -1);    /* monitored, no household */
	struct case_facts lead = lead_case("2024-03-01");
	assert_int_equal(derive(&lead, "2024-13-01", t, 4), -1);
	struct task_source src = {1, 1, &lead};
	s.lead_warn_days = 0;
	assert_int_equal(tasks_rules_derive(&src, &s, "2024-03-20", t, 4), -1);
	assert_string_equal(tasks_rules_code(RULE_TASK_VISIT), "visit_due");
	assert_string_equal(tasks_rules_label(RULE_TASK_DEV_MEASURE), "缺发展类措施");
	assert_string_equal(tasks_rules_code(RULE_TASK_KIND_COUNT), "?");
}

static void test_task_order_most_urgent_first(void **state)
{
	struct rule_task t[] = {
		{.kind = RULE_TASK_VISIT, .case_id = 1, .days_overdue = -3},   /* due in 3 days */
		{.kind = RULE_TASK_VISIT, .case_id = 2, .days_overdue = 10},   /* 10 days overdue */
		{.kind = RULE_TASK_DEV_MEASURE, .case_id = 3, .days_overdue = 0},  /* due today */
		{.kind = RULE_TASK_LEAD_LIMIT, .case_id = 4, .days_overdue = 2},
		{.kind = RULE_TASK_VISIT, .case_id = 5, .days_overdue = -1},
		{.kind = RULE_TASK_LEAD_LIMIT, .case_id = 6, .days_overdue = -1},
		{.kind = RULE_TASK_VISIT, .case_id = 0, .days_overdue = -1},
	};
	tasks_rules_sort(t, 7);
	const long order[] = {2, 4, 3, 6, 0, 5, 1};
	for (int i = 0; i < 7; i++)
		assert_int_equal(t[i].case_id, order[i]);
}

static void test_due_date_order(void **state)
{
	assert_true(tasks_rules_due_cmp("2024-01-01", "2024-01-02") < 0);
	assert_true(tasks_rules_due_cmp("2024-02-01", "2024-01-31") > 0);
	assert_int_equal(tasks_rules_due_cmp("2024-02-01", "2024-02-01"), 0);
	assert_true(tasks_rules_due_cmp("", "2024-01-02") > 0);     /* no due date: last */
	assert_true(tasks_rules_due_cmp("2099-01-01", NULL) < 0);
	assert_int_equal(tasks_rules_due_cmp(NULL, ""), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusal_list),
		cmocka_unit_test(test_refusal_cut_on_character),
		cmocka_unit_test(test_settings_sample_and_check),
		cmocka_unit_test(test_labour_and_groups),
		cmocka_unit_test(test_measures_in_place),
		cmocka_unit_test(test_development_groups_setting),
		cmocka_unit_test(test_elimination_all_met),
		cmocka_unit_test(test_elimination_each_condition_alone),
		cmocka_unit_test(test_elimination_six_months_boundary),
		cmocka_unit_test(test_elimination_all_conditions_together),
		cmocka_unit_test(test_elimination_keeps_earlier_reasons),
		cmocka_unit_test(test_elimination_bad_input),
		cmocka_unit_test(test_dev_measure_day_29_30_31),
		cmocka_unit_test(test_dev_measure_not_applicable),
		cmocka_unit_test(test_visit_due_and_overdue),
		cmocka_unit_test(test_visit_never_visited),
		cmocka_unit_test(test_task_lead_limit),
		cmocka_unit_test(test_task_visit),
		cmocka_unit_test(test_task_dev_measure),
		cmocka_unit_test(test_task_bad_input),
		cmocka_unit_test(test_task_spans_match_derive),
		cmocka_unit_test(test_task_order_most_urgent_first),
		cmocka_unit_test(test_due_date_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
