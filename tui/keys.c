/* keys.c — the action table generated from ACTION_LIST, key names, and the keymap: the
 * compiled-in defaults (a text in the config syntax) overridden by the user's file. */
#include "tui/keys.h"
#include "core/grow.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/i18n.h"
#include "tui/userfiles.h"
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct action_info actions[ACT_COUNT] = {
	[ACT_NONE] = {"none", 0, N_("no action (unbinds a key)")},
#define X(id, name, flags, help) [ACT_##id] = {name, flags, help},
	ACTION_LIST(X)
#undef X
};

int action_find(const char *name)
{
	for (int a = 0; a < ACT_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return a;
	return -1;
}

/* The defaults. Every action also has a key that works while a Chinese input method is
 * active (arrows, function keys, Ctrl keys), and the full-width punctuation an input
 * method types (：？；、) does what its ASCII twin does. */
const char keymap_defaults[] =
	"# generic: every view, unless the view binds the key itself\n"
	"bind generic j          move-down\n"
	"bind generic <Down>     move-down\n"
	"bind generic ^N         move-down\n"
	"bind generic k          move-up\n"
	"bind generic <Up>       move-up\n"
	"bind generic ^P         move-up\n"
	"bind generic <PgDn>     page-down\n"
	"bind generic ^F         page-down\n"
	"bind generic <Space>    page-down\n"
	"bind generic <PgUp>     page-up\n"
	"bind generic ^B         page-up\n"
	"bind generic g          first\n"
	"bind generic <Home>     first\n"
	"bind generic G          last\n"
	"bind generic <End>      last\n"
	"bind generic <Enter>    open\n"
	"bind generic <Right>    open\n"
	"bind generic q          back\n"
	"bind generic <Left>     back\n"
	"bind generic <F3>       back\n"
	"bind generic Q          quit\n"
	"bind generic <F10>      quit\n"
	"bind generic ^L         repaint\n"
	"bind generic ^Z         suspend\n"
	"bind generic ^R         reload\n"
	"bind generic <F5>       reload\n"
	"bind generic ?          help\n"
	"bind generic ？         help\n"
	"bind generic <F1>       help\n"
	"bind generic :          command\n"
	"bind generic ：         command\n"
	"bind generic <F2>       command\n"
	"bind generic /          search\n"
	"bind generic 、         search\n"
	"bind generic <F7>       search\n"
	"bind generic n          search-next\n"
	"bind generic N          search-prev\n"
	"bind generic d          dashboard\n"
	"bind generic <F8>       dashboard\n"
	"bind generic W          drafts\n"
	"bind generic c          recent\n"
	"bind generic m          messages\n"
	"bind generic r          review-queue\n"
	"bind generic <F11>      review-queue\n"
	"bind generic a          today\n"
	"bind generic <F12>      today\n"
	"bind generic P          projects\n"
	"bind generic ^T         projects\n"
	"bind generic b          county\n"
	"bind generic ^E         county\n"
	"bind generic o          board\n"
	"bind generic ^G         board\n"
	"# the households list\n"
	"bind list    l          limit\n"
	"bind list    t          tag\n"
	"bind list    <F9>       tag\n"
	"bind list    T          tag-pattern\n"
	"bind list    ;          tag-prefix\n"
	"bind list    ；         tag-prefix\n"
	"bind list    E          edit-field\n"
	"bind list    <F4>       edit-field\n"
	"bind list    h          history\n"
	"bind list    '          jump-back\n"
	"bind list    ^O         jump-back\n"
	"bind list    w          write\n"
	"bind list    <F6>       history\n"
	"# one household\n"
	"bind household E        edit-field\n"
	"bind household <F4>     edit-field\n"
	"bind household h        history\n"
	"bind household <F6>     history\n"
	"bind history s          since\n"
	"bind history O          as-of\n"
	"bind recent  h          history\n"
	"bind recent  <F6>       history\n"
	"bind recent  O          as-of\n"
	"bind household V        add-visit\n"
	"bind household M        add-measure\n"
	"bind household K        add-task\n"
	"bind household C        move-case\n"
	"bind household R        reveal\n"
	"bind household X        correct\n"
	"bind household O        as-of\n"
	"bind household U        withdraw\n"
	"bind household I        add-income\n"
	"# the review queue\n"
	"bind review  A          approve\n"
	"bind review  B          send-back\n"
	"bind review  U          withdraw\n"
	"bind review  h          history\n"
	"bind review  w          write\n"
	"bind review  <F6>       history\n"
	"# tasks / today\n"
	"bind tasks   S          task-start\n"
	"bind tasks   D          task-done\n"
	"bind tasks   A          task-assign\n"
	"bind tasks   T          task-due\n"
	"bind tasks   h          history\n"
	"bind tasks   w          write\n"
	"bind tasks   <F6>       history\n"
	"# projects\n"
	"bind projects l         limit\n"
	"# the board\n"
	"bind board   <Tab>      board-by\n"
	"bind board   v          board-by\n"
	"# drafts\n"
	"bind drafts  X          discard\n"
	"bind drafts  <Delete>   discard\n";

const char *const keymap_default_comments[] = {
	N_("generic: every view, unless the view binds the key itself"), N_("the households list"),
	N_("one household"), N_("the review queue"), N_("tasks / today"), N_("projects"),
	N_("the board"), N_("drafts"), NULL,
};

static const struct { const char *name; int key; } named[] = {
	{"Up", KEY_FN(KEY_UP)},       {"Down", KEY_FN(KEY_DOWN)},   {"Left", KEY_FN(KEY_LEFT)},
	{"Right", KEY_FN(KEY_RIGHT)}, {"PgUp", KEY_FN(KEY_PPAGE)},  {"PgDn", KEY_FN(KEY_NPAGE)},
	{"Home", KEY_FN(KEY_HOME)},   {"End", KEY_FN(KEY_END)},     {"Delete", KEY_FN(KEY_DC)},
	{"Insert", KEY_FN(KEY_IC)},   {"Enter", KEY_ENTER_},        {"Esc", KEY_ESC_},
	{"Tab", '\t'},                {"Space", ' '},               {"Backspace", KEY_BS_},
};
#define NAMED_COUNT ((int)(sizeof named / sizeof named[0]))

int key_parse(const char *s, int *key)
{
	size_t len = strlen(s);
	if (len >= 3 && s[0] == '<' && s[len - 1] == '>') {
		char inner[16];
		if (len - 2 >= sizeof inner)
			return -1;
		memcpy(inner, s + 1, len - 2);
		inner[len - 2] = '\0';
		for (int i = 0; i < NAMED_COUNT; i++)
			if (strcasecmp(inner, named[i].name) == 0) {
				*key = named[i].key;
				return 0;
			}
		int f = (inner[0] == 'F' || inner[0] == 'f') ? atoi(inner + 1) : 0;
		if (f >= 1 && f <= 12 && strspn(inner + 1, "0123456789") == strlen(inner + 1)) {
			*key = KEY_FN(KEY_F(f));
			return 0;
		}
		return -1;
	}
	if (len == 2 && s[0] == '^' && strchr("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_abcdefghijklmnopqrstuvwxyz", s[1])) {
		*key = (s[1] >= 'a' && s[1] <= 'z' ? s[1] - 'a' + 'A' : s[1]) & 0x1f;
		return 0;
	}
	uint32_t cp;
	int used = text_decode(s, len, &cp);
	if (used <= 0 || (size_t)used != len || cp < 0x20 || cp == 0x7f)
		return -1;
	*key = (int)cp;
	return 0;
}

void key_describe(int key, char *out, size_t n)
{
	for (int i = 0; i < NAMED_COUNT; i++)
		if (named[i].key == key) {
			snprintf(out, n, "<%s>", named[i].name);
			return;
		}
	if (KEY_IS_FN(key)) {
		int code = KEY_CODE(key);
		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(out, n, "<F%d>", code - KEY_F0);
		else
			snprintf(out, n, "<key %d>", code);
		return;
	}
	if (key < 0x20) {
		snprintf(out, n, "^%c", key + '@');
		return;
	}
	char u[5];
	key_utf8((uint32_t)key, u);
	snprintf(out, n, "%s", u);
}

int key_utf8(uint32_t c, char out[5])
{
	int n;
	if (c < 0x80) {
		out[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		n = 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		n = 3;
	} else {
		out[0] = (char)(0xF0 | c >> 18);
		n = 4;
	}
	for (int i = 1; i < n; i++)
		out[i] = (char)(0x80 | (c >> (6 * (n - 1 - i)) & 0x3F));
	out[n] = '\0';
	return n;
}

static struct binding *find_binding(const struct keymap *km, const char *view, int key)
{
	for (int i = 0; i < km->n; i++)
		if (km->b[i].key == key && strcmp(km->b[i].view, view) == 0)
			return &km->b[i];
	return NULL;
}

static int bind_key(struct keymap *km, const char *view, int key, enum action a)
{
	struct binding *b = find_binding(km, view, key);
	if (!b) {
		if (GROW(km->b, km->cap, km->n + 1, 64))
			return -1;
		b = &km->b[km->n++];
		snprintf(b->view, sizeof b->view, "%s", view);
		b->key = key;
	}
	b->action = a;
	return 0;
}

static int known_view(const char *name, const char *const *views)
{
	if (strcmp(name, "generic") == 0)
		return 1;
	for (; views && *views; views++)
		if (strcmp(*views, name) == 0)
			return 1;
	return 0;
}

/* Parse one line; returns NULL or the problem. */
static const char *parse_line(struct keymap *km, char *line, const char *const *views)
{
	char *save = NULL, *tok[5];
	int n = 0;
	for (char *t = strtok_r(line, " \t\r", &save); t && n < 5; t = strtok_r(NULL, " \t\r", &save))
		tok[n++] = t;
	if (n == 0 || tok[0][0] == '#')
		return NULL;
	if (n > 4 && tok[4][0] != '#')
		return _("too many words: bind VIEW KEY ACTION");
	if (strcmp(tok[0], "bind") != 0 || n < 4)
		return _("expected: bind VIEW KEY ACTION");
	if (!known_view(tok[1], views))
		return _("unknown view (generic, list, household, history, ...)");
	int key;
	if (key_parse(tok[2], &key))
		return _("unknown key name (one character, ^X, or <Name> such as <Down>, <F5>)");
	int a = action_find(tok[3]);
	if (a < 0)
		return _("unknown action (the help screen, ?, lists them)");
	return bind_key(km, tok[1], key, (enum action)a) ? _("out of memory") : NULL;
}

int keymap_parse(struct keymap *km, const char *text, const char *origin,
                 const char *const *views, keymap_report_fn report, void *ctx)
{
	int problems = 0, lineno = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[512];
		lineno++;
		if (len >= sizeof line) {
			report(ctx, origin, lineno, _("line too long"));
			problems++;
		} else {
			memcpy(line, p, len);
			line[len] = '\0';
			const char *why = parse_line(km, line, views);
			if (why) {
				report(ctx, origin, lineno, why);
				problems++;
			}
		}
		p += len + (nl ? 1 : 0);
	}
	return problems;
}

int keymap_load_user(struct keymap *km, const char *const *views, keymap_report_fn report,
                     void *ctx, char *path_out, size_t n)
{
	char path[4096];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/bangfu/keys", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/bangfu/keys", home);
	else
		return 0;
	if (path_out)
		snprintf(path_out, n, "%s", path);
	FILE *f = userfiles_fopen(path, "r");   /* the person's file, with their own group */
	if (!f)
		return errno == ENOENT ? 0 : -1;
	struct buf text = {0};
	int rc = read_whole_file(f, &text, 0);
	fclose(f);
	int problems = rc ? -1 : keymap_parse(km, text.s, path, views, report, ctx);
	buf_free(&text);
	return problems;
}

