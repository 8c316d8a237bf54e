/* progress.c — the progress line of the long commands (progress.h). Only numbers and our
 * own unit words are drawn, so the line is written around the output sanitiser
 * (out_status), where \r and the erase-line sequence are allowed. */
#include "tui/progress.h"
#include "tui/out.h"
#include "core/i18n.h"
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define EVERY 0.25   /* seconds between two lines: at most four a second */

/* The units the store and the verbs report (store_progress, cli_progress), marked here
 * for the catalog: the line shows them translated. */
static const char *const units[] = {
	N_("households"), N_("records applied"), N_("events applied"),
	N_("files written to the history"), N_("records rendered"), N_("files compared"),
	N_("records restored"), N_("files of one event restored"), N_("events restored"),
	N_("objects found"), N_("objects compressed"), N_("objects written"),
	N_("files of one event checked"), N_("commits checked"),
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(struct progress *p, struct store_progress *listener)
{
	*p = (struct progress){.on = isatty(STDERR_FILENO)};
	*listener = (struct store_progress){p->on ? progress_update : NULL, p};
}

/* n with a comma every three digits: 100,000. */
static void thousands(char *out, size_t size, long n)
{
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%ld", n < 0 ? 0 : n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

void progress_format(char *out, size_t n, const char *unit, long done, long total,
                     double elapsed)
{
	char d[32], t[32];
	(void)units;
	unit = _(unit);
	thousands(d, sizeof d, done);
	if (total <= 0) {
		snprintf(out, n, "%s %s", d, unit);
		return;
	}
	thousands(t, sizeof t, total);
	int len = snprintf(out, n, "%s / %s %s", d, t, unit);
	if (elapsed >= 1 && done > 0 && done < total && len > 0 && (size_t)len < n) {
		double left = elapsed / (double)done * (double)(total - done);
		if (left < 90)
			snprintf(out + len, n - (size_t)len, _(", %.0f s left"), left + 0.5);
		else
			snprintf(out + len, n - (size_t)len, _(", %.0f min left"), left / 60 + 0.5);
	}
}

void progress_update(void *ctx, const char *unit, long done, long total)
{
	struct progress *p = ctx;
	if (!p->on)
		return;
	if (!unit) {   /* the stage ended */
		out_status(NULL);
		p->unit = NULL;
		return;
	}
	double t = now();
	if (unit != p->unit || total != p->total) {   /* a new stage: its own clock */
		p->unit = unit;
		p->total = total;
		p->start = t;
		p->last = 0;
	}
	if (t - p->last < EVERY)
		return;
	p->last = t;
	char line[128];
	progress_format(line, sizeof line, unit, done, total, t - p->start);
	out_status(line);
}
