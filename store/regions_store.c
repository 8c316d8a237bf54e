/* regions_store.c — places in the database. The reference (province, 21 cities, 122
 * counties) is seeded at init; the 1,757 towns and 26,842 villages of the 2023 statistical
 * codes stay compiled in (core/regions.c) and a town or village gets its `regions` row
 * when a household first names it, so lists and filters join on one table while a new
 * database stays small (docs/design.md "Places"). A file's town and village are checked
 * here: a code must exist (error), a name that differs from the code's is a warning
 * naming both, a name without a code is looked up within its county (town) or town
 * (village) and refused when none or several match. A code that old history names but
 * the edition does not (a retired code, an invented demo place of an older bangfu) is
 * kept with the name the history gives, kind "retired". */
#include "store/internal.h"
#include "core/text.h"
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
	return rc != SQLITE_DONE ? store_sqlfail(s, "adding a region") : search_region_write(s, code);
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

int regions_name(struct store *s, const char *code, char *name, size_t n)
{
	const struct ref_place *p = regions_place(code);
	if (p) {
		snprintf(name, n, "%s", regions_place_name(p));
		return 0;
	}
	return db_lookup(s, name, n, "SELECT name FROM regions WHERE code = ?", code, NULL);
}

/* Make sure the town or village `code` of the edition has its row, with the edition's
 * name (a database of an older bangfu may hold an invented one under a real code). */
static int region_row(struct store *s, const struct ref_place *p, const char *parent)
{
	char known[256];
	int level = strlen(p->code) == 12 ? REGION_VILLAGE : REGION_TOWN;
	int rc = db_lookup(s, known, sizeof known, "SELECT name FROM regions WHERE code = ?",
	                   p->code, NULL);
	if (rc == STORE_ENOTFOUND)
		return insert_region(s, p->code, level, regions_place_name(p), parent,
		                     regions_place_kind(p), NULL, 0);
	if (rc || strcmp(known, regions_place_name(p)) == 0)
		return rc;
	sqlite3_stmt *st;
	if (db_cached(s, "UPDATE regions SET name = ?, kind = ?, synthetic = 0 WHERE code = ?", &st))
		return STORE_EFAIL;
	db_bind_text(st, 1, regions_place_name(p));
	db_bind_text(st, 2, regions_place_kind(p));
	db_bind_text(st, 3, p->code);
	rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc != SQLITE_DONE ? store_sqlfail(s, "renaming a region") : search_region_write(s, p->code);
}

/* Add one match of `name` (code, its name) to the list in `code`. */
static void add_match(const char *name, const char *code_i, const char *name_i, int *found,
                      char *code, size_t n)
{
	size_t used = strlen(code);
	if (!regions_same_name(name_i, name))
		return;
	if (used < n)
		snprintf(code + used, n - used, "%s%s", *found ? ", " : "", code_i);
	(*found)++;
}

/* The code of the one place under `parent` at `level` whose name is `name` (village
 * suffixes folded): 0, STORE_ENOTFOUND, or STORE_EINVAL when several match (their
 * codes listed in `code`). */
static int region_by_name(struct store *s, const char *parent, int level, const char *name,
                          char *code, size_t n)
{
	const struct ref_place *first;
	size_t len = level == REGION_VILLAGE ? 12 : 9;
	int found = 0, under = regions_places_under(parent, &first);
	code[0] = '\0';
	for (int i = 0; i < under; i++)
		if (strlen(first[i].code) == len)
			add_match(name, first[i].code, regions_place_name(&first[i]), &found, code, n);
	sqlite3_stmt *st;          /* and the retired codes the database keeps */
	if (db_cached(s, "SELECT code, name FROM regions WHERE parent = ? AND level = ? "
	                  "ORDER BY code", &st))
		return STORE_EFAIL;
	db_bind_text(st, 1, parent);
	sqlite3_bind_int(st, 2, level);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (!regions_place(db_col_text(st, 0)))
			add_match(name, db_col_text(st, 0), db_col_text(st, 1), &found, code, n);
	db_finalize(s, st);
	return found == 0 ? STORE_ENOTFOUND : found > 1 ? STORE_EINVAL : 0;
}

