/* store.h — the one face of bangfu's persistence: SQLite for the working data, a bare
 * git repository (libgit2) for the audit history, kept in step by an outbox.
 *
 * Every function returns 0 on success or a negative STORE_E* code, and leaves a readable
 * message in store_error(s). Every read takes the calling user and returns only rows in
 * that user's region scope. Every write runs in one `BEGIN IMMEDIATE` transaction that
 * checks row versions and appends an event (who, when, why, the new canonical text of
 * each audit file), then the same process flushes the outbox into git. */
#ifndef STORE_STORE_H
#define STORE_STORE_H
#include "core/access.h"
#include "core/buf.h"
#include "core/model.h"
#include "core/pairing.h"
#include "core/query.h"
#include "core/register.h"
#include "core/task.h"
#include <stdio.h>

enum {
	STORE_OK = 0,
	STORE_EFAIL = -1,      /* I/O, SQLite or libgit2 failure */
	STORE_ENOTFOUND = -2,  /* no such row (in the caller's scope) */
	STORE_ESTALE = -3,     /* the row changed since it was read */
	STORE_EDENIED = -4,    /* role or scope forbids it */
	STORE_EINVAL = -5,     /* bad input (message names the field) */
	STORE_ENOUSER = -6,    /* the Unix user is not a bangfu user */
	STORE_EVERIFY = -7,    /* audit verify found differences */
};

struct store;

/* Open DIR (bangfu.db + audit.git), flush what a crash left behind. Refuses a missing
 * or foreign directory. On failure *out is still set so store_error() can be read;
 * close it with store_close(). */
int store_open(const char *dir, struct store **out);
/* Create DIR's database and audit repository; the calling Unix user becomes the first
 * administrator with province scope. Fails if DIR already holds a bangfu store. */
int store_init(const char *dir, struct store **out);
/* Frees s (NULL is fine) and waits for what store_expect_change started. */
void store_close(struct store *s);
/* The command will record a change (it was given --why): libgit2, which every change
 * needs for its audit commit, starts loading on a second thread now, while the store
 * opens and the change is made (docs/performance.md, "Edits"). */
void store_expect_change(void);
const char *store_error(const struct store *s);
/* Progress of the long operations (import, demo, the flush of a large event, verify,
 * rebuild, repack): fn is called often with `done` of `total` `unit`s ("households",
 * "files", "objects"; total 0 when not known), and once with unit NULL when the operation
 * ends. store/ never prints: the caller throttles and draws (tui/progress.c). */
struct store_progress {
	void (*fn)(void *ctx, const char *unit, long done, long total);
	void *ctx;
};
void store_set_progress(struct store *s, const struct store_progress *p);
/* Notices for the user, one a line, "" when none: something that went right in the end
 * (a change saved whose history will catch up, a stale lock removed). Cleared by
 * store_notices_clear once shown. */
const char *store_notices(const struct store *s);
void store_notices_clear(struct store *s);
/* Today's date (YYYY-MM-DD, local time); BANGFU_TODAY in the test-hooks build. */
const char *store_today(const struct store *s);

/* The bangfu user behind the real Unix user (getuid()); STORE_ENOUSER with "not a
 * bangfu user: ask an administrator" otherwise. */
int store_whoami(struct store *s, struct user *out);

/* --- users --- */
int store_user_add(struct store *s, const struct user *actor, const char *login,
                   const char *name, enum role role, const char *scope, const char *why);
/* Calls fn for every user, ordered by login. */
int store_user_list(struct store *s, const struct user *actor,
                    int (*fn)(void *ctx, const struct user *u), void *ctx);

/* --- settings (settings.c) --- */
int store_setting_get(struct store *s, const char *key, char *value, size_t n);
/* A numeric setting: key, else fallback_key, else fallback. */
double store_setting_number(struct store *s, const char *key, const char *fallback_key,
                            double fallback);
int store_setting_list(struct store *s, int (*fn)(void *ctx, const char *key, const char *value),
                       void *ctx);
/* The code tables in effect (shipped + entries added by settings), read again first if
 * another process has changed the database since. Valid until the next store call. */
const struct code_lists *store_code_lists(struct store *s);
/* Administrators only, whose scope holds the setting's region (a county for
 * visit_interval.CCCCCC, else the province: docs/security.md "Scope"); the key must be a
 * known one and the value a positive number, or for a list entry (category.CODE,
 * risk.CODE, warning_kind.CODE) a new entry's label. */
int store_setting_set(struct store *s, const struct user *u, const char *key, const char *value,
                      const char *why);
/* 1 when the town or village `code` is kept only for old history: not in the shipped
 * 2023 codes, nor added by a place.CODE setting (store/regions_store.c). */
int store_region_retired(struct store *s, const char *code);
/* regions_describe, also naming a place an administrator added (place.CODE). */
void store_place_describe(struct store *s, const char *code, char *out, size_t n);

