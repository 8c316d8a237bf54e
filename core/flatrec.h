/* flatrec.h — the canonical text of a flat record: a unit, a town team, a pair, a task
 * and each entry of a task's log. One `key: value` line per non-empty field, in the
 * order of the record's field table; a coded field shows its code followed by its
 * Chinese label ("kind: university 高校") and parses back to the code. Values are escaped
 * by record_put, so the same record always gives the same bytes. One renderer and one
 * parser serve every flat kind: a kind is a table of fields over its struct. */
#ifndef CORE_FLATREC_H
#define CORE_FLATREC_H
#include "core/buf.h"
#include "core/codes.h"
#include "core/code_lists.h"
#include <stddef.h>

enum {
	FR_REQUIRED = 1 << 0,  /* parsing fails if the field is missing */
	FR_SHOWN    = 1 << 1,  /* shown for readers only (a name looked up from a code): the
	                        * parser skips it, the store fills it when loading */
};

struct flatrec_field {
	const char *key;
	size_t offset, size;             /* a char array inside the record struct */
	const struct code_table *codes;  /* non-NULL: shown as "code label" */
	int flags;
};

/* A field table entry for char array member m of struct type T. */
#define FLATREC(T, key, m, codes, flags) \
	{key, offsetof(T, m), sizeof(((T *)0)->m), codes, flags}

/* Append the fields of rec, in table order, empty ones left out. A coded field's label
 * is read from the table in effect in l (an extendable list's added entries; NULL: the
 * shipped tables), for rendering, setting and parsing alike. */
void flatrec_render(const struct code_lists *l, const struct flatrec_field *f, int n, const void *rec, struct buf *out);

/* Set the field named key of rec from its shown value (label stripped from a code).
 * Returns 0, 1 if no field has that key, or -1 with a message in err (value too long,
 * unknown code). FR_SHOWN fields are accepted and ignored. */
int flatrec_set(const struct code_lists *l, const struct flatrec_field *f, int n, void *rec, const char *key,
                const char *value, char *err, int errlen);

/* 0 when every FR_REQUIRED field of rec is set, else -1 naming the first missing one. */
int flatrec_check_required(const struct flatrec_field *f, int n, const void *rec,
                           char *err, int errlen);

/* Parse a whole flat text (no sections) into rec (zeroed by the caller): every line must
 * name a field of the table. Returns 0, or -1 with a message naming the line. */
int flatrec_parse(const struct code_lists *l, const struct flatrec_field *f, int n, const char *text, void *rec,
                  char *err, int errlen);

/* Check one value a user typed for a text field: the input rule (text_check_input: one
 * line, at most max_chars characters), shorter than size bytes, and non-empty when
 * required. `what` names the field in the message. Returns 0 or -1 with the message. */
int flatrec_check_text(const char *what, const char *value, size_t size, size_t max_chars,
                       int required, char *err, int errlen);

#endif
