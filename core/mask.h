/* mask.h — ID numbers and phone numbers as everyone sees them by default: masked.
 *
 * The store applies this below every verb and view (store/reveal.c: households, cases,
 * pairs it hands out, history diffs, the audit log); only an explicit, recorded reveal
 * (store_household_reveal, store_export_reveal) hands out full values. Masked forms keep
 * what staff need to tell people apart and to recognise a number read out on the phone:
 *   ID number (18 or 15)  first 4 and last 4 characters:  4418**********1008
 *   phone                 first 3 and last 4 digits:      138****8000
 * Search still finds a household by the full ID digits (the store matches, the output
 * masks). Who may reveal, and why: docs/security.md, "Masking and reveal". */
#ifndef CORE_MASK_H
#define CORE_MASK_H
#include "core/access.h"
#include "core/buf.h"
#include "core/model.h"
#include <stddef.h>

/* The masked forms. */
void mask_id(const char *value, char *out, size_t n);
void mask_phone(const char *value, char *out, size_t n);
/* The masked form of a value of field f (MF_ID or MF_PHONE; other fields are copied). */
void mask_value(enum field_id f, const char *value, char *out, size_t n);
/* 1 when value holds a masking star: an ID number or phone copied from masked output,
 * which must never be stored. */
int mask_is_masked(const char *value);

/* Append text to out with every personal number masked: a line `KEY: VALUE` (also after
 * a diff's leading ' ', '+' or '-') whose key is id_number, id_original or phone has its
 * value masked whatever its shape (landlines too; also as the context of a diff's hunk
 * header, "@@ -1,2 +1,2 @@ phone: ..."); anywhere else, a run of digits shaped
 * like an ID number (18 with a final X, 15, or a 20-character certificate number that
 * starts with one) or an 11-digit mobile number is masked. A run touching a lowercase hex
 * letter (a commit id) is left alone. */
void mask_text(const char *text, struct buf *out);
/* Mask every personal number of a household in place: members' ID numbers, original
 * ID numbers and phones, warnings' ID numbers, and numbers written into free text.
 * Returns 0, or -1 when out of memory (the household is then partly masked). */
int mask_household(struct household *h);

/* Mask the numbers in a task's title and log texts in place (lengths are kept). */
struct task;
void mask_task(struct task *t);
/* Mask the numbers written into one text field in place (lengths are kept). */
void mask_field(char *field);
/* The same for a project's title, person and milestone names. */
struct project;
void mask_project(struct project *p);

/* 1 when role r may reveal full values (with a reason, recorded). */
int mask_may_reveal(enum role r);

#endif