/* --- households --- */
/* Find a household by bangfu id, national 户编号 or any member's ID number. */
int store_household_find(struct store *s, const struct user *u, const char *key,
                         struct household *out);
/* Calls fn for every household in scope matching q, in register order (county, town,
 * village, 户编号), reading `after` exclusive (keyset paging; NULL from the start) up to
 * `limit` rows (0 = all). fn returns non-zero to stop. */
int store_household_list(struct store *s, const struct user *u, const struct query *q,
                         const char *after, long limit,
                         int (*fn)(void *ctx, const struct household *h), void *ctx);
/* The same, reading from `from` (exclusive) backwards when descending: the households
 * before it, nearest first (a backward search is one query, not a scan from the top). */
int store_household_list_dir(struct store *s, const struct user *u, const struct query *q,
                             const char *from, long limit, int descending,
                             int (*fn)(void *ctx, const struct household *h), void *ctx);
/* store_household_list_dir for list rows: each household with its members and cases
 * only (no visits, measures, steps or warnings): 3 indexed reads a row instead of 7. */
int store_household_rows(struct store *s, const struct user *u, const struct query *q,
                         const char *from, long limit, int descending,
                         int (*fn)(void *ctx, const struct household *h), void *ctx);
/* Which sub-record kinds a list reads beside members and cases: a mask of STORE_SUB(kind). */
#define STORE_SUB(kind) (1u << (kind))
#define STORE_SUBS_ALL ((1u << SUB_COUNT) - 1)
/* store_household_list over every match of q with only the sub-records in `subs` (an
 * export of cases reads none, of measures only the measures). */
int store_household_list_parts(struct store *s, const struct user *u, const struct query *q,
                               unsigned subs, int (*fn)(void *ctx, const struct household *h),
                               void *ctx);
/* The ids and register keys (county \1 town \1 village \1 户编号) of the first `max`
 * households matching q in u's scope, in register order, without loading them (a
 * search's result, walked by the UI's n / N). fn returns non-zero to stop; it must not
 * call the store. A search term matching many households (see search_dense) gives
 * nothing and sets *many: the caller asks for each next match instead. */
int store_household_keys(struct store *s, const struct user *u, const struct query *q,
                         long max, int (*fn)(void *ctx, const char *id, const char *key),
                         void *ctx, int *many);
/* How many households in scope match q (and, with `before`, precede that household in
 * register order), counting at most max (0: all) into *n: the UI's "row N of M". */
int store_household_count(struct store *s, const struct user *u, const struct query *q,
                          const char *before, long max, long *n);
/* Set one field of a household (or of member `member` 1-based; 0 = household level)
 * to `value` (raw, normalised here), checking expected_version (0 = the current one). */
int store_household_set(struct store *s, const struct user *u, const char *key,
                        int member, const char *field, const char *value,
                        long expected_version, const char *why);

/* --- masked by default, reveal recorded (reveal.c, core/mask.h) ---
 * Every household, case and pair handed out above and below has its ID numbers and
 * phones masked (4418**********1008, 138****8000), also in history diffs and the audit
 * log. Full values only through these two, which refuse roles that may not reveal
 * (mask_may_reveal), need a reason, and first commit an access record (an audit event,
 * verb "reveal", with the file access/YYYY-MM/E<event>.txt naming the households). */
int store_household_reveal(struct store *s, const struct user *u, const char *key,
                           const char *why, struct household *out);
/* 0 when u's role may reveal at all, else its refusal (asked before a reason is). */
int store_may_reveal(struct store *s, const struct user *u);
/* As store_household_list_parts over every match of q, with one access record naming
 * them all (then exactly those are handed out, in full). */
int store_export_reveal(struct store *s, const struct user *u, const struct query *q,
                        const char *why, unsigned subs,
                        int (*fn)(void *ctx, const struct household *h), void *ctx);
struct reveal_entry {
	long event;
	char date[16], time[16], login[64], name[128], role[24], what[24];
	const char *why;          /* valid during the callback */
	long households;          /* how many the record names */
	const char *in_scope;     /* those of them in the reader's scope (up to 20), space separated */
};
/* Access records naming a household in u's scope (auditors and administrators), oldest
 * first; since (YYYY-MM-DD) and login may be NULL. */
int store_reveal_list(struct store *s, const struct user *u, const char *since, const char *login,
                      int (*fn)(void *ctx, const struct reveal_entry *e), void *ctx);

/* --- the monitoring procedure (cases.c), measures and visits (measures.c) --- */
struct case_facts;
struct household_facts;
struct measure_fact;
struct move_input;
struct case_open { const char *category, *source, *risks, *disaster, *note, *date; };
/* Open a case (a lead) on a household; the new case id goes to case_id. Every reason
 * for a refusal is listed in the message (STORE_EDENIED). */
int store_case_open(struct store *s, const struct user *u, const char *household,
                    const struct case_open *o, const char *why, char *case_id, size_t n);
