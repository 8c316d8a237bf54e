/* demo_ahead.c — the demo's households made a batch ahead on a thread (demo_ahead.h). */
#include "store/demo_ahead.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD_BATCH 256   /* households a batch: some 2 MB made ahead */

/* Make the next batch into *hs; returns its size, 0 at the end, -1 out of memory. */
static int make(struct demo *d, long *left, struct household **hs)
{
	int n = *left < AHEAD_BATCH ? (int)*left : AHEAD_BATCH;
	*hs = NULL;
	if (n <= 0)
		return 0;
	if (!(*hs = calloc((size_t)n, sizeof **hs)))
		return -1;
	for (int i = 0; i < n; i++)
		if (demo_next(d, &(*hs)[i])) {
			for (int j = 0; j <= i; j++)
				household_free(&(*hs)[j]);
			free(*hs);
			*hs = NULL;
			return -1;
		}
	*left -= n;
	return n;
}

static void drop(struct household *hs, int n)
{
	for (int i = 0; i < n; i++)
		household_free(&hs[i]);
	free(hs);
}

static void *maker(void *arg)
{
	struct demo_ahead *a = arg;
	for (;;) {
		struct household *hs;
		int n = make(a->d, &a->left, &hs);
		pthread_mutex_lock(&a->mu);
		while (a->full && !a->stop)
			pthread_cond_wait(&a->cv, &a->mu);
		if (a->stop) {
			pthread_mutex_unlock(&a->mu);
			drop(hs, n > 0 ? n : 0);
			return NULL;
		}
		a->ready = hs;
		a->nready = n > 0 ? n : 0;
		a->rc = n > 0 ? 1 : n;
		a->full = 1;
		a->ended = n <= 0;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		if (n <= 0)
			return NULL;
	}
}

void demo_ahead_start(struct demo_ahead *a, struct demo *d, long n)
{
	memset(a, 0, sizeof *a);
	a->d = d;
	a->left = n;
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	/* the thread takes no signal: a SIGINT goes to the writer, as before */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	a->threaded = pthread_create(&a->th, NULL, maker, a) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int demo_ahead_next(struct demo_ahead *a, struct household **hs, int *n)
{
	if (!a->threaded) {
		int k = make(a->d, &a->left, hs);
		*n = k > 0 ? k : 0;
		return k > 0 ? 1 : k;
	}
	pthread_mutex_lock(&a->mu);
	while (!a->full && !a->ended)
		pthread_cond_wait(&a->cv, &a->mu);
	int rc = 0;
	*hs = NULL;
	*n = 0;
	if (a->full) {
		*hs = a->ready;
		*n = a->nready;
		rc = a->rc;
		a->full = 0;
		pthread_cond_broadcast(&a->cv);
	}
	pthread_mutex_unlock(&a->mu);
	return rc;
}

void demo_ahead_stop(struct demo_ahead *a)
{
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->th, NULL);
		if (a->full)
			drop(a->ready, a->nready);
		a->threaded = 0;
	}
	pthread_cond_destroy(&a->cv);
	pthread_mutex_destroy(&a->mu);
}
