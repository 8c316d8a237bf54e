/* regions.h — the Guangdong reference data compiled into bangfu: 21 cities, the 122
 * county-level units with their 百千万 track where published (2023), and the 1,757 towns
 * and 26,842 villages of the 2023 statistical division codes (core/data/README.md),
 * sorted by code and found by halving, so nothing is read or built at start-up. */
#ifndef CORE_REGIONS_H
#define CORE_REGIONS_H
#include <stddef.h>

struct ref_city   { const char *code, *name, *region; };
struct ref_county { const char *code, *name, *city_code, *kind, *track; };

extern const struct ref_city ref_cities[];
extern const int ref_city_count;
extern const struct ref_county ref_counties[];
extern const int ref_county_count;

/* A town (9-digit code) or village (12-digit). kind: towns 'z' 镇, 'j' 街道, 'x' 乡,
 * 'o' other (farms, reservoirs, reserves...); villages 'c' 村委会, 'r' 居委会 (社区),
 * 'o' other. name: an offset into ref_place_names (villages by their short name). */
struct ref_place { char code[13]; char kind; int name; };
extern const struct ref_place ref_places[];
extern const int ref_place_count;
extern const char ref_place_names[];

/* Region levels by code length: 2 province, 6 city or county, 9 town, 12 village. */
enum region_level { REGION_PROVINCE, REGION_CITY, REGION_COUNTY, REGION_TOWN, REGION_VILLAGE };

const struct ref_county *regions_county(const char *code);
const struct ref_city   *regions_city(const char *code);
/* A code households may sit under at county level: one of the 122 counties, or the
 * city code of 东莞 (441900) / 中山 (442000), which have no county level. */
int regions_is_county_level(const char *code);
/* Name of a county-level code (county, or 东莞/中山 city); NULL if unknown. */
const char *regions_county_name(const char *code);
/* The code of a county-level unit given by its name (佛冈县, or with its city: 清远市佛冈县;
 * 东莞市 and 中山市 give their city code), as the national system's exports write it; NULL
 * if no such name (the 122 names are unique). */
const char *regions_county_by_name(const char *name);
/* Does region `code` lie inside scope `scope` ("44" is the whole province)? Pure prefix
 * logic on codes, with 东莞/中山 handled; used by core/access.c and the store. */
int regions_code_in_scope(const char *code, const char *scope);


/* The town or village with this code in the shipped edition, or NULL. */
const struct ref_place *regions_place(const char *code);
const char *regions_place_name(const struct ref_place *p);
/* The kind as a label: 镇, 街道, 乡, 其他, 村委会, 居委会. */
const char *regions_place_kind(const struct ref_place *p);
/* The places whose code starts with `parent` (a county or town code), sorted by code:
 * *first and the count (towns and villages mixed: filter by strlen of the code). */
int regions_places_under(const char *parent, const struct ref_place **first);
/* Does any shipped region have this code (44, a city, a county, a town, a village)? */
int regions_code_exists(const char *code);
/* Do a name on record and a name given by a file name the same place? Equal, or equal
 * after the village suffixes (村民委员会/村委会 = 村, 社区居民委员会/社区居委会 = 社区,
 * 居民委员会 = 居委会) are folded. */
int regions_same_name(const char *a, const char *b);
/* The shipped names a code stands for ("441821103" -> "佛冈县龙山镇"), as far as they are
 * known (a code of a town the edition lacks gives its county only). */
void regions_describe(const char *code, char *out, size_t n);

#endif