/* Take step `step` (core/workflow.c's names: visit, check, village_review, ...) on a
 * case; in->today is filled here. remark_risks: the new risks when re-marking. A line
 * describing what happened goes to result. */
int store_case_move(struct store *s, const struct user *u, const char *case_id, const char *step,
                    struct move_input *in, const char *remark_risks, char *result, size_t n);
/* Load the household holding case_id (in scope) and the case's index in it. */
int store_case_find(struct store *s, const struct user *u, const char *case_id,
                    struct household *h, int *index);
/* The facts of case ci of h for core/workflow.c and core/rules.c, as of a date. */
int store_case_facts(struct store *s, const struct household *h, int ci, const char *as_of,
                     struct case_facts *f, struct household_facts *hf, struct measure_fact *mf,
                     int max);
/* Cases waiting for the user's role in scope (admin: all open steps), oldest first. */
int store_case_queue(struct store *s, const struct user *u,
                     int (*fn)(void *ctx, const struct household *h, int case_index), void *ctx);

struct measure_input { const char *group, *detail, *start, *end, *amount, *responsible; };
struct visit_input { const char *date, *visitor, *method, *findings, *follow_up; };
int store_measure_add(struct store *s, const struct user *u, const char *household,
                      const struct measure_input *m, const char *why, char *id, size_t n);
int store_visit_add(struct store *s, const struct user *u, const char *household,
                    const struct visit_input *v, const char *why, char *id, size_t n);
/* An income assessment (收入核算, core/income.h): year YYYY, the day assessed (default
 * today), months counted (default 12), each line in yuan ("" = 0); the per-capita net
 * income is computed from them and the household's size now, and kept with them. */
struct income_input { const char *year, *assessed, *months, *lines[6]; };
int store_income_add(struct store *s, const struct user *u, const char *household,
                     const struct income_input *in, const char *why, char *id, size_t n);

/* --- corrections (corrections*.c, users.c, history.c; docs/casework.md "Corrections") ---
 * Each is one audit event with a reason, under the role and scope rules of the matching
 * add verb; a record outside the caller's scope is refused as a missing one.
 * expected_version > 0 refuses the change if the record (the household, for measures,
 * visits and members) is no longer at that version. */
/* Change the given (non-NULL) fields of measure / visit `id`, checked as on add. */
int store_measure_edit(struct store *s, const struct user *u, const char *id,
                       const struct measure_input *m, long expected_version, const char *why);
/* End measure `id` on `end` (NULL or "" = today). */
int store_measure_end(struct store *s, const struct user *u, const char *id, const char *end,
                      long expected_version, const char *why);
int store_visit_edit(struct store *s, const struct user *u, const char *id,
                     const struct visit_input *v, long expected_version, const char *why);
/* Members (户 changes). kind: birth, death, marriage, moved_in, moved_out, correction (or
 * their Chinese labels), recorded at the head of the reason. fields: FIELD=VALUE, as
 * `set` takes them; member: 1-based. A move takes the member to household `to` with
 * her relation to its head, one event on both files. */
int store_member_add(struct store *s, const struct user *u, const char *household,
                     const char *const *fields, int n, const char *kind, long expected_version,
                     const char *why);
int store_member_remove(struct store *s, const struct user *u, const char *household, int member,
                        const char *kind, long expected_version, const char *why);
int store_member_move(struct store *s, const struct user *u, const char *household, int member,
                      const char *to, const char *relation, const char *kind,
                      long expected_version, const char *why);
/* A household added outside a CSV, in village `village` (12-digit code, in scope), with
 * FIELD=VALUE fields (household ones, and its head's: 户编号, 姓名 and 证件号码 required);
 * more members with store_member_add. Its new id goes to id. */
int store_household_add(struct store *s, const struct user *u, const char *village,
                        const char *const *fields, int n, const char *why, char *id, size_t idn);
/* Tasks: action "assign" (value: the new owner's login) or "due" (a date, "" = none). */
int store_task_correct(struct store *s, const struct user *u, const char *id, const char *action,
                       const char *value, long expected_version, const char *why);
/* The same checks without writing, so a form refuses before asking more: whether u may
 * change task id at all (value NULL), or also to that value. 0 or the refusal. */
int store_task_correct_check(struct store *s, const struct user *u, const char *id,
                             const char *action, const char *value);
/* Users (administrators, the user in their scope): NULL fields are kept; disable > 0 marks
 * the user disabled today: store_whoami refuses her from then on, her history stays;
 * disable < 0 enables a disabled user again. */
struct user_change { const char *name, *role, *scope; int disable; };
int store_user_change(struct store *s, const struct user *actor, const char *login,
                      const struct user_change *c, long expected_version, const char *why);
/* Units, teams, pairs (kind "unit", "team", "pair"): FIELD=VALUE changes (unit: name kind;
 * team: leader round start end; pair: programme round start end phone), or with end
 * non-NULL (teams and pairs) the end date ("" = today). Who may add one there may. */
