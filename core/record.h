/* record.h — the canonical text of a household: the file kept for it in the audit
 * history. Line-oriented UTF-8, one `key: value` a line in the fixed order of the field
 * table, sections `[member N]` and `[case ID]`, codes followed by their Chinese label.
 * Same record, same bytes: `audit verify` compares this text and `rebuild` parses it.
 *
 * Values are escaped so a line is always one line: backslash as "\\", newline "\n",
 * carriage return "\r", tab "\t". Empty values are left out. */
#ifndef CORE_RECORD_H
#define CORE_RECORD_H
#include "core/buf.h"
#include "core/model.h"
#include <stddef.h>

/* Append the canonical text of h to out, codes labelled from the tables in effect (lists;
 * NULL: the shipped tables). Town and village names come from h. */
void record_render(const struct code_lists *lists, const struct household *h, struct buf *out);

/* Parse canonical text into h (zeroed by the caller). Returns 0, or -1 with a message
 * naming the line. Values are taken as written (they were checked when first stored). */
int record_parse(const struct code_lists *lists, const char *text, struct household *h,
                 char *err, size_t errlen);

/* Escape/unescape one value (used by other record kinds: users, settings). */
void record_put(struct buf *out, const char *key, const char *value);
int record_unescape(const char *in, char *out, size_t outlen);

/* Fixed-size text fields of a small record (a user, a draft) by key, for reading one. */
struct record_text { const char *key; char *to; size_t size; };
/* Copy value into the field of texts[0..n) named key: 1 when copied, 0 when key names
 * none of them, -1 when value is too long for its field (refused, never cut). */
int record_text_put(const struct record_text *texts, size_t n, const char *key,
                    const char *value);

/* Split the next "key: value" line of text at *pos. Returns 1 with key/value filled
 * (value unescaped), 2 for a section header "[...]" (its inside in key), 0 at the end,
 * -1 on a malformed line. *line counts lines. */
int record_next_line(const char *text, size_t *pos, long *line, char *key, size_t keylen,
                     char *value, size_t valuelen);

#endif
