/* income.h — a household's income as yearly assessments (收入核算), DOMAIN.md: the
 * income lines (wage, business, property, transfer income), business costs and
 * compliant out-of-pocket costs (合规自付支出), the months counted, and the per-capita
 * net income computed from them and kept with them:
 *
 *   per-capita net income = (wage + business + property + transfer − business costs)
 *                           / household size × 12 / months counted
 *
 * (12 months are counted normally; fewer months are scaled to a year). Compliant
 * out-of-pocket costs are recorded beside it, not deducted (DOMAIN.md's formula), and
 * shown to the reviewer who weighs them. Assessments are "income" sub-records of the
 * household (core/model.h SUBREC_LIST). */
#ifndef CORE_INCOME_H
#define CORE_INCOME_H
#include <stddef.h>
#include "core/model.h"

enum income_line { INC_WAGE, INC_BUSINESS, INC_PROPERTY, INC_TRANSFER, INC_BUSINESS_COSTS,
                   INC_COMPLIANT_COSTS, INC_LINES };
/* The sub-record column of each line, in enum order. */
extern const char *const income_line_cols[INC_LINES];

/* Amounts in yuan as normalised money strings ("" = 0). Writes the per-capita net income
 * (money, 2 decimals at most, no trailing zeros) into out. Returns 0, or -1 with a
 * message (size < 1, months not 1..12, an amount that is not money). */
int income_per_capita(const char *const lines[INC_LINES], int size, int months, char *out,
                      size_t n, char *err, size_t errlen);

/* The assessments of h made on or before as_of, latest first (by year, then the day
 * assessed): up to max indexes into h->sub[SUB_INCOME] in idx. Returns how many. */
int income_latest(const struct household *h, const char *as_of, int *idx, int max);

/* Whole calendar months from day a to day b (YYYY-MM-DD; 2026-01-31 to 2026-07-30 is
 * 5); -1 if either is not a date. */
long income_months_between(const char *a, const char *b);

#endif
