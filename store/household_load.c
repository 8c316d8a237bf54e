/* household_load.c — households read from SQLite with their members, cases and
 * sub-records. A chunk of ids is read at once: the ids go in as one JSON array and each
 * table is one statement over json_each joined through its household index, its rows
 * sorted by the array index and handed to that household — four statements for a chunk
 * of 256 households instead of seven for each. One household is a chunk of one. */
#include "store/internal.h"
#include <stdio.h>
#include <string.h>

/* Read the stored fields of one level from columns starting at *i. */
static int read_fields(sqlite3_stmt *st, int *i, enum field_level level, void *entity)
{
	for (int f = 0; f < FIELD_COUNT; f++) {
		if (model_fields[f].level != level || (model_fields[f].flags & F_NOCOLUMN))
			continue;
		const char *v = db_col_text(st, (*i)++);
		int rc = level == LEVEL_HOUSEHOLD ? household_set(entity, (enum field_id)f, v)
		       : level == LEVEL_MEMBER ? member_set(entity, (enum field_id)f, v)
		                               : case_set(entity, (enum field_id)f, v);
		if (rc)
			return -1;
	}
	return 0;
}

/* The ids as a JSON array (an id is letters, digits and '-', but quoted as JSON needs). */
static void ids_json(const char (*ids)[20], int n, struct buf *out)
{
	buf_adds(out, "[");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(out, ",");
		buf_add_json_str(out, ids[i]);
	}
	buf_adds(out, "]");
}

/* The household rows: column 0 the array index, then id, version, synthetic, the town's
 * and the village's names and the stored fields. */
static int read_households(struct store *s, const char *json, int n, struct household *out)
{
	struct buf sql = {0};
	sqlite3_stmt *st;
	buf_adds(&sql, "SELECT j.key, h.id, h.version, h.synthetic, t.name, v.name");
	household_columns(LEVEL_HOUSEHOLD, 0, &sql);
	buf_adds(&sql, " FROM json_each(?1) j JOIN households h ON h.id = j.value "
	         "JOIN regions t ON t.code = h.town_code JOIN regions v ON v.code = h.village_code");
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0), i = 6;
		if (k < 0 || k >= n)
			continue;
		struct household *h = &out[k];
		snprintf(h->id, sizeof h->id, "%s", db_col_text(st, 1));
		h->version = sqlite3_column_int64(st, 2);
		h->synthetic = sqlite3_column_int(st, 3);
		if (household_set(h, HF_TOWN, db_col_text(st, 4)) ||
		    household_set(h, HF_VILLAGE, db_col_text(st, 5)) ||
		    read_fields(st, &i, LEVEL_HOUSEHOLD, h)) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "out of memory");
		}
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading households");
}

#define UNORDERED 1   /* read_children: the rows came out of order (not a store code) */

/* Member or case rows of the chunk, each household's in seq order: the array index,
 * seq, two leading columns (a member's id_original and birth, a case's id and state),
 * then the level's stored fields. Unless `sorted`, the statement has no ORDER BY: the
 * nested loop gives the rows by array index and, through the household index, by seq,
 * which saves a sort of every row; that order is checked row by row, and UNORDERED
 * returned should it ever differ (the caller then reads the chunk again, sorted). */
static int read_children(struct store *s, const char *json, int n, struct household *out,
                         enum field_level level, int sorted)
{
	int members = level == LEVEL_MEMBER;
	struct buf sql = {0};
	sqlite3_stmt *st;
	buf_adds(&sql, members ? "SELECT j.key, c.seq, c.id_original, c.birth"
	                       : "SELECT j.key, c.seq, c.id, c.state");
	household_columns(level, 0, &sql);
	buf_addf(&sql, " FROM json_each(?1) j JOIN %s c ON c.household_id = j.value%s",
	         members ? "members" : "cases", sorted ? " ORDER BY j.key, c.seq" : "");
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	int rc, last_k = -1;
	long long last_seq = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0), i = 4, bad;
		long long seq = sqlite3_column_int64(st, 1);
		if (k < 0 || k >= n)
			continue;
		if (k < last_k || (k == last_k && seq <= last_seq)) {
			db_finalize(s, st);
			return UNORDERED;
		}
		last_k = k;
		last_seq = seq;
		if (members) {
			struct member *m = household_add_member(&out[k]);
			bad = !m || model_strset(&m->id_original, db_col_text(st, 2)) ||
			      model_strset(&m->birth, db_col_text(st, 3)) || read_fields(st, &i, level, m);
		} else {
			struct hcase *c = household_add_case(&out[k]);
			bad = !c || model_strset(&c->state, db_col_text(st, 3)) || read_fields(st, &i, level, c);
			if (c)
				snprintf(c->id, sizeof c->id, "%s", db_col_text(st, 2));
		}
		if (bad) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "out of memory");
		}
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, members ? "reading members" : "reading cases");
}