int store_pairing_correct(struct store *s, const struct user *u, const char *kind, const char *id,
                          const char *const *fields, int n, const char *end,
                          long expected_version, const char *why);
/* The household's audit file as it stood at the end of `date` (its last commit on or
 * before that day, read from git), masked, into out; the commit id into commit. */
int store_household_as_of(struct store *s, const struct user *u, const char *household,
                          const char *date, struct buf *out, char *commit, size_t n);

/* --- department warnings (warnings.c) --- */
struct warning_row;
/* What became of one warning row: the caller words it in the user's language. */
enum warning_outcome {
	WARNING_UNMATCHED,   /* no household in the user's scope holds the ID number */
	WARNING_ALREADY,     /* imported before (household) */
	WARNING_ATTACHED,    /* attached to the open case (case_id) of household */
	WARNING_OPENED,      /* opened the lead case_id on household, its clock from the row's date */
};
struct warning_result {
	enum warning_outcome what;
	char household[32], case_id[16];
};
/* Match checked warning rows to the register (see warnings.c); result() is told what
 * became of each row; *changed counts the warnings stored. One audit event. */
int store_import_warnings(struct store *s, const struct user *u, const struct warning_row *rows,
                          int n, const char *why,
                          void (*result)(void *ctx, const struct warning_row *w,
                                         const struct warning_result *r),
                          void *ctx, int *changed);

/* --- bulk --- */
struct import_result {
	int households_new, households_updated;
	int households_unchanged;   /* already as the file says: not written */
	int members, rejected;      /* people in the households written; households refused */
	int incomes;                /* income assessments made from 家庭人均纯收入 (income_year) */
	int done, total;            /* households written so far, of (progress) */
};
/* Write the good households of a checked batch as one audit event, after checking it
 * against the database too (defects go to report, by line). Unless skip_bad, any defect
 * in the batch refuses the whole import and nothing is written. */
int store_import(struct store *s, const struct user *u, struct register_batch *b,
                 int skip_bad, const char *why, register_report_fn report, void *ctx,
                 struct import_result *res);
/* The same for a file read in pieces (register_stream): store_import_begin (res->rejected
 * kept; the subject is replaced at the end), store_import_check on every piece (the
 * administrator's right, the income years, the database: defects to report, marked in
 * b->bad and counted in b->defects; returns 0 or a STORE_E* code), then, only if the
 * whole file was accepted, store_import_write for every piece again (its good
 * households; the pieces are written in one transaction, so that a failure or crash
 * leaves nothing: on an error it has rolled back) and store_import_end (one audit event;
 * none when nothing changed), or store_import_abort. Into an empty register
 * (store_import_fresh) each piece may be written as soon as it is checked, the checks
 * made through store_import_checker (a store of its own, which one thread may use
 * while another writes through s: store/register_ahead.c). */
int store_import_check(struct store *s, const struct user *u, struct register_batch *b,
                       register_report_fn report, void *ctx);
int store_import_begin(struct store *s, const struct user *u, int households, const char *why,
                       struct import_result *res);
int store_import_write(struct store *s, struct register_batch *b, register_report_fn report,
                       void *ctx, struct import_result *res);
int store_import_end(struct store *s, struct import_result *res);
/* Give up an import begun: nothing of it is written. */
void store_import_abort(struct store *s);
/* 1 when the import begun on s writes into a register that held no household when it
 * began: no household of the file can merge into one registered before, so the file
 * may be checked and written in one pass (store_import_checker), each piece written
 * once checked and the whole rolled back at the first defect. */
int store_import_fresh(const struct store *s);
/* A second connection to s's database, for store_import_check while s's import is
 * open: it sees the database as it was before the import (the write transaction is not
 * committed), as a check pass before the write would. Closed with store_close. The
 * import's page cache is made smaller meanwhile: the one pass also holds what the check
 * keeps of the whole file. */
int store_import_checker(struct store *s, struct store **out);
/* Generate n synthetic households from seed, as one audit event. */
int store_demo(struct store *s, const struct user *u, long n, unsigned long seed,
               struct import_result *res);

/* --- audit history --- */
/* Write every event not yet in git as one commit each (idempotent, under a lock). */
int store_flush(struct store *s);
/* Print the history (newest first) of everything, or of one household, to out: only
 * events with a file in u's scope, naming only those files (store/event_scope.c); with
 * patch, each change's masked diff too, of those files only (of the household's, when
 * one is named). */
int store_audit_log(struct store *s, const struct user *u, const char *household,
                    long limit, int patch, FILE *out);
/* The same, only events from day since through day until (YYYY-MM-DD, local time; either
 * may be NULL). */
int store_audit_log_range(struct store *s, const struct user *u, const char *household,
                          const char *since, const char *until, long limit, int patch, FILE *out);
