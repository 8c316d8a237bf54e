/* places.c — tracks, town classes, clusters and exact yearly figures (see places.h). */
#include "core/places.h"
#include "core/i18n.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct flatrec_field places_figure_fields[] = {
	FLATREC(struct figure, "figure", id, NULL, FR_REQUIRED),
	FLATREC(struct figure, "place", place, NULL, FR_REQUIRED),
	FLATREC(struct figure, "place_name", place_name, NULL, FR_SHOWN),
	FLATREC(struct figure, "year", year, NULL, FR_REQUIRED),
	FLATREC(struct figure, "kind", kind, &codes_indicator, FR_REQUIRED),
	FLATREC(struct figure, "target", target, NULL, 0),
	FLATREC(struct figure, "actual", actual, NULL, 0),
};
const int places_figure_field_count =
	(int)(sizeof places_figure_fields / sizeof places_figure_fields[0]);

static int digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

enum place_key places_key(const char *key, const char **code)
{
	static const struct { const char *prefix; enum place_key k; size_t len; } keys[] = {
		{"track.", PLACE_TRACK, 6}, {"town_class.", PLACE_TOWN_CLASS, 9},
		{"cluster.", PLACE_CLUSTER, 6}};
	if (strcmp(key, "weak_village_line") == 0) {
		*code = "";
		return PLACE_WEAK_LINE;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t pl = strlen(keys[i].prefix);
		if (strncmp(key, keys[i].prefix, pl) == 0) {
			*code = key + pl;
			return keys[i].k;
		}
	}
	return PLACE_NONE;
}

/* Town classes: which group each entry of codes_town_class is in (0: 中心镇/专业镇/特色镇,
 * 1: 重点帮扶/巩固提升/先行示范, 2: samples, any number). */
static int class_group(int i) { return i < 3 ? 0 : i < 6 ? 1 : 2; }

static int town_classes(const char *value, char *out, size_t n, char *err, size_t errlen)
{
	char codes[256], why[256];
	if (codes_parse_multi(&codes_town_class, value, codes_town_class.count, codes, sizeof codes,
	                      why, sizeof why) < 0)
		return text_errorf(err, errlen, "town class: %s (give 中心镇 专业镇 特色镇, 重点帮扶 "
		                   "巩固提升 先行示范, 中心镇样板 美丽圩镇样板, joined by 、)", why);
	int seen[2] = {-1, -1};
	for (const char *p = codes; *p;) {   /* codes: table order, joined by ',' */
		size_t len = strcspn(p, ",");
		for (int i = 0; i < codes_town_class.count; i++) {
			const struct code *c = &codes_town_class.items[i];
			int g = class_group(i);
			if (strlen(c->code) != len || strncmp(c->code, p, len) != 0 || g == 2)
				continue;
			if (seen[g] >= 0)
				return text_errorf(err, errlen, "town class: %s and %s are one classification: "
				                   "a town is one of them", codes_town_class.items[seen[g]].label,
				                   c->label);
			seen[g] = i;
		}
		p += len + (p[len] == ',');
	}
	return codes_labels_multi(&codes_town_class, codes, out, (int)n) < 0
	           ? text_errorf(err, errlen, "town class: too long") : 0;
}

/* 特色产业集群 names: split on 、 ， , ; each a name, at most 5, joined by 、. */
static int clusters(const char *value, char *out, size_t n, char *err, size_t errlen)
{
	char copy[512];
	int count = 0;
	snprintf(copy, sizeof copy, "%s", value);
	out[0] = '\0';
	for (char *p = copy; *p;) {
		size_t len = strcspn(p, ",;");
		for (const char *sep = p; *sep && (size_t)(sep - p) < len; sep++)
			if (strncmp(sep, "、", 3) == 0 || strncmp(sep, "，", 3) == 0) {
				len = (size_t)(sep - p);
				break;
			}
		char name[256];
		size_t skip = strspn(p, " ");
		snprintf(name, sizeof name, "%.*s", (int)(len > skip ? len - skip : 0), p + skip);
		for (size_t e = strlen(name); e > 0 && name[e - 1] == ' '; e--)
			name[e - 1] = '\0';
		p += len;
		p += *p == ',' || *p == ';' ? 1 : *p ? 3 : 0;
		if (!name[0])
			continue;
		if (flatrec_check_text(_("cluster name"), name, sizeof name, TEXT_MAX_NAME, 1, err, errlen))
			return -1;
		if (++count > 5)
			return text_errorf(err, errlen, "at most 5 distinctive industry clusters per county");
		if (strlen(out) + strlen(name) + 4 >= n)
			return text_errorf(err, errlen, "cluster names: too long");
		snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "、" : "", name);
	}
	return count ? 0 : text_errorf(err, errlen, "give the distinctive industry clusters' names, joined by 、");
}

