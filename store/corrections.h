/* corrections.h — what the correction files of the store share (corrections.c,
 * corrections_members.c): one version-checked change to one household as an audit event.
 * Nothing outside store/ includes this. */
#ifndef STORE_CORRECTIONS_H
#define STORE_CORRECTIONS_H
#include "store/internal.h"

/* Change h in memory; returns 0 or a STORE_E* with a message. */
typedef int (*corrections_apply_fn)(struct store *s, struct household *h, void *ctx);
/* Inside one write transaction: refuse an auditor, find household `key` in u's scope,
 * apply(), check the household's rules, save it against expected_version (0 = as read)
 * and commit the event "verb: <household id> <subject_item>" with why. */
int corrections_change(struct store *s, const struct user *u, const char *key,
                       long expected_version, const char *verb, const char *subject_item,
                       const char *why, corrections_apply_fn apply, void *ctx);
/* The household rules (one 户主, at most one 配偶, no ID twice) as one refusal. */
int corrections_check(struct store *s, const struct household *h);
/* The id of the household holding row `id` of table (measures, visits), if that household
 * is in u's scope; else STORE_ENOTFOUND "no WHAT ID in your scope", missing or not. */
int corrections_household_of(struct store *s, const struct user *u, const char *table,
                             const char *what, const char *id, char *out, size_t n);
#endif
