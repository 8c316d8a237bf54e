/* pairs.c — pairs: county pairs (对口帮扶协作: a helper city, district or unit → a helped
 * county, with programme, round and years) and cadre pairs (帮扶责任人: a cadre of a unit
 * → a household, with start and end). Rows in `pairs`, one audit file each
 * (pairs/NNNN/P0000001.txt). Region: the helped county, or the household's village; a
 * county pair is also seen from the helper's side (a 广州 district sees its pairs). */
#include "store/entity.h"
#include "core/text.h"
#include "core/mask.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>

static const struct entity_col pair_cols[] = {
	{"id", NULL},
	{"kind", NULL},
	{"helper", NULL},
	{NULL, "CASE WHEN t.kind = 'county' THEN coalesce((SELECT name FROM regions WHERE "
	       "code = t.helper), (SELECT name FROM units WHERE id = t.helper)) END"},
	{"helped", NULL},
	{"helped_name", "CASE WHEN t.kind = 'county' THEN coalesce((SELECT name FROM regions WHERE "
	                "code = t.helped), t.helped_name) END"},
	{"programme", NULL},
	{"round", NULL},
	{"start_date", NULL},
	{"end_date", NULL},
	{"unit", NULL},
	{NULL, "(SELECT name FROM units WHERE id = t.unit)"},
	{"phone", NULL},
	{"region", NULL},
};
const struct entity_kind entity_pairs = {
	.table = "pairs", .dir = "pairs", .prefix = "P", .what = N_("pair"),
	.fields = pairing_pair_fields, .nfields = &pairing_pair_field_count, .cols = pair_cols,
	.size = sizeof(struct pair),
};

/* A city or county-level place by code or name, from the regions table (levels 1-2). */
static int place_resolve(struct store *s, const char *key, char *code, size_t n)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT code FROM regions WHERE level IN (1, 2) AND (code = ?1 OR name = ?1) "
	                  "ORDER BY level DESC, code", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(code, n, "%s", db_col_text(st, 0));
	db_finalize(s, st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? STORE_ENOTFOUND : store_sqlfail(s, "finding a place");
}

/* The helped side of a county pair: a Guangdong county (code or name), a town (code or
 * name: 驻镇帮镇扶村, 组团式帮扶), or a county outside Guangdong by its code, named by the
 * pair (--name: 东西部协作). The region that decides who sees the pair: the county or
 * town, and for an outside county the helper's side. */
static int resolve_helped(struct store *s, const struct user *u, struct pair *p,
                          const struct unit *helper_unit)
{
	char code[16], name[128];
	int rc = place_resolve(s, p->helped, code, sizeof code);
	if (rc == 0 && regions_is_county_level(code)) {
		snprintf(p->helped, sizeof p->helped, "%s", code);
		p->helped_name[0] = '\0';          /* the regions table names it */
		snprintf(p->region, sizeof p->region, "%s", code);
		return 0;
	}
	if (rc && rc != STORE_ENOTFOUND)
		return rc;
	if (pairing_outside_county(p->helped)) {
		if (text_copy(p->region, sizeof p->region, helper_unit ? helper_unit->region : p->helper))
			return store_fail(s, STORE_EINVAL, "unknown helper \"%s\"", p->helper);
		return 0;
	}
	const struct ref_place *town = strlen(p->helped) == 9 ? regions_place(p->helped) : NULL;
	if (town) {   /* a town no household names yet has no regions row: the edition's */
		snprintf(p->helped_name, sizeof p->helped_name, "%s", regions_place_name(town));
		snprintf(p->region, sizeof p->region, "%s", p->helped);
		return 0;
	}
	if (town_resolve(s, u, p->helped, code, name, sizeof name) == 0) {
		snprintf(p->helped, sizeof p->helped, "%s", code);
		snprintf(p->helped_name, sizeof p->helped_name, "%s", name);
		snprintf(p->region, sizeof p->region, "%s", code);
		return 0;
	}
	return store_fail(s, STORE_EINVAL, "unknown county \"%s\": the helped side is a "
	                  "county-level code or name (e.g. 441821 佛冈县), a town, or a county "
	                  "outside Guangdong by its 6-digit code with --name", p->helped);
}

static int resolve_county_pair(struct store *s, const struct user *u, struct pair *p)
{
	struct unit unit;
	char code[16];
	int rc = place_resolve(s, p->helper, code, sizeof code), by_unit = 0;
	if (rc == 0)
		snprintf(p->helper, sizeof p->helper, "%s", code);
	else if (rc != STORE_ENOTFOUND)
		return rc;
	else if (unit_resolve(s, p->helper, &unit) == 0) {
		snprintf(p->helper, sizeof p->helper, "%s", unit.id);
		by_unit = 1;
	} else
		return store_fail(s, STORE_EINVAL, "unknown helper \"%s\": give a city or district "
		                  "(code or name) or an assistance unit", p->helper);
	if ((rc = resolve_helped(s, u, p, by_unit ? &unit : NULL)))
		return rc;
	if (!p->programme[0])
		snprintf(p->programme, sizeof p->programme, "assistance");
	const struct code *prog = codes_find(code_lists_table(store_code_lists(s),
	                                                      &codes_pair_programme), p->programme);
	if (prog)
		snprintf(p->programme, sizeof p->programme, "%s", prog->code);
	return 0;
}

