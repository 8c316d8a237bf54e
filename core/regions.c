/* regions.c — look-ups over the compiled reference table (see regions.h). */
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ref_county *regions_county(const char *code)
{
	for (int i = 0; i < ref_county_count; i++)
		if (strcmp(ref_counties[i].code, code) == 0)
			return &ref_counties[i];
	return NULL;
}

const struct ref_city *regions_city(const char *code)
{
	for (int i = 0; i < ref_city_count; i++)
		if (strcmp(ref_cities[i].code, code) == 0)
			return &ref_cities[i];
	return NULL;
}

static int city_without_counties(const char *code)
{
	return strcmp(code, "441900") == 0 || strcmp(code, "442000") == 0;
}

int regions_is_county_level(const char *code)
{
	return regions_county(code) != NULL || city_without_counties(code);
}

const char *regions_county_name(const char *code)
{
	const struct ref_county *c = regions_county(code);
	if (c)
		return c->name;
	if (city_without_counties(code))
		return regions_city(code)->name;
	return NULL;
}

const char *regions_county_by_name(const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < ref_county_count; i++) {
		const struct ref_county *c = &ref_counties[i];
		const struct ref_city *city = regions_city(c->city_code);
		size_t cn = city ? strlen(city->name) : 0;
		if (strcmp(name, c->name) == 0 ||
		    (city && n > cn && strncmp(name, city->name, cn) == 0 && strcmp(name + cn, c->name) == 0))
			return c->code;
	}
	for (int i = 0; i < ref_city_count; i++)
		if (city_without_counties(ref_cities[i].code) && strcmp(name, ref_cities[i].name) == 0)
			return ref_cities[i].code;
	return NULL;
}

int regions_code_in_scope(const char *code, const char *scope)
{
	size_t n = strlen(scope);
	if (n == 0)
		return 0;
	/* A city scope ("441800") covers its counties ("4418xx"): compare the city prefix. */
	if (n == 6 && regions_city(scope) && !city_without_counties(scope))
		return strncmp(code, scope, 4) == 0;
	return strncmp(code, scope, n) == 0;
}

static int place_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct ref_place *)elem)->code);
}

const struct ref_place *regions_place(const char *code)
{
	return bsearch(code, ref_places, (size_t)ref_place_count, sizeof ref_places[0], place_cmp);
}

const char *regions_place_name(const struct ref_place *p) { return ref_place_names + p->name; }

const char *regions_place_kind(const struct ref_place *p)
{
	int village = strlen(p->code) == 12;
	switch (p->kind) {
	case 'z': return "镇";
	case 'j': return "街道";
	case 'x': return "乡";
	case 'c': return "村委会";
	case 'r': return "居委会";
	default:  return village ? "其他村级" : "其他";
	}
}

int regions_places_under(const char *parent, const struct ref_place **first)
{
	size_t n = strlen(parent);
	int lo = 0, hi = ref_place_count;
	while (lo < hi) {          /* the first code >= parent */
		int mid = lo + (hi - lo) / 2;
		if (strcmp(ref_places[mid].code, parent) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int end = lo;
	while (end < ref_place_count && strncmp(ref_places[end].code, parent, n) == 0)
		end++;
	*first = &ref_places[lo];
	return end - lo;
}

int regions_code_exists(const char *code)
{
	size_t n = strlen(code);
	if (n == 2)
		return strcmp(code, "44") == 0;
	if (n == 6)
		return regions_city(code) || regions_county(code);
	return (n == 9 || n == 12) && regions_place(code);
}

/* The length of name without a village suffix that folds (see regions.h), and the
 * folded ending to compare instead. */
static size_t fold(const char *name, const char **ending)
{
	static const char *const from[] = {"村民委员会", "村委会", "社区居民委员会", "社区居委会",
	                                   "居民委员会", "村", "社区", "居委会"};
	static const char *const to[] = {"村", "村", "社区", "社区", "居委会", "村", "社区", "居委会"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
		size_t k = strlen(from[i]);
		if (n >= k && strcmp(name + n - k, from[i]) == 0) {
			*ending = to[i];
			n -= k;
			/* 山子背村村委会 and 山子背村 are one village: a 村 the committee's name
			 * repeats folds away too */
			if (strcmp(to[i], "村") == 0 && i < 2 && n >= 3 && strncmp(name + n - 3, "村", 3) == 0)
				n -= 3;
			return n;
		}
	}
	*ending = "";
	return n;
}

int regions_same_name(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 1;
	const char *ea, *eb;
	size_t na = fold(a, &ea), nb = fold(b, &eb);
	return na == nb && strncmp(a, b, na) == 0 && strcmp(ea, eb) == 0;
}

void regions_describe(const char *code, char *out, size_t n)
{
	char part[16];
	size_t len = strlen(code), used = 0;
	out[0] = '\0';
	if (strcmp(code, "44") == 0) {
		snprintf(out, n, "广东省");
		return;
	}
	for (size_t cut = 6; cut <= len && used < n; cut += 3) {
		snprintf(part, sizeof part, "%.*s", (int)cut, code);
		const struct ref_place *p = cut > 6 ? regions_place(part) : NULL;
		const struct ref_city *city = cut == 6 ? regions_city(part) : NULL;
		const char *name = p ? regions_place_name(p) : city ? city->name
		                 : cut == 6 ? regions_county_name(part) : NULL;
		if (!name)
			return;
		used += (size_t)snprintf(out + used, n - used, "%s", name);
	}
}
