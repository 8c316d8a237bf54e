/* ui_stack.c — the UI's view stack (open a view on top, close it, close them all) and
 * its status line with the ring of recent messages that `m` shows. */
#include "tui/ui_view.h"
#include "core/i18n.h"
#include "core/text.h"
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void remember(struct ui *ui, const char *msg)
{
	free(ui->messages[ui->message_next]);
	ui->messages[ui->message_next] = strdup(msg);
	ui->message_next = (ui->message_next + 1) % UI_MESSAGES;
	if (ui->nmessages < UI_MESSAGES)
		ui->nmessages++;
}

/* A message of several lines on the one status row: each line break (with the
 * indentation after it) becomes one space; the ring keeps the lines. */
static void one_line(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p != '\n' && *p != '\r') {
			*o++ = *p;
			continue;
		}
		while (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\r')
			p++;
		if (o > s && p[1])
			*o++ = ' ';
	}
	*o = '\0';
}

void ui_status(struct ui *ui, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof ui->status) {   /* cut short: never half a (Chinese) character */
		size_t n = strlen(ui->status);
		while (n && !text_valid_utf8(ui->status, n))
			ui->status[--n] = '\0';
	}
	ui->status_error = error;
	ui->status_dirty = 1;
	remember(ui, ui->status);
	one_line(ui->status);
}

const char *ui_role(const struct ui *ui)
{
	return i18n_english() ? access_role_code(ui->me.role) : access_role_label(ui->me.role);
}

const char *ui_key(struct ui *ui, const char *view, enum action a)
{
	struct view *top = view ? NULL : ui_top(ui);
	char *out = ui->key_names[ui->key_name_next];
	ui->key_name_next = (ui->key_name_next + 1) % (int)(sizeof ui->key_names / sizeof ui->key_names[0]);
	size_t len;
	if (!keymap_key_for(&ui->keys, view ? view : top ? top->ops->name : "generic", a, out,
	                    sizeof ui->key_names[0]))
		snprintf(out, sizeof ui->key_names[0], _("(unbound)"));
	else if (out[0] == '<' && (len = strlen(out)) > 2 && out[len - 1] == '>') {
		memmove(out, out + 1, len - 2);          /* <Enter> reads as Enter, <F4> as F4 */
		out[len - 2] = '\0';
	}
	return out;
}

void ui_log(struct ui *ui, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	remember(ui, msg);
}

int ui_store_error(struct ui *ui, int rc)
{
	ui_status(ui, 1, "%s", store_error(ui->s));
	return rc;
}

struct view *ui_top(struct ui *ui)
{
	return ui->depth ? ui->stack[ui->depth - 1] : NULL;
}

static void view_free(struct view *v)
{
	if (v->ops->close)
		v->ops->close(v);
	free(v->priv);
	free(v);
}

int ui_push(struct ui *ui, const struct view_ops *ops, const void *init)
{
	assert(ops->priv_size > 0);
	struct view *v = calloc(1, sizeof *v);
	void *priv = v ? calloc(1, ops->priv_size) : NULL;
	if (init && priv)
		memcpy(priv, init, ops->priv_size);
	if (!priv || ui->depth == UI_MAX_VIEWS) {
		if (priv)
			ui_status(ui, 1, _("too many views open: %s closes one"), ui_key(ui, NULL, ACT_BACK));
		else
			ui_status(ui, 1, _("out of memory"));
		if (init && ops->close) {      /* what the first contents point to is ours now */
			struct view tmp = {.ops = ops, .priv = (void *)init};
			ops->close(&tmp);
		}
		free(priv);
		free(v);
		return -1;
	}
	v->ops = ops;
	v->priv = priv;
	v->base = -1;
	v->generation = ui->generation;
	v->dirty = 1;
	int rc = ops->open(ui, v);
	if (rc < 0) {
		view_free(v);
		return rc;
	}
	ui->stack[ui->depth++] = v;
	ui->full = 1;
	return 0;
}

void ui_pop(struct ui *ui)
{
	if (!ui->depth)
		return;
	view_free(ui->stack[--ui->depth]);
	ui->full = 1;
	if (!ui->depth)
		ui->quit = 1;
}

void ui_changed(struct ui *ui)
{
	ui->generation++;
}

void ui_pop_all(struct ui *ui)
{
	while (ui->depth)
		view_free(ui->stack[--ui->depth]);
	for (int i = 0; i < UI_MESSAGES; i++) {
		free(ui->messages[i]);
		ui->messages[i] = NULL;
	}
}
