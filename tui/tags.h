/* tags.h — the households tagged in a list (`t`, `T`): a sorted set of bangfu ids, kept
 * apart from the rows so tags survive paging and reloads. */
#ifndef TUI_TAGS_H
#define TUI_TAGS_H

struct tags { char (*id)[20]; long n, cap; };

int tags_has(const struct tags *t, const char *id);
/* Tag (on = 1), untag (0) or toggle (-1); 0, or -1 out of memory. */
int tags_set(struct tags *t, const char *id, int on);
void tags_clear(struct tags *t);
void tags_free(struct tags *t);

#endif
