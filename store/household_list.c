/* household_list.c — households matching a query in the caller's scope, in register
 * order (county, town, village, 户编号), streamed a chunk at a time by keyset. A name or
 * ID-digits term goes through the search index (store/search.c); the statement takes one
 * of two shapes by how many rows the term matches (search_dense): few — fetch them by
 * rowid and sort; many — walk the register order and stop at the page's end. A query of
 * one name (CJK) takes neither: its chunks are read from the keys (household_keyed.c). */
#include "store/internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATCH "rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH " \
	"bangfu_match($v))"
/* the same for the dense walk, asked of each household it passes (store/search_match.c):
 * from the matches gathered, or (MATCHES_ROWS, search_dense's 2) reading the households'
 * search rows while that pays ($n: how many rows the statement wants) */
#define MATCHES "bangfu_matches(h.rowid, $v)"
#define MATCHES_ROWS "bangfu_matches(h.rowid, $v, $n)"
#define VILLAGE "village_code IN (" SEARCH_VILLAGES_SCAN("$v") ")"
#define VILLAGE_IX "village_code IN (" SEARCH_VILLAGES_INDEXED("$v") ")"

/* A household's per-capita income as the rules read it: the latest assessment's, else
 * the register's single figure. */
#define LATEST_INCOME "coalesce((SELECT per_capita FROM incomes WHERE household_id = h.id " \
	"ORDER BY year DESC, assessed DESC, id DESC LIMIT 1), h.income_per_capita)"

/* The SQL condition of one query term; "$v" stands for its bound value. Values given as
 * digits are codes (prefix match) or ID digits; otherwise names. A dense name or digits
 * term (see search_dense) is written with unary + so no index drives it: the register
 * order index does, and the page ends after its first rows (dense 2: a very dense name,
 * its search rows read as the walk passes). */
static const char *term_template(const struct qterm *t, int dense)
{
	int digits = t->value[0] && strspn(t->value, "0123456789Xx") == strlen(t->value);
	switch (t->kind) {
	case Q_TEXT:
		/* 户编号 by prefix (a range: '~' sorts after every digit and letter), names
		 * and ID digits (by suffix) through the search index, villages by name in the
		 * small regions table; every column the dense shape reads is in the order
		 * index (the id through its rowid), so the walk reads no table rows */
		if (digits)
			return dense ? "(+h.household_no >= $v AND +h.household_no < $v || '~' OR " MATCHES ")"
			             : "(h.household_no >= $v AND h.household_no < $v || '~' OR h." MATCH ")";
		if (search_cjk_only(t->value))   /* village names through their index too */
			return dense == 2 ? "(+h.rowid = (SELECT rowid FROM households WHERE id = $v) OR +h."
			                    VILLAGE_IX " OR " MATCHES_ROWS ")"
			     : dense ? "(+h.rowid = (SELECT rowid FROM households WHERE id = $v) OR +h."
			               VILLAGE_IX " OR " MATCHES ")"
			             : "(h.id = $v OR h." VILLAGE_IX " OR h." MATCH ")";
		return dense ? "(+h.rowid = (SELECT rowid FROM households WHERE id = $v) OR +h." VILLAGE
		               " OR " MATCHES ")"
		             : "(h.id = $v OR h." VILLAGE " OR h." MATCH ")";
	case Q_COUNTY:
		return digits ? "h.county_code LIKE $v || '%'"
		              : "h.county_code IN (SELECT code FROM regions WHERE name = $v)";
	case Q_TOWN:
		return digits ? "h.town_code LIKE $v || '%'"
		              : "h.town_code IN (SELECT code FROM regions WHERE level = 3 AND instr(name, $v))";
	case Q_VILLAGE:
		return digits ? "h.village_code LIKE $v || '%'"
		              : search_cjk_only(t->value) ? "h." VILLAGE_IX : "h." VILLAGE;
	case Q_TYPE:
		return "h.household_type = $v";
	case Q_CATEGORY:
		return "(SELECT category FROM cases WHERE household_id = h.id ORDER BY seq DESC LIMIT 1) = $v";
	case Q_STATE:
		return "(SELECT state FROM cases WHERE household_id = h.id ORDER BY seq DESC LIMIT 1) = $v";
	case Q_RISK:
		return "instr(',' || (SELECT risks FROM cases WHERE household_id = h.id ORDER BY seq "
		       "DESC LIMIT 1) || ',', ',' || $v || ',')";
	case Q_INCOME_BELOW:
		return "CAST(" LATEST_INCOME " AS REAL) < CAST($v AS REAL)";
	case Q_INCOME_ABOVE:
		return "CAST(" LATEST_INCOME " AS REAL) > CAST($v AS REAL)";
	case Q_RELOCATED:
		return "h.relocated = $v";
	case Q_DIBAO:
		return "h.id IN (SELECT household_id FROM members WHERE dibao = $v)";
	case Q_TEKUN:
		return "h.id IN (SELECT household_id FROM members WHERE tekun = $v)";
	case Q_DISABILITY:
		return "h.id IN (SELECT household_id FROM members WHERE disability_class = $v)";
	case Q_CADRE:
		return "($v = 'none' AND coalesce(h.cadre, '') = '' OR $v <> 'none' AND instr(h.cadre, $v))";
	case Q_TRACK:     /* settings track.CCCCCC (store/places.c) */
		return "coalesce((SELECT value FROM settings WHERE key = 'track.' || h.county_code), "
		       "'none') = $v";
	case Q_TOWN_CLASS:  /* settings town_class.TTTTTTTTT: labels joined by 、 */
		return "instr('、' || (SELECT value FROM settings WHERE key = 'town_class.' || "
		       "h.town_code) || '、', '、' || $v || '、') > 0";
	}
	return "0";
}