/* One level (town or village) of a household from a file: `msg` gets the defect (an
 * error: returns 1) or the warning (returns 0 with msg set); a code found by name is
 * set on h. */
static int check_level(struct store *s, struct household *h, enum field_id code_f,
                       enum field_id name_f, const char *parent, int level, const char *what,
                       char *msg, size_t n)
{
	const char *code = household_get(h, code_f), *name = household_get(h, name_f);
	char known[256], found[128], where[256];
	msg[0] = '\0';
	if (regions_name(s, parent, where, sizeof where))
		snprintf(where, sizeof where, "%s", parent);
	if (code[0]) {
		int rc = regions_name(s, code, known, sizeof known);
		if (rc == STORE_ENOTFOUND || (rc == 0 && strncmp(code, parent, strlen(parent)) != 0)) {
			if (rc)
				snprintf(msg, n, _("%s code %s does not exist (2023 statistical codes, or a "
				         "place.CODE setting)"), what, code);
			else
				snprintf(msg, n, _("%s code %s does not lie in %s %s"), what, code, where, parent);
			return 1;
		}
		if (rc)
			return snprintf(msg, n, "%s", store_error(s)), 1;
		if (name[0] && !regions_same_name(known, name))   /* a message: cut whole if it must be */
			text_errorf(msg, n,
			            "warning: %s code %s is %s, the file says %s: kept as %s",
			            what, code, known, name, known);
		return 0;
	}
	if (!name[0])
		return snprintf(msg, n, _("no %s given (code or name)"), what), 1;
	int rc = region_by_name(s, parent, level, name, found, sizeof found);
	if (rc == STORE_ENOTFOUND)
		return snprintf(msg, n, _("no %s named %s in %s %s: give its code"), what, name, where,
		                parent), 1;
	if (rc == STORE_EINVAL)
		return snprintf(msg, n, _("%s name %s is ambiguous in %s (%s): give its code"), what,
		                name, where, found), 1;
	if (rc)
		return snprintf(msg, n, "%s", store_error(s)), 1;
	return household_set(h, code_f, found) ? (snprintf(msg, n, "%s", _("out of memory")), 1) : 0;
}

int regions_check(struct store *s, struct household *h, long line, register_report_fn report,
                  void *ctx)
{
	static const struct { enum field_id code, name; int level; const char *what, *column; } lv[] = {
		{HF_TOWNCODE, HF_TOWN, REGION_TOWN, N_("town"), "乡镇"},
		{HF_VILLCODE, HF_VILLAGE, REGION_VILLAGE, N_("village"), "行政村"}};
	char parent[16], msg[512];
	snprintf(parent, sizeof parent, "%s", household_get(h, HF_COUNTY));
	for (int i = 0; i < 2; i++) {
		int bad = check_level(s, h, lv[i].code, lv[i].name, parent, lv[i].level, _(lv[i].what),
		                      msg, sizeof msg);
		if (msg[0])
			report(ctx, line, lv[i].column, msg);
		if (bad)
			return 1;
		snprintf(parent, sizeof parent, "%s", household_get(h, lv[i].code));
	}
	return 0;
}

/* One level of a household being written (checked already, or from history): a known
 * code gives its name; an unknown one (retired) is kept with the record's name. */
static int resolve_level(struct store *s, struct household *h, enum field_id code_f,
                         enum field_id name_f, const char *parent, int level, int synthetic)
{
	const char *code = household_get(h, code_f), *name = household_get(h, name_f);
	char known[256];
	if (!code[0]) {
		int rc = region_by_name(s, parent, level, name, known, sizeof known);
		if (rc == STORE_ENOTFOUND || rc == STORE_EINVAL)
			return store_fail(s, STORE_EINVAL, "%s %s in %s: %s", level == REGION_TOWN ?
			                  _("town") : _("village"), name, parent, rc == STORE_EINVAL ?
			                  _("ambiguous, give its code") : _("no such place, give its code"));
		if (rc || household_set(h, code_f, known))
			return rc ? rc : store_fail(s, STORE_EFAIL, "out of memory");
		code = household_get(h, code_f);
	}
	const struct ref_place *p = regions_place(code);
	int rc = p ? region_row(s, p, parent) : regions_name(s, code, known, sizeof known);
	if (rc == STORE_ENOTFOUND)
		return insert_region(s, code, level, name[0] ? name : code, parent, "retired", NULL,
		                     synthetic);
	if (rc)
		return rc;
	if (p)
		snprintf(known, sizeof known, "%s", regions_place_name(p));
	return household_set(h, name_f, known) ? store_fail(s, STORE_EFAIL, "out of memory") : 0;
}

