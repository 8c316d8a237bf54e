/* list_rows.h — the households list's rows and how they are read: one row is what the
 * list shows of a household, plus its key in the store's order (county, town, village,
 * 户编号). Reading is keyset paging both ways: forwards with store_household_list after a
 * row's id; backwards with store_household_seek_back and a forward read from there
 * (see list_rows.c). Nothing ever reads the whole table. */
#ifndef TUI_LIST_ROWS_H
#define TUI_LIST_ROWS_H
#include "tui/ui_view.h"

#define LIST_CHUNK 64       /* rows read per keyset query */

struct lrow {
	char id[20];
	char key[96];             /* county \1 town \1 village \1 户编号: the store's order */
	long version;
	int size;
	char head[96], village[96], type[32], category[48], state[48], income[24];
	char risks[128], place[96], no[40];
	char matched[96];         /* lrow_match: the member a search matched, if not the head */
};

/* Fill r from a household, codes shown with their labels in lists. */
void lrow_from(const struct code_lists *lists, struct lrow *r, const struct household *h);
/* After a search for q: the name of the member a name or ID-digits term of q matched
 * into r->matched, when the head's name does not match it ("" otherwise). */
void lrow_match(struct lrow *r, const struct household *h, const struct query *q);
/* Up to `want` rows matching q just before row `before` (NULL: the end), in order, into
 * out. *at_start: nothing matching precedes them. Returns the count or < 0 (status set). */
long lrow_read_before(struct ui *ui, const struct query *q, const struct lrow *before,
                      long want, struct lrow *out, int *at_start);
/* Up to `want` rows matching q after id `after` (NULL: from the start) into out. */
long lrow_read_after(struct ui *ui, const struct query *q, const char *after, long want,
                     struct lrow *out);

#endif
