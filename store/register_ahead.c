/* register_ahead.c — pieces of households made on a thread, a few ahead of their
 * writer (see register_ahead.h). A ring of AHEAD_SLOTS pieces: the reader fills the slot
 * after the last one made while the writer holds the first one not given back. */
#include "store/register_ahead.h"
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* pieces held at once: one written, one ready, one being made (2,000 households each) */
#define AHEAD_SLOTS 3

struct ahead {
	ahead_make_fn make;
	void *ctx;
	register_report_fn direct;   /* reports before the first piece */
	void *direct_ctx;
	struct ahead_piece slots[AHEAD_SLOTS];
	struct ahead_piece *making;  /* the piece ahead_report adds to (the reader's) */
	int made, taken;             /* pieces made and pieces taken (in the file's order) */
	int held;                    /* 1 while the writer holds slots[taken - 1 % SLOTS] */
	int ended;                   /* the reader made its last piece */
	int stop;                    /* the writer gave up: make no more */
	int threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t room, ready;
};

/* A report is held as its head (line, the lengths of its column and message; a column
 * of length -1: none), then the column's and the message's bytes. */
struct said_head { long line; int col, msg; };

void ahead_report(void *ctx, long line, const char *column, const char *msg)
{
	struct ahead *a = ctx;
	if (!a->making) {
		a->direct(a->direct_ctx, line, column, msg);
		return;
	}
	struct said_head h = {line, column ? (int)strlen(column) : -1, (int)strlen(msg)};
	buf_add(&a->making->said, (const char *)&h, sizeof h);
	if (column)
		buf_add(&a->making->said, column, (size_t)h.col);
	buf_add(&a->making->said, msg, (size_t)h.msg);
}

static void replay(const struct ahead_piece *p, register_report_fn report, void *rctx)
{
	size_t at = 0;
	char *col = NULL, *msg = NULL;
	while (p->said.s && at + sizeof(struct said_head) <= p->said.len) {
		struct said_head h;
		memcpy(&h, p->said.s + at, sizeof h);
		at += sizeof h;
		size_t nc = h.col < 0 ? 0 : (size_t)h.col;
		char *c2 = realloc(col, nc + 1), *m2 = c2 ? realloc(msg, (size_t)h.msg + 1) : NULL;
		if (c2)
			col = c2;
		if (!m2)
			break;   /* out of memory: said no more */
		msg = m2;
		memcpy(col, p->said.s + at, nc);
		col[nc] = 0;
		memcpy(msg, p->said.s + at + nc, (size_t)h.msg);
		msg[h.msg] = 0;
		at += nc + (size_t)h.msg;
		report(rctx, h.line, h.col < 0 ? NULL : col, msg);
	}
	free(col);
	free(msg);
}

/* Make one piece into its slot (the reader's side); 1 when it was the last. The
 * piece the slot held before is freed here: its memory was the reader's (malloc's
 * arena of this thread), and the writer has better to do. */
static int make_one(struct ahead *a, struct ahead_piece *p)
{
	register_batch_free(&p->b);
	p->got = p->rc = p->refused = p->total = 0;
	buf_reset(&p->said);
	buf_reset(&p->fail);
	a->making = p;
	int last = a->make(a->ctx, p) != 0;
	a->making = NULL;
	if (p->said.oom || p->fail.oom) {
		p->rc = p->rc ? p->rc : -1;
		buf_reset(&p->fail);
		buf_adds(&p->fail, "bangfu: out of memory\n");
		last = 1;
	}
	return last;
}

static void *reader(void *arg)
{
	struct ahead *a = arg;
	pthread_mutex_lock(&a->mu);
	for (;;) {
		while (!a->stop && a->made - a->taken + a->held >= AHEAD_SLOTS)
			pthread_cond_wait(&a->room, &a->mu);
		if (a->stop)
			break;
		struct ahead_piece *p = &a->slots[a->made % AHEAD_SLOTS];
		pthread_mutex_unlock(&a->mu);
		int last = make_one(a, p);
		pthread_mutex_lock(&a->mu);
		a->made++;
		a->ended = last;
		pthread_cond_signal(&a->ready);
		if (last)
			break;
	}
	a->ended = 1;
	pthread_cond_signal(&a->ready);
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

int ahead_start(struct ahead **out, ahead_make_fn make, void *ctx, register_report_fn direct,
                void *direct_ctx)
{
	struct ahead *a = calloc(1, sizeof *a);
	if (!(*out = a))
		return -1;
	a->make = make;
	a->ctx = ctx;
	a->direct = direct;
	a->direct_ctx = direct_ctx;
	return 0;
}

/* The thread is started at the first ahead_next: the reports of what the caller does
 * before it (the header) go straight on. */
static void start_thread(struct ahead *a)
{
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->room, NULL);
	pthread_cond_init(&a->ready, NULL);
	/* the thread takes no signal: SIGINT and the like go to the writer, which holds
	 * them off while the history is written (write_hold_signals) */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	a->threaded = pthread_create(&a->th, NULL, reader, a) == 0 ? 1 : -1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

struct ahead_piece *ahead_next(struct ahead *a, register_report_fn report, void *rctx)
{
	struct ahead_piece *p = NULL;
	if (a->held)
		ahead_done(a, &a->slots[(a->taken - 1) % AHEAD_SLOTS]);
	if (!a->threaded)
		start_thread(a);
	if (a->threaded < 0) {   /* no thread: made here, one at a time */
		if (a->ended)
			return NULL;
		p = &a->slots[a->taken % AHEAD_SLOTS];
		a->ended = make_one(a, p);
		a->taken++;
		a->held = 1;
	} else {
		pthread_mutex_lock(&a->mu);
		while (a->made == a->taken && !a->ended)
			pthread_cond_wait(&a->ready, &a->mu);
		if (a->made > a->taken) {
			p = &a->slots[a->taken % AHEAD_SLOTS];
			a->taken++;
			a->held = 1;
		}
		pthread_mutex_unlock(&a->mu);
		if (!p)
			return NULL;
	}
	replay(p, report, rctx);
	return p;
}

void ahead_done(struct ahead *a, struct ahead_piece *p)
{
	if (!a->held)
		return;
	if (a->threaded > 0)
		pthread_mutex_lock(&a->mu);
	a->held = 0;
	if (a->threaded > 0) {
		pthread_cond_signal(&a->room);
		pthread_mutex_unlock(&a->mu);
	}
}

void ahead_free(struct ahead *a)
{
	if (!a)
		return;
	if (a->threaded > 0) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_signal(&a->room);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->th, NULL);
		pthread_cond_destroy(&a->ready);
		pthread_cond_destroy(&a->room);
		pthread_mutex_destroy(&a->mu);
	}
	for (int i = 0; i < AHEAD_SLOTS; i++) {   /* taken or not, the batches left */
		register_batch_free(&a->slots[i].b);
		buf_free(&a->slots[i].said);
		buf_free(&a->slots[i].fail);
	}
	free(a);
}
