/* regions.c — look-ups over the compiled reference table (see regions.h). */
#include "core/regions.h"
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
