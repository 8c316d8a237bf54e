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
const struct entity_kind entity_people = {
	.table = "team_people", .dir = "team_people", .prefix = "TP", .what = N_("person"),
	.fields = pairing_person_fields, .nfields = &pairing_person_field_count, .cols = person_cols,
	.size = sizeof(struct team_person),
};

/* Check and complete a new person of team in->team as u would add her: region, unit id,
 * role code, start (default today), login; 0 or a store error. */
static int person_prepare(struct store *s, const struct user *u, struct team_person *in)
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
	if (pairing_may_add(u, in->region, _("a team member"), err, sizeof err))
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
	return 0;
}

int store_person_add(struct store *s, const struct user *u, struct team_person *in, const char *why)
{
	int rc = person_prepare(s, u, in);
	return rc ? rc : entity_add(s, u, &entity_people, in, why);
}

/* A row naming an existing person must read as she is (a masked phone matches hers):
 * the sheet adds people, `person edit` changes them. */
static int person_same(struct store *s, const struct user *u, struct team_person *row)
{
	struct team_person kept;
	int rc = entity_load(s, &entity_people, row->id, &kept);
	if (rc == STORE_ENOTFOUND || (!rc && !access_in_scope(u, kept.region)))
		return store_fail(s, STORE_ENOTFOUND, "no person %s in your scope (%s)", row->id, u->scope);
	if (rc)
		return rc;
	if (mask_is_masked(row->phone) || !row->phone[0])
		snprintf(row->phone, sizeof row->phone, "%s", kept.phone);
	if ((rc = person_prepare(s, u, row)))
		return rc;
	if (strcmp(row->team, kept.team) || strcmp(row->name, kept.name) ||
	    strcmp(row->unit, kept.unit) || strcmp(row->role, kept.role) ||
	    strcmp(row->phone, kept.phone) || strcmp(row->start, kept.start) ||
	    strcmp(row->end, kept.end) || strcmp(row->login, kept.login))
		return store_fail(s, STORE_EINVAL, "person %s: the row differs from what bangfu has "
		                  "(change her with `bangfu person edit %s FIELD=VALUE`)", row->id, row->id);
	return 0;
}

static int people_import_in(struct store *s, const struct user *u, struct team_person *rows,
                            const long *lines, int n, const char *why, register_report_fn report,
                            void *ctx, int *added)
{
	int defects = 0, rc = 0;
	char subject[64];
	for (int i = 0; i < n; i++) {
		rc = rows[i].id[0] ? person_same(s, u, &rows[i]) : person_prepare(s, u, &rows[i]);
		if (rc == STORE_EFAIL)
			return rc;
		if (rc)
			report(ctx, lines[i], NULL, store_error(s));
		defects += rc != 0;
		*added += !rc && !rows[i].id[0];
	}
	if (defects)
		return store_fail(s, STORE_EINVAL, defects == 1 ? N_("%d defect: nothing was imported")
		                  : N_("%d defects: nothing was imported"), defects);
	if (!*added)
		return 0;
	snprintf(subject, sizeof subject, "%d team %s", *added, *added == 1 ? "person" : "people");
	if ((rc = write_begin(s, u, "import", subject, why)))
		return rc;
	for (int i = 0; i < n && !rc; i++)
		if (!rows[i].id[0] && !(rc = entity_next_id(s, &entity_people, rows[i].id, sizeof rows[i].id)) &&
		    !(rc = entity_insert(s, &entity_people, &rows[i])) &&
		    !(rc = entity_load(s, &entity_people, rows[i].id, &rows[i])))
			rc = entity_write_file(s, &entity_people, &rows[i]);
	if (rc) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int store_person_import(struct store *s, const struct user *u, struct team_person *rows,
                        const long *lines, int n, const char *why, register_report_fn report,
                        void *ctx, int *added)
{
	*added = 0;
	int rc = write_open(s);
	if (!rc)
		rc = people_import_in(s, u, rows, lines, n, why, report, ctx, added);
	if (!rc && !*added)
		write_rollback(s);     /* nothing added: no event, no commit */
	return write_close(s, rc);
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