/* Prove HEAD's tree equals every row's canonical text, and walk every commit from the
 * root against its event (quick: only that history holds events 1..N once each); with
 * head ("N:ID", from store_audit_head) check that event N's commit is still ID, and with
 * against (a mirror: path, file:// or ssh:// URL) that the local history extends the
 * mirror's. Differences are printed to report, naming the first event where they part;
 * returns STORE_EVERIFY if any. */
struct verify_opts { int quick; const char *head, *against; };
int store_audit_verify(struct store *s, const struct verify_opts *o, FILE *report);
/* --- the outside witness (mirror.c) --- */
/* "bangfu-head N:ID": HEAD's event and commit id, a line to write down or send away. */
int store_audit_head(struct store *s, char *out, size_t n);
/* Push main to a mirror (no force: refused unless the mirror's main is in our history). */
int store_audit_push(struct store *s, const char *remote, FILE *report);
/* Make a bare repository at path that refuses non-fast-forward updates and deletions. */
int store_mirror_init(struct store *s, const char *path, FILE *report);
/* Make DIR/bangfu.db anew from the audit history alone (DIR must have no database);
 * progress (NULL: none) hears of the files restored. */
int store_rebuild(const char *dir, FILE *report, const struct store_progress *progress);

/* Fetch each county's history (remotes: paths, file:// or ssh:// URLs of a county's
 * audit.git or its mirror; none: every county recorded) into DIR/audit.git as
 * refs/counties/NAME and apply its commits after the last applied to DIR/bangfu.db, a
 * read-only aggregate (store/aggregate.c, docs/aggregate.md). All or nothing. */
int store_aggregate(const char *dir, char *const *remotes, int n, FILE *report,
                    const struct store_progress *progress);

/* --- a shared server (confine.c, doctor.c; docs/security.md) --- */
/* 1 when bangfu runs setgid (its group is not the caller's): it then opens only the data
 * directories listed in store_conf_path(), and only root runs init, rebuild and demo. */
int store_shared(void);
const char *store_conf_path(void);
/* The first data directory of the conf file on a shared install; -1 elsewhere. */
int store_default_dir(char *out, size_t n);
/* Report every problem with a shared install to out (the binary, the conf file, each
 * data directory and its files, the bangfu group's members); 1 if any, else 0. */
int store_doctor(FILE *out);
/* Pack the history (administrators): everything reachable into one new pack, then the
 * loose objects and older packs it holds are removed (repack.c). */
struct repack_result {
	size_t objects;           /* in the new pack */
	char pack[64];            /* its name, pack-<hash> */
	long loose_removed, loose_kept, packs_removed;
};
int store_audit_repack(struct store *s, const struct user *u, struct repack_result *out);
/* `audit relayout`: every household's file moved to the village layout of the history
 * (households/COUNTY/TOWN/VILLAGE/ID.txt) as one event, province administrators only;
 * refused when the history is in it already (relayout.c). *moved: the households. */
int store_audit_relayout(struct store *s, const struct user *u, const char *why, long *moved);

/* --- for the terminal UI: paging backwards, history, dashboard --- */
/* browse.c: the bangfu id of the household n places (n >= 1) before `before` (NULL: the
 * end) in register order within u's scope, ignoring any query, into out; "" when fewer
 * than n households precede it. A list reads the page before a row by reading forwards
 * with store_household_list from that id (keyset paging in both directions). */
int store_household_seek_back(struct store *s, const struct user *u, const char *before,
                              long n, char *out, size_t outlen);
/* browse.c: settings for a long interactive session (the UI): map the database file so
 * repeated scans read from the shared page cache. */
int store_browse_tune(struct store *s);
/* SQLite's PRAGMA data_version: it changes when another process commits (not on this
 * store's own commits); -1 if it cannot be read. The UI polls it when idle. */
long store_data_version(struct store *s);

/* history.c: one change to a household, as store_history_list passes it. */
struct history_entry {
	long event;               /* the event id (Bangfu-Event trailer) */
	char commit[41];          /* its git commit, "" while not yet flushed */
	long at;                  /* unix time */
	char login[64], name[128], verb[32], subject[64];
	const char *why;          /* valid during the callback */
	long files;               /* how many of its audit files lie in u's scope; -1 from
	                           * store_history_list (not counted: store_history_files) */
	char what[128];           /* the fields, step or record it changed (家庭住址, 入户核实), or
	                           * "" when that is not known: verb and subject say it */
	char household[24];       /* store_recent_list: the household whose file it changed */
};
/* The changes to a household (found as store_household_find does, in u's scope), newest
 * first, at most limit (0 = all). fn returns non-zero to stop. */
int store_history_list(struct store *s, const struct user *u, const char *household,
                       long limit, int (*fn)(void *ctx, const struct history_entry *e),
                       void *ctx);
/* How many of event's files lie in u's scope (store_history_list leaves them uncounted:
 * at 1M an import, the demo or a relayout is one event of a million files or two, in
 * every household's history, and counting them was most of the list's time). */
