/* view_help.c — the help screen, generated from the live keymap (defaults plus the
 * user's file) and the action table: the keys of the view it was asked from, then the
 * keys of every view, then the actions bound to nothing, the config file's syntax and the
 * compiled-in defaults in that syntax. Shown in the pager. Also `bangfu --dump-keys`,
 * the default keys for docs/ui.md's table (docs/keys.sh). */
#include "tui/ui.h"
#include "tui/ui_view.h"
#include "core/text.h"
#include "core/i18n.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One "keys  action  help" line per action bound in `section` (nothing if none). */
static void section(struct ui *ui, struct buf *out, const char *section, const char *heading)
{
	int any = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[128];
		if (!keymap_keys_of(&ui->keys, section, (enum action)a, keys, sizeof keys))
			continue;
		if (!any++)
			buf_addf(out, "%s\n", heading);
		int pad = 18 - text_width(keys);     /* cells: full-width keys take two */
		buf_addf(out, "  %s%*s %-13s %s\n", keys, pad > 0 ? pad : 0, "", actions[a].name,
		         _(actions[a].help));
	}
	if (any)
		buf_adds(out, "\n");
}

static int bound_anywhere(struct ui *ui, enum action a)
{
	char keys[128];
	if (keymap_keys_of(&ui->keys, "generic", a, keys, sizeof keys))
		return 1;
	for (int i = 0; ui_views[i]; i++)
		if (keymap_keys_of(&ui->keys, ui_views[i]->name, a, keys, sizeof keys))
			return 1;
	return 0;
}

static void no_problems(void *ctx, const char *origin, int line, const char *msg)
{
	fprintf(stderr, "bangfu: %s:%d: %s\n", origin, line, msg);
	*(int *)ctx = 1;
}

int ui_dump_keys(FILE *out)
{
	const char *names[UI_NVIEWS + 1];
	int n = 0, bad = 0;
	for (int i = 0; ui_views[i]; i++)
		names[n++] = ui_views[i]->name;
	names[n] = NULL;
	struct keymap km = {0};
	if (keymap_parse(&km, keymap_defaults, "defaults", names, no_problems, &bad) || bad) {
		keymap_free(&km);
		return -1;
	}
	for (int a = 1; a < ACT_COUNT; a++)
		for (int i = -1; i < n; i++) {
			char keys[128];
			const char *view = i < 0 ? "generic" : names[i];
			if (keymap_keys_of(&km, view, (enum action)a, keys, sizeof keys))
				fprintf(out, "%s\t%s\t%s\t%s\n", actions[a].name, view, keys, _(actions[a].help));
		}
	keymap_free(&km);
	return 0;
}

/* The compiled-in defaults, their comments in the reader's language (keys.c lists them
 * for the catalog; a comment not listed is shown as it is). */
static void defaults(struct buf *out)
{
	for (const char *p = keymap_defaults; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *said = NULL;
		for (int i = 0; p[0] == '#' && p[1] == ' ' && keymap_default_comments[i]; i++)
			if (strlen(keymap_default_comments[i]) == len - 2 &&
			    strncmp(keymap_default_comments[i], p + 2, len - 2) == 0)
				said = keymap_default_comments[i];
		if (said)
			buf_addf(out, "# %s\n", _(said));
		else
			buf_addf(out, "%.*s\n", (int)len, p);
		p += len + (nl ? 1 : 0);
	}
}

int view_help_push(struct ui *ui, const struct view_ops *of)
{
	struct buf text = {0};
	char heading[128], title[128], path[4096] = "";
	snprintf(heading, sizeof heading, _("Keys of the %s view"), of->name);
	section(ui, &text, of->name, heading);
	section(ui, &text, "generic", _("Keys of every view (unless the view binds the key itself)"));
	for (int i = 0; ui_views[i]; i++) {
		if (ui_views[i] == of)
			continue;
		snprintf(heading, sizeof heading, _("Keys of the %s view"), ui_views[i]->name);
		section(ui, &text, ui_views[i]->name, heading);
	}
	int first = 1;
	for (int a = 1; a < ACT_COUNT; a++)
		if (!bound_anywhere(ui, (enum action)a)) {
			buf_addf(&text, "%s  %-13s %s\n", first ? _("Actions without a key:\n") : "",
			         actions[a].name, _(actions[a].help));
			first = 0;
		}
	const char *xdg = getenv("XDG_CONFIG_HOME");
	snprintf(path, sizeof path, "%s", xdg && *xdg ? "$XDG_CONFIG_HOME/bangfu/keys" : "~/.config/bangfu/keys");
	buf_addf(&text, _("\nRebinding: put lines in %s, in the syntax of the defaults below:\n"
	         "  bind VIEW KEY ACTION     VIEW is generic or a view name; ACTION none unbinds\n"
	         "  KEY: one character, ^X (Ctrl-X), or <Up> <Down> <Left> <Right> <PgUp> <PgDn>\n"
	         "       <Home> <End> <Enter> <Esc> <Tab> <Space> <Backspace> <Delete> <F1>..<F12>\n"
	         "\nState changes are behind uppercase keys or : verbs and always ask a reason.\n"
	         "\nThe defaults:\n"), path);
	defaults(&text);
	snprintf(title, sizeof title, _("Help: %s view"), of->name);
	int rc = buf_str(&text) ? view_pager_push(ui, title, text.s, PAGER_WORDS) : -1;
	if (!buf_str(&text))
		ui_status(ui, 1, _("out of memory"));
	buf_free(&text);
	return rc;
}
