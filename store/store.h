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
#include "core/query.h"
#include "core/register.h"
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
void store_close(struct store *s);
const char *store_error(const struct store *s);
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
/* Set one field of a household (or of member `member` 1-based; 0 = household level)
 * to `value` (raw, normalised here), checking expected_version (0 = the current one). */
int store_household_set(struct store *s, const struct user *u, const char *key,
                        int member, const char *field, const char *value,
                        long expected_version, const char *why);

/* --- bulk --- */
struct import_result { int households_new, households_updated, members, rejected; };
/* Write the good households of a checked batch as one audit event, after checking it
 * against the database too (defects go to report, by line). Unless skip_bad, any defect
 * in the batch refuses the whole import and nothing is written. */
int store_import(struct store *s, const struct user *u, struct register_batch *b,
                 int skip_bad, const char *why, register_report_fn report, void *ctx,
                 struct import_result *res);
/* Generate n synthetic households from seed, as one audit event. */
int store_demo(struct store *s, const struct user *u, long n, unsigned long seed,
               struct import_result *res);

/* --- audit history --- */
/* Write every event not yet in git as one commit each (idempotent, under a lock). */
int store_flush(struct store *s);
/* Print the history (newest first) of everything, or of one household, to out. */
int store_audit_log(struct store *s, const struct user *u, const char *household,
                    long limit, FILE *out);
/* Prove HEAD's tree equals every row's canonical text and history holds events 1..N.
 * Differences are printed to report; returns STORE_EVERIFY if any. */
int store_audit_verify(struct store *s, FILE *report);
/* Make DIR/bangfu.db anew from the audit history alone (DIR must have no database). */
int store_rebuild(const char *dir, FILE *report);

#endif