int store_history_files(struct store *s, const struct user *u, long event, long *files);
/* The changes of every kind in u's scope (the events store_audit_log lists, scoped by
 * store/event_scope.c) made at or after unix time `since`, newest first, at most limit
 * (0 = all); a change to one household's file says what it changed and names it. */
int store_recent_list(struct store *s, const struct user *u, long since, long limit,
                      int (*fn)(void *ctx, const struct history_entry *e), void *ctx);
/* Append to out the unified diff that commit made to the household's audit file
 * (read from the git repository; empty if the commit did not touch it). */
int store_history_diff(struct store *s, const struct user *u, const char *household,
                       const char *commit, struct buf *out);

/* stats.c: households in u's scope counted by the state or category of their latest
 * case (as the `state:`/`category:` query terms see it), by county or by household type;
 * fn(code, count) is called largest first, code "" for none. */
enum stats_dim { STATS_STATE, STATS_CATEGORY, STATS_COUNTY, STATS_TYPE };

/* report.c: the tables of `bangfu report`, each cut to the caller's scope. Table i's
 * name, title and columns (number: a count or amount) from store_report_table (-1 past
 * the last); store_report calls fn with each row's values, codes as Chinese labels. */
#define REPORT_MAX_COLS 8
struct report_col { const char *name, *title; int number; };
struct report_table { const char *name, *title; const struct report_col *cols; int ncols; };
int store_report_table(int i, const struct report_table **out);
int store_report(struct store *s, const struct user *u, int table,
                 int (*fn)(void *ctx, const char *const *values), void *ctx);
int store_stats(struct store *s, const struct user *u, enum stats_dim dim,
                int (*fn)(void *ctx, const char *code, long count), void *ctx);

/* --- pairing assistance (结对帮扶): units.c, teams.c, pairs.c; docs/pairing.md --- */
/* Add a unit (in: name, kind code or label, region; "" = your scope); its new id is
 * written to in->id. Administrators and county approvers, inside their scope. */
int store_unit_add(struct store *s, const struct user *u, struct unit *in, const char *why);
/* Every unit (units are shared reference data), of `kind` if given, whose name contains
 * `match` (or whose id it is) if given; in id order. */
int store_unit_list(struct store *s, const struct user *u, const char *kind, const char *match,
                    int (*fn)(void *ctx, const struct unit *unit), void *ctx);
/* Add a town team (in: town code or name, lead unit and member units as ids or names,
 * leader, round, start, end). The region is the town. */
int store_team_add(struct store *s, const struct user *u, struct team *in, const char *why);
/* Teams in scope (of one town, code or name, if given), by town and start. */
int store_team_list(struct store *s, const struct user *u, const char *town,
                    int (*fn)(void *ctx, const struct team *t), void *ctx);
/* Add a pair. county: helper a city/district code or name or a unit, helped a county code
 * or name, programme (default assistance), round, start/end (years allowed). cadre:
 * helper the cadre's name, helped a household (id, 户编号 or ID number), unit, phone,
 * start (default today), end. */
int store_pair_add(struct store *s, const struct user *u, struct pair *in, const char *why);
/* Add a person to town team in->team (name, unit id or name, role 队长/队员 (default
 * 队员), phone, start (default today), end, login of a bangfu user or ""): as for adding
 * the team. Her id into in->id. */
int store_person_add(struct store *s, const struct user *u, struct team_person *in, const char *why);
/* Import people of town teams (import team_people), all or nothing, as ONE audit event
 * "import: N team people" with why: a row without id adds a person (checked as
 * store_person_add does); a row with an id must read as that person does (a masked or
 * empty phone matches hers), else it is a defect (`person edit` changes people). Every
 * defect goes to report by lines[i]; *added the people added (0: no event). */
int store_person_import(struct store *s, const struct user *u, struct team_person *rows,
                        const long *lines, int n, const char *why, register_report_fn report,
                        void *ctx, int *added);
/* The people of the teams in scope (of one team if given), phones masked. */
int store_person_list(struct store *s, const struct user *u, const char *team,
                      int (*fn)(void *ctx, const struct team_person *p), void *ctx);
/* Pairs in scope (county pairs also from the helper's side), of `kind` and of one
 * household if given. */
int store_pair_list(struct store *s, const struct user *u, const char *kind, const char *household,
                    int (*fn)(void *ctx, const struct pair *p), void *ctx);

/* --- 百千万工程 places: places.c; docs/baiqianwan.md --- */
#include "core/places.h"
/* The track of county `code` (创先 / 进位 / 消薄, from the setting track.CCCCCC), or
 * PLACES_UNCLASSIFIED (未分类) when none is set, into buf. */
int store_county_track(struct store *s, const char *code, char *buf, size_t len);
/* The weak-village line (setting weak_village_line, else PLACES_WEAK_LINE_SAMPLE). */
int store_weak_line(struct store *s, char *buf, size_t len);
/* Set the target and/or actual (NULL = leave as is) of place's figure of `kind` in `year`
 * (a county by code or name, or a village's 12-digit code; the figure is added the first
 * time): one audit event "figure set: F0000001" with why; the figure as now stored into
 * out. Administrators and county approvers whose scope holds the place. */
