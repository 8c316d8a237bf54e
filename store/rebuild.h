/* rebuild.h — the pieces of `bangfu rebuild` that turn the audit history back into rows,
 * shared with `bangfu aggregate` (aggregate.c), which applies many counties' histories.
 * Nothing outside store/ includes this. */
#ifndef STORE_REBUILD_H
#define STORE_REBUILD_H
#include "store/internal.h"

/* The text of blob id, NUL-terminated, into *text (free() it). */
int rebuild_blob(struct store *s, const git_oid *id, char **text);

/* One events row (and its event_files) from a commit written by the flush
 * (store/audit_message.c). renumber 0: the event keeps the number its commit carries
 * (rebuild); 1: it takes the database's next one (an aggregate of several counties,
 * whose numbers overlap). */
int rebuild_event(struct store *s, git_commit *c, int renumber);

#endif
