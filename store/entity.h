/* entity.h — what the pairing and task files of the store share (units.c, teams.c,
 * pairs.c, tasks.c, task_change.c, today.c). A flat entity is described once — its table,
 * its audit directory, its id prefix, its field table (core/flatrec.h) and, field by field,
 * the database column it is stored in or the SQL expression that shows it — and
 * entity.c loads, inserts, renders, verifies and restores every such kind from that
 * description. Nothing outside store/ includes this. */
#ifndef STORE_ENTITY_H
#define STORE_ENTITY_H
#include "store/kinds.h"
#include "core/flatrec.h"
#include "core/pairing.h"
#include "core/task.h"
#include "core/tasks_rules.h"

/* One field's place in the database, parallel to the kind's flatrec table: the column
 * it is stored in (NULL for an FR_SHOWN field), or the SQL expression (over alias t)
 * that reads it when it is not simply t.<column>. */
struct entity_col { const char *column, *expr; };

struct entity_kind {
	const char *table;                 /* "units" */
	const char *dir;                   /* audit directory: "units" */
	const char *prefix;                /* id prefix: "U" */
	const char *what;                  /* for messages: "unit" */
	const struct flatrec_field *fields;
	const int *nfields;
	const struct entity_col *cols;     /* *nfields entries */
	size_t size;                       /* sizeof the record struct */
	/* Optional: fill shown fields no single SQL expression can (a team's member names). */
	int (*fill)(struct store *s, void *rec);
	/* Optional hooks of a kind whose file is more than its flat fields (a task with its
	 * log, a project with its milestones and money); NULL: the flat fields' way. */
	/* its file's text (NULL: flatrec_render) */
	void (*render)(const struct code_lists *l, const void *rec, struct buf *out);
	/* the whole record of id, for its file, when the row alone is not whole (NULL) */
	int (*load)(struct store *s, const char *id, void *rec);
	/* a file back into rec, zeroed (NULL: flatrec_parse); 0 or -1 with err */
	int (*parse)(const struct code_lists *l, const char *text, void *rec, char *err,
	             size_t errlen);
	/* insert a parsed record with its child rows (rebuild; NULL: entity_insert) */
	int (*insert)(struct store *s, void *rec);
	/* free what load or parse allocated inside rec (NULL: nothing) */
	void (*release)(void *rec);
};

extern const struct entity_kind entity_units, entity_teams, entity_pairs, entity_tasks,
                                 entity_figures, entity_people;

/* The next free id: prefix + 7 digits after the largest in use. */
int entity_next_id(struct store *s, const struct entity_kind *k, char *out, size_t n);
/* The audit path of id: DIR/NNNN/ID.txt, NNNN = the id's number / 1000, so no
 * directory holds more than 1000 files. */
void entity_path(const struct entity_kind *k, const char *id, char *out, size_t n);
/* Read one record by id into rec (zeroed first): STORE_ENOTFOUND naming the kind. */
int entity_load(struct store *s, const struct entity_kind *k, const char *id, void *rec);
/* Call fn for each record matching `where` (SQL over alias t, "1" for all; params bound
 * as text ?1, ?2, ... from params[0..nparams), NULL or "" bound as NULL) in `order` (SQL;
 * NULL = id order). fn returns non-zero to stop. */
int entity_each(struct store *s, const struct entity_kind *k, const char *where,
                const char *order, const char *const *params, int nparams,
                int (*fn)(void *ctx, void *rec), void *ctx);
/* Add a new record of a flat kind as one audit event "<what> add: <id>": allocate its
 * id (written into rec), insert the row, reload it (shown names) and write its file. */
int entity_add(struct store *s, const struct user *u, const struct entity_kind *k, void *rec,
               const char *why);
/* Begin an event whose subject is a new id of kind k (allocated inside the transaction
 * and written to id). */
int entity_begin_new(struct store *s, const struct user *u, const char *verb,
                     const struct entity_kind *k, char *id, size_t n, const char *why);
/* Set the subject of the open event (known only once the change is made). */
int entity_set_subject(struct store *s, const char *subject);
/* Insert rec's stored fields as a new row. */
int entity_insert(struct store *s, const struct entity_kind *k, const void *rec);
/* UPDATE the stored columns of rec (its id the first field) if its row is still at
 * `version` (then version + 1); a stale row is refused naming who changed it
 * (entity_stale). */
