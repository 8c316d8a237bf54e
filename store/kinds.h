/* kinds.h — the kinds of record kept in the audit tree. Each kind names its path prefix,
 * how to render every row of it (for `audit verify`) and how to restore one file into the
 * database (for `rebuild`). A new kind of record is one entry in record_kinds (kinds.c):
 * verify and rebuild need no change. */
#ifndef STORE_KINDS_H
#define STORE_KINDS_H
#include "store/internal.h"

/* Receives one expected file: its path and canonical text. Returns 0 or a STORE_E*. */
typedef int (*kind_emit_fn)(void *ctx, const char *path, const char *text);

struct record_kind {
	const char *prefix;                 /* "households/" */
	/* Render every row of this kind and pass each file to emit. */
	int (*expect_all)(struct store *s, kind_emit_fn emit, void *ctx);
	/* Insert the row(s) of one audit file (rebuild, inside its transaction). */
	int (*restore)(struct store *s, const char *path, const char *text);
};

extern const struct record_kind record_kinds[];
extern const int record_kind_count;
const struct record_kind *kind_for_path(const char *path);

/* The kinds' functions, each in its entity's file. */
int households_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int households_restore(struct store *s, const char *path, const char *text);
/* The same, replacing a household already there; tag (not NULL): appended to the ids of
 * its cases and sub-records (an aggregate, store/aggregate.c). */
int households_restore_tagged(struct store *s, const char *path, const char *text, const char *tag);
/* Append "-TAG" to the ids of h's cases and sub-records and their case references. */
int aggregate_tag_ids(struct store *s, struct household *h, const char *tag);
int users_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int users_restore(struct store *s, const char *path, const char *text);
int settings_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int settings_restore(struct store *s, const char *path, const char *text);
/* Seed the SAMPLE settings (init). */
int settings_seed(struct store *s, const struct user *u, const char *year);

/* Pairing and tasks (units.c, teams.c, pairs.c, tasks.c). */
int units_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int units_restore(struct store *s, const char *path, const char *text);
int teams_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int teams_restore(struct store *s, const char *path, const char *text);
int pairs_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int pairs_restore(struct store *s, const char *path, const char *text);
int tasks_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int tasks_restore(struct store *s, const char *path, const char *text);

/* 百千万工程 yearly figures: indicators, village collective income (places.c). */
int figures_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int figures_restore(struct store *s, const char *path, const char *text);
/* The people of town teams (team_people.c). */
int people_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int people_restore(struct store *s, const char *path, const char *text);
/* Projects of the 百千万工程 (projects.c). */
int projects_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int projects_restore(struct store *s, const char *path, const char *text);

/* Access records: who revealed full ID numbers and phones (reveal.c). */
int access_expect_all(struct store *s, kind_emit_fn emit, void *ctx);
int access_restore(struct store *s, const char *path, const char *text);

/* Add a sub-record of kind k to household `key` as one audit event (measures.c): values
 * for cols, after check(); the new id into id_out. */
int add_subrec(struct store *s, const struct user *u, const char *key, enum subrec_kind k,
               const char *const *cols, const char *const *values, int n,
               int (*check)(struct store *, const struct household *, const char *const *),
               const char *verb, const char *why, char *id_out, size_t idn);

#endif
