/* income.c — income assessments (收入核算) recorded on a household: each one audit event
 * adding an "income" sub-record with its lines, the household size and months counted,
 * and the per-capita net income computed from them (core/income.h). The elimination
 * rule reads the latest ones (store/cases.c). */
#include "store/kinds.h"
#include "core/date.h"
#include "core/income.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { V_CASE, V_YEAR, V_ASSESSED, V_MONTHS, V_LINES, V_SIZE = V_LINES + INC_LINES, V_PER_CAPITA,
       V_COUNT };

/* The household must still have the size the income was divided by. */
static int check_income(struct store *s, const struct household *h, const char *const *v)
{
	if (h->nmembers != atoi(v[V_SIZE]))
		return store_fail(s, STORE_ESTALE, "household %s changed while the income was "
		                  "assessed (%d people now): try again", h->id, h->nmembers);
	return 0;
}

/* Check the year, day and months; normalised into year, assessed and months. */
static int check_when(struct store *s, const struct income_input *in, char year[8],
                      char assessed[DATE_LEN], char months[4])
{
	char *end;
	long y = in->year ? strtol(in->year, &end, 10) : 0;
	if (!in->year || *end || y < 2000 || y > atol(s->today))
		return store_fail(s, STORE_EINVAL, "--year: \"%s\" is not a year from 2000 to this "
		                  "one", in->year ? in->year : "");
	if (snprintf(year, 8, "%ld", y) >= 8)   /* not reached: y is 2000 to this year */
		return store_fail(s, STORE_EINVAL, "--year: \"%s\" is too long", in->year);
	snprintf(assessed, DATE_LEN, "%s", in->assessed && in->assessed[0] ? in->assessed : s->today);
	if (!date_valid(assessed) || strcmp(assessed, s->today) > 0)
		return store_fail(s, STORE_EINVAL, "--assessed: \"%s\" is not a date (YYYY-MM-DD) up to "
		                  "today", assessed);
	long m = in->months && in->months[0] ? strtol(in->months, &end, 10) : 12;
	if ((in->months && in->months[0] && *end) || m < 1 || m > 12)
		return store_fail(s, STORE_EINVAL, "--months: \"%s\" must be 1-12", in->months);
	snprintf(months, 4, "%ld", m);
	return 0;
}

int store_income_add(struct store *s, const struct user *u, const char *household,
                     const struct income_input *in, const char *why, char *id, size_t n)
{
	static const char *const cols[V_COUNT] = {"case_id", "year", "assessed", "months", "wage",
	                                          "business", "property", "transfer", "business_costs",
	                                          "compliant_costs", "size", "per_capita"};
	char year[8], assessed[DATE_LEN], months[4], lines[INC_LINES][32], size[12], per_capita[32];
	char case_id[16] = "", err[200];
	const char *values[V_COUNT], *line_values[INC_LINES];
	int rc;
	if ((rc = check_when(s, in, year, assessed, months)))
		return rc;
	for (int i = 0; i < INC_LINES; i++) {
		const char *raw = in->lines[i] ? in->lines[i] : "";
		lines[i][0] = '\0';
		if (raw[0] && (raw[0] == '-' || model_value_normalise(&s->lists, HF_INCOME, raw, s->today,
		                                                      lines[i], sizeof lines[i], err,
		                                                      sizeof err)))
			return store_fail(s, STORE_EINVAL, "--%s: %s", income_line_cols[i],
			                  raw[0] == '-' ? _("an amount is not negative") : err);
		line_values[i] = lines[i];
	}
	struct household h;
	if ((rc = household_find(s, u, household, &h)))
		return rc;
	snprintf(size, sizeof size, "%d", h.nmembers);
	if (h.ncases)
		snprintf(case_id, sizeof case_id, "%s", h.cases[h.ncases - 1].id);
	household_free(&h);
	if (income_per_capita(line_values, atoi(size), atoi(months), per_capita, sizeof per_capita,
	                      err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	values[V_CASE] = case_id;
	values[V_YEAR] = year;
	values[V_ASSESSED] = assessed;
	values[V_MONTHS] = months;
	for (int i = 0; i < INC_LINES; i++)
		values[V_LINES + i] = lines[i];
	values[V_SIZE] = size;
	values[V_PER_CAPITA] = per_capita;
	return add_subrec(s, u, household, SUB_INCOME, cols, values, V_COUNT, check_income,
	                  "income add", why, id, n);
}
