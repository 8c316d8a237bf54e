/* income_form.c — an income assessment (收入核算) from the household view (I): the year,
 * the day assessed, the months counted, the four income lines, business costs and
 * compliant out-of-pocket costs, each checked as it is typed (a year from 2000 to this
 * one, a date up to today, 1-12 months, an amount in yuan that is not negative), then
 * the per-capita net income the lines give (core/income.h) and a reason, and the same
 * store_income_add as `bangfu income add`. The questions are a form_ask form ("income"),
 * so what was typed is kept as a draft like V's and M's when the session ends mid-form or
 * the save is refused because the household changed or the disk failed; the drafts view
 * resumes it here, filled in. */
#include "tui/income_form.h"
#include "core/i18n.h"
#include "tui/prompt.h"
#include "tui/form_ask.h"
#include "tui/view_util.h"
#include "core/date.h"
#include "core/income.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Q_YEAR, Q_ASSESSED, Q_MONTHS, Q_LINES, Q_COUNT = Q_LINES + INC_LINES };
enum check { C_YEAR, C_DATE, C_MONTHS, C_MONEY };

static const struct { const char *key, *label; enum check check; } questions[Q_COUNT] = {
	{"year", N_("year counted (年度, YYYY): "), C_YEAR},
	{"assessed", N_("day assessed (empty = today): "), C_DATE},
	{"months", N_("months counted (empty = 12): "), C_MONTHS},
	{"wage", N_("wage income 工资性收入 (yuan, empty = 0): "), C_MONEY},
	{"business", N_("business income 经营性收入: "), C_MONEY},
	{"property", N_("property income 财产性收入: "), C_MONEY},
	{"transfer", N_("transfer income 转移性收入: "), C_MONEY},
	{"business_costs", N_("business costs 生产经营性支出: "), C_MONEY},
	{"compliant_costs", N_("compliant out-of-pocket costs 合规自付支出: "), C_MONEY},
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
			return snprintf(err, errlen, _("\"%s\" is not a year from 2000 to this one"), v), -1;
		return 0;
	case C_DATE:
		if (!date_valid(v) || strcmp(v, today) > 0)
			return snprintf(err, errlen, _("\"%s\" is not a date (YYYY-MM-DD) up to today"), v), -1;
		return 0;
	case C_MONTHS:
		x = strtol(v, &end, 10);
		if (*end || x < 1 || x > 12)
			return snprintf(err, errlen, _("\"%s\": months counted are 1-12"), v), -1;
		return 0;
	case C_MONEY:
		if (v[0] == '-')
			return snprintf(err, errlen, _("an amount is not negative")), -1;
		if (model_value_normalise(store_code_lists(ui->s), HF_INCOME, v, today, norm,
		                          sizeof norm, err, errlen))
			return -1;
		snprintf(v, n, "%s", norm);
		return 0;
	}
	return 0;
}

/* The per-capita net income the answers give for a household of `size`, into out. */
static void preview(const struct answers *a, int size, char *out, size_t n)
{
	const char *lines[INC_LINES];
	char err[200];
	for (int i = 0; i < INC_LINES; i++)
		lines[i] = a->v[Q_LINES + i];
	int months = a->v[Q_MONTHS][0] ? atoi(a->v[Q_MONTHS]) : 12;
	if (income_per_capita(lines, size, months, out, n, err, sizeof err)) {
		char shown[sizeof err + 8];
		snprintf(shown, sizeof shown, "? (%s)", err);
		text_copy(out, n, shown);      /* a preview line: cut at a character if long */
	}
}

struct income_ctx {
	const struct household *h;
	struct answers *a;
	char *reason_label;       /* the reason's question, naming the per-capita result */
	size_t label_n;
};

/* After answer i: check it (a refusal asks it again); after the last line, the reason's
 * question names the per-capita net income the lines give. */
static int after(struct ui *ui, struct form_ask *f, int i)
{
	const struct income_ctx *c = f->ctx;
	char err[256], per_capita[64];
	if (i >= Q_COUNT)
		return 0;
	text_trim(c->a->v[i]);
	if (check_answer(ui, i, c->a->v[i], sizeof c->a->v[i], err, sizeof err)) {
		ui_status(ui, 1, "%s: %s", questions[i].key, err);
		return 1;
	}
	if (i == Q_COUNT - 1) {
		preview(c->a, c->h->nmembers, per_capita, sizeof per_capita);
		snprintf(c->reason_label, c->label_n, _("per-capita net income %s (%d people) — reason: "),
		         per_capita, c->h->nmembers);
		f->q[Q_COUNT].label = c->reason_label;
	}
	return 0;
}

int income_form(struct ui *ui, const struct household *h, const struct draft *resume)
{
	struct answers a;
	char why[512] = "", label[400], id[16], per_capita[64];
	snprintf(label, sizeof label, "%s", _("reason (kept in the history): "));
	memset(&a, 0, sizeof a);
	struct ask q[Q_COUNT + 1];
	for (int i = 0; i < Q_COUNT; i++)
		q[i] = (struct ask){questions[i].key, _(questions[i].label),
		                    i == Q_YEAR ? ASK_TEXT : ASK_OPTIONAL, NULL, a.v[i], sizeof a.v[i], 0};
	q[Q_COUNT] = (struct ask){"why", label, ASK_REASON, NULL, why, sizeof why, 0};
	struct income_ctx c = {h, &a, label, sizeof label};
	struct form_ask f = {"income", h->id, q, Q_COUNT + 1, after, &c};
	form_ask_resume(&f, resume);
	int rc = form_ask_run(ui, &f);
	if (rc == PROMPT_END)
		return REQ_DONE;          /* kept as a draft by the form; the UI stops */
	if (rc != PROMPT_OK) {
		ui_status(ui, 0, _("cancelled: nothing was recorded"));
		return REQ_DONE;
	}
	struct income_input in = {a.v[Q_YEAR], a.v[Q_ASSESSED][0] ? a.v[Q_ASSESSED] : NULL,
	                          a.v[Q_MONTHS][0] ? a.v[Q_MONTHS] : NULL, {0}};
	for (int i = 0; i < INC_LINES; i++)
		in.lines[i] = a.v[Q_LINES + i];
	preview(&a, h->nmembers, per_capita, sizeof per_capita);
	rc = store_income_add(ui->s, &ui->me, h->id, &in, why, id, sizeof id);
	if (form_ask_done(ui, &f, rc))
		return REQ_DONE;          /* refused, or kept as a draft: the status says which */
	ui_changed(ui);
	ui_status(ui, 0, _("income assessment %s recorded: %s per person for %s"), id, per_capita,
	          a.v[Q_YEAR]);
	return REQ_DONE;
}
