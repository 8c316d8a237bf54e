/* income_form.c — an income assessment (收入核算) from the household view (I): the year,
 * the day assessed, the months counted, the four income lines, business costs and
 * compliant out-of-pocket costs, each checked as it is typed (a year from 2000 to this
 * one, a date up to today, 1-12 months, an amount in yuan that is not negative), then
 * the per-capita net income the lines give (core/income.h) and a reason, and the same
 * store_income_add as `bangfu income add`. What was typed is kept as a draft
 * (tui/drafts.h, field DRAFT_INCOME, the answers as key=value words) when the session
 * ends mid-form or the save is refused because the household changed or the disk
 * failed; the drafts view resumes it here, filled in. */
#include "tui/income_form.h"
#include "tui/prompt.h"
#include "core/date.h"
#include "core/income.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Q_YEAR, Q_ASSESSED, Q_MONTHS, Q_LINES, Q_COUNT = Q_LINES + INC_LINES };
enum check { C_YEAR, C_DATE, C_MONTHS, C_MONEY };

static const struct { const char *key, *label; enum check check; } questions[Q_COUNT] = {
	{"year", "year counted (年度, YYYY): ", C_YEAR},
	{"assessed", "day assessed (empty = today): ", C_DATE},
	{"months", "months counted (empty = 12): ", C_MONTHS},
	{"wage", "wage income 工资性收入 (yuan, empty = 0): ", C_MONEY},
	{"business", "business income 经营性收入: ", C_MONEY},
	{"property", "property income 财产性收入: ", C_MONEY},
	{"transfer", "transfer income 转移性收入: ", C_MONEY},
	{"business_costs", "business costs 生产经营性支出: ", C_MONEY},
	{"compliant_costs", "compliant out-of-pocket costs 合规自付支出: ", C_MONEY},
};

struct answers { char v[Q_COUNT][32]; };

/* One answer as typed, checked: 0, or -1 with the reason in err. Money is normalised. */
static int check_answer(struct ui *ui, int q, char *v, size_t n, char *err, size_t errlen)
{
	const char *today = store_today(ui->s);
	char *end, norm[32];
	long x;
	if (!v[0] && q != Q_YEAR)
		return 0;
	switch (questions[q].check) {
	case C_YEAR:
		x = strtol(v, &end, 10);
		if (!v[0] || *end || strlen(v) != 4 || x < 2000 || x > atol(today))
			return snprintf(err, errlen, "\"%s\" is not a year from 2000 to this one", v), -1;
		return 0;
	case C_DATE:
		if (!date_valid(v) || strcmp(v, today) > 0)
			return snprintf(err, errlen, "\"%s\" is not a date (YYYY-MM-DD) up to today", v), -1;
		return 0;
	case C_MONTHS:
		x = strtol(v, &end, 10);
		if (*end || x < 1 || x > 12)
			return snprintf(err, errlen, "\"%s\": months counted are 1-12", v), -1;
		return 0;
	case C_MONEY:
		if (v[0] == '-')
			return snprintf(err, errlen, "an amount is not negative"), -1;
		if (model_value_normalise(store_code_lists(ui->s), HF_INCOME, v, today, norm,
		                          sizeof norm, err, errlen))
			return -1;
		snprintf(v, n, "%s", norm);
		return 0;
	}
	return 0;
}

/* The answers as one draft value: "year=2025 assessed= months=12 wage=3000 ...". */
static void encode(const struct answers *a, char *out, size_t n)
{
	size_t used = 0;
	out[0] = '\0';
	for (int q = 0; q < Q_COUNT && used < n; q++)
		used += (size_t)snprintf(out + used, n - used, "%s%s=%s", q ? " " : "", questions[q].key,
		                         a->v[q]);
}

