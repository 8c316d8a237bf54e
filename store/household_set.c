/* household_set.c — `bangfu set`: change one field of a household or of one member,
 * through the same checks an import applies, as one version-checked audit event. */
#include "store/internal.h"
#include "core/idcard.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void collect_problem(void *ctx, int member, const char *msg)
{
	struct buf *b = ctx;
	(void)member;
	buf_addf(b, "%s%s", b->len ? "; " : "", msg);
}

/* Why a read-only field cannot be set directly. */
static const char *readonly_reason(enum field_id f)
{
	switch (f) {
	case MF_SEX: return _("it follows from the ID number (set id_number instead)");
	case HF_COUNTY: case HF_TOWN: case HF_TOWNCODE: case HF_VILLAGE: case HF_VILLCODE:
		return _("moving a household to another place is not supported by `set`");
	default: return _("it is derived");
	}
}

/* Check field/member/value and apply the change to h in memory (internal.h). */
int household_apply_field(struct store *s, struct household *h, int member, const char *field,
                        const char *value)
{
	int f = model_field_find(field);
	if (f < 0)
		return store_fail(s, STORE_EINVAL, "unknown field \"%s\": give a register column name "
		                  "(Chinese or English), e.g. 联系电话 or phone", field);
	const struct field *fd = &model_fields[f];
	enum field_edit why = model_field_editable((enum field_id)f, member);
	if (why == FIELD_EDIT_CASE)
		return store_fail(s, STORE_EINVAL, "%s (%s) belongs to a monitoring case: it changes "
		                  "through the case procedure, not `set`", fd->zh, fd->key);
	if (why == FIELD_EDIT_ON_MEMBER)
		return store_fail(s, STORE_EINVAL, "%s (%s) is a member's field: give --member N "
		                  "(1..%d)", fd->zh, fd->key, h->nmembers);
	if (why == FIELD_EDIT_ON_HOUSEHOLD)
		return store_fail(s, STORE_EINVAL, "%s (%s) is a household field: leave out --member",
		                  fd->zh, fd->key);
	if (member > h->nmembers)
		return store_fail(s, STORE_EINVAL, "--member %d: household %s has %d members", member,
		                  h->id, h->nmembers);
	if (why == FIELD_EDIT_READONLY)
		return store_fail(s, STORE_EINVAL, "%s (%s) cannot be set: %s", fd->zh, fd->key,
		                  readonly_reason((enum field_id)f));
	/* Longer than any field may be: checked whole, so refused as too long, never cut. */
	char raw[2048], norm[2048], err[400];
	snprintf(raw, sizeof raw, "%s", value);
	text_trim(raw);
	if (model_value_normalise(store_code_lists(s), (enum field_id)f,
	                          strlen(value) < sizeof raw ? raw : value, s->today, norm,
	                          sizeof norm, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s (%s): %s", fd->zh, fd->key, err);
	struct member *m = member > 0 ? &h->members[member - 1] : NULL;
	const char *old = m ? member_get(m, (enum field_id)f) : household_get(h, (enum field_id)f);
	if (strcmp(old, norm) == 0)
		return store_fail(s, STORE_EINVAL, "%s (%s) is already \"%s\": nothing to change",
		                  fd->zh, fd->key, norm);
	int rc = m ? member_set(m, (enum field_id)f, norm) : household_set(h, (enum field_id)f, norm);
	if (!rc && f == MF_ID) {
		struct idcard id;
		char sex[2];
		idcard_parse(raw, s->today, &id, err, sizeof err);
		sex[0] = id.sex;
		sex[1] = '\0';
		rc = member_set(m, MF_SEX, sex) || model_strset(&m->birth, id.birth) ||
		     model_strset(&m->id_original, id.original[0] ? id.original : NULL);
	}
	if (rc)
		return store_fail(s, STORE_EFAIL, "out of memory");
	struct buf problems = {0};
	int n = household_check(h, collect_problem, &problems);
	if (n) {
		rc = store_fail(s, STORE_EINVAL, "%s", buf_str(&problems) ? problems.s : _("invalid household"));
		buf_free(&problems);
		return rc;
	}
	return 0;
}

/* Run sql (built in a buf, freed) with the field's value as ?1, the household's id as ?2
 * and n as ?3; the member's derived columns as ?4..?6 when m is given. Not kept in the
 * statement cache: one statement a field would crowd a long UI session's out of it. */
static int update_step(struct store *s, struct buf *sql, const char *value, const char *id,
                       long n, const struct member *m, int *step)
{
	sqlite3_stmt *st;
	int rc = buf_str(sql) ? db_prepare(s, sql->s, &st) : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(sql);
	if (rc)
		return STORE_EFAIL;
	db_bind_text(st, 1, value);
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, n);
	if (m) {
		db_bind_text(st, 4, member_get(m, MF_SEX));
		db_bind_text(st, 5, m->birth);
		db_bind_text(st, 6, m->id_original);
	}
	*step = sqlite3_step(st);
	db_finalize(s, st);
	return 0;
}

/* The save of a `set` (household_save writes every row of the household again): field f
 * of the household or of member `member`, the row's version, and only the derived rows
 * that read f (the counters, the search row, today's rows), each left as household_save
 * leaves it. An ID number also sets the sex, birth and original number it gives. The
 * members, cases and records are as they were loaded: `set` changes nothing else. */
static int save_field(struct store *s, struct household *h, int member, enum field_id f,
                      long expected_version)
{
	const struct field *fd = &model_fields[f];
	struct member *m = member > 0 ? &h->members[member - 1] : NULL;
	struct buf sql = {0};
	int rc, step, counted = counts_reads(f);
#ifdef BANGFU_TEST_HOOKS
	const char *full = getenv("BANGFU_TEST_FULL_SAVE");   /* the save it stands for, to compare */
	if (full && *full)
		return household_save(s, h, expected_version);
#endif
	if (fd->flags & F_NOCOLUMN || fd->level != (m ? LEVEL_MEMBER : LEVEL_HOUSEHOLD))
		return household_save(s, h, expected_version);
	if (counted && (rc = counts_apply(s, h->id, -1)))
		return rc;
	buf_addf(&sql, "UPDATE households SET %s%sversion = version + 1 WHERE id = ?2 AND "
	         "version = ?3", m ? "" : fd->key, m ? "" : " = ?1, ");
	if ((rc = update_step(s, &sql, m ? NULL : household_get(h, f), h->id, expected_version,
	                      NULL, &step)) ||
	    (rc = household_row_saved(s, h, step, expected_version)))
		return rc;
	if (m) {
		buf_addf(&sql, "UPDATE members SET %s = ?1%s WHERE household_id = ?2 AND seq = ?3",
		         fd->key, f == MF_ID ? ", sex = ?4, birth = ?5, id_original = ?6" : "");
		if ((rc = update_step(s, &sql, member_get(m, f), h->id, member,
		                      f == MF_ID ? m : NULL, &step)) ||
		    (rc = member_row_saved(s, m, step)))
			return rc;
		if (sqlite3_changes(s->db) != 1)
			return store_fail(s, STORE_EFAIL, "member %d of household %s is not stored",
			                  member, h->id);
	}
	if ((f == HF_NO && (rc = household_key_place(s, h->id, 0))) ||
	    (search_reads(f) && (rc = search_row_write(s, h->id, 0))) ||
	    (counted && (rc = counts_apply(s, h->id, 1))))
		return rc;
	return today_keep_reads(f) ? today_keep_household(s, h->id, 0, h->ncases) : 0;
}

/* The change, inside the write transaction: the household is read as it is now, so
 * without an expected version the field changes on top of whatever others saved. */
static int set_in(struct store *s, const struct user *u, const char *key, int member,
                  const char *field, const char *value, long expected_version, const char *why)
{
	struct household h;
	int rc;
	if (!access_may_write(u))
		return store_fail(s, STORE_EDENIED, "an %s may read but not change the register",
		                  access_role_code(u->role));
	if ((rc = household_find(s, u, key, &h)))
		return rc;
	if (expected_version <= 0)
		expected_version = h.version;
	/* the commit reads "set 家庭住址 H4401050000001: why" (store/audit_message.c) */
	char subject[256];
	int f = model_field_find(field);
	const char *label = f >= 0 ? model_fields[f].zh : field;
	if (member > 0)
		snprintf(subject, sizeof subject, "成员%d %s %s", member, label, h.id);
	else
		snprintf(subject, sizeof subject, "%s %s", label, h.id);
	if (!(rc = household_apply_field(s, &h, member, field, value)) &&
	    !(rc = write_begin(s, u, "set", subject, why))) {
		if ((rc = save_field(s, &h, member, (enum field_id)f, expected_version)) ||
		    (rc = household_text_file(s, &h)))
			write_rollback(s);
		else
			rc = write_commit(s);
	}
	household_free(&h);
	return rc;
}

int store_household_set(struct store *s, const struct user *u, const char *key, int member,
                        const char *field, const char *value, long expected_version,
                        const char *why)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, set_in(s, u, key, member, field, value, expected_version, why));
}
