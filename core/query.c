/* query.c — parse the filter language (see query.h) into terms the store turns into SQL.
 * Values given as Chinese labels are turned into codes here, so the store compares codes. */
#include "core/query.h"
#include "core/code_lists.h"
#include "core/places.h"
#include "core/text.h"
#include "core/workflow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *key; enum qterm_kind kind; const struct code_table *codes; } keys[] = {
	{"county:", Q_COUNTY, NULL},        {"town:", Q_TOWN, NULL},
	{"village:", Q_VILLAGE, NULL},      {"category:", Q_CATEGORY, &codes_category},
	{"type:", Q_TYPE, &codes_household_type},
	{"state:", Q_STATE, NULL},          {"risk:", Q_RISK, &codes_risk},
	{"income<", Q_INCOME_BELOW, NULL},  {"income>", Q_INCOME_ABOVE, NULL},
	{"relocated:", Q_RELOCATED, &codes_yesno}, {"dibao:", Q_DIBAO, &codes_yesno},
	{"tekun:", Q_TEKUN, &codes_yesno},  {"disability:", Q_DISABILITY, &codes_disability},
	{"cadre:", Q_CADRE, NULL},          {"track:", Q_TRACK, &codes_county_track},
	{"town_class:", Q_TOWN_CLASS, &codes_town_class},
};

static int parse_term(const struct code_lists *lists, const char *word, struct qterm *t,
                      char *err, size_t errlen)
{
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t kl = strlen(keys[i].key);
		if (strncmp(word, keys[i].key, kl) != 0)
			continue;
		const char *v = word + kl;
		if (!*v) {
			text_errorf(err, errlen, "\"%s\" needs a value", word);
			return -1;
		}
		t->kind = keys[i].kind;
		if (t->kind == Q_TRACK && (strcmp(v, PLACES_UNCLASSIFIED) == 0 || strcmp(v, "none") == 0)) {
			snprintf(t->value, sizeof t->value, "none");
			return 0;
		}
		if (keys[i].codes) {
			const struct code_table *codes = code_lists_table(lists, keys[i].codes);
			const struct code *c = codes_find(codes, v);
			if (!c) {
				text_errorf(err, errlen, "unknown %s \"%s\"%s", codes_shown(codes->name), v,
				         t->kind == Q_TRACK ? " (创先 进位 消薄 " PLACES_UNCLASSIFIED ")" : "");
				return -1;
			}
			/* tracks and town classes are settings holding their labels */
			v = t->kind == Q_TRACK || t->kind == Q_TOWN_CLASS ? c->label : c->code;
		}
		if (t->kind == Q_STATE) {    /* a state by code or label (线索, 镇级审核, ...) */
			enum wf_state st;
			if (workflow_state_parse(v, &st)) {
				text_errorf(err, errlen, "unknown state \"%s\" (e.g. lead, 线索, "
				         "township_review, 镇级审核, assisting, 帮扶中)", v);
				return -1;
			}
			v = workflow_state_code(st);
		}
		if (t->kind == Q_INCOME_BELOW || t->kind == Q_INCOME_ABOVE) {
			char *end;
			strtod(v, &end);
			if (*end) {
				text_errorf(err, errlen, "\"%s\": income needs a number of yuan", word);
				return -1;
			}
		}
		if (t->kind == Q_CADRE && strcmp(v, "无") == 0)
			v = "none";   /* cadre:无 / cadre:none: households without a 帮扶责任人 */
		snprintf(t->value, sizeof t->value, "%s", v);
		return 0;
	}
	if (strchr(word, ':')) {
		text_errorf(err, errlen, "unknown filter \"%s\" (keys: county town village "
		         "category type state risk income< income> relocated dibao tekun disability cadre "
		         "track town_class)", word);
		return -1;
	}
	t->kind = Q_TEXT;
	snprintf(t->value, sizeof t->value, "%s", word);
	return 0;
}

int query_parse(const struct code_lists *lists, const char *text, struct query *q, char *err,
                size_t errlen)
{
	q->n = 0;
	const char *p = text ? text : "";
	while (*p) {
		while (*p == ' ' || *p == '\t' || strncmp(p, "\u3000", 3) == 0)
			p += *p == ' ' || *p == '\t' ? 1 : 3;
		if (!*p)
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && strncmp(p, "\u3000", 3) != 0)
			p++;
		char word[128];
		size_t n = (size_t)(p - start);
		if (n >= sizeof word) {
			text_errorf(err, errlen, "term too long: %.20s...", start);
			return -1;
		}
		memcpy(word, start, n);
		word[n] = '\0';
		if (q->n == (int)(sizeof q->terms / sizeof q->terms[0])) {
			text_errorf(err, errlen, "too many terms (at most 16)");
			return -1;
		}
		if (text_find_control(word, 0) >= 0) {
			text_errorf(err, errlen, "control character in the query");
			return -1;
		}
		if (parse_term(lists, word, &q->terms[q->n], err, errlen))
			return -1;
		q->n++;
	}
	return 0;
}
