/* search.c — the index behind name and ID searches: an FTS5 tokenizer "bangfu" registered
 * on every connection (through the fts5_api) and the SQL function bangfu_match(v) that
 * turns a typed search value into an FTS5 query for it.
 *
 * Chinese names are one to four characters, so a search is usually one or two of them;
 * FTS5's trigram tokenizer cannot find those. The tokenizer emits, for each run of CJK
 * characters, every character at its own position with the bigram starting there
 * colocated (FTS5_TOKEN_COLOCATED). A query of one character looks up the unigram, of
 * two the bigram, of more the chain of bigrams as a phrase — a substring match, never
 * across two names (they are separate runs).
 *
 * Runs of ASCII letters and digits are tokens of their own, lowercased; one of 15 or
 * more (an ID number) is also emitted reversed with an 'r' in front, so the ID digits a
 * clerk types — usually the end of the number — find it as a prefix query on the
 * reversed token ("r<reversed digits>"*). Everything else separates tokens.
 *
 * The index itself (migration 6 in db.c): household_search(doc), one row per household
 * (rowid = households.rowid) holding its members' names and ID numbers, rewritten by
 * household_save in the same transaction as the rows (search_row_write). An import or
 * the demo writes the rows of the households it adds at the end of its transaction, in
 * one statement (defer.c): FTS5 flushes what it holds to a segment of its own at
 * every statement savepoint, so row by row every household became a segment to be
 * merged again (an eighth of the demo's time). */
#include "store/internal.h"
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { RUN_NONE, RUN_CJK, RUN_ASCII };
#define ID_MIN 15
#define TOKEN_MAX 64

/* Decode one UTF-8 character at p (n bytes left): its code point, *len its length (1 for
 * a malformed byte, which then counts as a separator). */
static unsigned utf8_at(const unsigned char *p, int n, int *len)
{
	unsigned c = p[0];
	int want = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (want <= 1 || want > n) {
		*len = 1;
		return want == 1 ? c : 0xFFFD;
	}
	unsigned cp = c & (0x7F >> want);
	for (int i = 1; i < want; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*len = want;
	return cp;
}

static int is_cjk(unsigned cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3007;
}

static int kind_of(unsigned cp)
{
	if (cp < 0x80 && isalnum((int)cp))
		return RUN_ASCII;
	return is_cjk(cp) ? RUN_CJK : RUN_NONE;
}

struct tok_ctx {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
	const char *text;
};

/* Emit a run of CJK characters text[start..end) made of n characters at offsets off[]. */
static int emit_cjk(struct tok_ctx *t, int query, int last_run, const int *off, int n, int end)
{
	int rc = SQLITE_OK;
	if (query && n > 1) {
		/* the bigrams in a chain; the last character too when more text follows, so
		 * the next run's positions line up with the document's */
		for (int i = 0; i + 1 < n && rc == SQLITE_OK; i++) {
			int e = i + 2 < n ? off[i + 2] : end;
			rc = t->emit(t->ctx, 0, t->text + off[i], e - off[i], off[i], e);
		}
		if (rc == SQLITE_OK && !last_run)
			rc = t->emit(t->ctx, 0, t->text + off[n - 1], end - off[n - 1], off[n - 1], end);
		return rc;
	}
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		int e1 = i + 1 < n ? off[i + 1] : end;
		rc = t->emit(t->ctx, 0, t->text + off[i], e1 - off[i], off[i], e1);
		if (rc == SQLITE_OK && !query && i + 1 < n) {
			int e2 = i + 2 < n ? off[i + 2] : end;
			rc = t->emit(t->ctx, FTS5_TOKEN_COLOCATED, t->text + off[i], e2 - off[i], off[i], e2);
		}
	}
	return rc;
}

/* Emit an ASCII run text[start..end): lowercased, and reversed after an 'r' when it is as
 * long as an ID number (documents only). */
static int emit_ascii(struct tok_ctx *t, int query, int start, int end)
{
	char tok[TOKEN_MAX + 2];
	int n = end - start > TOKEN_MAX ? TOKEN_MAX : end - start;
	for (int i = 0; i < n; i++)
		tok[i] = (char)tolower((unsigned char)t->text[start + i]);
	int rc = t->emit(t->ctx, 0, tok, n, start, end);
	if (rc != SQLITE_OK || query || n < ID_MIN)
		return rc;
	char rev[TOKEN_MAX + 2];
	rev[0] = 'r';
	for (int i = 0; i < n; i++)
		rev[1 + i] = tok[n - 1 - i];
	return t->emit(t->ctx, FTS5_TOKEN_COLOCATED, rev, n + 1, start, end);
}

/* Whether any token character follows byte offset i. */
static int more_tokens(const unsigned char *p, int i, int n)
{
	while (i < n) {
		int len;
		if (kind_of(utf8_at(p + i, n - i, &len)) != RUN_NONE)
			return 1;
		i += len;
	}
	return 0;
}