int regions_resolve(struct store *s, struct household *h, int synthetic)
{
	char county[8];
	snprintf(county, sizeof county, "%s", household_get(h, HF_COUNTY));
	int rc = resolve_level(s, h, HF_TOWNCODE, HF_TOWN, county, REGION_TOWN, synthetic);
	if (rc)
		return rc;
	char town[16];
	snprintf(town, sizeof town, "%s", household_get(h, HF_TOWNCODE));
	return resolve_level(s, h, HF_VILLCODE, HF_VILLAGE, town, REGION_VILLAGE, synthetic);
}

int regions_is_place_key(const char *key) { return strncmp(key, "place.", 6) == 0; }

/* The setting place.CODE = NAME (an administrator's addition for a change newer than
 * the shipped edition): a 9-digit town under a county-level code or a 12-digit village
 * under a known town, neither in the edition nor added before; adds its row. */
int regions_place_setting(struct store *s, const char *key, const char *name)
{
	const char *code = key + 6;
	size_t n = strlen(code);
	char parent[16], known[256];
	if ((n != 9 && n != 12) || strspn(code, "0123456789") != n)
		return store_fail(s, STORE_EINVAL, "setting %s: a place is place.CODE with a 9-digit "
		                  "town or 12-digit village code", key);
	if (!name[0] || strchr(name, ' '))
		return store_fail(s, STORE_EINVAL, "setting %s: the value is the place's name", key);
	if (regions_name(s, code, known, sizeof known) == 0)
		return store_fail(s, STORE_EINVAL, "setting %s: %s is already %s (places are added, "
		                  "never renamed)", key, code, known);
	snprintf(parent, sizeof parent, "%.*s", n == 9 ? 6 : 9, code);
	if (n == 9 ? !regions_is_county_level(parent) : regions_name(s, parent, known, sizeof known) != 0)
		return store_fail(s, STORE_EINVAL, "setting %s: %s %s does not exist", key,
		                  n == 9 ? _("county") : _("town"), parent);
	return insert_region(s, code, n == 9 ? REGION_TOWN : REGION_VILLAGE, name, parent, "added",
	                     NULL, 0);
}

/* --- a town or village a verb names (team add TOWN, task add --town, household add
 * VILLAGE): its code, or its name within the county of the caller's scope --- */

struct place_matches { const char *key; char *code; char *name; size_t namelen; int found;
                       char list[512]; };

/* The names from the county down to the place's own (佛冈县龙山镇): an added place is
 * not in the edition, so its own name follows its parents'. */
static void place_full(const char *code_i, const char *name_i, char *full, size_t n)
{
	regions_describe(code_i, full, n);
	size_t used = strlen(full), nl = strlen(name_i);
	if (used < nl || strcmp(full + used - nl, name_i) != 0)
		snprintf(full + used, n - used, "%s", name_i);
}

/* Does the place (code_i, name_i) answer to key: its name (village suffixes folded), or
 * its name with the places above it before it (佛冈县龙山镇, 龙山镇关前村)? */
static void place_match(struct place_matches *m, const char *code_i, const char *name_i)
{
	char full[256];
	size_t kl = strlen(m->key), fl;
	place_full(code_i, name_i, full, sizeof full);
	fl = strlen(full);
	if (!regions_same_name(name_i, m->key) &&
	    (kl <= strlen(name_i) || fl < kl || strcmp(full + fl - kl, m->key) != 0))
		return;
	if (m->found++ == 0) {
		snprintf(m->code, 16, "%s", code_i);
		snprintf(m->name, m->namelen, "%s", name_i);
	}
	size_t used = strlen(m->list);
	if (used + 1 < sizeof m->list)
		snprintf(m->list + used, sizeof m->list - used, "%s%s %s", used ? ", " : "", code_i, full);
}

