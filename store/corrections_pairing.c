/* corrections_pairing.c — correcting a unit, a town team or a pair (`unit edit|end`, `team
 * edit|end`, `pair edit|end`): FIELD=VALUE changes to the fields a person may correct, or
 * the end date, as one version-checked audit event with a reason. Who may: whoever may add
 * one there (an administrator or a county approver whose scope holds its region,
 * core/pairing.c); a team or pair outside the caller's scope is refused as a missing one
 * (units are shared reference data: everyone reads them, so an outside one is simply
 * refused). */
#include "store/entity.h"
#include "core/date.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The three kinds: their entity, the fields a correction may set, where the region is. */
struct pkind {
	const char *word;                 /* "unit", as the verbs say it */
	const struct entity_kind *k;
	const char *const *editable;      /* NULL-ended */
	size_t region_off;
};
static const char *const unit_keys[] = {"name", "kind", "level", "end", NULL};
static const char *const team_keys[] = {"leader", "round", "start", "end", NULL};
static const char *const pair_keys[] = {"programme", "round", "start", "end", "phone", NULL};
static const char *const person_keys[] = {"name", "role", "phone", "start", "end", "login", NULL};
static const struct pkind kinds[] = {
	{N_("unit"), &entity_units, unit_keys, offsetof(struct unit, region)},
	{N_("team"), &entity_teams, team_keys, offsetof(struct team, town)},
	{N_("pair"), &entity_pairs, pair_keys, offsetof(struct pair, region)},
	{N_("person"), &entity_people, person_keys, offsetof(struct team_person, region)},
};

static int editable(const struct pkind *p, const char *key)
{
	for (int i = 0; p->editable[i]; i++)
		if (strcmp(p->editable[i], key) == 0)
			return 1;
	return 0;
}

/* Load rec as u may change it: outside the scope reads as missing (teams, pairs). */
static int load(struct store *s, const struct user *u, const struct pkind *p, const char *id,
                void *rec, long *version)
{
	char err[256], v[32], sql[96];
	int rc = p->k == &entity_pairs ? pair_visible_load(s, u, id, rec)
	                               : entity_load(s, p->k, id, rec);
	const char *region = (const char *)rec + p->region_off;
	if (rc == STORE_ENOTFOUND || (!rc && p->k != &entity_units && p->k != &entity_pairs &&
	                              !access_in_scope(u, region)))
		return store_fail(s, STORE_ENOTFOUND, "no %s %s in your scope (%s)", _(p->word), id, u->scope);
	if (rc)
		return rc;
	if (pairing_may_add(u, region, _(p->word), err, sizeof err))
		return store_fail(s, STORE_EDENIED, "%s", err);
	snprintf(sql, sizeof sql, "SELECT version FROM %s WHERE id = ?", p->k->table);
	if ((rc = db_lookup(s, v, sizeof v, sql, id, (const char *)NULL)))
		return rc;
	*version = atol(v);
	return 0;
}

/* A coded field's value as its code: kind=省属国企 as kind=provincial_soe (the table in
 * effect); any other value as given. */
static const char *coded(struct store *s, const struct flatrec_field *f, int nf, const char *key,
                         const char *value)
{
	for (int i = 0; i < nf; i++)
		if (strcmp(f[i].key, key) == 0 && f[i].codes) {
			const struct code *c = codes_find(code_lists_table(&s->lists, f[i].codes), value);
			return c ? c->code : value;
		}
	return value;
}

/* Apply FIELD=VALUE changes (or the end date) to rec, each by the input rule. */
static int apply(struct store *s, const struct pkind *p, void *rec, const char *const *fields,
                 int n, const char *end)
{
	char err[256], key[32];
	const struct flatrec_field *f = p->k->fields;
	int nf = *p->k->nfields;
	if (end) {
		const char *date = end[0] ? end : s->today;
		if (!date_valid(date))
			return store_fail(s, STORE_EINVAL, "--end: \"%s\" is not a date (YYYY-MM-DD)", date);
		return flatrec_set(&s->lists, f, nf, rec, "end", date, err, sizeof err)
		           ? store_fail(s, STORE_EINVAL, "%s", err) : 0;
	}
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(fields[i], '=');
		if (!eq || eq == fields[i] || (size_t)(eq - fields[i]) >= sizeof key)
			return store_fail(s, STORE_EINVAL, "\"%s\": give FIELD=VALUE", fields[i]);
		snprintf(key, sizeof key, "%.*s", (int)(eq - fields[i]), fields[i]);
		if (!editable(p, key)) {
			char list[96] = "";
			for (int k = 0; p->editable[k]; k++)
				snprintf(list + strlen(list), sizeof list - strlen(list), " %s", p->editable[k]);
			return store_fail(s, STORE_EINVAL, "%s: not a field a %s's correction sets (fields:%s)",
			                  key, _(p->word), list);
		}
		if (flatrec_check_text(key, eq + 1, 256, TEXT_MAX_NAME, 0, err, sizeof err) ||
		    flatrec_set(&s->lists, f, nf, rec, key, coded(s, f, nf, key, eq + 1), err, sizeof err))
			return store_fail(s, STORE_EINVAL, "%s", err);
	}
	return 0;
}