static int tok_run(void *ctx, int flags, const char *text, int n,
                   int (*emit)(void *, int, const char *, int, int, int))
{
	struct tok_ctx t = { ctx, emit, text };
	const unsigned char *p = (const unsigned char *)text;
	int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	int off[TOKEN_MAX];
	int i = 0, rc = SQLITE_OK;
	while (i < n && rc == SQLITE_OK) {
		int len, kind = kind_of(utf8_at(p + i, n - i, &len));
		if (kind == RUN_NONE) {
			i += len;
			continue;
		}
		int start = i, nc = 0;
		while (i < n) {
			int l2;
			if (kind_of(utf8_at(p + i, n - i, &l2)) != kind ||
			    (kind == RUN_CJK && nc == TOKEN_MAX))
				break;   /* a longer run goes on as the next one */
			if (nc < TOKEN_MAX)
				off[nc++] = i;
			i += l2;
		}
		rc = kind == RUN_CJK ? emit_cjk(&t, query, !more_tokens(p, i, n), off, nc, i)
		                     : emit_ascii(&t, query, start, i);
	}
	return rc;
}

static int tok_create(void *unused, const char **argv, int argc, Fts5Tokenizer **out)
{
	static int one;
	*out = (Fts5Tokenizer *)&one;   /* no state: every call stands alone */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                        int (*emit)(void *, int, const char *, int, int, int))
{
	return tok_run(ctx, flags, text, n, emit);
}

/* bangfu_match(v): the FTS5 query for a typed value — the reversed ID digits as a
 * prefix when v is digits (and X), else v as one phrase. An empty phrase (matches
 * nothing; MATCH NULL would be an error) when v is empty or longer than any name. */
static void match_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	size_t n = v ? strlen(v) : 0;
	if (n == 0 || n > 256) {
		sqlite3_result_text(c, "\"\"", 2, SQLITE_STATIC);
		return;
	}
	char *q = malloc(2 * n + 8), *w = q;
	if (!q) {
		sqlite3_result_error_nomem(c);
		return;
	}
	if (strspn(v, "0123456789Xx") == n) {
		*w++ = '"';
		*w++ = 'r';
		for (size_t i = n; i > 0; i--)
			*w++ = (char)tolower((unsigned char)v[i - 1]);
		*w++ = '"';
		*w++ = '*';
	} else {
		*w++ = '"';
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				*w++ = '"';
			*w++ = *p;
		}
		*w++ = '"';
	}
	sqlite3_result_text(c, q, (int)(w - q), free);
}

/* Whether doc (n bytes) holds the CJK-only value v (nv bytes) within one run of CJK
 * characters as tok_run cuts them (at most TOKEN_MAX characters a run) — for a value of
 * at most SEARCH_WALK_CHARS characters, exactly the rows its FTS5 query matches: one
 * character is a unigram, found in any run; two or more a phrase of bigrams at
 * consecutive positions, and a bigram is emitted only for two characters of one run. UTF-8 being
 * self-synchronising, a byte match of v is a match of whole characters. */
int search_doc_has(const char *doc, int n, const char *v, int nv)
{
	const unsigned char *p = (const unsigned char *)doc;
	int i = 0, len;
	while (i < n) {
		if (kind_of(utf8_at(p + i, n - i, &len)) != RUN_CJK) {
			i += len;
			continue;
		}
		int start = i, nc = 0;
		while (i < n && nc < TOKEN_MAX && kind_of(utf8_at(p + i, n - i, &len)) == RUN_CJK) {
			i += len;
			nc++;
		}
		for (int at = start; at + nv <= i; at++)
			if (memcmp(doc + at, v, (size_t)nv) == 0)
				return 1;
	}
	return 0;
}

int search_register(struct store *s)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return store_sqlfail(s, "finding SQLite's full-text search (FTS5)");
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return store_fail(s, STORE_EFAIL, "this SQLite has no usable FTS5");
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };
	if (api->xCreateTokenizer(api, "bangfu", NULL, &tok, NULL) != SQLITE_OK)
		return store_sqlfail(s, "registering the search tokenizer");
	if (sqlite3_create_function(s->db, "bangfu_match", 1,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
	                            NULL, match_fn, NULL, NULL) != SQLITE_OK)
		return store_sqlfail(s, "registering the search function");
	if (search_match_register(s->db) != SQLITE_OK)
		return store_sqlfail(s, "registering the search function");
	return 0;
}

/* How many rows one counting statement sees, up to thr (the statement takes ?1 = v and
 * ?2 = thr), and in *last its second column when it has one. */
static int count_upto(struct store *s, const char *sql, const char *v, long thr, long *n,
                      sqlite3_int64 *last)
{
	sqlite3_stmt *st;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, thr);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (last)
		*last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	db_finalize(s, st);
	return rc == SQLITE_ROW ? 0 : store_sqlfail(s, "searching");
}