int store_figure_set(struct store *s, const struct user *u, const char *place, const char *year,
                     const char *kind, const char *target, const char *actual, const char *why,
                     struct figure *out);
/* One row of an indicators sheet (import indicators): cells as the file has them ("" =
 * empty: leave that value as is). */
struct figure_row { long line; const char *place, *year, *kind, *target, *actual; };
/* Set the figures of rows[0..n) as ONE audit event "import: N figures" with why, all or
 * nothing: every defect (an unknown place or kind, a bad value, a place outside u's scope,
 * a row repeating another's place, year and kind) is reported by line and nothing is
 * written. Rows already as stored are not written; *written the figures added or changed
 * (0: no event). Administrators and county approvers whose scope holds every place. */
int store_figure_import(struct store *s, const struct user *u, const struct figure_row *rows,
                        int n, const char *why, register_report_fn report, void *ctx, int *written);
/* Figures in scope, of a place (a county by name, or a code prefix), year and kind if
 * given, by place, year and kind. */
int store_figure_list(struct store *s, const struct user *u, const char *place, const char *year,
                      const char *kind, int (*fn)(void *ctx, const struct figure *f), void *ctx);

/* --- tasks: tasks.c, task_change.c, today.c --- */
/* Add a task (in: title, kind, owner ("" = you), due, and what it concerns: household
 * (any key), case, town (code or name), pair). Writes the new id into in->id; the caller
 * frees in with task_free. */
int store_task_add(struct store *s, const struct user *u, struct task *in, const char *why);
/* One task with its log, if in scope (free with task_free). */
int store_task_get(struct store *s, const struct user *u, const char *id, struct task *out);
struct task_filter {
	const char *owner;        /* a login, or NULL for everyone's */
	const char *status;       /* a status code, "all", or NULL for open and in progress */
	const char *household;    /* any household key, or NULL */
	const char *unlisted_on;  /* a date, or NULL; with owner and no status: leave out her rule
	                           * tasks that the kept rule items of her scope list that day */
};
/* Tasks in scope matching f (NULL = all still to do), soonest due first (no due date
 * last). The tasks passed to fn carry no log. */
int store_task_list(struct store *s, const struct user *u, const struct task_filter *f,
                    int (*fn)(void *ctx, const struct task *t), void *ctx);
/* Change a task: action start, done, cancel (text = the reason) or comment (text = the
 * comment, which is also the event's reason). expected_version > 0 refuses the change if
 * the task is no longer at that version. */
int store_task_change(struct store *s, const struct user *u, const char *id, const char *action,
                      const char *text, long expected_version);

/* What `bangfu today` lists: a task of the user's, or a rule-derived item in her scope
 * (task = "" when it is not kept as a task, e.g. for an auditor). */
struct today_item {
	char due[11];
	long days_overdue;        /* > 0 overdue, <= 0 days left */
	char kind[24];            /* task kind code */
	char rule[16];            /* lead_limit, visit_due, dev_measure, milestone; "" for a plain task */
	char task[16], owner[64], status[16];
	char household[24], case_id[24];
	char project[16];         /* an overdue project milestone (rule "milestone") */
	char title[256];
};
#define TODAY_WHAT_MAX 12
struct today_summary {
	int created, resolved;    /* rule tasks made / resolved by this run (one event) */
	int later;                /* the user's own open tasks not due soon (or undated) */
	int listed;               /* every item, also those after a caller that stopped */
	/* the items by what they are, as the list's column shows it (the rule: visit_due,
	 * lead_limit, dev_measure, milestone; else the task's kind), in the order first met
	 * (with a first page: the rules first); past TODAY_WHAT_MAX kinds the rest count in
	 * the last */
	struct today_what { char what[24]; int n, overdue; } by[TODAY_WHAT_MAX];
	int nby;
};
/* List the user's overdue and due-soon items, most urgent first; keep rule tasks in
 * step first (see today.c). fn returning non-zero stops the list: the rest is only
 * counted into sum (listed, by). first > 0: the caller stops after that many (a page),
 * so the rule items are read only that far and counted from counts kept with them. */
int store_today_list(struct store *s, const struct user *u, long first,
                     int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                     struct today_summary *sum);
/* on = 1: store_today_list and store_today_flags derive everything again from the cases
 * and households in scope and write nothing (`today --derive`: what the kept rows of
 * store/today_keep.c must equal). */
void store_today_derive(struct store *s, int on);


/* --- projects (项目) of the 百千万工程: projects.c, project_change.c, project_import.c,
 * board.c; docs/projects.md (branch bqwprojects) --- */
#include "core/project.h"
/* Add a project (in: title, place as a county/town/village code or unique name, kind and
 * group as code or label, unit as id or name, person, pair id, programme, status (""
 * = planned), tasks (ids joined by ','), milestones and money already set with
 * core/project.h). The place must lie in u's scope; u must be able to write. Writes the
 * new id into in->id. */
