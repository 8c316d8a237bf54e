/* teams.c — town teams (驻镇工作队, 驻镇帮镇扶村): one town, a lead unit and member
 * units (组团式帮扶), a leader, a round and its dates. Rows in `teams`, one audit file
 * each (teams/NNNN/TM0000001.txt). A team's region is its town: who sees it and who may
 * add it (an administrator or a county approver) follow from that. */
#include "store/entity.h"
#include "core/regions.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

static int fill_member_names(struct store *s, void *rec);

static const struct entity_col team_cols[] = {
	{"id", NULL},
	{"town_code", NULL},
	{NULL, "(SELECT name FROM regions WHERE code = t.town_code)"},
	{"lead_unit", NULL},
	{NULL, "(SELECT name FROM units WHERE id = t.lead_unit)"},
	{"member_units", NULL},
	{NULL, "''"},   /* member names: fill_member_names */
	{"leader", NULL},
	{"round", NULL},
	{"start_date", NULL},
	{"end_date", NULL},
};
const struct entity_kind entity_teams = {
	.table = "teams", .dir = "teams", .prefix = "TM", .what = N_("team"),
	.fields = pairing_team_fields, .nfields = &pairing_team_field_count, .cols = team_cols,
	.size = sizeof(struct team), .fill = fill_member_names,
};

/* Apply fn to each item (spaces around it trimmed) of a list separated by ',' '，' or
 * '、' (which unit names may not contain). */
static int each_item(const char *list, int (*fn)(void *ctx, const char *item), void *ctx)
{
	static const char *const seps[] = {",", "，", "、"};
	const char *p = list;
	while (*p) {
		size_t len = 0, skip = 0;
		while (p[len] && !skip) {
			for (size_t i = 0; i < sizeof seps / sizeof seps[0] && !skip; i++)
				if (strncmp(p + len, seps[i], strlen(seps[i])) == 0)
					skip = strlen(seps[i]);
			if (!skip)
				len++;
		}
		char item[256];
		if (len >= sizeof item)
			len = sizeof item - 1;
		memcpy(item, p, len);
		item[len] = '\0';
		text_trim(item);
		int rc = item[0] ? fn(ctx, item) : 0;
		if (rc)
			return rc;
		p += len + skip;
	}
	return 0;
}

struct names { struct store *s; struct team *t; };

static int add_name(void *ctx, const char *id)
{
	struct names *n = ctx;
	struct unit u;
	const char *name = id;
	if (entity_load(n->s, &entity_units, id, &u) == 0)
		name = u.name;
	size_t len = strlen(n->t->member_unit_names);
	snprintf(n->t->member_unit_names + len, sizeof n->t->member_unit_names - len, "%s%s",
	         len ? "、" : "", name);
	return 0;
}

static int fill_member_names(struct store *s, void *rec)
{
	struct names n = {s, rec};
	const struct ref_place *town = regions_place(n.t->town);
	if (!n.t->town_name[0] && town)   /* a town of the edition no household named yet */
		snprintf(n.t->town_name, sizeof n.t->town_name, "%s", regions_place_name(town));
	n.t->member_unit_names[0] = '\0';
	return each_item(n.t->member_units, add_name, &n);
}

int town_resolve(struct store *s, const struct user *u, const char *key, char *code, char *name,
                 size_t namelen)
{
	return regions_place_resolve(s, u->scope, REGION_TOWN, key, code, name, namelen);
}

/* Resolve each member unit (id or name) into the team's list of ids. */
struct members { struct store *s; char ids[512]; };

static int resolve_member(void *ctx, const char *key)
{
	struct members *m = ctx;
	struct unit u;
	int rc = unit_resolve(m->s, key, &u);
	if (rc)
		return rc;
	size_t len = strlen(m->ids);
	if (len + strlen(u.id) + 2 > sizeof m->ids)
		return store_fail(m->s, STORE_EINVAL, "member units: too many units");
	snprintf(m->ids + len, sizeof m->ids - len, "%s%s", len ? "," : "", u.id);
	return 0;
}

/* An existing team of the same town and round, if any. */
static int same_round(struct store *s, const struct team *t, char *id, size_t n)
{
	sqlite3_stmt *st;
	id[0] = '\0';
	if (!t->round[0])
		return 0;
	if (db_cached(s, "SELECT id FROM teams WHERE town_code = ? AND round = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, t->town, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t->round, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(id, n, "%s", db_col_text(st, 0));
	db_finalize(s, st);
	return 0;
}

int store_team_add(struct store *s, const struct user *u, struct team *in, const char *why)
{
	char err[256], other[PAIRING_ID_LEN];
	struct unit lead;
	struct members m = {s, ""};
	int rc;
	if ((rc = town_resolve(s, u, in->town, in->town, in->town_name, sizeof in->town_name)))
		return rc;
	if (pairing_may_add(u, in->town, _("a town team"), err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	if (!in->lead_unit[0])
		return store_fail(s, STORE_EINVAL, "a lead unit is required (--lead UNIT)");
	if ((rc = unit_resolve(s, in->lead_unit, &lead)) ||
	    (rc = each_item(in->member_units, resolve_member, &m)))
		return rc;
	snprintf(in->lead_unit, sizeof in->lead_unit, "%s", lead.id);
	snprintf(in->member_units, sizeof in->member_units, "%s", m.ids);
	if (pairing_team_check(in, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if ((rc = same_round(s, in, other, sizeof other)))
		return rc;
	if (other[0])
		return store_fail(s, STORE_EINVAL, "town %s already has a team for round %s (%s)",
		                  in->town, in->round, other);
	return entity_add(s, u, &entity_teams, in, why);
}

struct team_list { const struct user *u; int (*fn)(void *ctx, const struct team *t); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct team_list *l = ctx;
	const struct team *t = rec;
	return access_in_scope(l->u, t->town) ? l->fn(l->ctx, t) : 0;
}

int store_team_list(struct store *s, const struct user *u, const char *town,
                    int (*fn)(void *ctx, const struct team *t), void *ctx)
{
	char like[32], code[16] = "", name[128];
	int rc;
	if (town && town[0] && (rc = town_resolve(s, u, town, code, name, sizeof name)))
		return rc;
	entity_scope_like(u, like, sizeof like);
	const char *params[2] = {like, code};
	struct team_list l = {u, fn, ctx};
	return entity_each(s, &entity_teams, "t.town_code LIKE ?1 AND (?2 IS NULL OR t.town_code = ?2)",
	                   "t.town_code, t.start_date, t.id", params, 2, list_one, &l);
}

int teams_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_teams, emit, ctx);
}

int teams_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_teams, path, text);
}
