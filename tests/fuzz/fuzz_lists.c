/* fuzz_lists.c — adding list entries from settings (code_lists_add) with arbitrary keys
 * and labels: never crashes; every accepted entry is found by its code and its label,
 * and a case using it survives the audit text (render, parse, render: same bytes), so an
 * entry an administrator may add can never make history unreadable.
 * Input: KEY '\n' LABEL ['\n' KEY '\n' LABEL ...]. */
#include "tests/fuzz/fuzz_common.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_round_trip(const struct code_lists *l, const char *key, const char *code)
{
	struct household h = {0};
	struct buf text = {0};
	snprintf(h.id, sizeof h.id, "H4418210000001");
	struct hcase *c = household_add_case(&h);
	if (!c)
		return;
	snprintf(c->id, sizeof c->id, "C0000001");
	if (strncmp(key, "risk.", 5) == 0)
		case_set(c, CF_RISKS, code);
	else if (strncmp(key, "category.", 9) == 0)
		case_set(c, CF_CATEGORY, code);   /* warning kinds are no case field */
	fuzz_round_trip(l, &h, &text);
	buf_free(&text);
	household_free(&h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	if (!text)
		return 0;
	struct code_lists l;
	code_lists_init(&l);
	char *p = text, err[512];
	while (p && *p) {
		char *key = p, *label = strchr(p, '\n');
		if (!label)
			break;
		*label++ = '\0';
		p = strchr(label, '\n');
		if (p)
			*p++ = '\0';
		if (code_lists_add(&l, key, label, err, sizeof err) != 0)
			continue;
		const char *code = strchr(key, '.') + 1;
		for (int i = 0; i < CODE_LISTS_COUNT; i++) {
			const struct code_table *t = code_lists_table(&l, code_lists_info[i].shipped);
			size_t n = strlen(code_lists_info[i].key);
			if (strncmp(key, code_lists_info[i].key, n) != 0 || key[n] != '.')
				continue;
			const struct code *by_code = codes_find(t, code), *by_label = codes_find(t, label);
			if (!by_code || by_code != by_label || strcmp(by_code->label, label) != 0)
				abort();
		}
		check_round_trip(&l, key, code);
	}
	code_lists_free(&l);
	free(text);
	return 0;
}