static int check(struct store *s, const struct pkind *p, const void *rec)
{
	char err[256];
	const struct code_lists *l = store_code_lists(s);
	int bad = p->k == &entity_units ? pairing_unit_check(l, rec, err, sizeof err)
	        : p->k == &entity_teams ? pairing_team_check(rec, err, sizeof err)
	        : p->k == &entity_people ? pairing_person_check(rec, err, sizeof err)
	                                : pairing_pair_check(l, rec, err, sizeof err);
	return bad ? store_fail(s, STORE_EINVAL, "%s", err) : 0;
}

struct rewrite { struct store *s; const struct entity_kind *k; int rc; };

static int rewrite_one(void *ctx, void *rec)
{
	struct rewrite *r = ctx;
	return (r->rc = entity_write_file(r->s, r->k, rec)) != 0;
}

/* A unit's name is shown in the files of the teams, pairs and team people naming it: rewritten in the
 * same event, so the history holds what the database now renders. */
static int rewrite_users_of_unit(struct store *s, const char *unit)
{
	const char *params[1] = {unit};
	struct rewrite r = {s, &entity_teams, 0};
	int rc = entity_each(s, &entity_teams, "t.lead_unit = ?1 OR "
	                     "instr(',' || coalesce(t.member_units, '') || ',', ',' || ?1 || ',') > 0",
	                     NULL, params, 1, rewrite_one, &r);
	if (rc || r.rc)
		return rc ? rc : r.rc;
	r.k = &entity_pairs;
	rc = entity_each(s, &entity_pairs, "t.helper = ?1 OR t.unit = ?1", NULL, params, 1,
	                 rewrite_one, &r);
	if (rc || r.rc)
		return rc ? rc : r.rc;
	r.k = &entity_people;
	rc = entity_each(s, &entity_people, "t.unit = ?1", NULL, params, 1, rewrite_one, &r);
	return rc ? rc : r.rc;
}

static int correct_in(struct store *s, const struct user *u, const struct pkind *p, const char *id,
                      const char *const *fields, int n, const char *end, long expected_version,
                      const char *why, void *rec, void *before)
{
	long version = 0;
	char verb[32];
	int rc = load(s, u, p, id, rec, &version);
	if (rc)
		return rc;
	if (expected_version > 0 && expected_version != version) {
		char path[128];
		entity_path(p->k, id, path, sizeof path);
		return entity_stale(s, path, _(p->word), id, expected_version);
	}
	memcpy(before, rec, p->k->size);
	if ((rc = apply(s, p, rec, fields, n, end)) || (rc = check(s, p, rec)))
		return rc;
	if (memcmp(before, rec, p->k->size) == 0)
		return store_fail(s, STORE_EINVAL, "%s %s already reads so: nothing to change", _(p->word), id);
	snprintf(verb, sizeof verb, "%s %s", p->word, end ? "end" : "edit");
	if ((rc = write_begin(s, u, verb, id, why)))
		return rc;
	/* reloaded after the update: the shown names follow the stored ids */
	if ((rc = entity_update(s, p->k, rec, version)) || (rc = entity_load(s, p->k, id, rec)) ||
	    (rc = entity_write_file(s, p->k, rec)) ||
	    (p->k == &entity_units && (rc = rewrite_users_of_unit(s, id)))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int store_pairing_correct(struct store *s, const struct user *u, const char *kind, const char *id,
                          const char *const *fields, int n, const char *end,
                          long expected_version, const char *why)
{
	const struct pkind *p = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].word, kind) == 0)
			p = &kinds[i];
	if (!p)
		return store_fail(s, STORE_EINVAL, "no correction \"%s %s\"", kind, end ? "end" : "edit");
	void *rec = calloc(1, p->k->size), *before = calloc(1, p->k->size);
	int rc = rec && before ? write_open(s) : store_fail(s, STORE_EFAIL, "out of memory");
	if (!rc)
		rc = write_close(s, correct_in(s, u, p, id, fields, n, end, expected_version, why, rec, before));
	free(rec);
	free(before);
	return rc;
}
