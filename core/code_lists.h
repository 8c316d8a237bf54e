/* code_lists.h — the code tables in effect for one deployment. Nine lists may be
 * extended by an administrator: monitoring categories, risks, department warning kinds,
 * the departments that send warnings (and take referrals), visit methods and sources of
 * a case, task kinds, unit kinds, pairing programmes, county indicator kinds, project kinds
 * and working groups, through the settings category.CODE, risk.CODE, warning_kind.CODE,
 * department.CODE, visit_method.CODE, source.CODE, task_kind.CODE, unit_kind.CODE,
 * programme.CODE, indicator.CODE, project_kind.CODE and project_group.CODE whose value is the
 * entry's Chinese label (`bangfu setting set risk.elderly 因老 --why ...`). The table in
 * effect is the shipped one (core/codes.c) with the added entries after it. The other
 * tables mirror fixed national codes (relations, measure groups, sources...) and stay.
 *
 * Entries are only ever added. Every record's audit text carries each code with its
 * label ("category: marginal 边缘易致贫户"), so relabelling or removing an entry would
 * make history that was written under it unreadable; a wrong entry is superseded by a
 * new code (docs/casework.md).
 *
 * Core keeps no global state: functions that read a field's codes take a
 * `const struct code_lists *`, and NULL there means "the shipped tables alone" (unit
 * tests and fuzzers). The store builds one from its settings (store_code_lists). */
#ifndef CORE_CODE_LISTS_H
#define CORE_CODE_LISTS_H
#include "core/codes.h"
#include <stddef.h>

#define CODE_LISTS_COUNT 12    /* category, risk, warning_kind, department, visit_method, source,
                                * unit_kind, programme, indicator, project_kind, project_group,
                                * task_kind */
#define CODE_LISTS_MAX   64    /* entries in one table, shipped and added */
#define CODE_LISTS_CODE_MAX 23 /* bytes in an added code: [a-z][a-z0-9_]* */
#define CODE_LISTS_LABEL_MAX 16 /* characters in an added label */

/* The extensible lists: the settings key prefix ("risk") and the shipped table. */
struct code_list_info { const char *key; const struct code_table *shipped; };
extern const struct code_list_info code_lists_info[CODE_LISTS_COUNT];

struct code_lists {
	struct code_table table[CODE_LISTS_COUNT]; /* in effect: shipped + added */
	struct code *items[CODE_LISTS_COUNT];      /* behind table[i] once something is added */
};

void code_lists_init(struct code_lists *l);      /* the shipped tables */
void code_lists_free(struct code_lists *l);      /* back to the shipped tables */

/* 1 if key names an entry of an extensible list ("risk.elderly"), else 0. */
int code_lists_is_key(const char *key);

/* Add the entry named by key ("risk.elderly") with its label ("因老"). Refused, with the
 * reason in err, when the list is unknown, the code or label is malformed (codes: a
 * lower-case ASCII letter then letters, digits or '_', at most CODE_LISTS_CODE_MAX bytes;
 * labels: 1..CODE_LISTS_LABEL_MAX characters of valid UTF-8 without spaces, controls or
 * the separators , ; ， 、 # that multi-value fields and the audit text use), the code
 * or label is already a code or label of that list, or the list is full. */
int code_lists_add(struct code_lists *l, const char *key, const char *label, char *err,
                   size_t errlen);
/* The same checks without adding: 0, or -1 with the reason in err. */
int code_lists_check(const struct code_lists *l, const char *key, const char *label,
                     char *err, size_t errlen);
/* 1 if l already holds the entry key (a list entry setting) with exactly this label. */
int code_lists_contains(const struct code_lists *l, const char *key, const char *label);

/* An added entry, once in a table, never moves and is never freed before
 * code_lists_free: labels and tables handed out stay valid while more are added. */

/* The table in effect for a shipped table: the extended copy for the three lists above,
 * the shipped table itself otherwise (and always when l is NULL). */
const struct code_table *code_lists_table(const struct code_lists *l,
                                          const struct code_table *shipped);

/* Label of code in the table in effect for `shipped`; NULL if unknown. */
const char *code_lists_label(const struct code_lists *l, const struct code_table *shipped,
                             const char *code);

/* "category.CODE, risk.CODE, warning_kind.CODE, department.CODE" for help and errors. */
extern const char code_lists_keys_help[];

#endif
