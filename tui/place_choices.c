/* place_choices.c — Tab choices for the list's limit prompt: the filters town:NAME and
 * village:NAME for the towns and villages of the 2023 codes (core/regions) that lie in
 * the user's scope, so `town:龙` Tab gives `town:龙山镇`. Built when the prompt opens. */
#include "tui/place_choices.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char **place_choices(const char *scope)
{
	int n = 0;
	size_t bytes = 0;
	for (int i = 0; i < ref_place_count; i++)
		if (regions_code_in_scope(ref_places[i].code, scope)) {
			n++;
			bytes += strlen(regions_place_name(&ref_places[i])) + sizeof "village:";
		}
	const char **v = malloc((size_t)(n + 1) * sizeof *v + bytes);
	if (!v)
		return NULL;
	char *p = (char *)(v + n + 1), *end = p + bytes;
	int k = 0;
	for (int i = 0; i < ref_place_count && k < n; i++) {
		const struct ref_place *pl = &ref_places[i];
		if (!regions_code_in_scope(pl->code, scope))
			continue;
		v[k++] = p;
		p += snprintf(p, (size_t)(end - p), "%s:%s", strlen(pl->code) == 9 ? "town" : "village",
		              regions_place_name(pl)) + 1;
	}
	v[k] = NULL;
	return v;
}