/* One kind of sub-record rows of the chunk, each household's in id order. */
static int read_subrecs(struct store *s, const char *json, int n, struct household *out,
                        enum subrec_kind kind)
{
	const struct subrec_kind_info *info = subrec_info(kind);
	struct buf sql = {0};
	sqlite3_stmt *st;
	buf_adds(&sql, "SELECT j.key");
	for (int c = 0; c < info->ncols; c++)
		buf_addf(&sql, ", c.%s", info->cols[c]);
	buf_addf(&sql, " FROM json_each(?1) j JOIN %s c ON c.household_id = j.value "
	         "ORDER BY j.key, c.id", info->table);
	int rc = db_cached_buf(s, &sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0);
		if (k < 0 || k >= n)
			continue;
		struct subrec *r = household_add_subrec(&out[k], kind);
		for (int c = 0; r && c < info->ncols; c++)
			if (model_strset(&r->v[c], db_col_text(st, c + 1)))
				r = NULL;
		if (!r) {
			db_finalize(s, st);
			return store_fail(s, STORE_EFAIL, "out of memory");
		}
	}
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "reading a household's records");
}

/* The chunk's tables into out (zeroed first); on failure out holds what was read. */
static int load_tables(struct store *s, const char (*ids)[20], const char *json, int n,
                       unsigned subs, int sorted, struct household *out)
{
	memset(out, 0, (size_t)n * sizeof *out);
	int rc = read_households(s, json, n, out);
	for (int i = 0; !rc && i < n; i++)
		if (!out[i].id[0])
			rc = store_fail(s, STORE_ENOTFOUND, "no household %s", ids[i]);
	if (!rc)
		rc = read_children(s, json, n, out, LEVEL_MEMBER, sorted);
	if (!rc)
		rc = read_children(s, json, n, out, LEVEL_CASE, sorted);
	for (int k = 0; !rc && k < SUB_COUNT; k++)
		if (subs & STORE_SUB(k))
			rc = read_subrecs(s, json, n, out, (enum subrec_kind)k);
	return rc;
}

int household_load_many(struct store *s, const char (*ids)[20], int n, unsigned subs,
                        struct household *out)
{
	struct buf json = {0};
	ids_json(ids, n, &json);
	if (!buf_str(&json))
		return store_fail(s, STORE_EFAIL, "out of memory");
	int rc = load_tables(s, ids, json.s, n, subs, 0, out);
	if (rc == UNORDERED) {   /* never seen: read it again with ORDER BY */
		for (int i = 0; i < n; i++)
			household_free(&out[i]);
		rc = load_tables(s, ids, json.s, n, subs, 1, out);
	}
	buf_free(&json);
	if (rc)
		for (int i = 0; i < n; i++)
			household_free(&out[i]);
	return rc;
}

int household_load_chunk(struct store *s, const char (*ids)[20], int n, unsigned subs,
                         struct household *out)
{
	int rc = db_run(s, "SAVEPOINT household_chunk");
	if (rc)
		return rc;
	rc = household_load_many(s, ids, n, subs, out);
	int end = db_run(s, "RELEASE household_chunk");
	if (end && !rc)
		for (int i = 0; i < n; i++)
			household_free(&out[i]);
	return rc ? rc : end;
}

int household_load(struct store *s, const char *id, struct household *h)
{
	return household_load_part(s, id, 1, h);
}

int household_load_part(struct store *s, const char *id, int subrecs, struct household *h)
{
	char one[1][20];
	if (strlen(id) >= sizeof one[0]) {
		memset(h, 0, sizeof *h);
		return store_fail(s, STORE_ENOTFOUND, "no household %s", id);
	}
	snprintf(one[0], sizeof one[0], "%s", id);
	return household_load_many(s, (const char (*)[20])one, 1, subrecs ? STORE_SUBS_ALL : 0, h);
}
