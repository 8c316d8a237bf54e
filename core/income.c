/* income.c — per-capita net income from an assessment's lines, and which assessments
 * count as of a day (see income.h). Money is added in fen (cents), never in floating
 * point, so the same lines always give the same figure. */
#include "core/income.h"
#include "core/text.h"
#include "core/date.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const income_line_cols[INC_LINES] = {"wage", "business", "property", "transfer",
                                                 "business_costs", "compliant_costs"};

/* A normalised money string in fen; -1 if it is not one. */
static int money_fen(const char *s, long long *out)
{
	long long v = 0;
	int neg = 0, frac = -1;
	if (*s == '-') { neg = 1; s++; }
	if (!isdigit((unsigned char)*s))
		return -1;
	for (; *s; s++) {
		if (*s == '.' && frac < 0) { frac = 0; continue; }
		if (!isdigit((unsigned char)*s) || frac >= 2 || v > 100000000000000LL)
			return -1;
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	for (int i = frac < 0 ? 0 : frac; i < 2; i++)
		v *= 10;
	*out = neg ? -v : v;
	return 0;
}

int income_per_capita(const char *const lines[INC_LINES], int size, int months, char *out,
                      size_t n, char *err, size_t errlen)
{
	long long net = 0;
	if (size < 1 || months < 1 || months > 12) {
		return size < 1
		       ? text_errorf(err, errlen, "a household of %d people has no per-capita income", size)
		       : text_errorf(err, errlen, "months counted must be 1-12, got %d", months);
	}
	for (int i = 0; i < INC_COMPLIANT_COSTS; i++) {
		long long fen = 0;
		if (lines[i] && lines[i][0] && money_fen(lines[i], &fen)) {
			text_errorf(err, errlen, "%s: \"%s\" is not an amount in yuan", income_line_cols[i],
			         lines[i]);
			return -1;
		}
		net += i == INC_BUSINESS_COSTS ? -fen : fen;
	}
	/* per person and year, rounded half away from zero to the fen */
	long long div = (long long)size * months, num = net * 12;
	long long pc = (num >= 0 ? num + div / 2 : num - div / 2) / div;
	long long a = pc < 0 ? -pc : pc;
	char frac[4];
	snprintf(frac, sizeof frac, "%02lld", a % 100);
	if (frac[1] == '0')
		frac[1] = '\0';
	if (frac[0] == '0' && !frac[1])
		frac[0] = '\0';
	snprintf(out, n, "%s%lld%s%s", pc < 0 ? "-" : "", a / 100, frac[0] ? "." : "", frac);
	return 0;
}

/* 1 if assessment a is later than b (year, then the day assessed, then the id). */
static int later(const struct subrec *a, const struct subrec *b)
{
	int c = strcmp(subrec_get(a, SUB_INCOME, "year"), subrec_get(b, SUB_INCOME, "year"));
	if (!c)
		c = strcmp(subrec_get(a, SUB_INCOME, "assessed"), subrec_get(b, SUB_INCOME, "assessed"));
	if (!c)
		c = strcmp(subrec_get(a, SUB_INCOME, "id"), subrec_get(b, SUB_INCOME, "id"));
	return c > 0;
}

int income_latest(const struct household *h, const char *as_of, int *idx, int max)
{
	int n = 0;
	for (int i = 0; i < h->nsub[SUB_INCOME]; i++) {
		const struct subrec *r = &h->sub[SUB_INCOME][i];
		if (as_of && strcmp(subrec_get(r, SUB_INCOME, "assessed"), as_of) > 0)
			continue;
		int at = n;   /* insertion into the sorted list, latest first */
		while (at > 0 && later(r, &h->sub[SUB_INCOME][idx[at - 1]]))
			at--;
		if (at >= max)
			continue;
		for (int j = (n < max ? n : max - 1); j > at; j--)
			idx[j] = idx[j - 1];
		idx[at] = i;
		if (n < max)
			n++;
	}
	return n;
}

long income_months_between(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;
	if (!date_valid(a) || !date_valid(b) || sscanf(a, "%d-%d-%d", &y1, &m1, &d1) != 3 ||
	    sscanf(b, "%d-%d-%d", &y2, &m2, &d2) != 3)
		return -1;
	long months = (long)(y2 - y1) * 12 + (m2 - m1);
	return d2 < d1 ? months - 1 : months;
}
