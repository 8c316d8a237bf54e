/* register_ahead.h — households made on a thread of their own, a few pieces ahead of
 * the thread that writes them: the pieces of a register file read, parsed and checked
 * (the one pass of an import into an empty register, docs/performance.md "Import and
 * demo on two cores"). The making thread's reports are held with their piece and given
 * on by the writing thread when it takes the piece, so that the messages come in the
 * file's order, before whatever the write of that piece says, exactly as when one
 * thread did both. At most AHEAD_SLOTS pieces are held at a time: memory stays bounded.
 * Without a thread (it could not be started) the pieces are made one at a time by the
 * caller of ahead_next. */
#ifndef STORE_REGISTER_AHEAD_H
#define STORE_REGISTER_AHEAD_H
#include "core/buf.h"
#include "core/register.h"

/* One piece: made by the reading thread, then the writing thread's until ahead_done. */
struct ahead_piece {
	struct register_batch b;
	int got;          /* register_stream_next's result: 1 a piece, 0 the end, -1 unreadable */
	int rc;           /* the reader's result for it: 0, or an error (the reading stops) */
	int refused;      /* 1: a defect before the end of this piece refuses the file */
	int total;        /* the households of the file (0 until known) */
	struct buf said;  /* the reports made while it was read and checked, in order */
	struct buf fail;  /* an error line for stderr, after them ("": none) */
};

/* Makes the next piece into p (p->b empty, p->said and p->fail empty), reporting through
 * ahead_report with the ahead as its context. Returns 0 to go on, anything else to stop
 * after this piece (the end of the file, an error). */
typedef int (*ahead_make_fn)(void *ctx, struct ahead_piece *p);

struct ahead;
/* Start the reading thread (or, if it cannot start, make the pieces on demand). The
 * reports made on the calling thread before the first piece go to direct(direct_ctx). */
int ahead_start(struct ahead **a, ahead_make_fn make, void *ctx, register_report_fn direct,
                void *direct_ctx);
/* A register_report_fn (ctx: the ahead): held with the piece being made. */
void ahead_report(void *ctx, long line, const char *column, const char *msg);
/* The next piece in the file's order, its reports given to report(rctx) first; NULL
 * once the reader has stopped and every piece was taken. */
struct ahead_piece *ahead_next(struct ahead *a, register_report_fn report, void *rctx);
/* Give back a piece taken by ahead_next (its batch freed when the slot is made again,
 * on the reading thread, or by ahead_free). */
void ahead_done(struct ahead *a, struct ahead_piece *p);
/* Stop the reader (at its next piece, if it is still reading), wait for it and free. */
void ahead_free(struct ahead *a);

#endif
