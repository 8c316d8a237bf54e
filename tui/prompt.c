/* prompt.c — the status-row line editor (see prompt.h). The text is kept as code points
 * so the cursor moves by character; it is shown from a scroll offset chosen so the
 * cursor stays in view (a "<" stands for what scrolled off), each character measured
 * with core/text.h. */
#include "tui/prompt.h"
#include "core/i18n.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

#define PROMPT_MAX 1024

struct line {
	uint32_t cp[PROMPT_MAX];
	int len, cur, scroll;
};

static int cp_cells(uint32_t c)
{
	return text_cp_width(c);
}

/* UTF-8 of cp[from, to) into out (size n). */
static void line_utf8(const struct line *l, int from, int to, char *out, size_t n)
{
	size_t used = 0;
	for (int i = from; i < to; i++) {
		char u[5];
		int k = key_utf8(l->cp[i], u);
		if (used + (size_t)k + 1 > n)
			break;
		memcpy(out + used, u, (size_t)k);
		used += (size_t)k;
	}
	out[used] = '\0';
}

/* Bytes of the line's UTF-8. */
static size_t line_bytes(const struct line *l)
{
	size_t used = 0;
	char u[5];
	for (int i = 0; i < l->len; i++)
		used += (size_t)key_utf8(l->cp[i], u);
	return used;
}

static void line_set(struct line *l, const char *s)
{
	size_t n = strlen(s);
	l->len = 0;
	for (size_t i = 0; i < n && l->len < PROMPT_MAX;) {
		uint32_t c;
		int used = text_decode(s + i, n - i, &c);
		if (used <= 0) {
			i++;
			continue;
		}
		i += (size_t)used;
		if (c >= 0x20 && c != 0x7f)
			l->cp[l->len++] = c;
	}
	l->cur = l->len;
	l->scroll = 0;
}

/* The cells a label leaves the value at least: a long label (one listing its Tab
 * choices) is cut, marked, rather than leave too little to see a value whole. */
#define PROMPT_VALUE_MIN 24

static void draw_line(struct ui *ui, const char *label, struct line *l)
{
	int y = LINES - 1, width = COLS - 1;
	attr_t la = draw_style(ST_STATUS) | A_BOLD;
	int lw = width;
	if (width >= 2 * PROMPT_VALUE_MIN && draw_width(label) > width - PROMPT_VALUE_MIN) {
		lw = width - PROMPT_VALUE_MIN;
		draw_cell(y, 0, lw - 1, label, la, 0);
		draw_text(y, lw - 1, 1, " ", la, 0);
	} else
		lw = draw_text(y, 0, width, label, la, 0);
	int avail = width - lw;
	if (avail < 3) {
		draw_blank(y, lw, width - lw, A_NORMAL);
		return;
	}
	if (l->scroll > l->cur)
		l->scroll = l->cur;
	for (;;) {   /* scroll right until the cursor (and one cell after it) fits */
		int w = l->scroll > 0;                  /* the "<" of what scrolled off */
		for (int i = l->scroll; i < l->cur; i++)
			w += cp_cells(l->cp[i]);
		if (w + 1 <= avail || l->scroll >= l->cur)
			break;
		l->scroll++;
	}
	int x = lw;
	if (l->scroll > 0)
		x += draw_text(y, x, 1, "<", A_BOLD, 0);
	char text[PROMPT_MAX * 4 + 1];
	line_utf8(l, l->scroll, l->len, text, sizeof text);
	draw_text(y, x, width - x, text, A_NORMAL, 0);
	for (int i = l->scroll; i < l->cur; i++)
		x += cp_cells(l->cp[i]);
	move(y, x);
	(void)ui;
}

static void line_insert(struct line *l, uint32_t c)
{
	if (l->len == PROMPT_MAX)
		return;
	memmove(&l->cp[l->cur + 1], &l->cp[l->cur], (size_t)(l->len - l->cur) * sizeof l->cp[0]);
	l->cp[l->cur++] = c;
	l->len++;
}

static void line_delete(struct line *l, int from, int to)
{
	if (from < 0) from = 0;
	if (to > l->len) to = l->len;
	if (from >= to)
		return;
	memmove(&l->cp[from], &l->cp[to], (size_t)(l->len - to) * sizeof l->cp[0]);
	l->len -= to - from;
	l->cur = from;
}