enum action keymap_lookup(const struct keymap *km, const char *view, int key)
{
	const struct binding *b = find_binding(km, view, key);
	if (!b)
		b = find_binding(km, "generic", key);
	return b ? b->action : ACT_NONE;
}

int keymap_keys_of(const struct keymap *km, const char *view, enum action a, char *out, size_t n)
{
	int count = 0;
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < km->n; i++) {
		const struct binding *b = &km->b[i];
		if (b->action != a || strcmp(b->view, view) != 0)
			continue;
		char name[32];
		key_describe(b->key, name, sizeof name);
		int w = snprintf(out + used, n - used, "%s%s", count ? " " : "", name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
		count++;
	}
	return count;
}

/* How plainly a key names itself in a message: an ASCII character (E), then Enter, then
 * another character (？), then a function or control key (<F4>, ^R). */
static int key_rank(int key)
{
	if (key == KEY_ENTER_)
		return 2;
	if (KEY_IS_FN(key) || key <= 0x20 || key == 0x7f)
		return 0;
	return key < 0x80 ? 3 : 1;
}

int keymap_key_for(const struct keymap *km, const char *view, enum action a, char *out, size_t n)
{
	const struct binding *best = NULL;
	out[0] = '\0';
	for (int pass = 0; pass < 2 && !best; pass++)
		for (int i = 0; i < km->n; i++) {
			const struct binding *b = &km->b[i];
			/* among keys as plain, the later binding (a key the user's file added) */
			if (b->action == a && strcmp(b->view, pass ? "generic" : view) == 0 &&
			    keymap_lookup(km, view, b->key) == a &&
			    (!best || key_rank(b->key) >= key_rank(best->key)))
				best = b;
		}
	if (best)
		key_describe(best->key, out, n);
	return best != NULL;
}

void keymap_free(struct keymap *km)
{
	free(km->b);
	km->b = NULL;
	km->n = km->cap = 0;
}
