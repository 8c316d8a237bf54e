/* units.c — assistance units (帮扶单位): the government bodies, enterprises, universities
 * and research institutes that send people to towns and households. Rows in `units`,
 * one audit file each (units/NNNN/U0000001.txt).
 *
 * A unit has a kind (an extendable list: unit_kind.CODE), a level (省直 / 市直 / 县直) and,
 * once it stops helping, an end date (`unit end`, store/corrections_pairing.c).
 *
 * Units are shared reference data: every bangfu user reads all of them, because a team
 * in a 粤北 town names units from a 珠三角 city (that is what 对口帮扶 means). Adding one
 * is for an administrator, or a county approver with the unit's home region in scope. */
#include "store/entity.h"
#include <stdio.h>
#include <string.h>

static const struct entity_col unit_cols[] = {{"id", NULL}, {"name", NULL}, {"kind", NULL},
                                              {"level", NULL}, {"region", NULL},
                                              {"end_date", NULL}};
const struct entity_kind entity_units = {
	.table = "units", .dir = "units", .prefix = "U", .what = N_("unit"),
	.fields = pairing_unit_fields, .nfields = &pairing_unit_field_count, .cols = unit_cols,
	.size = sizeof(struct unit),
};

static int copy_unit(void *ctx, void *rec)
{
	struct unit *out = ctx;
	*out = *(const struct unit *)rec;
	return 1;
}

int unit_resolve(struct store *s, const char *key, struct unit *out)
{
	const char *params[1] = {key};
	out->id[0] = '\0';
	int rc = entity_each(s, &entity_units, "t.id = ?1 OR t.name = ?1", NULL, params, 1,
	                     copy_unit, out);
	if (rc)
		return rc;
	if (!out->id[0])
		return store_fail(s, STORE_EINVAL, "unknown unit \"%s\": give a unit id or its exact "
		                  "name (`bangfu unit list`), or add it with `bangfu unit add`", key);
	return 0;
}

int store_unit_add(struct store *s, const struct user *u, struct unit *in, const char *why)
{
	char err[256];
	const struct code_table *kinds = code_lists_table(store_code_lists(s), &codes_unit_kind);
	const struct code *kind = codes_find(kinds, in->kind);
	const struct code *level = codes_find(&codes_unit_level, in->level);
	if (kind)
		snprintf(in->kind, sizeof in->kind, "%s", kind->code);
	if (level)
		snprintf(in->level, sizeof in->level, "%s", level->code);
	if (!in->region[0])
		snprintf(in->region, sizeof in->region, "%s", u->scope);
	if (pairing_unit_check(store_code_lists(s), in, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (pairing_may_add(u, in->region, _("a unit"), err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	struct unit existing;
	if (unit_resolve(s, in->name, &existing) == 0)
		return store_fail(s, STORE_EINVAL, "unit \"%s\" already exists (%s)", in->name,
		                  existing.id);
	return entity_add(s, u, &entity_units, in, why);
}

struct unit_list { int (*fn)(void *ctx, const struct unit *u); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct unit_list *l = ctx;
	return l->fn(l->ctx, rec);
}

int store_unit_list(struct store *s, const struct user *u, const char *kind, const char *match,
                    int (*fn)(void *ctx, const struct unit *unit), void *ctx)
{
	(void)u;   /* units are shared reference data: everyone reads all (see the top) */
	const struct code *k = kind && kind[0] ? codes_find(code_lists_table(store_code_lists(s),
	                                                    &codes_unit_kind), kind) : NULL;
	if (kind && kind[0] && !k)
		return store_fail(s, STORE_EINVAL, "unknown unit kind \"%s\"", kind);
	const char *params[2] = {k ? k->code : NULL, match};
	struct unit_list l = {fn, ctx};
	return entity_each(s, &entity_units, "(?1 IS NULL OR t.kind = ?1) AND "
	                   "(?2 IS NULL OR t.id = ?2 OR instr(t.name, ?2) > 0)", NULL, params, 2,
	                   list_one, &l);
}

int units_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_units, emit, ctx);
}

int units_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_units, path, text);
}