int entity_update(struct store *s, const struct entity_kind *k, const void *rec, long version);
/* Render rec (as loaded, with its shown names) and add its file to the open event. */
int entity_write_file(struct store *s, const struct entity_kind *k, const void *rec);
/* verify and rebuild of a flat kind (kinds.c entries call these through thin wrappers). */
int entity_expect_all(struct store *s, const struct entity_kind *k, kind_emit_fn emit, void *ctx);
int entity_restore(struct store *s, const struct entity_kind *k, const char *path, const char *text);

/* The refusal for a row that changed since version `version` was read: names who
 * changed it last, when and why (from the events touching path). */
int entity_stale(struct store *s, const char *path, const char *what, const char *id,
                 long version);
/* A LIKE pattern matching the region codes inside u's scope ("%" for the province, the
 * 4-digit prefix for a city). A pre-filter: callers still check access_in_scope. */
void entity_scope_like(const struct user *u, char *out, size_t n);

/* units.c: a unit by id or exact name (any region: units are shared reference data). */
int unit_resolve(struct store *s, const char *key, struct unit *out);
/* teams.c: a town by 9-digit code, or by name within the county of u's scope
 * (regions_place_resolve); code (16) and name. */
int town_resolve(struct store *s, const struct user *u, const char *key, char *code, char *name,
                 size_t namelen);
/* pairs.c: a pair u may see (its region, or a county pair's helper, in scope). */
int pair_visible_load(struct store *s, const struct user *u, const char *id, struct pair *out);
/* tasks.c: a task with its log; the new task or change written with its file. */
int task_load(struct store *s, const char *id, struct task *out);
/* store_task_get with the full texts, for changing the task (task_change.c); what
 * store.h hands out has its numbers masked (core/mask.h). */
int task_get(struct store *s, const struct user *u, const char *id, struct task *out);
int task_insert(struct store *s, struct task *t);
int task_append(struct store *s, struct task *t, const struct task_entry *e,
                const char *new_status);
void task_entry_now(struct task_entry *e, const char *login, const char *action,
                    const char *text);
/* task_change.c, for every change to a task (task_change.c, corrections_tasks.c): the
 * task as u may see it, refused as stale when expected_version (> 0) is not its version
 * (0, or an error with t freed); and the change written as one audit event
 * "task <action>: <id>" with reason why: `update` (may be NULL) saves the task's row
 * first, then the log entry (action, text) and the task's status `status`. */
int task_get_current(struct store *s, const struct user *u, const char *id,
                     long expected_version, struct task *t);
int task_log_change(struct store *s, const struct user *u, struct task *t, const char *action,
                    const char *text, const char *why, const char *status,
                    int (*update)(struct store *s, const struct task *t));

/* today_facts.c: an open case in scope as the task rules see it (read-only). */
struct case_source {
	char id[24], household[24], region[16];   /* region: the household's village */
	struct case_facts c;                      /* c.household points at h */
	struct household_facts h;                 /* h.measures points at measures */
	struct measure_fact *measures;
	struct rules_settings rules;              /* its county's settings */
};
/* household: that household's open cases (u unused), else those in u's scope. */
int today_cases(struct store *s, const struct user *u, const char *household,
                struct case_source **out, int *n);
/* The rule settings of a county ("" = the defaults). */
int today_settings(struct store *s, const char *county, struct rules_settings *r);
void today_cases_free(struct case_source *c, int n);
/* today_keep.c: the rule key of a rule task ("visit_due:C0000001:2026-03-10"). */
void today_rule_key(enum rule_task_kind kind, const char *case_id, const char *due,
                    char *out, size_t n);
/* today.c: keep the rule tasks of u's scope in step on date (a writer's run makes and
 * resolves them, one event); kept = 0: derive the rule items again from every open case
 * in scope and pass each to fn (kept = 1: today_list.c reads them from the kept rows). */
int today_rules_in_step(struct store *s, const struct user *u, const char *date, int kept,
                        int (*fn)(void *ctx, const struct today_item *it), void *ctx,
                        int *created, int *resolved);
/* today_list.c: the list's item of a rule item (days: how many days overdue). */
void today_rule_item(struct today_item *it, enum rule_task_kind kind, const char *due, long days,
                     const char *task, const char *owner, const char *status,
                     const char *household, const char *case_id);

#endif
