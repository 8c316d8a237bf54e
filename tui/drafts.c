/* drafts.c — draft files of every form: where they live, writing one atomically, listing
 * and parsing them, forgetting one (see drafts.h). */
#include "tui/drafts.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/grow.h"
#include "tui/ui_state.h"
#include "core/buf.h"
#include "core/record.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int is_edit(const struct draft *d)
{
	return !d->form[0] || strcmp(d->form, DRAFT_EDIT) == 0;
}

static const char *field_key(int field)
{
	return field >= 0 && field < FIELD_COUNT ? model_fields[field].key : "";
}

static int draft_file(struct ui *ui, const struct draft *d, char *out, size_t n)
{
	char dir[3000], who[256];
	if (ui_state_dir(ui, "drafts", dir, sizeof dir))
		return -1;
	ui_state_owner(ui, who, sizeof who);
	if (is_edit(d))
		snprintf(out, n, "%s/%s-%s-m%d-%s.draft", dir, who, d->e.household, d->e.member,
		         d->e.field >= 0 ? field_key(d->e.field) : "field");
	else
		snprintf(out, n, "%s/%s-%s-%s.draft", dir, who, d->e.household, d->form);
	return 0;
}

const char *draft_answer(const struct draft *d, const char *key)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->a[i].key, key) == 0)
			return d->a[i].value;
	return NULL;
}

int draft_add(struct draft *d, const char *key, const char *value)
{
	if (d->n == DRAFT_ANSWERS ||
	    text_copy(d->a[d->n].key, sizeof d->a[d->n].key, key) ||
	    text_copy(d->a[d->n].value, sizeof d->a[d->n].value, value ? value : ""))
		return -1;                         /* refused whole, never cut */
	d->n++;
	return 0;
}

