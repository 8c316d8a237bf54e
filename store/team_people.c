/* team_people.c — the people of a town team (驻镇工作队员): name, home unit, role 队长 /
 * 队员, phone (masked wherever listed, core/mask.h), start and end, and the bangfu login
 * she acts under if she has one. Rows in `team_people`, one audit file each
 * (team_people/NNNN/TP0000001.txt). Region: the team's town — added, listed and ended
 * like the team (an administrator or a county approver whose scope holds the town; read
 * by everyone whose scope holds it). Ending one is `team leave` (corrections_pairing.c). */
#include "store/entity.h"
#include "core/mask.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

static const struct entity_col person_cols[] = {
	{"id", NULL}, {"team", NULL}, {"name", NULL}, {"unit", NULL},
	{NULL, "(SELECT name FROM units WHERE id = t.unit)"},
	{"role", NULL}, {"phone", NULL}, {"start_date", NULL}, {"end_date", NULL},
	{"login", NULL}, {"region", NULL},
};
const struct entity_kind entity_people = {"team_people", "team_people", "TP", "person",
                                          pairing_person_fields, &pairing_person_field_count,
                                          person_cols, sizeof(struct team_person), NULL};

int store_person_add(struct store *s, const struct user *u, struct team_person *in, const char *why)
{
	char err[256], found[64];
	struct team t;
	struct unit unit;
	int rc = entity_load(s, &entity_teams, in->team, &t);
	if (rc == STORE_ENOTFOUND || (!rc && !access_in_scope(u, t.town)))
		return store_fail(s, STORE_ENOTFOUND, "no team %s in your scope (%s)", in->team, u->scope);
	if (rc)
		return rc;
	if (text_copy(in->region, sizeof in->region, t.town))
		return store_fail(s, STORE_EFAIL, "team %s: town \"%s\" is not a town code", in->team, t.town);
	if (pairing_may_add(u, in->region, "a team member", err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	if (!in->unit[0])
		return store_fail(s, STORE_EINVAL, "the person's home unit is required (--unit UNIT)");
	if ((rc = unit_resolve(s, in->unit, &unit)))
		return rc;
	snprintf(in->unit, sizeof in->unit, "%s", unit.id);
	const struct code *role = codes_find(&codes_team_role, in->role[0] ? in->role : "member");
	if (role)
		snprintf(in->role, sizeof in->role, "%s", role->code);
	if (!in->start[0])
		snprintf(in->start, sizeof in->start, "%s", store_today(s));
	if (in->login[0] && db_lookup(s, found, sizeof found, "SELECT login FROM users WHERE login = ?",
	                              in->login, NULL))
		return store_fail(s, STORE_EINVAL, "no bangfu user %s (`bangfu user add` first, or leave "
		                  "out --login)", in->login);
	if (pairing_person_check(in, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	return entity_add(s, u, &entity_people, in, why);
}

struct person_list { const struct user *u; int (*fn)(void *ctx, const struct team_person *p); void *ctx; };

static int list_one(void *ctx, void *rec)
{
	struct person_list *l = ctx;
	struct team_person *p = rec;
	char masked[sizeof p->phone];
	if (!access_in_scope(l->u, p->region))
		return 0;
	mask_phone(p->phone, masked, sizeof masked);   /* as every list shows a phone */
	memcpy(p->phone, masked, sizeof masked);
	return l->fn(l->ctx, p);
}

int store_person_list(struct store *s, const struct user *u, const char *team,
                      int (*fn)(void *ctx, const struct team_person *p), void *ctx)
{
	char like[32];
	entity_scope_like(u, like, sizeof like);
	const char *params[2] = {like, team};
	struct person_list l = {u, fn, ctx};
	return entity_each(s, &entity_people, "t.region LIKE ?1 AND (?2 IS NULL OR t.team = ?2)",
	                   "t.region, t.team, t.role <> 'leader', t.id", params, 2, list_one, &l);
}

int people_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	return entity_expect_all(s, &entity_people, emit, ctx);
}

int people_restore(struct store *s, const char *path, const char *text)
{
	return entity_restore(s, &entity_people, path, text);
}