/* Append " AND <condition>" for term t, its value bound as parameter number `param`, the
 * statement's LIMIT as number `limit`. */
static void term_sql(const struct qterm *t, int param, int limit, int dense, struct buf *sql)
{
	const char *p = term_template(t, dense), *hole;
	buf_adds(sql, " AND ");
	while ((hole = strchr(p, '$')) != NULL) {
		buf_add(sql, p, (size_t)(hole - p));
		buf_addf(sql, "?%d", hole[1] == 'n' ? limit : param);
		p = hole + 2;
	}
	buf_adds(sql, p);
}

int store_household_list(struct store *s, const struct user *u, const struct query *q,
                         const char *after, long limit,
                         int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	return household_list(s, u, q, after, limit, 0, STORE_SUBS_ALL, 1, fn, ctx);
}

int store_household_list_dir(struct store *s, const struct user *u, const struct query *q,
                             const char *from, long limit, int descending,
                             int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	return household_list(s, u, q, from, limit, descending, STORE_SUBS_ALL, 1, fn, ctx);
}

int store_household_rows(struct store *s, const struct user *u, const struct query *q,
                         const char *from, long limit, int descending,
                         int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	return household_list(s, u, q, from, limit, descending, 0, 1, fn, ctx);
}

int store_household_list_parts(struct store *s, const struct user *u, const struct query *q,
                               unsigned subs, int (*fn)(void *ctx, const struct household *h),
                               void *ctx)
{
	return household_list(s, u, q, NULL, 0, 0, subs & STORE_SUBS_ALL, 1, fn, ctx);
}

/* The keyset of a list statement: the households after (before, descending) household
 * ?N in register order. */
static void keyset_sql(struct buf *sql, const char *op, int param)
{
	buf_addf(sql, " AND (h.county_code, h.town_code, h.village_code, h.household_no) %s "
	         "(SELECT county_code, town_code, village_code, household_no FROM households "
	         "WHERE id = ?%d)", op, param);
}

/* Append "FROM households h WHERE <scope and q's terms>" to sql: ?1 the scope (into
 * scope), ?2.. the terms' values; after the scope the keyset when op is not NULL (op and
 * the id as ?N after the terms' values); limit: the rows the statement will want (the
 * shape of a search term depends on it, see search_dense), 0 or less for all. The keyset
 * goes before the terms: SQLite tests them in the order written, and its range on the
 * order index starts at the county only, so a dense term's bangfu_matches was asked of
 * every household of the county before the one `n` in the UI starts from (with a walk:
 * that walk spent, then a gather). */
