/* view_pager.c — a read-only text: the output of a `:` command, a diff, the help, the
 * message log. Tabs are expanded, every line is drawn through draw_text (control
 * characters as ^X, wide characters never split); a diff is coloured by its first
 * column (without colour it reads as plain text); messages and command output are
 * wrapped at the width they are opened at. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "core/grow.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pager {
	char title[256];
	char **line;
	long n, cap;
	int diff;
};

static int add_line(struct pager *P, const char *s, size_t len)
{
	if (GROW(P->line, P->cap, P->n + 1, 64))
		return -1;
	char *l = malloc(len + 1);
	if (!l)
		return -1;
	memcpy(l, s, len);
	l[len] = '\0';
	P->line[P->n++] = l;
	return 0;
}

/* Add s[0..n) as a line after `indent` blanks. */
static int add_piece(struct pager *P, int indent, const char *s, size_t n)
{
	if (!indent)
		return add_line(P, s, n);
	char *l = malloc((size_t)indent + n + 1);
	if (!l)
		return -1;
	memset(l, ' ', (size_t)indent);
	memcpy(l + indent, s, n);
	int rc = add_line(P, l, (size_t)indent + n);
	free(l);
	return rc;
}

/* Full-width punctuation that closes a phrase: a line does not start with it. */
static int closing(uint32_t cp)
{
	static const uint32_t marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF09, 0xFF01,
	                                 0xFF1F, 0x300D, 0x201D, 0x2019, 0x3011};
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (cp == marks[k])
			return 1;
	return 0;
}

/* Add one line of text, cut into pieces of at most `width` cells when width > 0 (never
 * inside a character). With `words` a piece ends at its last space, or before its last
 * Chinese character (Chinese has no spaces between words), when it has one, and the
 * pieces after the first are indented (the help's long lines). */
static int add_wrapped(struct pager *P, const char *s, int width, int words)
{
	size_t len = strlen(s), start = 0, i = 0, brk = 0;
	int cells = 0, indent = 0, skip = 0;      /* skip: the break is a space, dropped */
	while (width > 0 && i < len) {
		uint32_t cp;
		int n = text_decode(s + i, len - i, &cp);
		int w = n > 0 ? text_cp_width(cp) : 4;
		if (n <= 0)
			n = 1;
		if (cells + w > width - indent && i > start) {
			int at_brk = words && brk > start;
			size_t end = at_brk ? brk : i;
			if (add_piece(P, indent, s + start, end - start))
				return -1;
			start = i = end + (size_t)(at_brk && skip);
			cells = 0;
			indent = words ? 4 : 0;
			continue;
		}
		if (s[i] == ' ')
			brk = i, skip = 1;
		else if (w == 2 && i > start && !closing(cp))
			brk = i, skip = 0;
		cells += w;
		i += (size_t)n;
	}
	return add_piece(P, indent, s + start, len - start);
}

/* Split text into lines, expanding tabs to 8 columns (by bytes: tabs appear in
 * aligned ASCII output), wrapped at `width` cells when width > 0. A CSV's byte-order
 * mark at a line's start and the CR of a CRLF line end are not shown. */
static int split(struct pager *P, const char *text, int width, int words)
{
	const char *p = text;
	while (*p || P->n == 0) {
		const char *nl = strchr(p, '\n');
		if (!strncmp(p, "\xEF\xBB\xBF", 3))
			p += 3;
		size_t len = nl ? (size_t)(nl - p) : strlen(p), tabs = 0;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		for (size_t i = 0; i < len; i++)
			tabs += p[i] == '\t';
		char *l = malloc(len + tabs * 8 + 1);
		if (!l)
			return -1;
		size_t o = 0;
		for (size_t i = 0; i < len; i++) {
			if (p[i] != '\t') {
				l[o++] = p[i];
				continue;
			}
			do
				l[o++] = ' ';
			while (o % 8);
		}
		l[o] = '\0';
		int rc = add_wrapped(P, l, width, words);
		free(l);
		if (rc)
			return -1;
		if (!nl || !nl[1])
			break;
		p = nl + 1;
	}
	return 0;
}

static int pager_open(struct ui *ui, struct view *v)
{
	struct pager *P = v->priv;
	v->lines = P->n;
	v->at_start = v->at_end = 1;
	return 0;
}

static enum style diff_style(const char *l)
{
	if (!strncmp(l, "+++", 3) || !strncmp(l, "---", 3) || !strncmp(l, "diff ", 5))
		return ST_HEADER;
	if (l[0] == '+')
		return ST_ADD;
	if (l[0] == '-')
		return ST_DEL;
	if (!strncmp(l, "@@", 2))
		return ST_HUNK;
	if (!strncmp(l, "commit ", 7))
		return ST_SECTION;
	return ST_NORMAL;
}

static void pager_draw(struct ui *ui, struct view *v, long line, int y, int selected)
{
	struct pager *P = v->priv;
	const char *l = P->line[line];
	attr_t a = selected ? draw_style(ST_CURSOR) : P->diff ? draw_style(diff_style(l)) : A_NORMAL;
	draw_text(y, 0, COLS, l, a, 0);
}

static void pager_title(struct ui *ui, struct view *v, char *out, size_t n)
{
	struct pager *P = v->priv;
	snprintf(out, n, ngettext("%s  (%ld line)", "%s  (%ld lines)", (unsigned long)P->n), P->title, P->n);
}

static int pager_text(struct view *v, long line, char *out, size_t n)
{
	snprintf(out, n, "%s", ((struct pager *)v->priv)->line[line]);
	return 0;
}

static void pager_close(struct view *v)
{
	struct pager *P = v->priv;
	for (long i = 0; i < P->n; i++)
		free(P->line[i]);
	free(P->line);
}

const struct view_ops view_pager_ops = {
	.name = "pager",
	.priv_size = sizeof(struct pager),
	.open = pager_open,
	.draw = pager_draw,
	.title = pager_title,
	.text = pager_text,
	.close = pager_close,
};

int view_pager_push(struct ui *ui, const char *title, const char *text, int flags)
{
	struct pager P = {.diff = flags & PAGER_DIFF};
	snprintf(P.title, sizeof P.title, "%s", title);
	if (split(&P, text, flags & (PAGER_WRAP | PAGER_WORDS) ? COLS - 1 : 0, flags & PAGER_WORDS)) {
		struct view tmp = {.priv = &P};
		pager_close(&tmp);
		ui_status(ui, 1, _("out of memory"));
		return -1;
	}
	return ui_push(ui, &view_pager_ops, &P);
}
