/* regions.h — the Guangdong reference data compiled into bangfu: 21 cities and the
 * 122 county-level units with their 百千万 track where published (2023). Towns and
 * villages are not reference data: they live in the store. */
#ifndef CORE_REGIONS_H
#define CORE_REGIONS_H

struct ref_city   { const char *code, *name, *region; };
struct ref_county { const char *code, *name, *city_code, *kind, *track; };

extern const struct ref_city ref_cities[];
extern const int ref_city_count;
extern const struct ref_county ref_counties[];
extern const int ref_county_count;

/* Region levels by code length: 2 province, 6 city or county, 9 town, 12 village. */
enum region_level { REGION_PROVINCE, REGION_CITY, REGION_COUNTY, REGION_TOWN, REGION_VILLAGE };

const struct ref_county *regions_county(const char *code);
const struct ref_city   *regions_city(const char *code);
/* A code households may sit under at county level: one of the 122 counties, or the
 * city code of 东莞 (441900) / 中山 (442000), which have no county level. */
int regions_is_county_level(const char *code);
/* Name of a county-level code (county, or 东莞/中山 city); NULL if unknown. */
const char *regions_county_name(const char *code);
/* Does region `code` lie inside scope `scope` ("44" is the whole province)? Pure prefix
 * logic on codes, with 东莞/中山 handled; used by core/access.c and the store. */
int regions_code_in_scope(const char *code, const char *scope);

#endif
