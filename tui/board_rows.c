/* board_rows.c — the board's rows read whole into memory (board_rows.h). */
#include "tui/board_rows.h"
#include "core/grow.h"
#include <stdlib.h>
#include <string.h>

static int keep_row(void *ctx, const char *const *values)
{
	struct board_rows *b = ctx;
	if (GROW(b->v, b->cap, (b->n + 1) * BOARD_COLS, 16 * BOARD_COLS))   /* cap: cells */
		return b->oom = 1;
	for (int i = 0; i < BOARD_COLS; i++)
		if (!(b->v[b->n * BOARD_COLS + i] = strdup(values[i] ? values[i] : "")))
			b->oom = 1;
	b->n++;
	return b->oom;
}

void board_rows_free(struct board_rows *b)
{
	for (int i = 0; i < b->n * BOARD_COLS; i++)
		free(b->v[i]);
	free(b->v);
	memset(b, 0, sizeof *b);
}

int board_rows_read(struct store *s, const struct user *u, const char *by, const char *name,
                    struct board_rows *b)
{
	board_rows_free(b);
	return store_board(s, u, by, name, keep_row, b);
}