int store_project_add(struct store *s, const struct user *u, struct project *in, const char *why);
/* One project in scope (masked), with its shown names. */
int store_project_get(struct store *s, const struct user *u, const char *id, struct project *out);
struct project_filter {
	const char *status;       /* a status code or label, "all"/NULL = every status */
	const char *kind, *group; /* code or label */
	const char *match;        /* title, id or place name contains it */
	int overdue;              /* only projects with an overdue milestone */
};
/* Projects in scope, by place then id; fn returns non-zero to stop. */
int store_project_list(struct store *s, const struct user *u, const struct project_filter *f,
                       int (*fn)(void *ctx, const struct project *p), void *ctx);
/* Change one project as one audit event "project VERB: ID" with reason why (required):
 * edit gets the project as it is inside the write transaction and changes it (0, or -1
 * with the reason in err); the store then resolves and checks it as store_project_add
 * does. */
typedef int (*project_edit_fn)(void *ctx, struct project *p, const char *today, char *err,
                               size_t errlen);
int store_project_change(struct store *s, const struct user *u, const char *id, const char *verb,
                         project_edit_fn edit, void *ctx, const char *why);
/* The projects sheet (project_import.c): what `export projects` writes and `import
 * projects` reads, one row per project and year of money. PS_* index its columns;
 * place_name, level and overdue are written for readers and ignored on import. */
enum project_sheet_col {
	PS_ID, PS_TITLE, PS_PLACE, PS_PLACE_NAME, PS_LEVEL, PS_KIND, PS_GROUP, PS_UNIT, PS_PERSON,
	PS_PAIR, PS_PROGRAMME, PS_STATUS, PS_TASKS, PS_YEAR, PS_PLANNED, PS_ALLOCATED, PS_SPENT,
	PS_MS_FIRST, /* planned and actual date of 立项, 开工, 完工, 验收: 8 columns */
	PS_OVERDUE = PS_MS_FIRST + 8, PS_COUNT
};
extern const struct report_col project_sheet_cols[PS_COUNT];
/* One row of the sheet as read: v[PS_*] (NULL for a column the file lacks). */
struct project_row { long line; const char *v[PS_COUNT]; };
/* Import rows: a row without a project id adds a project, a row with one updates it
 * (non-empty cells replace, money of its year, milestone dates). Every row is checked
 * and each problem passed to report (its line, the PS_* column it is about or -1 for
 * none, the reason); one problem refuses the whole file. Else all rows are one audit
 * event "project import" with reason why; *added and *updated count the projects. */
int store_project_import(struct store *s, const struct user *u, const struct project_row *rows,
                         int nrows, const char *why,
                         void (*report)(void *ctx, long line, int col, const char *msg),
                         void *ctx, int *added, int *updated);
/* The sheet's row(s) of project p (as read, masked): one per year of money, or one if
 * none; fn gets each row's PS_COUNT values and returns non-zero to stop. */
int project_sheet_rows(const struct project *p, const char *today,
                       int (*fn)(void *ctx, const char *const *v), void *ctx);

/* board.c: the 百千万 board — per county, per track or per programme — households
 * monitored, cases by state, projects by status, money planned and spent, overdue
 * milestones, this year's county indicators reached / with a target; cut to u's scope. by: "county", "track" or "programme"; name: one
 * county (code or name), track (创先/进位/消薄/未分类) or programme (code or label), or
 * NULL for all. fn gets each row's values as board_cols names them; the last, code,
 * is the county's code (or the track's, the programme's code) — what the UI opens. */
#define BOARD_COLS 14
extern const struct report_col board_cols[BOARD_COLS];
int store_board(struct store *s, const struct user *u, const char *by, const char *name,
                int (*fn)(void *ctx, const char *const *values), void *ctx);
#include "core/rules.h"
/* The household flags in the user's scope (store/today_flags.c): per flag how many
 * households have it and the first TODAY_FLAG_FIRST of them by id. */
enum { TODAY_FLAG_NO_SOCIAL = RULES_FLAG_NO_SOCIAL, TODAY_FLAG_NO_CADRE = RULES_FLAG_NO_CADRE,
       TODAY_FLAG_WORKPLACE = RULES_FLAG_WORKPLACE, TODAY_FLAG_COUNT = RULES_FLAG_COUNT };
#define TODAY_FLAG_FIRST 5
struct today_flag {
	int flag;                 /* enum rules_flag (core/rules.h): rules_flag_counted shows it */
	const char *code;         /* stable name for scripts: no_social_security, no_cadre, no_work_place */
	const char *title;        /* the Chinese term (rules_flag_title): data, for exports */
	long count;
	char first[TODAY_FLAG_FIRST][24];
	int nfirst;
};
int store_today_flags(struct store *s, const struct user *u, struct today_flag out[TODAY_FLAG_COUNT]);

#endif
