/* demo_ahead.h — the demo's synthetic households made on a thread of their own, a batch
 * ahead of the writer (store_demo): making them is pure work (core/demo.c), the writer's
 * is SQLite's, and the machine has a second core. The households come in the order
 * demo_next makes them, the same as made one at a time. */
#ifndef STORE_DEMO_AHEAD_H
#define STORE_DEMO_AHEAD_H
#include "core/demo.h"
#include <pthread.h>

struct demo_ahead {
	struct demo *d;
	long left;                 /* households still to make */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct household *ready;   /* a made batch not yet taken */
	int nready, rc, full, stop, ended, threaded;
};

/* Make the n households of d ahead of demo_ahead_next (without a thread, if none can
 * be started: then demo_ahead_next makes them itself). */
void demo_ahead_start(struct demo_ahead *a, struct demo *d, long n);
/* The next batch: *hs (the caller frees each household and the array), *n of them;
 * returns 1, 0 at the end, -1 out of memory. */
int demo_ahead_next(struct demo_ahead *a, struct household **hs, int *n);
/* Stop the thread (after the batch it is making) and free what it holds. */
void demo_ahead_stop(struct demo_ahead *a);

#endif