int search_dense(struct store *s, const char *v, long limit, long *size, int *dense)
{
	long n = 0, more = 0, thr, sample;
	sqlite3_int64 last = 0;
	int digits = v[0] && strspn(v, "0123456789Xx") == strlen(v), rc;
	*dense = 0;
	if (*size == 0 && (rc = count_upto(s, "SELECT (" HOUSEHOLDS_COUNTED ") + 0 * length(?1) + "
	                                     "0 * ?2", v, 0, size, NULL)))
		return rc;
	/* a page: the walk reads about limit × size / matches households of the order index,
	 * each about a third of a match fetched by rowid and sorted (1M: 0.7 against 1.1
	 * µs warm, 3 cold) — so walk from √(limit × size / 3) matches on (40 rows at 1M:
	 * 3,650; 王, 1,641 households in villages named with it and no name, took 20–40 ms
	 * walked, 3–14 fetched); never from fewer than √size (a village's households are
	 * together in the register order, not spread as a name's: the walk to the next
	 * may be long whatever the limit), nor for every row */
	double k = limit > 3 && limit <= HOUSEHOLD_CHUNK ? (double)limit / 3 : 1;
	thr = (long)sqrt(k * (double)*size);
	thr = thr < 100 ? 100 : thr;
	/* the names: counted up to SEARCH_SAMPLE, and beyond that estimated from how far
	 * into the register order the count stopped (FTS5 gives the matches by rowid, the
	 * register-order key, household_key.c; a name has nothing to do with the place of a
	 * household: the matches are spread evenly over them) */
	sample = thr < SEARCH_SAMPLE ? thr : SEARCH_SAMPLE;
	if ((rc = count_upto(s, "SELECT count(*), max(rowid) FROM (SELECT rowid FROM "
	                        "household_search WHERE household_search MATCH bangfu_match(?1) "
	                        "LIMIT ?2)", v, sample, &n, &last)))
		return rc;
	double before = n < sample ? 0 : household_keys_before(s->db, last);
	double names = n < sample || before < 1 ? (double)n : (double)n * (double)*size / before;
	if (names < thr && (rc = count_upto(s, digits
	        ? "SELECT count(*) FROM (SELECT 1 FROM households WHERE household_no >= ?1 AND "
	          "household_no < ?1 || '~' LIMIT ?2)"
	        : search_cjk_only(v)
	        ? "SELECT count(*) FROM (SELECT 1 FROM households WHERE village_code IN ("
	          SEARCH_VILLAGES_INDEXED("?1") ") LIMIT ?2)"
	        : "SELECT count(*) FROM (SELECT 1 FROM households WHERE village_code IN ("
	          SEARCH_VILLAGES_SCAN("?1") ") LIMIT ?2)", v, thr, &more, NULL)))
		return rc;
	*dense = names + (double)more >= (double)thr;
	/* so dense that the page is found sooner reading the households' search rows than
	 * gathering every match (search_match.c; that estimates again, for its budget) */
	double d = names / (double)*size;
	if (*dense && limit > 0 && search_walkable(v) &&
	    d * d * (double)*size > (double)limit * SEARCH_WALK_RATIO)
		*dense = 2;
	return 0;
}

/* A value read from search rows: CJK characters only (where a substring of a run is a
 * match), not too many of them. */
int search_walkable(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	int n = (int)strlen(v), len, nc = 0;
	for (int i = 0; i < n; i += len, nc++)
		if (!is_cjk(utf8_at(p + i, n - i, &len)))
			return 0;
	return nc > 0 && nc <= SEARCH_WALK_CHARS;
}

int search_cjk_only(const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	int n = (int)strlen(v), len;
	for (int i = 0; i < n; i += len)
		if (!is_cjk(utf8_at(p + i, n - i, &len)))
			return 0;
	return n > 0;
}

int search_region_write(struct store *s, const char *code)
{
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT OR REPLACE INTO region_search(rowid, name) SELECT rowid, name "
	                 "FROM regions WHERE code = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving the region's search row");
}

int search_reads(enum field_id f)
{
	return f == MF_NAME || f == MF_ID;   /* the members' columns SEARCH_DOC reads */
}

/* Run one statement taking ?1 = a household id and ?2 = the last rowid written now. */
static int search_step(struct store *s, const char *sql, const char *id)
{
	sqlite3_stmt *st;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, defer_limit(s));
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving the search row");
}

int search_row_write(struct store *s, const char *id, int fresh)
{
	int rc = 0;
	if (!fresh)
		rc = search_step(s, "DELETE FROM household_search WHERE rowid = (SELECT rowid FROM "
		                    "households WHERE id = ?1 AND rowid <= ?2)", id);
	return rc ? rc : search_step(s, "INSERT INTO household_search(rowid, doc) " SEARCH_DOC
	                                "WHERE h.id = ?1 AND h.rowid <= ?2", id);
}

int search_rows_where(struct store *s, const char *cond, const char *village)
{
	sqlite3_stmt *st;
	struct buf sql = {0};
	/* in rowid order: FTS5 writes a segment of its own whenever a rowid is not above the
	 * last one it holds (docs/performance.md, perf_search4) */
	buf_addf(&sql, "INSERT INTO household_search(rowid, doc) " SEARCH_DOC "WHERE %s "
	         "ORDER BY h.rowid", cond);
	if (db_cached_buf(s, &sql, &st))
		return STORE_EFAIL;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, defer_limit(s));
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "writing the search rows");
}
