/* regions_store.c — places in the database: the compiled reference (province, 21
 * cities, 122 counties) seeded at init, and towns and villages as the register names
 * them. A town or village given by name only gets a code allocated under its parent
 * from 900 upward (real statistical codes use 001-599), so it never takes a real code;
 * a code given by a file is kept, and must agree with the name already on record. */
#include "store/internal.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>

static int insert_region(struct store *s, const char *code, int level, const char *name,
                         const char *parent, const char *kind, const char *track, int synthetic)
{
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO regions(code, level, name, parent, kind, track, synthetic) "
	                  "VALUES (?,?,?,?,?,?,?)", &st))
		return STORE_EFAIL;
	db_bind_text(st, 1, code);
	sqlite3_bind_int(st, 2, level);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, parent);
	db_bind_text(st, 5, kind);
	db_bind_text(st, 6, track);
	sqlite3_bind_int(st, 7, synthetic);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "adding a region");
}

int regions_seed(struct store *s)
{
	if (db_exec(s, "BEGIN IMMEDIATE"))
		return STORE_EFAIL;
	int rc = insert_region(s, "44", REGION_PROVINCE, "广东省", NULL, NULL, NULL, 0);
	for (int i = 0; !rc && i < ref_city_count; i++)
		rc = insert_region(s, ref_cities[i].code, REGION_CITY, ref_cities[i].name, "44",
		                   ref_cities[i].region, NULL, 0);
	for (int i = 0; !rc && i < ref_county_count; i++)
		rc = insert_region(s, ref_counties[i].code, REGION_COUNTY, ref_counties[i].name,
		                   ref_counties[i].city_code, ref_counties[i].kind,
		                   ref_counties[i].track, 0);
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return db_exec(s, "COMMIT");
}

/* Name of region `code`, into name; STORE_ENOTFOUND if none. */
static int region_name(struct store *s, const char *code, char *name, size_t n)
{
	return db_lookup(s, name, n, "SELECT name FROM regions WHERE code = ?", code, NULL);
}

/* Code of the child of `parent` called `name`, or a newly allocated one (900+). */
static int region_code_for(struct store *s, const char *parent, const char *name, int level,
                           int synthetic, char *code, size_t n)
{
	sqlite3_stmt *st;
	int rc = db_lookup(s, code, n, "SELECT code FROM regions WHERE parent = ? AND name = ? "
	                   "ORDER BY code LIMIT 1", parent, name, NULL);
	if (rc != STORE_ENOTFOUND)
		return rc;
	if (db_cached(s, "SELECT max(CAST(substr(code, -3) AS INTEGER)) FROM regions "
	                  "WHERE parent = ? AND substr(code, -3) >= '900'", &st))
		return STORE_EFAIL;
	db_bind_text(st, 1, parent);
	int next = 900;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		next = sqlite3_column_int(st, 0) + 1;
	db_finalize(s, st);
	if (next > 999)
		return store_fail(s, STORE_EINVAL, "no free code left under %s for %s: give its code",
		                  parent, name);
	snprintf(code, n, "%s%03d", parent, next);
	return insert_region(s, code, level, name, parent, NULL, NULL, synthetic);
}

/* Make sure region `code` (given by a file) exists with `name`. */
static int region_ensure(struct store *s, const char *code, const char *parent,
                         const char *name, int level, const char *what, int synthetic)
{
	char known[256];
	if (strncmp(code, parent, strlen(parent)) != 0)
		return store_fail(s, STORE_EINVAL, "%s code %s does not lie under %s", what, code, parent);
	int rc = region_name(s, code, known, sizeof known);
	if (rc == STORE_ENOTFOUND)
		return insert_region(s, code, level, name, parent, NULL, NULL, synthetic);
	if (rc)
		return rc;
	if (strcmp(known, name) != 0)
		return store_fail(s, STORE_EINVAL, "%s code %s is %s on record, not %s", what, code,
		                  known, name);
	return 0;
}

static int resolve_level(struct store *s, struct household *h, enum field_id code_f,
                         enum field_id name_f, const char *parent, int level,
                         const char *what, int synthetic)
{
	const char *code = household_get(h, code_f), *name = household_get(h, name_f);
	if (code[0])
		return region_ensure(s, code, parent, name, level, what, synthetic);
	char allocated[16];
	int rc = region_code_for(s, parent, name, level, synthetic, allocated, sizeof allocated);
	if (rc)
		return rc;
	return household_set(h, code_f, allocated) ? store_fail(s, STORE_EFAIL, "out of memory") : 0;
}

int regions_resolve(struct store *s, struct household *h, int synthetic)
{
	char county[8];
	snprintf(county, sizeof county, "%s", household_get(h, HF_COUNTY));
	int rc = resolve_level(s, h, HF_TOWNCODE, HF_TOWN, county, REGION_TOWN, "town", synthetic);
	if (rc)
		return rc;
	char town[16];
	snprintf(town, sizeof town, "%s", household_get(h, HF_TOWNCODE));
	return resolve_level(s, h, HF_VILLCODE, HF_VILLAGE, town, REGION_VILLAGE, "village", synthetic);
}
