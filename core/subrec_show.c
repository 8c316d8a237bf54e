/* subrec_show.c — one sub-record (measure, visit, department warning, income assessment) as a line of text
 * for people: its columns after the case id, code columns by their labels, the columns
 * that only serve matching (fingerprint, the ID number) left out. The command line's
 * `case show` and the UI's household view both print it. */
#include "core/model.h"
#include <stdio.h>
#include <string.h>

size_t subrec_show(const struct code_lists *lists, enum subrec_kind k, const struct subrec *r,
                   char *out, size_t n)
{
	static const struct { const char *col; const struct code_table *t; } coded[] = {
		{"grp", &codes_measure_group}, {"method", &codes_visit_method},
		{"kind", &codes_warning_kind}, {"department", &codes_department},
	};
	const struct subrec_kind_info *info = subrec_info(k);
	size_t used = 0;
	out[0] = '\0';
	for (int c = 2; c < info->ncols && used < n; c++) {
		const char *v = r->v[c] ? r->v[c] : "";
		if (!v[0] || strcmp(info->cols[c], "fingerprint") == 0 ||
		    strcmp(info->cols[c], "id_number") == 0)
			continue;
		for (size_t t = 0; t < sizeof coded / sizeof coded[0]; t++) {
			const char *label = strcmp(info->cols[c], coded[t].col) == 0
			                  ? code_lists_label(lists, coded[t].t, v) : NULL;
			if (label)
				v = label;
		}
		int w = k == SUB_INCOME   /* all amounts: each after its name */
		      ? snprintf(out + used, n - used, "%s%s %s", used ? "  " : "", info->cols[c], v)
		      : snprintf(out + used, n - used, "%s%s", used ? "  " : "", v);
		used = w < 0 ? n : used + (size_t)w;
	}
	return used < n ? used : n - 1;
}
