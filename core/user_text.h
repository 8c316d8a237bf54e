/* user_text.h — a bangfu user as audit text (users/<login>.txt in the audit history):
 * "key: value" lines in the record format (core/record.h), pure text both ways so that
 * its rules sit with the other record text, its unit tests and a fuzz target. */
#ifndef CORE_USER_TEXT_H
#define CORE_USER_TEXT_H
#include "core/access.h"
#include "core/buf.h"
#include <stddef.h>

/* Append u's text (login, name, role as code and label, scope, disabled if set). */
void user_render(const struct user *u, struct buf *out);
/* Parse a user's text into *u (zeroed first). Returns 0, or -1 with a message naming
 * the line in err: an unknown key or role, a value too long for its field (refused,
 * never cut), a malformed line, no login. */
int user_parse(const char *text, struct user *u, char *err, size_t errlen);

#endif