static int list_where(struct store *s, const struct user *u, const struct query *q,
                      const char *op, long limit, struct buf *sql, char *scope, size_t n)
{
	const char *cond = scope_sql(u, scope, n);
	int nv = 0, dense, rc, nterms = q ? q->n : 0;
	long size = 0;
	buf_addf(sql, " FROM households h WHERE (%s)", cond);
	if (op)
		keyset_sql(sql, op, nterms + 2);
	for (int i = 0; i < nterms; i++) {
		dense = 0;
		if (q->terms[i].kind == Q_TEXT &&
		    (rc = search_dense(s, q->terms[i].value, limit, &size, &dense))) {
			buf_free(sql);
			return rc;
		}
		/* ?1 is the scope, the LIMIT after the terms and the keyset */
		term_sql(&q->terms[i], ++nv + 1, nterms + 3, dense, sql);
	}
	return 0;
}

static void bind_where(sqlite3_stmt *st, const struct query *q, const char *scope)
{
	sqlite3_bind_text(st, 1, scope, -1, SQLITE_TRANSIENT);
	for (int i = 0; q && i < q->n; i++)
		sqlite3_bind_text(st, i + 2, q->terms[i].value, -1, SQLITE_STATIC);
}

static int list_statement(struct store *s, const struct user *u, const struct query *q,
                          int after, int descending, long limit, sqlite3_stmt **st)
{
	struct buf sql = {0};
	char scope[32];
	int nv = q ? q->n : 0, rc;
	buf_adds(&sql, "SELECT h.id, h.county_code || char(1) || h.town_code || char(1) || "
	         "h.village_code || char(1) || h.household_no");
	if ((rc = list_where(s, u, q, after ? descending ? "<" : ">" : NULL, limit, &sql, scope,
	                     sizeof scope)))
		return rc;
	buf_adds(&sql, descending ? " ORDER BY h.county_code DESC, h.town_code DESC, h.village_code DESC,"
	                            " h.household_no DESC"
	                          : " ORDER BY h.county_code, h.town_code, h.village_code, h.household_no");
	buf_addf(&sql, " LIMIT ?%d", nv + 3);
	if (db_cached_buf(s, &sql, st))
		return STORE_EFAIL;
	bind_where(*st, q, scope);
	return 0;
}