/* Where Tab completes: the word under the cursor, [from, from + len), matched by its
 * text before the cursor. A word ends at a space or a comma (ASCII or full-width) or 、,
 * so `income>100 town:龙` Tab completes town:龙 alone and keeps the rest of the line. */
struct completion {
	char stem[PROMPT_MAX * 4 + 1];   /* the word's text before the cursor at the first Tab */
	int turn;                        /* 0: no Tab yet; else the next choice to try + 1 */
	int from, len;                   /* the word the last Tab put in */
};

static int word_sep(uint32_t c)
{
	return c == ' ' || c == ',' || c == 0xff0c || c == 0x3001;
}

/* Replace cp[from, from + len) by s, the cursor after it; *len becomes its length. */
static void line_replace(struct line *l, int from, int *len, const char *s)
{
	line_delete(l, from, from + *len);
	l->cur = from;
	size_t n = strlen(s);
	int put = 0;
	for (size_t i = 0; i < n && l->len < PROMPT_MAX;) {
		uint32_t c;
		int used = text_decode(s + i, n - i, &c);
		i += used > 0 ? (size_t)used : 1;
		if (used > 0 && c >= 0x20 && c != 0x7f) {
			line_insert(l, c);
			put++;
		}
	}
	*len = put;
}

/* Tab: the next choice starting with the word's text typed before the first Tab. */
static void complete(struct line *l, const char *const *choices, struct completion *k)
{
	if (!choices || !choices[0])
		return;
	if (k->turn == 0) {
		int from = l->cur, to = l->cur;
		while (from > 0 && !word_sep(l->cp[from - 1]))
			from--;
		while (from < l->cur && to < l->len && !word_sep(l->cp[to]))
			to++;   /* the word's rest after the cursor; at a word's start, insert */
		line_utf8(l, from, l->cur, k->stem, sizeof k->stem);
		k->from = from;
		k->len = to - from;
	}
	int count = 0;
	for (int i = 0; choices[i]; i++)
		count++;
	for (int i = 0; i < count; i++) {
		const char *c = choices[(k->turn + i) % count];
		if (strncmp(c, k->stem, strlen(k->stem)) == 0) {
			k->turn = (k->turn + i) % count + 1;
			line_replace(l, k->from, &k->len, c);
			return;
		}
	}
}

/* A key that edits the line: returns 1 if handled. */
static int edit_key(struct line *l, int key)
{
	switch (key) {
	case KEY_BS_: case 8: line_delete(l, l->cur - 1, l->cur); return 1;
	case KEY_FN(KEY_DC): case 4: line_delete(l, l->cur, l->cur + 1); return 1;
	case KEY_FN(KEY_LEFT): case 2: if (l->cur > 0) l->cur--; return 1;
	case KEY_FN(KEY_RIGHT): case 6: if (l->cur < l->len) l->cur++; return 1;
	case KEY_FN(KEY_HOME): case 1: l->cur = 0; return 1;
	case KEY_FN(KEY_END): case 5: l->cur = l->len; return 1;
	case 21: line_delete(l, 0, l->cur); return 1;                  /* ^U */
	case 11: line_delete(l, l->cur, l->len); return 1;             /* ^K */
	case 23: {                                                     /* ^W */
		int from = l->cur;
		while (from > 0 && l->cp[from - 1] == ' ')
			from--;
		while (from > 0 && l->cp[from - 1] != ' ')
			from--;
		line_delete(l, from, l->cur);
		return 1;
	}
	}
	if (!KEY_IS_FN(key) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0)) {
		line_insert(l, (uint32_t)key);
		return 1;
	}
	return 0;
}

/* A message (why the value was refused, say) stays visible while the prompt has the
 * status row: on the row above it, until the prompt ends and the view is redrawn. */
static void show_message(struct ui *ui)
{
	if (!ui->status[0] || LINES < 3)
		return;
	draw_text(LINES - 2, 0, COLS, ui->status, draw_style(ui->status_error ? ST_ERROR : ST_STATUS) | A_REVERSE, 0);
	ui->full = 1;
}

/* A key of pasted text (between KEY_PASTE_BEGIN_ and KEY_PASTE_END_): text only. A line
 * break or Tab becomes a space (a prompt is one line: pasted lines never accept it);
 * Esc, other control characters and keys decoded from pasted escape sequences are
 * dropped (they never cancel the form, nor does the rest of the paste run as keys). */
