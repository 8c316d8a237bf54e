/* register_export.c — households to register CSV rows, in the columns the import reads
 * (register.h; the import: register.c). */
#include "core/register.h"
#include "core/register_columns.h"
#include "core/csv.h"
#include <string.h>

#define VALUE_MAX 2048   /* as register.c */

/* One cell, quoted when it must be, with the formula guard (csv.h). */
static void put_csv_field(struct buf *out, const char *v, int first)
{
	const char *guard = csv_formula_guard(v) ? "'" : "";
	if (!first)
		buf_adds(out, ",");
	if (!strpbrk(v, ",\"\r\n") && v[0] != ' ' && (!v[0] || v[strlen(v) - 1] != ' ')) {
		buf_adds(out, guard);
		buf_adds(out, v);
		return;
	}
	buf_adds(out, "\"");
	buf_adds(out, guard);
	for (const char *p = v; *p; p++) {
		buf_add(out, p, 1);
		if (*p == '"')
			buf_add(out, p, 1);   /* a quote inside a quoted field is doubled */
	}
	buf_adds(out, "\"");
}

void register_csv_header(struct buf *out)
{
	register_csv_header_names(out, 0);
}

void register_csv_header_names(struct buf *out, int national)
{
	for (int f = 0; f < FIELD_COUNT; f++)
		if (!(model_fields[f].flags & F_NOCSV))
			put_csv_field(out, register_column_name((enum field_id)f, national), f == 0);
	buf_adds(out, "\r\n");
}

void register_csv_rows(const struct code_lists *lists, const struct household *h,
                       struct buf *out)
{
	const struct hcase *c = h->ncases ? &h->cases[h->ncases - 1] : NULL;
	char shown[VALUE_MAX];
	for (int m = 0; m < h->nmembers; m++) {
		for (int f = 0; f < FIELD_COUNT; f++) {
			if (model_fields[f].flags & F_NOCSV)
				continue;
			const char *v = f < MF_FIRST ? household_get(h, (enum field_id)f)
			              : f < CF_FIRST ? member_get(&h->members[m], (enum field_id)f)
			              : c ? case_get(c, (enum field_id)f) : "";
			model_value_display(lists, (enum field_id)f, v, shown, sizeof shown);
			put_csv_field(out, shown, f == 0);
		}
		buf_adds(out, "\r\n");
	}
}
