/* tasks_rules.h — the tasks the monitoring rules generate, and the order staff see work
 * in. From a case's facts as of a date it derives: a visit falling due (monitored
 * households, per-county interval), a lead near its 15-day limit, and a missing
 * development measure. The store turns each into a task (kind visit / verification /
 * measure) unless one with the same case, rule and due date exists, and `bangfu today`
 * lists tasks most urgent first with tasks_rules_cmp / tasks_rules_due_cmp. */
#ifndef CORE_TASKS_RULES_H
#define CORE_TASKS_RULES_H
#include "core/rules.h"
#include "core/workflow.h"

enum rule_task_kind {
	RULE_TASK_LEAD_LIMIT,    /* lead near (or past) its 15-day limit */
	RULE_TASK_VISIT,         /* next visit due (or overdue) */
	RULE_TASK_DEV_MEASURE,   /* a household with labour still lacks a development measure */
	RULE_TASK_KIND_COUNT
};

struct rule_task {
	enum rule_task_kind kind;
	long case_id;            /* copied from the source, not interpreted */
	long household_id;
	char due[DATE_LEN];
	long days_overdue;       /* as_of - due: > 0 overdue, <= 0 due in -days_overdue days */
	int overdue;
};

/* One case to derive tasks for. */
struct task_source {
	long case_id, household_id;
	const struct case_facts *c;   /* monitored cases need c->household (last visit, measures) */
};

const char *tasks_rules_code(enum rule_task_kind k);   /* lead_limit, visit_due, dev_measure */
const char *tasks_rules_label(enum rule_task_kind k);  /* 线索临近时限, 走访到期, 缺发展类措施 */
/* What a person reads for the rule code a task or a `today` item carries (lead_limit,
 * visit_due, dev_measure, and milestone: an overdue project milestone): its label in the
 * user's language (codes_shown); NULL for "" or another code. */
const char *tasks_rules_shown(const char *code);
/* The task kind (DOMAIN's task kinds) a rule task becomes: verification, visit, measure. */
const char *tasks_rules_task_kind(enum rule_task_kind k);

/* The rule tasks of one case as of `as_of`: a lead still undecided and at least
 * s->lead_warn_days old (due on its 15-day deadline); for monitored cases a visit and a
 * missing development measure due within s->due_soon_days or overdue. Writes up to max
 * tasks to out and returns how many, or -1 (invalid as_of or settings, or a monitored
 * case without household facts). */
int tasks_rules_derive(const struct task_source *src, const struct rules_settings *s,
                       const char *as_of, struct rule_task *out, int max);

/* When a rule task of one case applies, as dates (so a list kept from them needs no
 * recomputation when the day changes): on a day D the task is derived exactly when
 * show_from <= D < until (until "" = never ends), due on `due`. */
struct rule_span {
	enum rule_task_kind kind;
	char due[DATE_LEN], show_from[DATE_LEN], until[DATE_LEN];
};

/* The spans of one case: on every day D, tasks_rules_derive(src, s, D) gives the tasks
 * of the spans that hold on D, days_overdue = D - due. Writes up to max spans to out and
 * returns how many, or -1 when tasks_rules_derive gives -1 on every day (the case's
 * dates or the settings cannot be read). A span that never holds is left out. */
int tasks_rules_spans(const struct task_source *src, const struct rules_settings *s,
                      struct rule_span *out, int max);

/* Most urgent first: the longest overdue first, then the soonest due; ties by kind, then
 * case id. A qsort comparator over struct rule_task (all derived as of the same day). */
int tasks_rules_cmp(const void *a, const void *b);
/* The same order for any two due dates ("YYYY-MM-DD"; "" or NULL = no due date, last),
 * so stored tasks sort like rule tasks. */
int tasks_rules_due_cmp(const char *due_a, const char *due_b);
void tasks_rules_sort(struct rule_task *tasks, int n);

#endif
