/* import_income.c — a register file's 家庭人均纯收入 (per-capita net income) as an income
 * assessment (收入核算, core/income.h) of the year the import names (`import households
 * --income-year YYYY`, or the file's own 收入年度 column, which wins where it is filled):
 * the figure is what the national system computed, so the
 * assessment keeps it as its per-capita net income with no income lines (the lines were
 * not in the file), the household's size and 12 months, assessed the day of the import.
 * The elimination rule then compares it with that year's monitoring line like any
 * assessment. A household already holding an imported assessment of that year with the
 * same figure gets none (importing a file twice changes nothing). */
#include "store/internal.h"
#include "core/income.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int import_income_check(struct store *s, const char *year)
{
	char *end, key[32], line[64];
	long y = strtol(year, &end, 10);
	if (*end || strlen(year) != 4 || y < 2000 || y > atol(s->today))
		return store_fail(s, STORE_EINVAL, "--income-year: \"%s\" is not a year from 2000 to "
		                  "this one", year);
	snprintf(key, sizeof key, "monitoring_line.%s", year);
	if (store_setting_get(s, key, line, sizeof line))
		return store_fail(s, STORE_EINVAL, "--income-year %s: there is no monitoring line for "
		                  "%s to compare the incomes with: set it first (bangfu setting set %s "
		                  "YUAN --why ...)", year, year, key);
	return 0;
}

const char *import_income_year(const struct register_batch *b, int i)
{
	if (!b || !b->present[HF_INCOME])
		return "";
	return b->income_years && b->income_years[i][0] ? b->income_years[i] : b->income_year;
}

int import_income_years_check(struct store *s, const struct register_batch *b)
{
	char checked[8] = "";   /* the last year checked: files mostly name one */
	for (int i = 0; i < b->nhouseholds; i++) {
		const char *y = import_income_year(b, i);
		if (b->bad[i] || !y[0] || strcmp(y, checked) == 0)
			continue;
		if (import_income_check(s, y))
			return STORE_EINVAL;
		snprintf(checked, sizeof checked, "%s", y);
	}
	return 0;
}

/* 1 if r is an imported assessment (no income line) of year with this figure. */
static int same_import(const struct subrec *r, const char *year, const char *figure)
{
	if (strcmp(subrec_get(r, SUB_INCOME, "year"), year) != 0 ||
	    strcmp(subrec_get(r, SUB_INCOME, "per_capita"), figure) != 0)
		return 0;
	for (int i = 0; i < INC_LINES; i++)
		if (subrec_get(r, SUB_INCOME, income_line_cols[i])[0])
			return 0;
	return 1;
}

int import_income(struct store *s, struct household *h, const char *year, int *added)
{
	char figure[32], size[12];
	snprintf(figure, sizeof figure, "%s", household_get(h, HF_INCOME));
	if (!figure[0] || !year || !year[0])
		return 0;
	for (int i = 0; i < h->nsub[SUB_INCOME]; i++)
		if (same_import(&h->sub[SUB_INCOME][i], year, figure))
			return 0;
	snprintf(size, sizeof size, "%d", h->nmembers);
	const char *cols[] = {"case_id", "year", "assessed", "months", "size", "per_capita"};
	const char *values[] = {h->ncases ? h->cases[h->ncases - 1].id : "", year, s->today, "12",
	                        size, figure};
	struct subrec *r = household_add_subrec(h, SUB_INCOME);   /* its id: household_save */
	int rc = !r;
	for (size_t i = 0; !rc && i < sizeof cols / sizeof cols[0]; i++)
		rc = subrec_set(r, SUB_INCOME, cols[i], values[i]);
	if (rc)
		return store_fail(s, STORE_EFAIL, "out of memory");
	(*added)++;
	return 0;
}