static void decode(const char *text, struct answers *a)
{
	memset(a, 0, sizeof *a);
	for (const char *p = text; *p;) {
		size_t k = strcspn(p, " ");
		const char *eq = memchr(p, '=', k);
		for (int q = 0; eq && q < Q_COUNT; q++)
			if ((size_t)(eq - p) == strlen(questions[q].key) &&
			    strncmp(p, questions[q].key, (size_t)(eq - p)) == 0)
				snprintf(a->v[q], sizeof a->v[q], "%.*s", (int)(k - (size_t)(eq - p) - 1), eq + 1);
		p += k + (p[k] == ' ');
	}
}

/* Keep the form as a draft saying why; the status says whether it was kept. */
static void keep(struct ui *ui, struct edit *e, const struct answers *a, const char *problem)
{
	encode(a, e->value, sizeof e->value);
	int kept = drafts_save(ui, e, problem) == 0;
	ui_status(ui, 1, "%s%s", kept ? "not saved, kept as a draft (w): " : "not saved: ", problem);
}

/* Ask question q until its answer passes its check. */
static int ask(struct ui *ui, int q, struct answers *a)
{
	char err[256];
	for (;;) {
		int rc = prompt_line(ui, questions[q].label, a->v[q], sizeof a->v[q], NULL);
		if (rc != PROMPT_OK)
			return rc;
		text_trim(a->v[q]);
		if (check_answer(ui, q, a->v[q], sizeof a->v[q], err, sizeof err) == 0)
			return PROMPT_OK;
		ui_status(ui, 1, "%s: %s", questions[q].key, err);
	}
}

/* The per-capita net income the answers give for a household of `size`, into out. */
static void preview(const struct answers *a, int size, char *out, size_t n)
{
	const char *lines[INC_LINES];
	char err[200];
	for (int i = 0; i < INC_LINES; i++)
		lines[i] = a->v[Q_LINES + i];
	int months = a->v[Q_MONTHS][0] ? atoi(a->v[Q_MONTHS]) : 12;
	if (income_per_capita(lines, size, months, out, n, err, sizeof err))
		snprintf(out, n, "? (%s)", err);
}

int income_form(struct ui *ui, const struct household *h, struct edit *e)
{
	struct answers a;
	char per_capita[64], label[256], id[16];
	int rc = PROMPT_OK;
	decode(e->value, &a);
	snprintf(e->household, sizeof e->household, "%s", h->id);
	e->member = 0;
	e->field = DRAFT_INCOME;
	for (int q = 0; q < Q_COUNT && rc == PROMPT_OK; q++)
		rc = ask(ui, q, &a);
	if (rc == PROMPT_OK) {
		preview(&a, h->nmembers, per_capita, sizeof per_capita);
		snprintf(label, sizeof label, "per-capita net income %s (%d people) — reason: ",
		         per_capita, h->nmembers);
		rc = prompt_reason(ui, label, e->why, sizeof e->why);
	}
	if (rc == PROMPT_END) {
		keep(ui, e, &a, "the session ended while this was being entered");
		ui->quit = 1;
		return REQ_DONE;
	}
	if (rc != PROMPT_OK) {
		ui_status(ui, 0, "cancelled: nothing was recorded");
		return REQ_DONE;
	}
	struct income_input in = {a.v[Q_YEAR], a.v[Q_ASSESSED][0] ? a.v[Q_ASSESSED] : NULL,
	                          a.v[Q_MONTHS][0] ? a.v[Q_MONTHS] : NULL, {0}};
	for (int i = 0; i < INC_LINES; i++)
		in.lines[i] = a.v[Q_LINES + i];
	rc = store_income_add(ui->s, &ui->me, h->id, &in, e->why, id, sizeof id);
	if (rc == 0) {
		drafts_forget(ui, e);
		ui_changed(ui);
		ui_status(ui, 0, "income assessment %s recorded: %s per person for %s", id, per_capita,
		          a.v[Q_YEAR]);
		return REQ_DONE;
	}
	char msg[1024];
	snprintf(msg, sizeof msg, "%s", store_error(ui->s));
	if (rc == STORE_ESTALE || rc == STORE_EFAIL) {
		keep(ui, e, &a, msg);
		ui_changed(ui);
	} else {
		ui_status(ui, 1, "%s", msg);
	}
	return REQ_DONE;
}
