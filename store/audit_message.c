/* audit_message.c — the commit message of an event, the one place it is written and read
 * back (docs/audit.md "Commit messages"):
 *
 *     set 家庭住址 H4401050000001: 年度核实          verb, subject, the reason's first line
 *
 *     年度核实                                        the reason, whole
 *
 *     Bangfu-Event: 12                                trailers: the event, the Unix uid,
 *     Bangfu-Uid: 1000                                and the verb and subject apart, so
 *     Bangfu-Verb: set                                that `rebuild` needs no guessing
 *     Bangfu-Subject: 家庭住址 H4401050000001          where the verb ends
 *
 * Histories written before carry the first form, "verb: subject", and only the first two
 * trailers; `audit verify` accepts either for an event and `rebuild` reads either. */
#include "store/internal.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

/* Code points of the reason kept on the first line. Counted, not measured in cells: the
 * cut must never move (a new width table would otherwise make `audit verify` find every
 * old message changed). */
#define SUMMARY_CHARS 40

/* The reason's first line, cut after SUMMARY_CHARS code points with "…". */
static void add_summary(struct buf *msg, const char *reason)
{
	size_t n = strcspn(reason, "\n"), at = 0;
	int chars = 0;
	while (at < n && chars < SUMMARY_CHARS) {
		uint32_t cp;
		int k = text_decode(reason + at, n - at, &cp);
		at += k > 0 ? (size_t)k : 1;
		chars++;
	}
	buf_addf(msg, "%.*s%s", (int)at, reason, at < n ? "…" : "");
}

int audit_commit_message(const char *verb, const char *subject, const char *reason, long event,
                         long uid, struct buf *msg)
{
	buf_addf(msg, "%s%s%s: ", verb, subject[0] ? " " : "", subject);
	add_summary(msg, reason);
	buf_addf(msg, "\n\n%s\n\nBangfu-Event: %ld\nBangfu-Uid: %ld\nBangfu-Verb: %s\n"
	         "Bangfu-Subject: %s\n", reason, event, uid, verb, subject);
	return buf_str(msg) ? 0 : -1;
}

int audit_commit_message_v1(const char *verb, const char *subject, const char *reason,
                            long event, long uid, struct buf *msg)
{
	buf_addf(msg, "%s: %s\n\n%s\n\nBangfu-Event: %ld\nBangfu-Uid: %ld\n", verb, subject,
	         reason, event, uid);
	return buf_str(msg) ? 0 : -1;
}

/* The last "\n<name>" in message (the trailers follow the reason, which once could hold
 * a line of its own reading like one), or NULL. */
static const char *last_line(const char *message, const char *name)
{
	const char *last = NULL;
	for (const char *p = strstr(message, name); p; p = strstr(p + 1, name))
		last = p;
	return last;
}

long audit_trailer_event(const char *message)
{
	const char *last = last_line(message, "\nBangfu-Event: ");
	return last ? atol(last + 15) : 0;
}

/* The value of trailer `name` after the event trailer, as a span; 0 if absent. */
static int trailer(const char *trailers, const char *name, struct audit_span *out)
{
	const char *p = last_line(trailers, name);
	if (!p)
		return 0;
	out->s = p + strlen(name);
	out->n = strcspn(out->s, "\n");
	return 1;
}

int audit_message_parse(const char *msg, struct audit_message *m)
{
	const char *body = strstr(msg, "\n\n");
	const char *trailers = last_line(msg, "\n\nBangfu-Event: ");
	const char *nl = strchr(msg, '\n');
	memset(m, 0, sizeof *m);
	if (!body || !trailers || !nl)
		return -1;
	m->reason.s = body + 2;
	m->reason.n = trailers > body ? (size_t)(trailers - body - 2) : 0;
	const char *uid = strstr(trailers, "\nBangfu-Uid: ");
	m->uid = uid ? atol(uid + 13) : -1;
	if (trailer(trailers, "\nBangfu-Verb: ", &m->verb) &&
	    trailer(trailers, "\nBangfu-Subject: ", &m->subject))
		return 0;
	const char *colon = strstr(msg, ": ");   /* the first form: "verb: subject" */
	if (!colon || colon > nl)
		return -1;
	m->verb = (struct audit_span){msg, (size_t)(colon - msg)};
	m->subject = (struct audit_span){colon + 2, (size_t)(nl - colon - 2)};
	return 0;
}
