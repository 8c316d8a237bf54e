/* corrections_members.c — the household changes the national system tracks (户 changes):
 * a member added (birth, marriage, moving in), removed (death, marriage, moving out) or
 * moved to another household, each one audit event with its kind and reason. A move
 * touches both households' files in the one event. The household rules (one 户主, at most
 * one 配偶, no ID number twice, in the register or in one household) apply as in `set`. */
#include "store/corrections.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *code, *label; int add, remove; } kinds[] = {
	{"birth", "出生", 1, 0},     {"death", "死亡", 0, 1},   {"marriage", "婚嫁", 1, 1},
	{"moved_in", "迁入", 1, 0},  {"moved_out", "迁出", 0, 1}, {"correction", "更正", 1, 1},
};

/* The reason as recorded: "<kind label> <kind>: why", after checking the kind fits. */
static int kind_reason(struct store *s, const char *kind, int adding, int removing,
                       const char *why, char *out, size_t n)
{
	for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i].code) == 0 || strcmp(kind, kinds[i].label) == 0) {
			if ((adding && !kinds[i].add) || (removing && !kinds[i].remove))
				return store_fail(s, STORE_EINVAL, adding ? N_("--kind %s does not add a member")
				                  : N_("--kind %s does not remove a member"), kinds[i].code);
			if (!why || !why[0])
				return store_fail(s, STORE_EINVAL, "a reason is required (--why TEXT)");
			snprintf(out, n, "%s %s: %s", kinds[i].label, kinds[i].code, why);
			return 0;
		}
	return store_fail(s, STORE_EINVAL, "--kind must be one of birth (出生), death (死亡), "
	                  "marriage (婚嫁), moved_in (迁入), moved_out (迁出), correction (更正)");
}

struct member_add { const char *const *fields; int n; };

static int apply_add(struct store *s, struct household *h, void *ctx)
{
	const struct member_add *a = ctx;
	if (!household_add_member(h))
		return store_fail(s, STORE_EFAIL, "out of memory");
	for (int i = 0; i < a->n; i++) {
		char key[64];
		const char *eq = strchr(a->fields[i], '=');
		if (!eq || eq == a->fields[i] || (size_t)(eq - a->fields[i]) >= sizeof key)
			return store_fail(s, STORE_EINVAL, "\"%s\": give FIELD=VALUE (e.g. 姓名=张三)",
			                  a->fields[i]);
		snprintf(key, sizeof key, "%.*s", (int)(eq - a->fields[i]), a->fields[i]);
		int rc = household_apply_field(s, h, h->nmembers, key, eq + 1);
		if (rc)
			return rc;
	}
	const struct member *m = &h->members[h->nmembers - 1];
	static const enum field_id required[] = {MF_NAME, MF_ID, MF_RELATION};
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!member_get(m, required[i])[0])
			return store_fail(s, STORE_EINVAL, "a new member needs %s (%s)",
			                  model_fields[required[i]].zh, model_fields[required[i]].key);
	return 0;
}

int store_member_add(struct store *s, const struct user *u, const char *household,
                     const char *const *fields, int n, const char *kind, long expected_version,
                     const char *why)
{
	char reason[1200];
	struct member_add a = {fields, n};
	int rc = kind_reason(s, kind, 1, 0, why, reason, sizeof reason);
	return rc ? rc : corrections_change(s, u, household, expected_version, "member add", NULL,
	                                    reason, apply_add, &a);
}

/* Take member `member` (1-based) out of h into *out (its values now owned by out). */
static int take_member(struct store *s, struct household *h, int member, struct member *out)
{
	if (member < 1 || member > h->nmembers)
		return store_fail(s, STORE_EINVAL, "member %d: household %s has %d members", member,
		                  h->id, h->nmembers);
	if (h->nmembers == 1)
		return store_fail(s, STORE_EINVAL, "member %d is the only member of %s: a household "
		                  "keeps at least one", member, h->id);
	*out = h->members[member - 1];
	memmove(&h->members[member - 1], &h->members[member],
	        (size_t)(h->nmembers - member) * sizeof *h->members);
	h->nmembers--;
	return 0;
}

static void member_release(struct member *m)
{
	for (int i = 0; i < MF_COUNT; i++)
		free(m->v[i]);
	free(m->id_original);
	free(m->birth);
}

static int apply_remove(struct store *s, struct household *h, void *ctx)
{
	struct member gone;
	int rc = take_member(s, h, *(const int *)ctx, &gone);
	if (!rc)
		member_release(&gone);
	return rc;
}

int store_member_remove(struct store *s, const struct user *u, const char *household, int member,
                        const char *kind, long expected_version, const char *why)
{
	char reason[1200];
	int rc = kind_reason(s, kind, 0, 1, why, reason, sizeof reason);
	return rc ? rc : corrections_change(s, u, household, expected_version, "member remove", NULL,
	                                    reason, apply_remove, &member);
}