static void paste_key(struct line *l, int key)
{
	if (key == KEY_ENTER_ || key == '\t')
		key = ' ';
	if (!KEY_IS_FN(key) && key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0))
		line_insert(l, (uint32_t)key);
}

/* 1 if more input is already waiting (it is put back): an Esc followed at once by more
 * bytes is part of pasted text, not a key pressed to cancel (a terminal without
 * bracketed paste). */
static int input_pending(void)
{
	wint_t wc;
	timeout(0);
	int r = get_wch(&wc);
	timeout(-1);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES)
		ungetch((int)wc);
	else
		unget_wch((wchar_t)wc);
	return 1;
}

int prompt_line(struct ui *ui, const char *label, char *buf, size_t n,
                const char *const *choices)
{
	struct line l;
	struct completion k = {.turn = 0};
	int rc, pasting = 0;
	line_set(&l, buf);
	curs_set(1);
	for (;;) {
		show_message(ui);
		draw_line(ui, label, &l);
		refresh();
		int key;
		if (ui_read_key(ui, &key)) {
			rc = PROMPT_END;
			ui->quit = 1;
			break;
		}
		if (key == KEY_FN(KEY_RESIZE)) {
			ui_repaint(ui, 0);
			ui_draw(ui);
			continue;
		}
		if (key == KEY_PASTE_BEGIN_ || key == KEY_PASTE_END_) {
			pasting = key == KEY_PASTE_BEGIN_;
			k.turn = 0;
			continue;
		}
		if (pasting) {
			paste_key(&l, key);
			continue;
		}
		if (key == KEY_ENTER_) {
			size_t bytes = line_bytes(&l);
			if (bytes < n) {
				rc = PROMPT_OK;
				break;
			}
			/* never cut what was typed to fit: say so and let it be shortened */
			ui_status(ui, 1, _("too long: %zu bytes, at most %zu here; shorten it"), bytes, n - 1);
			beep();
			continue;
		}
		if (key == KEY_ESC_ && input_pending())
			continue;             /* an Esc inside a paste: dropped, the paste goes on */
		if (key == KEY_ESC_ || key == 7 || key == 3) {
			rc = PROMPT_CANCEL;
			break;
		}
		if (key == '\t') {
			complete(&l, choices, &k);
			continue;
		}
		k.turn = 0;
		if (!edit_key(&l, key))
			beep();
	}
	line_utf8(&l, 0, l.len, buf, n);
	curs_set(0);
	ui->status_dirty = 1;
	return rc;
}

int prompt_key(struct ui *ui, const char *label, int *key)
{
	int y = LINES - 1;
	for (;;) {
		show_message(ui);
		int w = draw_text(y, 0, COLS - 1, label, draw_style(ST_STATUS) | A_BOLD, 0);
		move(y, w < COLS - 1 ? w : COLS - 2);
		curs_set(1);
		refresh();
		int rc = ui_read_key(ui, key);
		curs_set(0);
		ui->status_dirty = 1;
		if (rc) {
			ui->quit = 1;
			return PROMPT_END;
		}
		if (*key == KEY_FN(KEY_RESIZE)) {
			ui_repaint(ui, 0);
			ui_draw(ui);
			continue;
		}
		if (*key == KEY_PASTE_BEGIN_) {  /* a paste is no answer: dropped, asked again */
			if (ui_skip_paste(ui))
				return PROMPT_END;
			continue;
		}
		if (*key == KEY_PASTE_END_)
			continue;
		return *key == KEY_ESC_ || *key == 7 || *key == 3 ? PROMPT_CANCEL : PROMPT_OK;
	}
}

int prompt_yesno(struct ui *ui, const char *question)
{
	int key;
	char label[600];
	snprintf(label, sizeof label, _("%s (y/n) "), question);
	int rc = prompt_key(ui, label, &key);
	if (rc == PROMPT_END)
		return PROMPT_END;
	return rc == PROMPT_OK && (key == 'y' || key == 'Y');
}

int prompt_reason(struct ui *ui, const char *label, char *buf, size_t n)
{
	for (;;) {
		int rc = prompt_line(ui, label, buf, n, NULL);
		if (rc != PROMPT_OK)
			return rc;
		text_trim(buf);
		if (buf[0])
			return PROMPT_OK;
		ui_status(ui, 1, _("a reason is required: every change records why"));
	}
}
