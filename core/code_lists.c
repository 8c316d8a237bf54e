/* code_lists.c — the code tables in effect: shipped tables plus the entries added by
 * settings (see code_lists.h). */
#include "core/code_lists.h"
#include "core/i18n.h"
#include "core/text.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct code_list_info code_lists_info[CODE_LISTS_COUNT] = {
	{"category", &codes_category}, {"risk", &codes_risk}, {"warning_kind", &codes_warning_kind},
	{"department", &codes_department}, {"visit_method", &codes_visit_method},
	{"source", &codes_source}, {"unit_kind", &codes_unit_kind},
	{"programme", &codes_pair_programme}, {"indicator", &codes_indicator},
	{"project_kind", &codes_project_kind}, {"project_group", &codes_project_group},
	{"task_kind", &codes_task_kind},
};

const char code_lists_keys_help[] = "category.CODE, risk.CODE, warning_kind.CODE, department.CODE, "
                                   "visit_method.CODE, source.CODE, unit_kind.CODE, programme.CODE, "
                                   "indicator.CODE, project_kind.CODE, project_group.CODE, task_kind.CODE";

void code_lists_init(struct code_lists *l)
{
	for (int i = 0; i < CODE_LISTS_COUNT; i++) {
		l->table[i] = *code_lists_info[i].shipped;
		l->items[i] = NULL;
	}
}

void code_lists_free(struct code_lists *l)
{
	for (int i = 0; i < CODE_LISTS_COUNT; i++) {
		if (l->items[i])
			for (int k = code_lists_info[i].shipped->count; k < l->table[i].count; k++) {
				free((char *)l->items[i][k].code);
				free((char *)l->items[i][k].label);
			}
		free(l->items[i]);
	}
	code_lists_init(l);
}

/* The list a key names ("risk.elderly" → risk), -1 if none; *code points after the dot. */
static int list_of(const char *key, const char **code)
{
	for (int i = 0; i < CODE_LISTS_COUNT; i++) {
		size_t n = strlen(code_lists_info[i].key);
		if (strncmp(key, code_lists_info[i].key, n) == 0 && key[n] == '.') {
			*code = key + n + 1;
			return i;
		}
	}
	return -1;
}

int code_lists_is_key(const char *key)
{
	const char *code;
	return list_of(key, &code) >= 0;
}

static int code_ok(const char *code)
{
	size_t n = strlen(code);
	if (n == 0 || n > CODE_LISTS_CODE_MAX || code[0] < 'a' || code[0] > 'z')
		return 0;
	return strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

/* NULL if label may be a list entry's label, else why not. */
static const char *label_problem(const char *label)
{
	size_t n = strlen(label);
	if (n == 0)
		return _("is empty");
	if (!text_valid_utf8(label, n))
		return _("is not valid UTF-8");
	if (text_find_control(label, 0) >= 0)
		return _("holds a control character");
	int chars = 0;
	uint32_t cp;
	for (size_t i = 0; i < n; chars++) {
		int k = text_decode(label + i, n - i, &cp);
		if (cp == ' ' || cp == 0x3000 || cp == '\t')
			return _("holds a space");
		if (cp == ',' || cp == ';' || cp == '#' || cp == 0xFF0C || cp == 0x3001)
			return _("holds a separator (, ; ， 、 #)");
		i += (size_t)k;
	}
	if (chars > CODE_LISTS_LABEL_MAX)
		return _("is longer than 16 characters");
	return NULL;
}

int code_lists_check(const struct code_lists *l, const char *key, const char *label,
                     char *err, size_t errlen)
{
	const char *code;
	int i = list_of(key, &code);
	if (i < 0)
		return text_errorf(err, errlen, "\"%s\" is not a list entry (%s)", key,
		                   code_lists_keys_help);
	const struct code_table *t = &l->table[i];
	if (!code_ok(code))
		return text_errorf(err, errlen, "%s: the code \"%s\" must be a lower-case ASCII "
		                   "letter followed by letters, digits or _, at most %d bytes",
		                   key, code, CODE_LISTS_CODE_MAX);
	const char *why = label_problem(label);
	if (why)
		return text_errorf(err, errlen, "%s: the label \"%s\" %s", key, label, why);
	const struct code *same = codes_find(t, code);
	if (!same)
		same = codes_find(t, label);
	if (same)
		return text_errorf(err, errlen, "%s: %s already has %s %s: an entry is never "
		                   "changed or removed, since records carry it (add a new code)",
		                   key, codes_shown(t->name), same->code, same->label);
	if (t->count >= CODE_LISTS_MAX)
		return text_errorf(err, errlen, "%s: %s already has %d entries, the most it may "
		                   "hold", key, codes_shown(t->name), CODE_LISTS_MAX);
	return 0;
}

int code_lists_contains(const struct code_lists *l, const char *key, const char *label)
{
	const char *code;
	int i = list_of(key, &code);
	const char *has = i < 0 ? NULL : codes_label(&l->table[i], code);
	return has && strcmp(has, label) == 0;
}

int code_lists_add(struct code_lists *l, const char *key, const char *label, char *err,
                   size_t errlen)
{
	if (code_lists_check(l, key, label, err, errlen))
		return -1;
	const char *code;
	int i = list_of(key, &code);
	struct code_table *t = &l->table[i];
	if (!l->items[i]) {   /* room for the most a table may hold: entries never move */
		l->items[i] = malloc(CODE_LISTS_MAX * sizeof *l->items[i]);
		if (!l->items[i])
			return text_errorf(err, errlen, "out of memory");
		memcpy(l->items[i], t->items, (size_t)t->count * sizeof *t->items);
		t->items = l->items[i];
	}
	char *c = strdup(code), *lb = strdup(label);
	if (!c || !lb) {
		free(c);
		free(lb);
		return text_errorf(err, errlen, "out of memory");
	}
	l->items[i][t->count++] = (struct code){c, lb};
	return 0;
}

const struct code_table *code_lists_table(const struct code_lists *l,
                                          const struct code_table *shipped)
{
	if (l)
		for (int i = 0; i < CODE_LISTS_COUNT; i++)
			if (code_lists_info[i].shipped == shipped)
				return &l->table[i];
	return shipped;
}

const char *code_lists_label(const struct code_lists *l, const struct code_table *shipped,
                             const char *code)
{
	return code ? codes_label(code_lists_table(l, shipped), code) : NULL;
}