int places_setting_value(const char *key, const char *value, char *out, size_t n,
                         char *err, size_t errlen)
{
	const char *code = "";
	enum place_key k = places_key(key, &code);
	long long v;
	switch (k) {
	case PLACE_TRACK: {
		if (!digits(code, 6))
			return text_errorf(err, errlen, "setting %s: a track is track.CCCCCC with a "
			                   "6-digit county code", key);
		const struct code *c = codes_find(&codes_county_track, value);
		if (!c)
			return text_errorf(err, errlen, "setting %s: \"%s\" is not a track (创先, 进位 or "
			                   "消薄)", key, value);
		snprintf(out, n, "%s", c->label);
		return 0;
	}
	case PLACE_TOWN_CLASS:
		if (!digits(code, 9))
			return text_errorf(err, errlen, "setting %s: a town class is town_class.TTTTTTTTT "
			                   "with a 9-digit town code", key);
		return town_classes(value, out, n, err, errlen);
	case PLACE_CLUSTER:
		if (!digits(code, 6))
			return text_errorf(err, errlen, "setting %s: clusters are cluster.CCCCCC with a "
			                   "6-digit county code", key);
		return clusters(value, out, n, err, errlen);
	case PLACE_WEAK_LINE:
		if (places_decimal_parse(value, &v, err, errlen) || v < 0)
			return v < 0 ? text_errorf(err, errlen, "weak_village_line: not negative") : -1;
		places_decimal_format(v, out, n);
		return 0;
	case PLACE_NONE:
		break;
	}
	return text_errorf(err, errlen, "\"%s\" is not a place setting", key);
}

int places_decimal_parse(const char *text, long long *out, char *err, size_t errlen)
{
	const char *p = text;
	int neg = *p == '-';
	long long whole = 0, frac = 0, scale = PLACES_SCALE;
	p += neg;
	if (!*p || !(*p >= '0' && *p <= '9'))
		return text_errorf(err, errlen, "\"%s\" is not a number (e.g. 12.5, no separators)", text);
	for (int nd = 0; *p >= '0' && *p <= '9'; p++)
		if (++nd > 14 || (whole = whole * 10 + (*p - '0')) < 0)
			return text_errorf(err, errlen, "\"%s\" is too large", text);
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return text_errorf(err, errlen, "\"%s\" is not a number", text);
		for (; *p >= '0' && *p <= '9'; p++) {
			if ((scale /= 10) == 0)
				return text_errorf(err, errlen, "\"%s\": at most 4 decimals", text);
			frac += (*p - '0') * scale;
		}
	}
	if (*p)
		return text_errorf(err, errlen, "\"%s\" is not a number (e.g. 12.5, no separators)", text);
	*out = (whole * PLACES_SCALE + frac) * (neg ? -1 : 1);
	return 0;
}

void places_decimal_format(long long v, char *out, size_t n)
{
	unsigned long long a = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
	int len = snprintf(out, n, "%s%llu", v < 0 ? "-" : "", a / PLACES_SCALE);
	unsigned long long frac = a % PLACES_SCALE;
	if (!frac || len < 0 || (size_t)len >= n)
		return;
	char f[8];
	snprintf(f, sizeof f, "%04llu", frac);
	for (int i = 3; i > 0 && f[i] == '0'; i--)
		f[i] = '\0';
	snprintf(out + len, n - (size_t)len, ".%s", f);
}

static int canonical(const char *what, char *v, size_t n, char *err, size_t errlen)
{
	long long x;
	char why[160];
	if (!v[0])
		return 0;
	if (places_decimal_parse(v, &x, why, sizeof why))
		return text_errorf(err, errlen, "%s: %s", what, why);
	places_decimal_format(x, v, n);
	return 0;
}

int places_figure_check(const struct code_lists *l, struct figure *f, char *err, size_t errlen)
{
	char choices[256];
	if (!digits(f->place, 6) && !digits(f->place, 12))
		return text_errorf(err, errlen, "place \"%s\": a figure belongs to a county (6 digits) "
		                   "or a village (12)", f->place);
	if (!digits(f->year, 4) || atoi(f->year) < 2000 || atoi(f->year) > 2100)
		return text_errorf(err, errlen, "year \"%s\": give YYYY", f->year);
	if (!code_lists_label(l, &codes_indicator, f->kind)) {
		codes_choices(code_lists_table(l, &codes_indicator), choices, sizeof choices);
		return text_errorf(err, errlen, "indicator \"%s\": give one of %s (or add one: setting "
		                   "indicator.CODE)", f->kind, choices);
	}
	if (canonical("target", f->target, sizeof f->target, err, errlen) ||
	    canonical("actual", f->actual, sizeof f->actual, err, errlen))
		return -1;
	if (!f->target[0] && !f->actual[0])
		return text_errorf(err, errlen, "give a target or an actual value");
	return 0;
}

int places_weak_village(const char *actual, const char *line)
{
	long long a, b;
	char err[8];
	if (places_decimal_parse(actual, &a, err, sizeof err) ||
	    places_decimal_parse(line, &b, err, sizeof err))
		return -1;
	return a < b;
}

int places_figure_weak(const struct figure *f, const char *line)
{
	return strlen(f->place) == 12 && strcmp(f->kind, "collective_income") == 0 && f->actual[0] &&
	       places_weak_village(f->actual, line) > 0;
}

int places_figure_met(const struct figure *f)
{
	long long t, a;
	char err[8];
	if (!f->target[0] || !f->actual[0] || places_decimal_parse(f->target, &t, err, sizeof err) ||
	    places_decimal_parse(f->actual, &a, err, sizeof err))
		return -1;
	return a >= t;
}
