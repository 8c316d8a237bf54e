/* buf.h — a growable byte buffer, always NUL-terminated, for building text (audit
 * records, CSV output, SQL). On allocation failure the buffer remembers it (`oom`) and
 * later appends do nothing, so callers check once at the end. */
#ifndef CORE_BUF_H
#define CORE_BUF_H
#include <stddef.h>
#include <stdio.h>

struct buf { char *s; size_t len, cap; int oom; };

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);          /* empty, keep the memory */
void buf_free(struct buf *b);
/* The text so far ("" if nothing was added); NULL after an allocation failure. */
const char *buf_str(const struct buf *b);
/* Append v as a JSON string: quoted, '"' and '\\' escaped, control characters as \\u00XX
 * (for json_each lists bound to a statement). */
void buf_add_json_str(struct buf *b, const char *v);

/* Append all that f has left to b (the one loop that reads a whole file), at most max
 * bytes (0: no limit). Returns 0 when f ended, 1 when it was cut at max bytes, -1 on a
 * read error (errno EIO) or an allocation failure (ENOMEM). b->s is set even when f
 * was empty. */
int read_whole_file(FILE *f, struct buf *b, size_t max);

#endif