static int resolve_cadre_pair(struct store *s, const struct user *u, struct pair *p)
{
	struct household h;
	struct unit unit;
	int rc = store_household_find(s, u, p->helped, &h);
	if (rc)
		return rc;
	snprintf(p->helped, sizeof p->helped, "%s", h.id);
	snprintf(p->region, sizeof p->region, "%s", household_get(&h, HF_VILLCODE));
	household_free(&h);
	if (p->unit[0]) {
		if ((rc = unit_resolve(s, p->unit, &unit)))
			return rc;
		snprintf(p->unit, sizeof p->unit, "%s", unit.id);
	}
	if (!p->start[0])
		snprintf(p->start, sizeof p->start, "%s", store_today(s));
	return 0;
}

int store_pair_add(struct store *s, const struct user *u, struct pair *in, const char *why)
{
	char err[256];
	const struct code *kind = codes_find(&codes_pair_kind, in->kind);
	if (!kind)
		return store_fail(s, STORE_EINVAL, "pair kind \"%s\": give county (对口帮扶) or cadre "
		                  "(帮扶责任人)", in->kind);
	snprintf(in->kind, sizeof in->kind, "%s", kind->code);
	int county = strcmp(in->kind, "county") == 0;
	int rc = county ? resolve_county_pair(s, u, in) : resolve_cadre_pair(s, u, in);
	if (rc)
		return rc;
	if (pairing_may_add(u, in->region, county ? _("a county pair") : _("a cadre pair"), err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	if (pairing_pair_check(store_code_lists(s), in, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return entity_add(s, u, &entity_pairs, in, why);
}

/* A pair is seen from its region, and a county pair also from the helper's place. */
static int pair_visible(const struct user *u, const struct pair *p)
{
	return access_in_scope(u, p->region) ||
	       (strcmp(p->kind, "county") == 0 && p->helper[0] != 'U' && access_in_scope(u, p->helper));
}

int pair_visible_load(struct store *s, const struct user *u, const char *id, struct pair *out)
{
	int rc = entity_load(s, &entity_pairs, id, out);
	if (rc == 0 && !pair_visible(u, out))
		rc = STORE_ENOTFOUND;
	/* one message for a pair outside the scope and one that does not exist: no oracle */
	if (rc == STORE_ENOTFOUND)
		rc = store_fail(s, STORE_ENOTFOUND, "no pair %s in your scope (%s)", id, u->scope);
	return rc;
}

struct pair_list { const struct user *u; int (*fn)(void *ctx, const struct pair *p); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct pair_list *l = ctx;
	struct pair *p = rec;
	char masked[sizeof p->phone];
	if (!pair_visible(l->u, p))
		return 0;
	mask_phone(p->phone, masked, sizeof masked);   /* the cadre's phone, as every list shows it */
	memcpy(p->phone, masked, sizeof masked);
	return l->fn(l->ctx, p);
}

int store_pair_list(struct store *s, const struct user *u, const char *kind, const char *household,
                    int (*fn)(void *ctx, const struct pair *p), void *ctx)
{
	char like[32], hid[24] = "";
	const struct code *k = kind && kind[0] ? codes_find(&codes_pair_kind, kind) : NULL;
	if (kind && kind[0] && !k)
		return store_fail(s, STORE_EINVAL, "pair kind \"%s\": give county or cadre", kind);
	if (household && household[0]) {
		struct household h;
		int rc = store_household_find(s, u, household, &h);
		if (rc)
			return rc;
		snprintf(hid, sizeof hid, "%s", h.id);
		household_free(&h);
	}
	entity_scope_like(u, like, sizeof like);
	const char *params[3] = {like, k ? k->code : NULL, hid};
	struct pair_list l = {u, fn, ctx};
	return entity_each(s, &entity_pairs, "(t.region LIKE ?1 OR (t.kind = 'county' AND "
	                   "t.helper LIKE ?1)) AND (?2 IS NULL OR t.kind = ?2) AND "
	                   "(?3 IS NULL OR t.helped = ?3)", "t.kind DESC, t.region, t.id", params, 3,
	                   list_one, &l);
}

int pairs_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_pairs, emit, ctx);
}

int pairs_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_pairs, path, text);
}
