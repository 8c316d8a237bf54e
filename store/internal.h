/* internal.h — what the store's own files share: the store handle, SQL helpers, the
 * write family and the audit paths. Nothing outside store/ includes this. */
#ifndef STORE_INTERNAL_H
#define STORE_INTERNAL_H
#include "store/store.h"
#include "store/confine.h"
#include "core/user_text.h"
#include "core/i18n.h"
#include "core/rules.h"
#include "store/git_lazy.h"
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>

struct store {
	char dir[PATH_MAX];
	sqlite3 *db;
	git_repository *repo;
	char err[2048];
	char notes[2048];         /* notices for the user, one a line (store_notices) */
	char today[11];
	long event_id;            /* the event of the open write transaction, 0 if none */
	long layout_event;        /* the event whose history_layout was read (settings.c) */
	int layout;               /* ... and that layout */
	int lock_fd;              /* flock on DIR/audit.lock while flushing */
	int git_on;               /* this store initialised libgit2 (audit_open) */
	int git_checked;          /* audit_need checked the branch against the database */
	int read_only;            /* an aggregate of county histories (aggregate.c): no writes */
	int today_derive;         /* `today --derive`: derive again, read no kept rows */
	/* prepared statements kept for reuse, keyed by their SQL text, or by a constant's
	 * address for SQL built from the field table (db_cached_built) (db.c) */
	struct { char *sql; const void *key; sqlite3_stmt *st; } stmts[96];
	int nstmts;
	/* the code tables in effect: shipped + list entries among the settings (settings.c),
	 * read again when another connection has committed since (lists_data_version) */
	struct code_lists lists;
	long lists_data_version;
	/* the rule settings of the county read last (today_facts.c), kept across calls while
	 * no setting was written here (settings_gen) or by another connection */
	long settings_gen;
	struct today_memo { int valid; long gen, data_version; char county[16], dev_groups[160];
	                    struct rules_settings rules; } today_memo;
	struct store_progress progress;   /* store_set_progress; fn NULL: nobody listens */
	int disk_full;                    /* the failure in err was the disk being full */
	/* an import or the demo: households past rowid defer_after get their search rows
	 * and counters at the end of the transaction (defer.c) */
	int defer;
	sqlite3_int64 defer_after;
	int defer_empty;            /* ... into a register that held no household */
	sqlite3_int64 defer_next;   /* the rowid its next new household gets (household_key.c) */
	struct packw *pack;       /* meanwhile, write_file's texts go here as blobs (defer.c) */
	/* into an empty register: the CREATE INDEX statements of the indexes dropped until
	 * its end (defer.c), made again [0] before its bulk statements, [1] after; else NULL */
	char *defer_indexes[2];
};

/* aggregate.c: 1 if the open database is an aggregate of county histories (its
 * application_id), the check every write passes (write_open) and `audit verify` there. */
int aggregate_detect(struct store *s);
int aggregate_refuse(struct store *s);
int aggregate_verify(struct store *s, FILE *report);

