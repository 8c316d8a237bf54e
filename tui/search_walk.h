/* search_walk.h — `n`/`N` in the households list walk the result of the last `/` search
 * kept in memory (ids and register keys), instead of asking the store again for each
 * step. A dense search (the store says so) or a result larger than WALK_MAX is not kept:
 * the store finds its next match at once by walking the register order (view_list.c). */
#ifndef TUI_SEARCH_WALK_H
#define TUI_SEARCH_WALK_H
#include "tui/list_rows.h"

#define WALK_MAX 4096

struct walk_hit { char id[20]; char key[96]; };

struct search_walk {
	char text[600];           /* the query it holds the result of ("" none) */
	struct walk_hit *hits;
	long n;
	int kept;                 /* the whole result is in hits */
};

enum { WALK_FOUND = 1, WALK_NONE = 0, WALK_NOT_KEPT = 2 };

/* The match after (backward: before) register key cur (NULL: from the start/end) of
 * query q, whose text is `text`; `fresh` reads the result again (a new `/`). Fills *out
 * and *wrapped (went round the end). Returns WALK_FOUND, WALK_NONE, WALK_NOT_KEPT (the
 * caller asks the store) or -1 (status set). */
int search_walk_step(struct ui *ui, struct search_walk *w, const char *text,
                     const struct query *q, const char *cur, int backward, int fresh,
                     struct lrow *out, int *wrapped);
void search_walk_free(struct search_walk *w);

#endif
