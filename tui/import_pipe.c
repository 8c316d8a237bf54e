/* import_pipe.c — a register file's pieces read one ahead on a thread of their own
 * (import_pipe.h). The thread reads a piece into `ready` and its reports into a buffer,
 * then waits until the caller has taken both; the caller gives the reports on, in the
 * order they were made, and works on the piece while the thread reads the next. */
#include "tui/import_pipe.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* The reports of one piece: records of line (long), column present (1 byte), column and
 * message as strings. */
struct reports {
	char *p;
	size_t len, cap;
};

struct import_pipe {
	register_report_fn report;
	void *ctx;
	struct register_stream *st;
	int want, started, threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct reports *filling;   /* where import_pipe_report appends (the reader's) */
	struct reports r[2];       /* the piece being read's, the piece handed over's */
	struct register_batch ready;
	int got, full, stop, ended, households;
};

static int put(struct reports *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4096;
		while (cap < r->len + n)
			cap *= 2;
		char *q = realloc(r->p, cap);
		if (!q)
			return -1;
		r->p = q;
		r->cap = cap;
	}
	memcpy(r->p + r->len, p, n);
	r->len += n;
	return 0;
}

void import_pipe_report(void *pp, long line, const char *column, const char *msg)
{
	struct import_pipe *p = pp;
	struct reports *r = p->filling;
	char has = column != NULL;
	size_t at = r->len;
	if (put(r, &line, sizeof line) || put(r, &has, 1) ||
	    (column && put(r, column, strlen(column) + 1)) || put(r, msg, strlen(msg) + 1)) {
		r->len = at;   /* out of memory: given on at once (the order matters less) */
		p->report(p->ctx, line, column, msg);
	}
}

/* Give the buffered reports on, in order, and empty the buffer. */
static void give_on(struct import_pipe *p, struct reports *r)
{
	for (size_t at = 0; at < r->len;) {
		long line;
		memcpy(&line, r->p + at, sizeof line);
		at += sizeof line;
		const char *column = r->p[at++] ? r->p + at : NULL;
		if (column)
			at += strlen(column) + 1;
		const char *msg = r->p + at;
		at += strlen(msg) + 1;
		p->report(p->ctx, line, column, msg);
	}
	r->len = 0;
}

int import_pipe_new(struct import_pipe **out, register_report_fn report, void *ctx)
{
	struct import_pipe *p = *out = calloc(1, sizeof *p);
	if (!p)
		return -1;
	p->report = report;
	p->ctx = ctx;
	p->filling = &p->r[0];
	return 0;
}

static void *reader(void *arg)
{
	struct import_pipe *p = arg;
	for (;;) {
		struct register_batch b;
		int got = register_stream_next(p->st, p->want, &b);
		pthread_mutex_lock(&p->mu);
		while (p->full && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			register_batch_free(&b);
			return NULL;
		}
		p->ready = b;
		p->got = got;
		p->households = register_stream_households(p->st);
		p->full = 1;
		p->filling = p->filling == &p->r[0] ? &p->r[1] : &p->r[0];   /* the next piece's */
		p->ended = got <= 0;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (got <= 0)
			return NULL;
	}
}

void import_pipe_start(struct import_pipe *p, struct register_stream *st, int want)
{
	give_on(p, p->filling);   /* what the open reported */
	p->started = 1;
	p->st = st;
	p->want = want;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* the thread takes no signal: a SIGINT goes to the caller, as before */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	p->threaded = pthread_create(&p->th, NULL, reader, p) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int import_pipe_next(struct import_pipe *p, struct register_batch *b, int *households)
{
	if (!p->threaded) {   /* no thread: read here */
		int got = register_stream_next(p->st, p->want, b);
		give_on(p, p->filling);
		*households = register_stream_households(p->st);
		return got;
	}
	pthread_mutex_lock(&p->mu);
	while (!p->full && !p->ended)
		pthread_cond_wait(&p->cv, &p->mu);
	if (!p->full) {   /* asked again after the end */
		pthread_mutex_unlock(&p->mu);
		memset(b, 0, sizeof *b);
		*households = p->households;
		return 0;
	}
	*b = p->ready;
	int got = p->got;
	*households = p->households;
	/* the handed over piece's reports: the buffer the reader is not filling */
	struct reports *r = p->filling == &p->r[0] ? &p->r[1] : &p->r[0];
	pthread_mutex_unlock(&p->mu);
	give_on(p, r);   /* the reader fills the other buffer meanwhile */
	pthread_mutex_lock(&p->mu);
	p->full = 0;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return got;
}

void import_pipe_free(struct import_pipe *p)
{
	if (!p)
		return;
	if (!p->started)   /* what an open that failed reported */
		give_on(p, p->filling);
	/* a piece read ahead and not taken is dropped with its reports: read one at a time,
	 * it would not have been read */
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->stop = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->th, NULL);
		if (p->full)
			register_batch_free(&p->ready);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
	}
	free(p->r[0].p);
	free(p->r[1].p);
	free(p);
}