/* Record a message (printf-style) and return code. */
int store_fail(struct store *s, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record the SQLite error of the last call with some context; returns STORE_EFAIL. */
int store_sqlfail(struct store *s, const char *what);
/* Record the libgit2 error; returns STORE_EFAIL. */
int store_gitfail(struct store *s, const char *what);
/* errno's failure of a file the store writes itself, after what ("disk full ..." for
 * ENOSPC, as store_sqlfail says it); STORE_EFAIL */
int store_errnofail(struct store *s, const char *what);
/* Add a line (printf-style) to the notices the user is shown: what went right in the end. */
void store_note(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Tell the listener (store_set_progress) how far a long operation is; unit NULL: done. */
void store_progress(struct store *s, const char *unit, long done, long total);
/* Whether the last failure recorded in s->err was the disk being full. */
int store_disk_full(const struct store *s);

/* db.c */
/* Open DIR/<file> (bangfu.db normally), migrating it to the current schema. */
int db_open(struct store *s, const char *file, int create);
int db_exec(struct store *s, const char *sql);
/* One statement without parameters through the statement cache (db_cached), for one
 * run often in a loop (SAVEPOINT, RELEASE). */
int db_run(struct store *s, const char *sql);
/* The same for a statement taking ?1 = a household's (or any record's) id; `what` names
 * the work in the message of a failure ("saving members"). */
int db_run_id(struct store *s, const char *sql, const char *id, const char *what);
/* Prepare sql (release with db_finalize or sqlite3_finalize). */
int db_prepare(struct store *s, const char *sql, sqlite3_stmt **st);
/* Prepare sql, or reuse the statement prepared for the same text before (reset, its
 * bindings cleared): for hot paths. Release it with db_finalize, never sqlite3_finalize. */
int db_cached(struct store *s, const char *sql, sqlite3_stmt **st);
/* db_cached on SQL built in a buf (a failed build, out of memory, fails here); the buf
 * is freed either way. */
int db_cached_buf(struct store *s, struct buf *sql, sqlite3_stmt **st);
/* db_cached on SQL that build(ctx, sql) writes, found again by key (the address of a
 * constant of the caller's, no text compared): the SQL is built once per store, not on
 * every call (a household's save built five statements from the field table a time). */
int db_cached_built(struct store *s, const void *key, void (*build)(const void *ctx, struct buf *sql),
                    const void *ctx, sqlite3_stmt **st);
/* Done with a statement from db_prepare or db_cached: a kept one is reset, another
 * finalized. */
void db_finalize(struct store *s, sqlite3_stmt *st);
void db_close_statements(struct store *s);
/* close the connection, checkpointing only a long WAL */
void db_close(struct store *s);
/* Run a one-value query: the text parameters follow sql, ended by NULL; the first
 * column of the first row goes to out (when not NULL). Returns 0, STORE_ENOTFOUND when
 * there is no row (no message set), or STORE_EFAIL. */
int db_lookup(struct store *s, char *out, size_t n, const char *sql, ...);
/* The page cache of every connection, KiB (db.c; an import's is larger, defer.c). */
#define DB_CACHE "-65536"
/* The page size of a database file this binary creates (db.c db_open; an existing file
 * keeps its own): 16 KiB, a quarter of the WAL frames, the checkpoint's page copies and
 * the b-tree pages of 4 KiB for an import or demo of 1M households (docs/performance.md,
 * "Import and demo, the SQLite side"). */
#define DB_PAGE_SIZE "16384"
/* How long a writer waits for another's lock before it is refused (db.c). */
#define DB_BUSY_MS 60000
/* a WAL shorter than this is left at close, not checkpointed (db.c db_close) */
#define DB_WAL_KEEP_FRAMES 128
/* Bind text (NULL/"" → NULL) */
void db_bind_text(sqlite3_stmt *st, int i, const char *v);
const char *db_col_text(sqlite3_stmt *st, int i);   /* "" for NULL */

/* counts.c — add delta (+1 / -1) times household id's contribution to the dashboard's
 * counters (nothing when it does not exist yet) */
int counts_apply(struct store *s, const char *id, int delta);
/* Whether the counters read household field f (a change of it must take the old
 * contribution away and add the new; cases aside). */
int counts_reads(enum field_id f);
/* Add the counts of every household past rowid `after`, in one statement. */
int counts_add_after(struct store *s, sqlite3_int64 after);

/* search.c — the search tokenizer and bangfu_match(), registered on each connection */
int search_register(struct store *s);
/* household_save: a household's search row (the old one replaced unless fresh); none
 * for a household past defer_limit. */
int search_row_write(struct store *s, const char *id, int fresh);
/* Whether a household's search row reads member field f. */
int search_reads(enum field_id f);
/* The search rows of the households matching cond (SQL over households h; ?1 and ?2 as
 * household_keys_number binds them), in one statement, in rowid order. */
int search_rows_where(struct store *s, const char *cond, const char *village);
/* The document of household h's search row: SELECT it FROM households h WHERE ... */
#define SEARCH_DOC "SELECT h.rowid, (SELECT group_concat(name || ' ' || id_number, ' ') FROM " \
	"members WHERE household_id = h.id) FROM households h "

/* household_key.c — households.rowid is the register-order key: the village's 12-digit
 * code << KEY_BITS plus a slot in 户编号 order (KEY_GAP apart when renumbered), so
 * rowid order is (county, town, village, household_no) order and a scope a key range.
 * household_search's rowid is households.rowid, so a household keeps its search row
 * through every move. An import's or the demo's new households get rowids from
 * KEY_TEMP up (above every key: defer_limit) and their keys at its end. */
#define KEY_BITS 23
#define KEY_GAP 4096
#define KEY_TEMP ((sqlite3_int64)1000000000000 << KEY_BITS)
/* Set the keys of the households matching cond (over households, without alias), one
 * village's slots KEY_GAP apart (closer in a village of 2,048 or more). */
#define KEYS_SET(cond) "UPDATE households SET rowid = k.key FROM (SELECT rowid AS r, " \
	"(CAST(village_code AS INTEGER) << 23) + row_number() OVER w * CASE WHEN count(*) " \
	"OVER p < 2048 THEN 4096 ELSE 8388608 / (count(*) OVER p + 1) END AS key FROM " \
	"households WHERE " cond " WINDOW p AS (PARTITION BY county_code, town_code, " \
	"village_code), w AS (p ORDER BY household_no)) AS k WHERE households.rowid = k.r"
/* After household id's row is saved: its key moved between its neighbours' in register
 * order if it no longer lies there or is fresh (its search row with it), its village
 * renumbered when no gap is left (a fresh one then still without a search row). Nothing
 * for a bulk's new household (defer_end numbers those). */
int household_key_place(struct store *s, const char *id, int fresh);
/* Number again the keys of village's households, their search rows written again in
 * key order; village NULL: place a bulk's new households among those of a register that
 * had some (defer_end), and write their search rows. */
int household_keys_number(struct store *s, const char *village);
/* A bulk's end in an empty register: every household's key, in one statement (its
 * search rows still to write). */
int household_keys_all(struct store *s);
/* household_keyed.c: the ids of a chunk of households (at most n, after/before household
 * `after`) matching q in u's scope, read from the keys when q is one name of CJK
 * characters (*done set), else nothing done (*done 0: the list statement's work). */
struct query;
int household_keyed_chunk(struct store *s, const struct user *u, const struct query *q,
                          const char *after, int descending, long n, char (*ids)[20],
                          long *got, int *done);
/* About how many households have a key up to `key` (from the counties' counters): how
 * far into the register order a key stands, for estimates of a term's density. */
double household_keys_before(sqlite3 *db, sqlite3_int64 key);
/* How many households the register holds (household_counts), at least 1. */
#define HOUSEHOLDS_COUNTED "SELECT max(1, coalesce(sum(n), 0)) FROM household_counts WHERE " \
	"dim = 'county.type'"
/* defer.c: an import or the demo writes the search rows and counters of the households
 * it adds once, at the end of its transaction (defer_end), and its texts into packs as
 * blobs as it goes (event_files keeps their ids), synced by defer_end before COMMIT;
 * write_rollback calls defer_abort. defer_limit: households with a rowid above it are
 * left for defer_end (INT64_MAX when nothing is deferred). */
int defer_begin(struct store *s);
int defer_end(struct store *s);
void defer_abort(struct store *s);
sqlite3_int64 defer_limit(const struct store *s);
/* Whether search value v matches many households for a statement that wants `limit`
 * rows (0 or less: all): then a list walks the register order instead of fetching every
 * match and sorting (*dense 1; 2 when the walk may read the search rows of the
 * households it passes rather than gather every match: see search_match.c). Many is
 * √(limit × N / 3) for a page of 4 to HOUSEHOLD_CHUNK rows, else √N (N the register's
 * size, cached in *size, 0 at first); names beyond SEARCH_SAMPLE are estimated. */
#define SEARCH_SAMPLE 1024
#define SEARCH_WALK_RATIO 100
int search_dense(struct store *s, const char *v, long limit, long *size, int *dense);
/* The village codes whose name contains the search value V (an SQL parameter, "?1"):
 * through region_search, the index of region names (one row per regions row, rowid =
 * regions.rowid), when the value is all CJK characters — there the index's match is
 * exactly a substring match —, else by a scan of the regions table (instr: every
 * village's name, 1 ms at 20,000 villages). */
#define SEARCH_VILLAGES_INDEXED(v) "SELECT code FROM regions WHERE rowid IN (SELECT rowid " \
	"FROM region_search WHERE region_search MATCH bangfu_match(" v ")) AND level = 4"
#define SEARCH_VILLAGES_SCAN(v) "SELECT code FROM regions WHERE level = 4 AND instr(name, " v ")"
/* Whether v is one or more CJK characters and nothing else (the tokenizer's is_cjk). */
int search_cjk_only(const char *v);
/* A value the dense walk may look for in search rows (search_match.c): at most
 * SEARCH_WALK_CHARS CJK characters and nothing else. search_doc_has: whether doc (n
 * bytes, a household_search document) holds such a value v (nv bytes) as the index
 * would find it — within one run of CJK characters as the tokenizer cuts them. */
#define SEARCH_WALK_CHARS 16
int search_walkable(const char *v);
int search_doc_has(const char *doc, int n, const char *v, int nv);
/* search_match.c: bangfu_matches and bangfu_rowset on connection db (an SQLite code). */
int search_match_register(sqlite3 *db);
/* regions_store.c: the index row of region `code` (just added or renamed) from its name. */
int search_region_write(struct store *s, const char *code);

/* identity.c */
/* The real Unix login of the caller (getuid); the test-hooks build honours
 * BANGFU_TEST_LOGIN. Returns 0 or fails. */
int identity_login(struct store *s, char *login, size_t n, unsigned *uid);
/* Crash at a named fault point when the test-hooks build is told to (BANGFU_FAULT=point),
 * or wait a second there (BANGFU_FAULT=pause-point). */
void identity_fault(const char *point);
void identity_set_today(struct store *s);
int user_load(struct store *s, const char *login, struct user *out);

/* settings.c */
/* Add the list entries among the settings that s->lists lacks (never removes or moves
 * one); fails naming a bad one. */
int settings_load_lists(struct store *s);
/* The dev_measure_groups setting (codes, comma-separated), or "" for the national groups. */
void settings_dev_groups(struct store *s, char *out, size_t n);
/* The settings file's path, its text (every row in key order), and one row written
 * (inserted or updated) inside the open transaction (settings_set.c, rebuild). */
#define SETTINGS_PATH "settings.txt"
int settings_text(struct store *s, struct buf *out);
int settings_put_row(struct store *s, const char *key, const char *value);
/* settings.txt written again from the rows, inside the open event (settings_set.c). */
int settings_file(struct store *s);
/* The layout of households' files in the history: the setting history_layout ("village",
 * written at init and by `audit relayout`), else the town layout of older registers.
 * Read from the database each time (inside a write, as that write's transaction sees it:
 * another process may have relayouted since). */
#define HISTORY_LAYOUT_KEY "history_layout"
enum history_layout store_history_layout(struct store *s);

/* import.c: one household of the demo written as the import writes a file's (a new one
 * as it is, one with its 户编号 already registered merged, keeping its casework); demo.c
 * uses it for a register that held households when the demo began. */
int import_synthetic(struct store *s, struct household *h, struct import_result *res);

/* import_income.c: --income-year's year (a year up to this one with a monitoring line),
 * and the household's 家庭人均纯收入 as an assessment of that year when it has none of
 * that figure yet (*added counts them). */
int import_income_check(struct store *s, const char *year);
int import_income(struct store *s, struct household *h, const char *year, int *added);
/* The year of household i of b: its 收入年度 cell, else --income-year, else "" (also for
 * a file without 家庭人均纯收入, and for the demo: b NULL). */
const char *import_income_year(const struct register_batch *b, int i);
/* import_income_check for every year the households of b name. */
int import_income_years_check(struct store *s, const struct register_batch *b);

/* write.c — the one write family */
/* Open the BEGIN IMMEDIATE transaction before reading what a change applies to, so it
 * applies to the record as it is when written (write_begin then joins it); no-op when
 * one is open. write_close(s, rc) rolls it back when rc is a failure, returns rc. */
int write_open(struct store *s);
int write_close(struct store *s, int rc);
/* Hold off SIGINT, SIGTERM, SIGHUP and SIGQUIT for the moments of a commit or flush;
 * release delivers what came meanwhile. */
void write_hold_signals(sigset_t *old);
void write_release_signals(const sigset_t *old);
int write_begin(struct store *s, const struct user *actor, const char *verb,
                const char *subject, const char *why);
int write_file(struct store *s, const char *path, const char *text);
/* Say what the open event turned out to change (it was begun with a plan). */
int write_subject(struct store *s, const char *subject);
int write_commit(struct store *s);
void write_rollback(struct store *s);

/* households.c */
int store_next_id(struct store *s, const char *table, const char *prefix, int digits,
                  char *out, size_t n);
int household_next_case_id(struct store *s, char *out, size_t n);
/* "k1, k2, ..." of the stored fields of one level (", " first when out is not empty);
 * with `assign`, "k1 = ?, k2 = ?". Returns how many columns. */
int household_columns(enum field_level level, int assign, struct buf *out);
/* "c1, c2, ..." of a sub-record kind. */
void subrec_columns(const struct subrec_kind_info *info, struct buf *out);

/* household_load.c — households read from SQLite with their members, cases and
 * sub-records: one by id, or a chunk of ids at once (one statement per table). */
int household_load(struct store *s, const char *id, struct household *out);
/* household_load, with the sub-records (visits, measures, steps, warnings) or without */
int household_load_part(struct store *s, const char *id, int subrecs, struct household *out);
#define HOUSEHOLD_CHUNK 256
/* Households ids[0..n) (n ≤ HOUSEHOLD_CHUNK) into out[0..n), in that order, each with
 * its members and cases and the sub-record kinds in `subs`: one statement per table over
 * the whole chunk. An id that is not there fails (STORE_ENOTFOUND, naming it) and
 * nothing is left allocated. */
int household_load_many(struct store *s, const char (*ids)[20], int n, unsigned subs,
                        struct household *out);
/* household_load_many in a read transaction of its own (a savepoint: it nests in an
 * open one), so that the chunk's rows agree with each other. */
int household_load_chunk(struct store *s, const char (*ids)[20], int n, unsigned subs,
                         struct household *out);
int household_save(struct store *s, struct household *h, long expected_version);
/* The outcome of a household row's INSERT or version-checked UPDATE whose step gave rc:
 * its 户编号 taken, its version moved on by another writer (named), or saved (0, and
 * h->version the new one). member_row_saved: the same for a member's row (its ID
 * number taken). */
int household_row_saved(struct store *s, struct household *h, int rc, long expected_version);
int member_row_saved(struct store *s, const struct member *mb, int rc);
int household_text_file(struct store *s, const struct household *h);
/* The SQL condition (on alias h) and its bound value restricting rows to u's scope. */
const char *scope_sql(const struct user *u, char *param, size_t n);
/* scope_sql's condition added to sql with its value bound as ?param instead of ?1 (for a
 * statement whose ?1 is taken), on rows of alias h as scope_sql's. */
void scope_sql_at(const struct user *u, int param, char *value, size_t n, struct buf *sql);
/* Households with full ID numbers and phones, for the store's own work (changes,
 * import, the reveal family in reveal.c). What leaves the store through store.h goes
 * through household_hand_out (masked) unless it is a recorded reveal. */
int household_find(struct store *s, const struct user *u, const char *key, struct household *out);
/* The households in scope matching q, in register order, a chunk of them read at a
 * time: each with its members and cases and the sub-record kinds in `subs`
 * (STORE_SUB(kind), STORE_SUBS_ALL; 0 for what a list row shows); `masked`: each handed out
 * through household_hand_out. */
int household_list(struct store *s, const struct user *u, const struct query *q,
                   const char *from, long limit, int descending, unsigned subs, int masked,
                   int (*fn)(void *ctx, const struct household *h), void *ctx);
/* The ids of every household in scope matching q, in register order, without loading
 * them; fn returns non-zero to stop and must not call the store. */
int household_list_ids(struct store *s, const struct user *u, const struct query *q,
                       int (*fn)(void *ctx, const char *id), void *ctx);
/* reveal.c: mask h in place before it is handed out; on failure h is freed. */
int household_hand_out(struct store *s, struct household *h);
int household_render_path(struct store *s, const char *id, struct buf *text, char *path, size_t n);

/* event_scope.c: which audit events and files u may see (docs/security.md "Scope").
 * Conditions on an event (alias e) with the parameter :scope, bound by event_scope_bind:
 * "one of its files lies in scope", and a scalar subquery `aggregate` (count(*),
 * min(f.path)) over its files in scope. */
void event_visible_sql(struct buf *sql);
void event_files_sql(struct buf *sql, const char *aggregate);
/* "the event wrote the file :path or :path2, and that file lies in scope" (one record's
 * history; a household's file has had two paths if the history was relayouted). */
void event_of_file_sql(struct buf *sql);
/* The audit file of what `key` names, read through u's scope (refused when outside it):
 * a project (PJ0000001), a task (T0000001), else a household (id, 户编号, ID number).
 * paths[0] its path; paths[1] a household's path in the other layout (its file's path
 * before `audit relayout`, or after), "" for a project or task. */
int event_subject_path(struct store *s, const struct user *u, const char *key,
                       char paths[2][256]);
/* Both paths a household's file may have had: paths[0] in the history's layout now,
 * paths[1] in the other one (store/relayout.c). */
void household_paths(struct store *s, const struct household *h, char paths[2][256]);
int event_scope_bind(struct store *s, sqlite3_stmt *st, const struct user *u);

/* cases.c: open a case on a loaded household (no event: the caller writes it) */
int cases_open_in(struct store *s, const struct user *u, struct household *h,
                  const struct case_open *o, const char *why, char *case_id, size_t n);
int case_open_index(const struct household *h);

/* regions_store.c — towns and villages: find by code or name, create with a new code */
int regions_resolve(struct store *s, struct household *h, int synthetic);
/* Check a file's town and village of h (codes exist, names agree, names without codes
 * resolved): reports warnings and the defect at `line`; 1 when h must be refused. */
int regions_check(struct store *s, struct household *h, long line, register_report_fn report,
                  void *ctx);
/* place.CODE settings: a town or village newer than the shipped edition (regions_store.c). */
int regions_is_place_key(const char *key);
int regions_place_setting(struct store *s, const char *key, const char *name);
/* A user's scope: access_scope_check's codes, or a town or village an administrator
 * added (place.CODE). 0, or STORE_EINVAL with the message. */
int regions_scope_check(struct store *s, const char *scope);
/* The town (level REGION_TOWN) or village a verb names: key is its code (in the 2023
 * codes or added by an administrator), or its name, alone or after the names above it
 * (佛冈县龙山镇), looked up among the places of the county of `scope` (its city, or the
 * province, for a wider scope). code gets the code, name the place's name; STORE_EINVAL
 * naming every match when the name is ambiguous, or when none matches. */
int regions_place_resolve(struct store *s, const char *scope, int level, const char *key,
                          char code[16], char *name, size_t namelen);
int regions_seed(struct store *s);
/* Name of region `code`, into name: the shipped edition's for a town or village in it,
 * else the database's (a retired code, or one a place.CODE setting added);
 * STORE_ENOTFOUND if neither knows it. */
int regions_name(struct store *s, const char *code, char *name, size_t n);
/* places.c: a place setting (track.CCCCCC, town_class.TTTTTTTTT, cluster.CCCCCC,
 * weak_village_line): checked, its canonical value into out; STORE_EINVAL with why. */
int places_setting(struct store *s, const char *key, const char *value, char *out, size_t n);
/* The region of a place setting (the county or town it names; 44 for a track and the
 * weak-village line): 1 if key is a place setting, else 0 with out untouched. */
int places_setting_region(const char *key, char *out, size_t n);

/* users.c */
int user_path(const char *login, char *out, size_t n);

/* history_what.c: the "what" of event's change to the household file path (a path the
 * caller found through a scoped reader) into out: fields, step or record (audit_what). */
int history_what(struct store *s, long event, const char *path, const char *path2, char *out,
                 size_t n);

/* audit.c */
#define AUDIT_BRANCH "refs/heads/main"   /* the history's one branch */
/* Initialise libgit2 and open (or create) DIR/audit.git, once per store: commands that
 * never touch the history never load it (docs/performance-write.md). */
int audit_open(struct store *s, int create);
/* audit_open, then (once) refuse a history moved back behind the database
 * (audit_check_rewound): the first step of everything that reads or writes git. */
int audit_need(struct store *s);
/* Whether the database holds events not yet in git (the last event has no commit id;
 * the flush writes them in order): 1, 0, or -1 on failure. */
int audit_pending(struct store *s);
/* audit_message.c: the commit message of an event. */
/* The event id in a commit message's `Bangfu-Event:` trailer, 0 if none. */
long audit_trailer_event(const char *message);
/* The commit message of an event: "verb subject: reason's first line", the reason, the
 * trailers (Bangfu-Event, Bangfu-Uid, Bangfu-Verb, Bangfu-Subject). The flush writes
 * it; verify compares with it. */
int audit_commit_message(const char *verb, const char *subject, const char *reason, long event,
                         long uid, struct buf *msg);
/* The message histories written before this form carry ("verb: subject", the reason,
 * Bangfu-Event and Bangfu-Uid): verify accepts it for an event too. */
int audit_commit_message_v1(const char *verb, const char *subject, const char *reason,
                            long event, long uid, struct buf *msg);
/* A message read back (rebuild): spans into the message, in either form. */
struct audit_span { const char *s; size_t n; };
struct audit_message { struct audit_span verb, subject, reason; long uid; };
/* 0, or -1 when the message was not written by bangfu. */
int audit_message_parse(const char *msg, struct audit_message *m);
/* The flock on DIR/audit.lock that every writer of the history holds (s->lock_fd). */
int audit_lock(struct store *s);
void audit_unlock(struct store *s);
/* An exclusive flock on DIR/<name> (created 0660) into *fd, waiting for it. */
int audit_lock_file(struct store *s, const char *name, int *fd);
void audit_unlock_file(int *fd);
/* audit_stale.c: with audit.lock held, remove the lock files (and, when no repack
 * runs, the temporary files) an interrupted writer left in audit.git, noting each. */
void audit_clear_stale(struct store *s);

/* audit_bulk.c: an event's objects written as packs on disk (a large one in chunks, a
 * small one as a single pack) */
struct bulk {
	struct store *s;
	git_repository *repo;     /* a second handle, its odb with the in-memory backend */
	git_odb_backend *mem;
	git_oid *ids;             /* the objects in memory, to be packed */
	size_t n, cap;
	int packs;                /* packs written */
	int single;               /* a small event: everything in one pack, one thread */
};
/* single: the event is small (its blobs, trees and commit go into one pack); else only
 * the commit comes here (audit_stream.c wrote the rest) */
int bulk_begin(struct store *s, struct bulk *b, int single);
/* Write a blob into memory (its id into out), for bulk_end's pack. */
int bulk_blob(struct bulk *b, const void *data, size_t len, git_oid *out);
/* Pack the new trees and the commit (and the blobs). */
int bulk_end(struct bulk *b, const git_oid *commit);
void bulk_free(struct bulk *b);
/* Write pb's pack and index and sync both and the pack directory (three syncs). */
int bulk_write_pack(struct store *s, git_packbuilder *pb);
/* audit_packs.c: with audit.lock held, fold the small packs of single edits into one
 * once there are AUDIT_SMALL_PACKS of them (a lookup asks every pack's index) */
int audit_fold_small_packs(struct store *s);
/* repack.c: an object database holding only the pack whose index is idx */
int repack_one_pack(struct store *s, const char *idx, git_odb **out);

/* audit_packw.c: objects streamed into packs on disk (a large event), no delta search;
 * a pack is finished every PACKW_CHUNK objects and by packw_end */
struct packw_entry;
struct z_stream_s;
struct packw {
	struct store *s;
	git_repository *repo;       /* refreshed by packw_end to see the new packs */
	char dir[PATH_MAX + 32], tmp[PATH_MAX + 64];   /* tmp: the file being written */
	int fd;
	unsigned char *buf;         /* PACKW_BUF bytes not yet written */
	size_t blen;
	uint64_t off;               /* bytes of the open file so far */
	struct packw_entry *e;      /* the open pack's objects (up to chunk of them) */
	size_t n, chunk;
	uint32_t *slots;            /* their ids, open-addressed: an object once a pack */
	size_t nslots;
	struct z_stream_s *z;
	struct packw_worker *wk;    /* the thread that compresses and writes */
	int packs;                  /* packs finished */
	struct packw_done { char pack[32], idx[32], hex[GIT_OID_HEXSZ + 1]; } *done;
	size_t ndone, cap_done;     /* finished packs still under temporary names */
};
int packw_begin(struct store *s, git_repository *repo, struct packw *w);
/* Hash, compress and append one object (its id into out). */
int packw_add(struct packw *w, git_object_t type, const void *data, size_t len, git_oid *out);
/* Finish the open pack (index, syncs), name every pack finished and refresh w->repo's
 * view of the packs. */
int packw_end(struct packw *w);
/* Free; the temporary files of packs not named by packw_end are removed. */
void packw_free(struct packw *w);

/* audit_files.c: an event's files as tree updates (path strings owned here) */
struct event_files {
	git_tree_update *up;
	char **paths;
	size_t n, cap;
};
/* How many files event `event` touches (-1 on failure). */
int event_file_count(struct store *s, long event);
/* Read a small event's files, writing a blob for each text (into repo, or through bk). */
int event_files_read(struct store *s, git_repository *repo, struct bulk *bk, long event,
                     struct event_files *f);
void event_files_free(struct event_files *f);
/* The event's commit is on the branch: drop its texts, keep each file's blob id
 * (hashed again by the SQL function bangfu_blob_id, one statement). */
int event_files_prune(struct store *s, long event);
/* Register bangfu_blob_id(text) on the connection. */
int event_files_register(struct store *s);
/* audit_stream.c: a large event's tree, its files streamed into packs (and the packs
 * visible through repo) */
int audit_stream_tree(struct store *s, git_repository *repo, long event, const git_tree *base,
                      git_oid *tree_out);

/* today_keep.c: what `today` lists kept per case and household as dates, in the
 * writer's transaction (household_save calls today_keep_household). setting: a change
 * of a setting the rules read marks every row to be built again; ready: built now if marked (its own
 * transaction), 0 when the kept rows can be read, else an error (derive instead). */
#define TODAY_NEVER "9999-12-31"   /* until of a row that holds from its start on */
#define TODAY_GONE "0000-00-00"    /* until of a kept rule task whose rule no longer applies */
/* fresh: a household saved for the first time (no rows of its own, no tasks yet);
 * cases: how many cases it has (0 for a fresh one: nothing to read for rule items) */
int today_keep_household(struct store *s, const char *id, int fresh, int cases);
/* the rule items (waiting since they were saved), flags and flag counters of the
 * households past rowid after, which an import or the demo adds (defer.c) */
/* Whether the kept rows read field f of a household or member (cases, visits, measures
 * and tasks aside): a change of any other field leaves them as they are. Keep it with
 * today_flag_condition (today_flags.c) and today_facts.c, which read them. */
int today_keep_reads(enum field_id f);
int today_keep_after(struct store *s, sqlite3_int64 after);
int today_keep_setting(struct store *s, const char *key);   /* stale if the rules read key */
int today_keep_ready(struct store *s);
int today_keep_build(struct store *s);
/* today_flags.c: the SQL condition on households h of a flag (dated: the 综合保障
 * measure's start compared with ?2, today) */
void today_flag_condition(int flag, int dated, struct buf *sql);

/* open.c: allocate a store on dir (confine.c's enum confine_use: why it is opened) */
int store_alloc(const char *dir, enum confine_use use, struct store **out);

/* verify_chain.c: refuse (STORE_EVERIFY) when the database records a commit for an event
 * past the branch's last: the history was moved back behind bangfu's back. */
int audit_check_rewound(struct store *s);
/* 1 when the branch's loose ref is the commit recorded last: not moved back, known
 * without libgit2 (0: not known, audit_check_rewound decides). */
int audit_tip_recorded(struct store *s);

/* household_set.c: check one field of h (member 0 = the household's) and set it in
 * memory, by the rules `bangfu set` applies; the household's own rules checked after. */
int household_apply_field(struct store *s, struct household *h, int member, const char *field,
                          const char *value);

/* history.c: the first and last second of day YYYY-MM-DD in local time (event times are
 * unix times); -1 if it is not a real date. */
int history_day_bounds(const char *date, long *start, long *end);
/* history.c: append the diff a commit made to the given paths, masked. */
int history_commit_patch(struct store *s, const char *commit, char **paths, size_t npaths,
                         struct buf *out);

#endif