int regions_place_resolve(struct store *s, const char *scope, int level, const char *key,
                          char code[16], char *name, size_t namelen)
{
	const char *what = level == REGION_TOWN ? _("town") : _("village");
	size_t len = level == REGION_TOWN ? 9 : 12;
	char area[8], buf[128];
	snprintf(buf, sizeof buf, "%s", key);   /* key may be code's buffer */
	if (strlen(buf) == len && strspn(buf, "0123456789") == len) {
		if (regions_name(s, buf, name, namelen) != 0)
			return store_fail(s, STORE_EINVAL, "no %s has the code %s (2023 statistical codes, "
			                  "nor added by an administrator)", what, buf);
		snprintf(code, 16, "%s", buf);
		return 0;
	}
	/* a name: among the places of the scope's county (or city, or the province) */
	snprintf(area, sizeof area, "%.6s", scope);
	struct place_matches m = {buf, code, name, namelen, 0, ""};
	const struct ref_place *first;
	int under = regions_places_under(regions_is_county_level(area) ? area : "44", &first);
	for (int i = 0; i < under; i++)
		if (strlen(first[i].code) == len && regions_code_in_scope(first[i].code, area))
			place_match(&m, first[i].code, regions_place_name(&first[i]));
	sqlite3_stmt *st;          /* and the places an administrator added */
	if (db_cached(s, "SELECT code, name FROM regions WHERE level = ? AND kind = 'added' "
	                  "ORDER BY code", &st))
		return STORE_EFAIL;
	sqlite3_bind_int(st, 1, level);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (regions_code_in_scope(db_col_text(st, 0), area))
			place_match(&m, db_col_text(st, 0), db_col_text(st, 1));
	db_finalize(s, st);
	if (m.found == 0)
		return store_fail(s, STORE_EINVAL, "no %s named \"%s\" in %s: give its %zu-digit code "
		                  "or its name", what, buf, strcmp(area, "44") == 0 ? _("Guangdong") : area, len);
	if (m.found > 1)
		return store_fail(s, STORE_EINVAL, "%s name \"%s\" is ambiguous in %s: %s%s; give the "
		                  "code, or the name with its %s before it", what, buf,
		                  strcmp(area, "44") == 0 ? _("Guangdong") : area, m.list,
		                  strlen(m.list) + 2 >= sizeof m.list ? "..." : "",
		                  level == REGION_TOWN ? _("county") : _("town"));
	return 0;
}

/* 1 if code is a place an administrator added (setting place.CODE). */
static int place_added(struct store *s, const char *code)
{
	char kind[32];
	return db_lookup(s, kind, sizeof kind, "SELECT kind FROM regions WHERE code = ? AND "
	                 "level IN (3, 4)", code, NULL) == 0 && strcmp(kind, "added") == 0;
}

int regions_scope_check(struct store *s, const char *scope)
{
	char err[256];
	if (access_scope_check(scope, err, sizeof err) == 0 || place_added(s, scope))
		return 0;
	return store_fail(s, STORE_EINVAL, "scope: %s, nor a place added by an administrator "
	                  "(setting place.CODE)", err);
}

void store_place_describe(struct store *s, const char *code, char *out, size_t n)
{
	char name[256];
	size_t len = strlen(code);
	regions_describe(code, out, n);
	if (len < 9 || regions_place(code) || regions_name(s, code, name, sizeof name))
		return;
	char parent[16];   /* an added place: its parent as the edition names it, then its own */
	snprintf(parent, sizeof parent, "%.*s", (int)len - 3, code);
	store_place_describe(s, parent, out, n);
	size_t used = strlen(out);
	snprintf(out + used, n - used, "%s", name);
}

int store_region_retired(struct store *s, const char *code)
{
	char kind[32];
	return !regions_place(code) &&
	       db_lookup(s, kind, sizeof kind, "SELECT coalesce(kind, 'retired') FROM regions "
	                 "WHERE code = ? AND level IN (3, 4)", code, NULL) == 0 &&
	       strcmp(kind, "added") != 0;
}