int drafts_keep(struct ui *ui, const struct draft *d, const char *problem)
{
	char file[4096], tmp[4200], id[PATH_MAX], num[32];
	struct buf text = {0};
	if (draft_file(ui, d, file, sizeof file)) {
		ui_status(ui, 1, _("cannot keep the draft: %s"), strerror(errno));
		return -1;
	}
	ui_state_data_dir(ui, id, sizeof id);
	record_put(&text, "dir", id);
	record_put(&text, "login", ui->me.login);
	record_put(&text, "form", is_edit(d) ? DRAFT_EDIT : d->form);
	record_put(&text, "household", d->e.household);
	if (is_edit(d)) {
		snprintf(num, sizeof num, "%d", d->e.member);
		record_put(&text, "member", num);
		record_put(&text, "field", field_key(d->e.field));
		snprintf(num, sizeof num, "%ld", d->e.version);
		record_put(&text, "version", num);
		record_put(&text, "value", d->e.value);
		record_put(&text, "why", d->e.why);
	}
	for (int i = 0; !is_edit(d) && i < d->n; i++)
		record_put(&text, d->a[i].key, d->a[i].value);
	record_put(&text, "problem", problem);
	snprintf(num, sizeof num, "%ld", (long)time(NULL));
	record_put(&text, "saved", num);
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	int fd = buf_str(&text) ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	int ok = fd >= 0 && write(fd, text.s, text.len) == (ssize_t)text.len && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	ok = ok && rename(tmp, file) == 0;
	buf_free(&text);
	if (!ok) {
		ui_status(ui, 1, _("cannot keep the draft %s: %s"), file, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* The field edit e as a draft of the edit form. */
static void edit_draft(const struct edit *e, struct draft *d)
{
	memset(d, 0, sizeof *d);
	snprintf(d->form, sizeof d->form, "%s", DRAFT_EDIT);
	d->e = *e;
}

int drafts_save(struct ui *ui, const struct edit *e, const char *problem)
{
	struct draft d;
	edit_draft(e, &d);
	return drafts_keep(ui, &d, problem);
}

/* Is text an edit's draft (its form line says so, or it has none: written before forms
 * were named)? An edit's answers are only its value and why. */
static int edit_text(const char *text)
{
	char key[64], value[2048];
	size_t pos = 0;
	long line = 0;
	int r;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0)
		if (r == 1 && strcmp(key, "form") == 0)
			return strcmp(value, DRAFT_EDIT) == 0;
	return 1;
}

static int parse_draft(const char *text, struct draft *d, const char *want_dir, const char *login)
{
	int edit = edit_text(text);
	char key[64], value[2048], dir[PATH_MAX] = "", who[64] = "", field[64] = "";
	size_t pos = 0;
	long line = 0;
	int r;
	memset(&d->e, 0, sizeof d->e);
	d->e.field = -1;
	d->form[0] = '\0';
	d->n = 0;
	const struct record_text texts[] = {
		{"dir", dir, sizeof dir},          {"login", who, sizeof who},
		{"form", d->form, sizeof d->form},
		{"household", d->e.household, sizeof d->e.household},
		{"field", field, sizeof field},    {"problem", d->problem, sizeof d->problem},
	};
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0) {
		if (r != 1)
			continue;
		int put = record_text_put(texts, sizeof texts / sizeof texts[0], key, value);
		if (put < 0)
			return -1;            /* longer than bangfu writes: not a draft of ours, never cut */
		if (put)
			continue;
		if (!strcmp(key, "member")) d->e.member = atoi(value);
		else if (!strcmp(key, "version")) d->e.version = atol(value);
		else if (!strcmp(key, "saved")) d->saved = atol(value);
		else if (edit && strcmp(key, "value") != 0 && strcmp(key, "why") != 0)
			continue;                  /* a later version's line: not read */
		else if (d->n < DRAFT_ANSWERS && draft_add(d, key, value))   /* the form's answers */
			return -1;                 /* longer than bangfu writes: not ours, never cut */
	}
	if (r < 0 || strcmp(dir, want_dir) != 0 || strcmp(who, login) != 0 || !d->e.household[0])
		return -1;
	if (!d->form[0])                        /* a draft from before forms were named */
		snprintf(d->form, sizeof d->form, "%s", DRAFT_EDIT);
	d->e.field = field[0] ? model_field_find(field) : -1;
	const char *v = draft_answer(d, "value"), *why = draft_answer(d, "why");
	snprintf(d->e.value, sizeof d->e.value, "%s", v ? v : "");
	snprintf(d->e.why, sizeof d->e.why, "%s", why ? why : "");
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct buf text = {0};
	int rc = read_whole_file(f, &text, 0);   /* all of it: a long draft is not cut */
	fclose(f);
	if (rc)
		buf_free(&text);
	return text.s;
}

static int newest_first(const void *a, const void *b)
{
	const struct draft *x = a, *y = b;
	return x->saved < y->saved ? 1 : x->saved > y->saved ? -1 : strcmp(x->file, y->file);
}

int drafts_list(struct ui *ui, struct draft **out, int *n)
{
	char dir[3000], id[PATH_MAX];
	*out = NULL;
	*n = 0;
	if (ui_state_dir(ui, "drafts", dir, sizeof dir))
		return 0;                 /* no place for drafts: there are none */
	ui_state_data_dir(ui, id, sizeof id);
	DIR *dh = opendir(dir);
	if (!dh)
		return 0;
	struct dirent *de;
	int cap = 0;
	size_t plen = strlen(ui->me.login);
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 7 || strcmp(de->d_name + len - 6, ".draft") != 0 ||
		    strncmp(de->d_name, ui->me.login, plen) != 0 || de->d_name[plen] != '-')
			continue;
		if (GROW(*out, cap, *n + 1, 8))
			break;
		struct draft *d = &(*out)[*n];
		memset(d, 0, sizeof *d);
		snprintf(d->file, sizeof d->file, "%s/%s", dir, de->d_name);
		char *text = slurp(d->file);
		if (text && parse_draft(text, d, id, ui->me.login) == 0)
			(*n)++;
		free(text);
	}
	closedir(dh);
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof **out, newest_first);
	return 0;
}

void drafts_drop(struct ui *ui, const struct draft *d)
{
	char file[4096];
	if (draft_file(ui, d, file, sizeof file) == 0)
		unlink(file);
}

void drafts_forget(struct ui *ui, const struct edit *e)
{
	struct draft d;
	edit_draft(e, &d);
	drafts_drop(ui, &d);
}
