/* progress.h — "12,345 / 100,000 households, 3 s left" on stderr while a long command
 * runs (import, demo, export, verify, rebuild, repack), when stderr is a terminal and
 * never otherwise; at most four updates a second; the line is cleared at the end and
 * before anything else is printed (tui/out.c). The store reports through
 * store_set_progress; a verb that loops itself calls progress_update. */
#ifndef TUI_PROGRESS_H
#define TUI_PROGRESS_H
#include "store/store.h"

struct progress {
	int on;                   /* stderr is a terminal */
	double start, last;       /* seconds (CLOCK_MONOTONIC) of this stage, of the last line */
	const char *unit;         /* this stage's unit: a new one starts the clock again */
	long total;
};

/* Set up p (off when stderr is not a terminal) and the store listener that feeds it. */
void progress_init(struct progress *p, struct store_progress *listener);
/* A store_progress function: ctx is a struct progress; unit NULL ends the stage. */
void progress_update(void *ctx, const char *unit, long done, long total);
/* "12,345 / 100,000 households, 3 s left" (total 0: "12,345 households"; the time left
 * only once a second has passed and something is done): the line, into out. */
void progress_format(char *out, size_t n, const char *unit, long done, long total,
                     double elapsed);

#endif
