/* audit_what.c — the history's "what" of a change to a household file (audit_what.h).
 * Both texts are read into (section, key, value) lines; sections only in the new text
 * are records added (a step is named by its step's label and explains its case's
 * changed lines), sections only in the old one records removed, and lines that differ
 * within a section fields changed. */
#include "core/audit_what.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/record.h"
#include "core/workflow.h"
#include "core/grow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rline { char section[64], key[64], *value; };
struct rtext { struct rline *l; long n, cap; };

static void rtext_free(struct rtext *t)
{
	for (long i = 0; i < t->n; i++)
		free(t->l[i].value);
	free(t->l);
}

static int rtext_read(const char *text, struct rtext *t)
{
	char section[64] = "", key[64], *value = malloc(8192);
	size_t pos = 0;
	long line = 0;
	int r;
	if (!value)
		return -1;
	while (text && (r = record_next_line(text, &pos, &line, key, sizeof key, value, 8192)) != 0) {
		if (r < 0)
			continue;
		if (r == 2) {
			snprintf(section, sizeof section, "%s", key);
			continue;
		}
		if (GROW(t->l, t->cap, t->n + 1, 128))
			break;
		struct rline *l = &t->l[t->n];
		snprintf(l->section, sizeof l->section, "%s", section);
		snprintf(l->key, sizeof l->key, "%s", key);
		if (!(l->value = strdup(value)))
			break;
		t->n++;
	}
	free(value);
	return 0;
}

static const char *value_of(const struct rtext *t, const char *section, const char *key)
{
	for (long i = 0; i < t->n; i++)
		if (strcmp(t->l[i].section, section) == 0 && strcmp(t->l[i].key, key) == 0)
			return t->l[i].value;
	return NULL;
}

static int has_section(const struct rtext *t, const char *section)
{
	for (long i = 0; i < t->n; i++)
		if (strcmp(t->l[i].section, section) == 0)
			return 1;
	return 0;
}

/* The Chinese name of a record kind ("visit" of "[visit V0000001]"). */
static const char *kind_label(const char *section)
{
	static const struct { const char *kind, *zh; } kinds[] = {
		{"member", "成员"}, {"case", "监测案件"}, {"step", "案件步骤"}, {"measure", "帮扶措施"},
		{"visit", "走访"}, {"warning", "部门预警"}, {"income", "收入核算"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strncmp(section, kinds[i].kind, strlen(kinds[i].kind)) == 0)
			return kinds[i].zh;
	return section;
}

/* Add item to out unless it is there already. */
static void add_item(struct buf *out, const char *item)
{
	if (!item[0] || (out->s && strstr(out->s, item)))
		return;
	buf_addf(out, "%s%s", out->len ? "、" : "", item);
}

static const char *field_label(const char *key)
{
	int f = model_field_find(key);
	return f >= 0 ? model_fields[f].zh : key;
}

/* The lines of section sec in a that differ from b (or are missing there). */
static void changed_fields(const struct rtext *a, const struct rtext *b, const char *sec,
                           struct buf *out)
{
	for (long i = 0; i < a->n; i++) {
		const struct rline *l = &a->l[i];
		if (strcmp(l->section, sec) != 0)
			continue;
		const char *was = value_of(b, sec, l->key);
		if (was && strcmp(was, l->value) == 0)
			continue;
		char item[192];
		if (strncmp(sec, "member", 6) == 0) {
			const char *name = value_of(a, sec, "name");
			snprintf(item, sizeof item, "%s %s", name ? name : sec, field_label(l->key));
		} else if (sec[0]) {
			snprintf(item, sizeof item, "%s", kind_label(sec));
		} else {
			snprintf(item, sizeof item, "%s", field_label(l->key));
		}
		add_item(out, item);
	}
}

/* A record added (added = 1, t the new text) or removed. */
static void record_item(const struct rtext *t, const char *sec, int added, struct buf *out)
{
	char item[192];
	if (strncmp(sec, "step", 4) == 0) {
		const char *step = value_of(t, sec, "step");
		const struct wf_transition *tr = step ? workflow_transition_find(step) : NULL;
		snprintf(item, sizeof item, "%s", tr ? tr->label : step ? step : kind_label(sec));
	} else if (strncmp(sec, "member", 6) == 0) {
		const char *name = value_of(t, sec, "name");
		snprintf(item, sizeof item, "%s成员 %s", added ? "新增" : "移出", name ? name : "");
	} else {
		snprintf(item, sizeof item, "%s%s", added ? "" : "删除", kind_label(sec));
	}
	add_item(out, item);
}

void audit_what(const char *old_text, const char *new_text, char *out, size_t n)
{
	struct rtext a = {0}, b = {0};
	struct buf w = {0};
	out[0] = '\0';
	if (!old_text || !new_text) {
		snprintf(out, n, "%s", old_text ? "删除户档案" : "新建户档案");
		return;
	}
	rtext_read(new_text, &a);
	rtext_read(old_text, &b);
	int stepped = 0;   /* a step added explains its case's lines (and a case opened) */
	for (long i = 0; i < a.n; i++)
		stepped |= strncmp(a.l[i].section, "step", 4) == 0 && !has_section(&b, a.l[i].section);
	for (long i = 0; i < a.n; i++)   /* records added */
		if ((i == 0 || strcmp(a.l[i].section, a.l[i - 1].section) != 0) && a.l[i].section[0] &&
		    !has_section(&b, a.l[i].section) && !(stepped && strncmp(a.l[i].section, "case", 4) == 0))
			record_item(&a, a.l[i].section, 1, &w);
	for (long i = 0; i < b.n; i++)
		if ((i == 0 || strcmp(b.l[i].section, b.l[i - 1].section) != 0) && b.l[i].section[0] &&
		    !has_section(&a, b.l[i].section))
			record_item(&b, b.l[i].section, 0, &w);
	for (long i = 0; i < a.n; i++) {  /* fields changed within sections both hold */
		const char *sec = a.l[i].section;
		if ((i > 0 && strcmp(sec, a.l[i - 1].section) == 0) || (sec[0] && !has_section(&b, sec)) ||
		    (stepped && strncmp(sec, "case", 4) == 0))
			continue;
		changed_fields(&a, &b, sec, &w);
		changed_fields(&b, &a, sec, &w);   /* a field emptied is left out of the text */
	}
	snprintf(out, n, "%s", w.s ? w.s : "");
	buf_free(&w);
	rtext_free(&a);
	rtext_free(&b);
}