/* The move, inside the write transaction: both households read as they are now. */
static int move_in(struct store *s, const struct user *u, struct household *from,
                   struct household *to, int member, const char *relation,
                   long expected_version, const char *reason)
{
	struct member m;
	int rc;
	if (strcmp(from->id, to->id) == 0)
		return store_fail(s, STORE_EINVAL, "the member is already in %s", to->id);
	if ((rc = take_member(s, from, member, &m)))
		return rc;
	struct member *slot = household_add_member(to);
	if (!slot) {
		member_release(&m);
		return store_fail(s, STORE_EFAIL, "out of memory");
	}
	*slot = m;
	/* her relation is to the new head: set afresh (it may be the same word) */
	if (member_set(slot, MF_RELATION, ""))
		return store_fail(s, STORE_EFAIL, "out of memory");
	if ((rc = household_apply_field(s, to, to->nmembers, "relation", relation)) || (rc = corrections_check(s, from)) || (rc = corrections_check(s, to)))
		return rc;
	char subject[64];
	snprintf(subject, sizeof subject, "%s -> %s", from->id, to->id);
	if ((rc = write_begin(s, u, "member move", subject, reason)))
		return rc;
	/* the member leaves first: her ID number is unique in the register */
	if ((rc = household_save(s, from, expected_version > 0 ? expected_version : from->version)) ||
	    (rc = household_save(s, to, to->version)) || (rc = household_text_file(s, from)) ||
	    (rc = household_text_file(s, to))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int store_member_move(struct store *s, const struct user *u, const char *household, int member,
                      const char *to_household, const char *relation, const char *kind,
                      long expected_version, const char *why)
{
	char reason[1200];
	struct household from, to;
	int rc = kind_reason(s, kind, 0, 1, why, reason, sizeof reason);
	if (rc)
		return rc;
	if (!relation || !relation[0])
		return store_fail(s, STORE_EINVAL, "--relation: the member's relation to the head of %s "
		                  "(与户主关系) is required", to_household);
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an %s may read but not change the register",
		                  access_role_code(u->role));
	if ((rc = write_open(s)))
		return rc;
	if ((rc = household_find(s, u, household, &from)))
		return write_close(s, rc);
	if (!(rc = household_find(s, u, to_household, &to))) {
		rc = move_in(s, u, &from, &to, member, relation, expected_version, reason);
		household_free(&to);
	}
	household_free(&from);
	return write_close(s, rc);
}

/* --- a household added outside a CSV ---------------------------------------------------- */

/* Place h in village `key`: its 12-digit code, or its name within the county of u's
 * scope (regions_place_resolve: refused when ambiguous); it must lie in u's scope. The
 * town and the names come from the region table (regions_resolve). */
static int place_in_village(struct store *s, const struct user *u, const char *key,
                            struct household *h)
{
	char code[16], name[256], county[8], town[16], why[512] = "";
	int rc = regions_place_resolve(s, u->scope, REGION_VILLAGE, key, code, name, sizeof name);
	if (rc && strspn(key, "0123456789") != strlen(key))   /* a name: which ones, if several */
		snprintf(why, sizeof why, " (%s)", store_error(s));
	if (rc || !access_in_scope(u, code))
		return store_fail(s, STORE_ENOTFOUND, "no village %s in your scope %s: give its "
		                  "12-digit code or its name%s", key, u->scope, why);
	snprintf(county, sizeof county, "%.6s", code);
	snprintf(town, sizeof town, "%.9s", code);
	if (household_set(h, HF_COUNTY, county) || household_set(h, HF_TOWNCODE, town) ||
	    household_set(h, HF_VILLCODE, code) || household_set(h, HF_VILLAGE, name))
		return store_fail(s, STORE_EFAIL, "out of memory");
	return regions_resolve(s, h, 0);
}

/* FIELD=VALUE pairs: household fields to h, member fields to its head (member 1). */
static int household_fields(struct store *s, struct household *h, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		char key[64];
		const char *eq = strchr(fields[i], '=');
		if (!eq || eq == fields[i] || (size_t)(eq - fields[i]) >= sizeof key)
			return store_fail(s, STORE_EINVAL, "\"%s\": give FIELD=VALUE (e.g. 户编号=...)",
			                  fields[i]);
		snprintf(key, sizeof key, "%.*s", (int)(eq - fields[i]), fields[i]);
		int f = model_field_find(key);
		int member = f >= 0 && model_fields[f].level == LEVEL_MEMBER ? 1 : 0;
		int rc = household_apply_field(s, h, member, key, eq + 1);
		if (rc)
			return rc;
	}
	return 0;
}

static int household_add_in(struct store *s, const struct user *u, const char *village,
                            const char *const *fields, int n, const char *why, char *id, size_t idn)
{
	struct household h;
	int rc;
	memset(&h, 0, sizeof h);
	if (!household_add_member(&h) || member_set(&h.members[0], MF_RELATION, "head")) {
		household_free(&h);
		return store_fail(s, STORE_EFAIL, "out of memory");
	}
	if (!(rc = place_in_village(s, u, village, &h)) && !(rc = household_fields(s, &h, fields, n))) {
		static const enum field_id required[] = {HF_NO, MF_NAME, MF_ID};
		for (size_t i = 0; !rc && i < sizeof required / sizeof required[0]; i++) {
			enum field_id f = required[i];
			const char *v = f == HF_NO ? household_get(&h, f) : member_get(&h.members[0], f);
			if (!v[0])
				rc = store_fail(s, STORE_EINVAL, f == HF_NO ? N_("a new household needs %s (%s)")
				                : N_("a new household needs %s (%s) of its head (户主)"),
				                model_fields[f].zh, model_fields[f].key);
		}
	}
	if (!rc && !(rc = corrections_check(s, &h)) &&
	    !(rc = write_begin(s, u, "household add", household_get(&h, HF_NO), why))) {
		if ((rc = household_save(s, &h, 0)) || (rc = write_subject(s, h.id)) ||
		    (rc = household_text_file(s, &h)))
			write_rollback(s);
		else if (!(rc = write_commit(s)))
			snprintf(id, idn, "%s", h.id);
	}
	household_free(&h);
	return rc;
}

int store_household_add(struct store *s, const struct user *u, const char *village,
                        const char *const *fields, int n, const char *why, char *id, size_t idn)
{
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an %s may read but not change the register",
		                  access_role_code(u->role));
	int rc = write_open(s);
	return rc ? rc : write_close(s, household_add_in(s, u, village, fields, n, why, id, idn));
}
