/* board_rows.h — the 百千万 board's rows (store_board) kept in memory as strings, for
 * the CLI table (cli_board.c) and the UI's board view (view_board.c): one reader, so
 * both show the same figures from the same store call. */
#ifndef TUI_BOARD_ROWS_H
#define TUI_BOARD_ROWS_H
#include "store/store.h"

struct board_rows { char **v; int n, cap, oom; };   /* n rows; cap counts cells */

/* Read the board (by "county", "track" or "programme"; name NULL for all) into b,
 * which is emptied first. Returns the store's code; b->oom when memory ran out. */
int board_rows_read(struct store *s, const struct user *u, const char *by, const char *name,
                    struct board_rows *b);
/* Row i's values, BOARD_COLS of them (board_cols names them). */
static inline const char *const *board_row(const struct board_rows *b, int i)
{
	return (const char *const *)&b->v[i * BOARD_COLS];
}
void board_rows_free(struct board_rows *b);

#endif