int store_household_count(struct store *s, const struct user *u, const struct query *q,
                          const char *before, long max, long *n)
{
	struct buf sql = {0};
	char scope[32];
	sqlite3_stmt *st;
	int nv = q ? q->n : 0, rc;
	*n = 0;
	buf_adds(&sql, "SELECT count(*) FROM (SELECT 1");
	if ((rc = list_where(s, u, q, before ? "<" : NULL, -1, &sql, scope, sizeof scope)))
		return rc;
	buf_addf(&sql, " LIMIT ?%d)", nv + 3);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	bind_where(st, q, scope);
	if (before)
		sqlite3_bind_text(st, nv + 2, before, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, nv + 3, max > 0 ? max : -1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	return rc == SQLITE_ROW ? 0 : store_sqlfail(s, "counting households");
}

/* One chunk of ids (at most n, after `after`) into ids; *got how many. */
static int list_chunk(struct store *s, const struct user *u, const struct query *q,
                      const char *after, int descending, long n, char (*ids)[20], long *got)
{
	sqlite3_stmt *st;
	int nv = q ? q->n : 0, rc, keyed;
	/* one name: straight from the keys in register order (household_keyed.c) */
	if ((rc = household_keyed_chunk(s, u, q, after, descending, n, ids, got, &keyed)) || keyed)
		return rc;
	if (list_statement(s, u, q, after != NULL, descending, n, &st))
		return STORE_EFAIL;
	if (after)
		sqlite3_bind_text(st, nv + 2, after, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, nv + 3, n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *got < n)
		snprintf(ids[(*got)++], sizeof ids[0], "%s", db_col_text(st, 0));
	db_finalize(s, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sqlfail(s, "listing households");
}

/* The ids of one chunk and their households (household_load.c), read in one
 * transaction so that they agree, which ends before any is handed out: a long-lived
 * read would hold the WAL back while a slow reader (`list | less`) waits. */
static int read_chunk(struct store *s, const struct user *u, const struct query *q,
                      const char *after, int descending, long n, unsigned subs,
                      char (*ids)[20], struct household *hs, long *got)
{
	int rc = db_run(s, "SAVEPOINT household_list");
	if (rc)
		return rc;
	if (!(rc = list_chunk(s, u, q, after, descending, n, ids, got)) && *got)
		rc = household_load_chunk(s, (const char (*)[20])ids, (int)*got, subs, hs);
	int end = db_run(s, "RELEASE household_list");
	if (end && !rc)
		for (long i = 0; i < *got; i++)
			household_free(&hs[i]);
	return rc ? rc : end;
}

/* The first chunk is small, so that the first rows come out at once (`list | head`);
 * a limit that fits one chunk is read as one (`list 陈 --limit 40`, a screen of rows):
 * each chunk runs the list statement again, and a dense search term's statement
 * gathers its matches every time. */
#define FIRST_CHUNK 32

/* Streams: reads a chunk at a time (keyset from the last one), so memory stays flat and
 * a reader that stops (`list | head`) stops the work. A household moved to another
 * village while a long list runs may be seen twice or not at all, as with any paged
 * read. */
int household_list(struct store *s, const struct user *u, const struct query *q,
                   const char *from, long limit, int descending, unsigned subs, int masked,
                   int (*fn)(void *ctx, const struct household *h), void *ctx)
{
	char (*ids)[20] = malloc(HOUSEHOLD_CHUNK * sizeof *ids), last[20];
	struct household *hs = malloc(HOUSEHOLD_CHUNK * sizeof *hs);
	long done = 0, got, chunk = limit > 0 && limit <= HOUSEHOLD_CHUNK ? limit : FIRST_CHUNK;
	int rc = ids && hs ? 0 : store_fail(s, STORE_EFAIL, "out of memory"), stop = 0;
	if (from)
		snprintf(last, sizeof last, "%s", from);
	while (!rc && !stop && (limit <= 0 || done < limit)) {
		long want = limit > 0 && limit - done < chunk ? limit - done : chunk;
		if ((rc = read_chunk(s, u, q, from || done ? last : NULL, descending, want, subs, ids,
		                     hs, &got)))
			break;
		long i = 0;
		for (; i < got && !rc && !stop; i++) {
			if (masked && (rc = household_hand_out(s, &hs[i])))
				break;   /* freed there */
			stop = fn(ctx, &hs[i]);
			household_free(&hs[i]);
		}
		for (i += rc ? 1 : 0; i < got; i++)   /* what was not handed out */
			household_free(&hs[i]);
		done += got;
		if (got < want)
			break;
		snprintf(last, sizeof last, "%s", ids[got - 1]);
		chunk = HOUSEHOLD_CHUNK;
	}
	free(ids);
	free(hs);
	return rc;
}

int household_list_ids(struct store *s, const struct user *u, const struct query *q,
                       int (*fn)(void *ctx, const char *id), void *ctx)
{
	sqlite3_stmt *st;
	int nv = q ? q->n : 0, rc, stop = 0;
	if (list_statement(s, u, q, 0, 0, -1, &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, nv + 3, -1);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, db_col_text(st, 0));
	db_finalize(s, st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "listing households");
}

int store_household_keys(struct store *s, const struct user *u, const struct query *q,
                         long max, int (*fn)(void *ctx, const char *id, const char *key),
                         void *ctx, int *many)
{
	sqlite3_stmt *st;
	int nv = q ? q->n : 0, rc, stop = 0, dense = 0;
	long size = 0;
	*many = 0;
	for (int i = 0; i < nv; i++)
		if (q->terms[i].kind == Q_TEXT) {
			if ((rc = search_dense(s, q->terms[i].value, -1, &size, &dense)))
				return rc;
			if (dense) {
				*many = 1;   /* not worth keeping: the next match is near anyway */
				return 0;
			}
		}
	if (list_statement(s, u, q, 0, 0, -1, &st))
		return STORE_EFAIL;
	sqlite3_bind_int64(st, nv + 3, max);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(ctx, db_col_text(st, 0), db_col_text(st, 1));
	db_finalize(s, st);
	return stop || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "searching households");
}
